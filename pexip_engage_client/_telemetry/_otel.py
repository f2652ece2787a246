"""The OpenTelemetry side: the tracer, the meter and its instruments of one client.

Imported only once a call finds OpenTelemetry configured (a provider given to the client, or a
global one set): a program that does not use OpenTelemetry never loads it.

Two questions OpenTelemetry's API has no direct public answer to are answered with public names only:

- Whether a program set a global meter provider. Before one is set, `metrics.get_meter_provider()`
  returns the API's stand-in, which the API does not export. Every provider a program can set is
  defined outside the API's own package (the SDK's, a vendor's); the API's are its no-op and its
  stand-in. So a provider whose class comes from `opentelemetry.metrics` counts as none set, and the
  client asks on each call until OpenTelemetry is configured: a program which never configures it
  never builds instruments.
- How to keep the generic HTTP instrumentations (httpx2's) silent on the client's own attempts:
  `opentelemetry.instrumentation.utils.suppress_http_instrumentation()`, their public switch. That
  module is imported by every such instrumentation: where it is not imported, none runs, and there
  is nothing to silence (importing it here would cost a call about 37 ms, most of it wrapt).
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any

from opentelemetry import context, metrics, propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from .._version import VERSION

_SCOPE = "pexip_engage_client"
# The module of the instrumentations' public switch, looked for in `sys.modules` only.
INSTRUMENTATION_UTILITIES = "opentelemetry.instrumentation.utils"
# http.client.request.duration: the buckets the semantic conventions advise for it.
_DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0)


def configured_globally() -> bool:
    """Whether a program set a global tracer or meter provider (not only the API's stand-ins)."""
    if not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider | trace.NoOpTracerProvider):
        return True
    return meter_provider_set()


def meter_provider_set() -> bool:
    """Whether a program set a global meter provider (not only the API's no-op or its stand-in)."""
    return not type(metrics.get_meter_provider()).__module__.startswith(metrics.__name__)


def attach_silenced(current: Any) -> contextlib.ExitStack:
    """Make `current` the context, with the generic HTTP instrumentations silent in it; closing the stack undoes it."""
    stack = contextlib.ExitStack()
    stack.callback(context.detach, context.attach(current))
    utilities = sys.modules.get(INSTRUMENTATION_UTILITIES)
    if utilities is not None:
        stack.enter_context(utilities.suppress_http_instrumentation())
    return stack


class Instruments:
    """The tracer and the metric instruments of one client."""

    def __init__(self, tracer_provider: Any, meter_provider: Any) -> None:
        tracer_provider = tracer_provider if tracer_provider is not None else trace.get_tracer_provider()
        meter_provider = meter_provider if meter_provider is not None else metrics.get_meter_provider()
        self.tracer = tracer_provider.get_tracer(_SCOPE, VERSION)
        meter = meter_provider.get_meter(_SCOPE, VERSION)
        self.duration = meter.create_histogram(
            "http.client.request.duration",
            unit="s",
            description="Duration of HTTP client requests.",
            explicit_bucket_boundaries_advisory=_DURATION_BUCKETS,
        )
        self.retries = meter.create_counter(
            "pexip_engage.client.retries", unit="{retry}", description="Calls tried again, by reason."
        )
        self.spec_drift = meter.create_counter(
            "pexip_engage.client.spec_drift",
            unit="{difference}",
            description="Differences between the API's answers and openapi.yaml, by operation and kind.",
        )
        self.active_calls = meter.create_up_down_counter(
            "pexip_engage.client.active_calls", unit="{call}", description="Calls in flight."
        )

    def start_call(self, name: str, attributes: dict[str, Any], parent: Any) -> tuple[Any, Any]:
        """The INTERNAL span of a call, made current: (span, token to detach it with)."""
        span = self.tracer.start_span(name, context=parent, kind=SpanKind.INTERNAL, attributes=attributes)
        return span, context.attach(trace.set_span_in_context(span))

    @staticmethod
    def detach(token: Any) -> None:
        """Make the span current before `start_call` or `start_attempt` current again."""
        if isinstance(token, contextlib.ExitStack):  # start_attempt's
            token.close()
        else:
            context.detach(token)

    def start_walk(self, name: str) -> tuple[Any, Any]:
        """The INTERNAL span that the pages of one walk share, under the current span, and its context."""
        span = self.tracer.start_span(name, kind=SpanKind.INTERNAL)
        return span, trace.set_span_in_context(span)

    def start_attempt(self, name: str, attributes: dict[str, Any], headers: dict[str, str]) -> tuple[Any, Any]:
        """The CLIENT span of one attempt under the current span, with `traceparent` put in `headers`.

        The span is made current with HTTP instrumentation suppressed, so that httpx2's generic
        instrumentation adds no second span for the same request.
        """
        span = self.tracer.start_span(name, kind=SpanKind.CLIENT, attributes=attributes)
        current = trace.set_span_in_context(span)
        propagate.inject(headers, context=current)
        return span, attach_silenced(current)

    @staticmethod
    def end(span: Any, attributes: dict[str, Any], *, failed: bool = False) -> None:
        """Set the outcome's attributes, mark an error, and end `span`.

        The exception itself is not recorded: its message names the URL with its query as given, which
        `url.full` shows redacted, and `error.type` with the correlation id find it in the logs.
        """
        span.set_attributes(attributes)
        if failed:
            span.set_status(Status(StatusCode.ERROR))
        span.end()
