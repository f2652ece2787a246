"""OpenTelemetry read through public names only: whether a meter provider is set, and the instrumentations silenced."""

from __future__ import annotations

import pytest
from opentelemetry import context, metrics
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.instrumentation.utils import is_http_instrumentation_enabled
from opentelemetry.sdk.metrics import MeterProvider

from pexip_engage_client._listening import _otel

from ..support.telemetry import SwitchableFake, Telemetry
from .test_tracing import SCOPE, client, new_fake, scope_of


def test_the_api_s_own_providers_count_as_none_set_and_the_sdk_s_as_set(monkeypatch: pytest.MonkeyPatch) -> None:
    # The API's own providers, its no-op one as the stand-in (a command run in this process may have set the global).
    monkeypatch.setattr(metrics, "get_meter_provider", metrics.NoOpMeterProvider)
    assert not _otel.meter_provider_set()
    monkeypatch.setattr(metrics, "get_meter_provider", MeterProvider)
    assert _otel.meter_provider_set()


def test_an_attempt_s_context_silences_the_http_instrumentations_until_closed() -> None:
    before = context.get_current()
    with _otel.attach_silenced(context.set_value("mark", 1, before)):
        assert context.get_value("mark") == 1
        assert not is_http_instrumentation_enabled()
    assert context.get_current() == before
    assert is_http_instrumentation_enabled()


async def test_without_the_instrumentations_module_a_call_is_traced_and_the_generic_instrumentation_adds_its_span(
    monkeypatch: pytest.MonkeyPatch, switch: SwitchableFake, loopback: str, telemetry: Telemetry
) -> None:
    monkeypatch.setattr(_otel, "INSTRUMENTATION_UTILITIES", "not.imported")  # as if never imported
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
