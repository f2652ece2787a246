"""The two private parts of OpenTelemetry's API the client reads, and its public path without them."""

from __future__ import annotations

import types

import pytest
from opentelemetry import context, metrics
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

from pexip_engage_client._telemetry import _otel, _otel_internals

from ..support.telemetry import SwitchableFake, Telemetry
from .test_tracing import SCOPE, client, new_fake, scope_of


def test_the_installed_api_has_both_private_parts() -> None:
    # The pinned API: the unset global meter provider is recognised, and the key is the API's own.
    assert len(_otel_internals.UNSET_METER_PROVIDERS) == 2
    assert isinstance(metrics.get_meter_provider(), _otel_internals.UNSET_METER_PROVIDERS)
    assert not _otel_internals.meter_provider_set()
    assert _otel_internals.SUPPRESS_HTTP_INSTRUMENTATION_KEY is not None
    silent = _otel_internals.suppressing_http_instrumentation(context.get_current())
    assert context.get_value(_otel_internals.SUPPRESS_HTTP_INSTRUMENTATION_KEY, silent) is True


def test_an_api_without_them_is_read_through_its_public_names() -> None:
    bare_metrics = types.ModuleType("metrics")
    bare_metrics.NoOpMeterProvider = metrics.NoOpMeterProvider  # type: ignore[attr-defined]
    assert _otel_internals.unset_meter_provider_classes(bare_metrics) == (metrics.NoOpMeterProvider,)
    assert _otel_internals.suppress_http_instrumentation_key(types.ModuleType("context")) is None


def test_without_the_stand_in_s_class_any_provider_but_the_no_op_counts_as_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_otel_internals, "UNSET_METER_PROVIDERS", (metrics.NoOpMeterProvider,))
    assert _otel_internals.meter_provider_set()
    assert _otel.configured_globally()


async def test_without_the_key_a_call_is_traced_and_the_generic_instrumentation_adds_its_span(
    monkeypatch: pytest.MonkeyPatch, switch: SwitchableFake, loopback: str, telemetry: Telemetry
) -> None:
    monkeypatch.setattr(_otel_internals, "SUPPRESS_HTTP_INSTRUMENTATION_KEY", None)
    assert _otel_internals.suppressing_http_instrumentation(context.get_current()) is context.get_current()
    # Through a caller's httpx client (the legacy path): OpenTelemetry's generic instrumentation
    # of httpx sees no request of httpx2's.
    HTTPXClientInstrumentor().instrument(tracer_provider=telemetry.tracer_provider)
    try:
        async with client("legacy_http_client", new_fake(), switch, loopback, telemetry) as engage:
            await engage.regions.get_regions(country_code="NL")
    finally:
        HTTPXClientInstrumentor().uninstrument()
    ours = sorted(span.name for span in telemetry.spans() if scope_of(span) == SCOPE)
    assert ours == ["GET /regions", "POST /realms/{enterprise}/protocol/openid-connect/token", "regions.get_regions"]
    # Nothing silences it: the generic instrumentation's span for each of the two requests.
    assert len([span for span in telemetry.spans() if scope_of(span) != SCOPE]) == 2
