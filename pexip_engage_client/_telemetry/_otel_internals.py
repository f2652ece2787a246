"""The two parts of OpenTelemetry's API this package reads that the API does not document.

Nothing else in the package touches a private part of OpenTelemetry.

- Whether a program set a global meter provider. Before one is set, `metrics.get_meter_provider()`
  returns the API's stand-in, an instance of `opentelemetry.metrics._internal._ProxyMeterProvider`,
  which the API does not export (tracing exports its own, `trace.ProxyTracerProvider`, but metrics
  has no public counterpart nor a public "is one set" question). The client asks on each call until
  OpenTelemetry is configured, so that a program which never configures it never builds instruments.
- The context key the HTTP instrumentations (httpx2's, aiohttp's) read to stay silent,
  `opentelemetry.context._SUPPRESS_HTTP_INSTRUMENTATION_KEY`: its value is made with `create_key`,
  which adds a random suffix, so no public name can rebuild it. The instrumentation package's
  `suppress_http_instrumentation()` sets it publicly, but that package is not this client's
  dependency; the client sets the key itself on the span of each attempt.

Written for opentelemetry-api 1.27 (the `otel` extra's floor) to 1.45. When a later release drops
either name, the public path is taken: every provider that is not the API's `NoOpMeterProvider`
counts as set (the client then builds its instruments on the stand-in, which hands them over to the
provider a program sets later: correct, only earlier work), and no key is set (the generic
instrumentation may then add its own span beside the client's CLIENT span).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from opentelemetry import context, metrics


def unset_meter_provider_classes(api: ModuleType) -> tuple[type, ...]:
    """The classes of `api`'s (`opentelemetry.metrics`) providers that stand for none set."""
    proxy = getattr(getattr(api, "_internal", None), "_ProxyMeterProvider", None)
    return (api.NoOpMeterProvider, proxy) if isinstance(proxy, type) else (api.NoOpMeterProvider,)


def suppress_http_instrumentation_key(api: ModuleType) -> str | None:
    """The key in `api`'s (`opentelemetry.context`) contexts that the HTTP instrumentations read, if any."""
    key = getattr(api, "_SUPPRESS_HTTP_INSTRUMENTATION_KEY", None)
    return key if isinstance(key, str) else None


UNSET_METER_PROVIDERS = unset_meter_provider_classes(metrics)
SUPPRESS_HTTP_INSTRUMENTATION_KEY = suppress_http_instrumentation_key(context)


def meter_provider_set() -> bool:
    """Whether a program set a global meter provider (not only the API's stand-ins)."""
    return not isinstance(metrics.get_meter_provider(), UNSET_METER_PROVIDERS)


def suppressing_http_instrumentation(parent: Any) -> Any:
    """`parent` with the generic HTTP instrumentations told to stay silent, where the API allows it."""
    if SUPPRESS_HTTP_INSTRUMENTATION_KEY is None:
        return parent
    return context.set_value(SUPPRESS_HTTP_INSTRUMENTATION_KEY, True, parent)
