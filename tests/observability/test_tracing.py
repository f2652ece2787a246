"""The client's own spans, metrics and event hooks: the same on every sender, never a secret.

One loopback server serves the fake API to the httpx2 and one-shot senders and to a caller's
`http_client` (httpx2's, and httpx's on the legacy path); the fake itself is the fifth way in, as a
transport. Spans and metric points are
read back from the OpenTelemetry SDK's in-memory exporter and reader.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import httpx2
import pytest
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace import SpanKind

from pexip_engage_client import (
    ErrorEvent,
    PexipEngage,
    RequestEvent,
    ResponseEvent,
    RetryEvent,
    errors,
)
from pexip_engage_client.testing import FakePexipEngage

from ..contract.test_contract import OPERATIONS
from ..support.leaks import value_leaks
from ..support.telemetry import SwitchableFake, Telemetry

CLIENT_ID, CLIENT_SECRET = "tracing-client", "client-s3cret-value"
SENDERS = ("httpx2", "one-shot", "http_client", "legacy_http_client", "fake")
SCOPE = "pexip_engage_client"


@asynccontextmanager
async def client(
    sender: str, fake: FakePexipEngage, switch: SwitchableFake, loopback: str, telemetry: Telemetry, **more: Any
) -> AsyncIterator[PexipEngage]:
    """A client with client credentials that reaches `fake` through `sender`."""
    providers: Any = {
        "tracer_provider": telemetry.tracer_provider,
        "meter_provider": telemetry.meter_provider,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        **more,
    }
    if sender == "fake":
        async with PexipEngage("acme", transport=fake, **providers) as engage:
            yield engage
        return
    switch.fake = fake
    where: Any = {"base_url": loopback, "auth_url": loopback}
    if sender == "http_client":
        async with (
            httpx2.AsyncClient() as http_client,
            PexipEngage("acme", http_client=http_client, **where, **providers) as engage,
        ):
            yield engage
        return
    if sender == "legacy_http_client":  # a caller's httpx client: the legacy path
        async with httpx.AsyncClient() as legacy_client:
            with pytest.warns(DeprecationWarning, match="httpx object"):
                engage = PexipEngage("acme", http_client=legacy_client, **where, **providers)
            async with engage:
                yield engage
        return
    async with PexipEngage("acme", http_backend=sender, **where, **providers) as engage:  # type: ignore[arg-type]
        yield engage


def scope_of(span: ReadableSpan) -> str | None:
    return span.instrumentation_scope.name if span.instrumentation_scope is not None else None


def new_fake() -> FakePexipEngage:
    fake = FakePexipEngage()
    fake.add_client(CLIENT_ID, CLIENT_SECRET)
    return fake


def shape(spans: list[ReadableSpan]) -> list[tuple[str, str, tuple[str, ...], str | None]]:
    """Each span's name, kind, attribute names and parent's name: what must not depend on the sender."""
    names = {span.context.span_id: span.name for span in spans}
    return sorted(
        (
            span.name,
            span.kind.name,
            tuple(sorted(span.attributes or {})),
            names.get(span.parent.span_id) if span.parent is not None else None,
        )
        for span in spans
    )


async def call_quietly(engage: PexipEngage, operation_id: str) -> None:
    # An error status is traced as well; the fake answers the same whichever sender asked.
    with contextlib.suppress(errors.PexipEngageError):
        await OPERATIONS[operation_id][0](engage)


@pytest.mark.slow
@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
async def test_every_operation_is_traced_the_same_on_every_sender(
    operation_id: str, switch: SwitchableFake, loopback: str, telemetry: Telemetry
) -> None:
    shapes = {}
    for sender in SENDERS:
        telemetry.clear()
        async with client(sender, new_fake(), switch, loopback, telemetry, max_retries=0) as engage:
            await call_quietly(engage, operation_id)
        spans = telemetry.spans()
        assert all(scope_of(span) == SCOPE for span in spans)
        shapes[sender] = shape(spans)
    assert (
        shapes["one-shot"]
        == shapes["httpx2"]
        == shapes["http_client"]
        == shapes["legacy_http_client"]
        == shapes["fake"]
    )

    operation = [span for span in spans if span.kind is SpanKind.INTERNAL]
    [internal] = operation
    tag, method = internal.name.split(".")
    assert hasattr(getattr(engage, tag), method)
    attempts = [span for span in spans if span.parent and span.parent.span_id == internal.context.span_id]
    token, api = attempts[0], attempts[1:]
    assert token.name == "POST /realms/{enterprise}/protocol/openid-connect/token"
    [attempt] = api
    attributes = attempt.attributes or {}
    assert attempt.kind is SpanKind.CLIENT
    assert attempt.name == f"{attributes['http.request.method']!s} {attributes['url.template']!s}"
    assert {
        "http.request.method",
        "url.template",
        "url.full",
        "server.address",
        "server.port",
        "http.response.status_code",
        "http.request.resend_count",
        "pexip_engage.correlation_id",
    } <= set(attributes)
    assert attributes["pexip_engage.correlation_id"] == (internal.attributes or {})["pexip_engage.correlation_id"]


async def test_a_429_then_200_is_one_call_over_two_attempts_with_a_retry_after_event(
    switch: SwitchableFake, loopback: str, telemetry: Telemetry, sleeps: list[float]
) -> None:
    fake = new_fake()
    appointment_id = fake.add_appointment()["id"]
    fake.fail("getAppointmentById", status=429, retry_after=2)
    async with client("httpx2", fake, switch, loopback, telemetry) as engage:
        await engage.appointments.get_appointment_by_id(appointment_id)
    assert sleeps == [2.0]

    spans = telemetry.spans()
    [internal] = [span for span in spans if span.kind is SpanKind.INTERNAL]
    attempts = [span for span in spans if span.name == "GET /appointments/{id}"]
    assert [span.parent.span_id for span in attempts if span.parent] == [internal.context.span_id] * 2
    assert [(span.attributes or {})["http.request.resend_count"] for span in attempts] == [0, 1]
    assert [(span.attributes or {})["http.response.status_code"] for span in attempts] == [429, 200]
    assert (attempts[0].attributes or {})["error.type"] == "429"
    [event] = internal.events
    assert event.name == "pexip_engage.retry"
    assert dict(event.attributes or {}) == {
        "pexip_engage.retry.number": 1,
        "pexip_engage.retry.reason": "HTTP 429",
        "pexip_engage.retry.wait": 2.0,
        "pexip_engage.retry.wait_source": "Retry-After",
    }
    points = telemetry.metric_points()
    [retries] = points["pexip_engage.client.retries"]
    assert retries.value == 1
    assert retries.attributes["pexip_engage.retry.reason"] == "429"
    durations = {
        point.attributes["http.response.status_code"]: point for point in points["http.client.request.duration"]
    }
    assert durations[429].count == durations[200].count == 1
    assert all(point.value == 0 for point in points["pexip_engage.client.active_calls"])


async def test_a_business_error_names_its_codes(telemetry: Telemetry) -> None:
    fake = new_fake()
    fake.fail("createAppointment", code="APPOINTMENT_SLOT_UNAVAILABLE")
    async with client("fake", fake, SwitchableFake(), "", telemetry) as engage:
        with pytest.raises(errors.BusinessValidationError):
            await OPERATIONS["createAppointment"][0](engage)
    spans = {span.name: span for span in telemetry.spans()}
    attempt, internal = spans["POST /appointments"], spans["appointments.create_appointment"]
    assert (attempt.attributes or {})["pexip_engage.error_codes"] == ("APPOINTMENT_SLOT_UNAVAILABLE",)
    assert (internal.attributes or {})["pexip_engage.error_codes"] == ("APPOINTMENT_SLOT_UNAVAILABLE",)
    assert (internal.attributes or {})["error.type"] == "pexip_engage_client.errors.BusinessValidationError"


@pytest.mark.parametrize("sender", ["httpx2", "one-shot"])
async def test_the_generic_http_instrumentations_add_no_span_inside_a_call(
    sender: str, switch: SwitchableFake, loopback: str, telemetry: Telemetry
) -> None:
    provider = telemetry.tracer_provider
    HTTPXClientInstrumentor().instrument(tracer_provider=provider)
    try:
        fake = new_fake()
        async with client(sender, fake, switch, loopback, telemetry) as engage:
            await engage.regions.get_regions(country_code="NL")
        ours = telemetry.spans()
        # The instrumentations are on: a request outside the client's calls gets their span (one
        # sent with httpx, which OpenTelemetry's httpx instrumentation sees; it sees none of httpx2's).
        async with httpx.AsyncClient() as plain:
            await plain.get(f"{loopback}/enterprises/acme/regions?countryCode=NL")
    finally:
        HTTPXClientInstrumentor().uninstrument()
    assert sorted(span.name for span in ours) == [
        "GET /regions",
        "POST /realms/{enterprise}/protocol/openid-connect/token",
        "regions.get_regions",
    ]
    assert all(scope_of(span) == SCOPE for span in ours)
    generic = [span for span in telemetry.spans() if scope_of(span) != SCOPE]
    assert len(generic) == 1


@pytest.mark.parametrize("sender", ["httpx2", "one-shot"])
async def test_traceparent_goes_out_on_every_attempt(
    sender: str, switch: SwitchableFake, loopback: str, telemetry: Telemetry, sleeps: list[float]
) -> None:
    fake = new_fake()
    fake.fail("getRegions", status=503)
    async with client(sender, fake, switch, loopback, telemetry) as engage:
        await engage.regions.get_regions(country_code="NL")
    attempts = [span for span in telemetry.spans() if span.name == "GET /regions"]
    sent = [request.headers["traceparent"] for request in fake.requests]
    assert len(sent) == len(attempts) == 2
    for traceparent, span in zip(sent, attempts, strict=True):
        assert traceparent.startswith(f"00-{span.context.trace_id:032x}-{span.context.span_id:016x}-")
    [token_request] = fake.token_requests
    assert token_request.headers["traceparent"].startswith(f"00-{attempts[0].context.trace_id:032x}-")


async def test_the_pages_of_one_walk_share_a_parent_span(telemetry: Telemetry) -> None:
    fake = new_fake()
    for number in range(7):
        fake.add_employee(first_name=f"E{number}")
    async with client("fake", fake, SwitchableFake(), "", telemetry) as engage:
        walked = [employee async for employee in engage.employees.get_employees(limit=2)]
    assert len(walked) == len(fake.employees)
    spans = telemetry.spans()
    [walk] = [span for span in spans if span.name == "employees.get_employees pages"]
    pages = [span for span in spans if span.name == "employees.get_employees"]
    assert len(pages) == 4
    assert {span.parent.span_id for span in pages if span.parent} == {walk.context.span_id}
    assert walk.end_time is not None
    assert all(walk.end_time >= span.end_time for span in pages if span.end_time)


async def test_no_secret_in_any_span_event_metric_or_hook(telemetry: Telemetry, sleeps: list[float]) -> None:
    fake = new_fake()
    fake.fail("getRegions", status=503)
    fake.fail("createAppointment", code="APPOINTMENT_SLOT_UNAVAILABLE")
    events: list[object] = []

    async def record(event: object) -> None:
        events.append(event)

    hooks = {kind: [record] for kind in ("request", "response", "retry", "error")}
    async with client("fake", fake, SwitchableFake(), "", telemetry, event_hooks=hooks) as engage:
        with pytest.raises(errors.BadRequestError):  # the fake knows no such parameter: traced all the same
            await engage.regions.get_regions(country_code="NL", extra_query={"access_token": "query-s3cret"})
        fake.revoke_tokens()  # a 401, then a renewed token
        await engage.regions.get_regions(country_code="NL")
        with pytest.raises(errors.BusinessValidationError):
            await OPERATIONS["createAppointment"][0](engage)
    tokens = {request.headers["Authorization"].removeprefix("Bearer ") for request in fake.requests}
    secrets = [CLIENT_SECRET, "query-s3cret", *tokens]
    assert len(tokens) == 2

    values = telemetry.recorded_values()
    hooked = [(type(event).__name__, event) for event in events]
    assert value_leaks(values, secrets) == []
    # An ErrorEvent holds the exception the call raises, whose message names the URL as given.
    assert value_leaks(hooked, [CLIENT_SECRET, *tokens]) == []
    assert value_leaks([(n, e) for n, e in hooked if not isinstance(e, ErrorEvent)], secrets) == []
    values += hooked
    assert value_leaks(values, ["Bearer", "Authorization"]) == []
    assert any("access_token=REDACTED" in str(value) for _, value in values)
    assert {type(event) for event in events} == {RequestEvent, ResponseEvent, RetryEvent, ErrorEvent}


async def test_event_hooks_see_each_attempt_and_one_that_raises_is_logged(
    sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakePexipEngage()
    fake.fail("getRegions", status=429, retry_after=1)
    seen: list[object] = []

    async def record(event: object) -> None:
        seen.append(event)

    def broken(event: object) -> None:
        raise RuntimeError("hook bug")

    hooks = {"request": [broken, record], "response": [record], "retry": [record], "error": [record]}
    async with PexipEngage("acme", token="t", transport=fake, event_hooks=hooks) as engage:  # type: ignore[arg-type]
        regions = await engage.regions.get_regions(country_code="NL")
        with pytest.raises(errors.NotFoundError):
            await engage.get("/regions/nope")
    assert regions.data == []
    kinds = [type(event).__name__ for event in seen]
    assert kinds == [
        "RequestEvent",
        "ResponseEvent",
        "RetryEvent",
        "RequestEvent",
        "ResponseEvent",
        "RequestEvent",
        "ResponseEvent",
        "ErrorEvent",
    ]
    retry = seen[2]
    assert isinstance(retry, RetryEvent)
    assert retry.retry_after == 1.0
    assert retry.reason == "HTTP 429"
    assert retry.wait == 1.0
    first, second = seen[0], seen[3]
    assert isinstance(first, RequestEvent)
    assert isinstance(second, RequestEvent)
    assert (first.operation, first.url_template, first.attempt, second.attempt) == (
        "regions.get_regions",
        "/regions",
        0,
        1,
    )
    error = seen[-1]
    assert isinstance(error, ErrorEvent)
    assert error.operation == "engage.get"
    assert isinstance(error.error, errors.NotFoundError)
    assert error.correlation_id == error.error.correlation_id
    assert sum("event hook" in record.getMessage() for record in caplog.records) == 3


def test_event_hooks_are_checked() -> None:
    with pytest.raises(ValueError, match="no kind 'responses'"):
        PexipEngage("acme", token="t", event_hooks={"responses": []})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not callable"):
        PexipEngage("acme", token="t", event_hooks={"request": ["print"]})  # type: ignore[arg-type]


async def test_with_options_clients_share_the_providers(telemetry: Telemetry) -> None:
    async with client("fake", new_fake(), SwitchableFake(), "", telemetry) as engage:
        await engage.with_options(max_retries=5).regions.get_regions(country_code="NL")
    assert "regions.get_regions" in {span.name for span in telemetry.spans()}


@pytest.mark.end_to_end
def test_without_a_provider_a_call_imports_no_opentelemetry() -> None:
    script = (
        "import asyncio, sys\n"
        "from pexip_engage_client import PexipEngage\n"
        "from pexip_engage_client.testing import FakePexipEngage\n"
        "async def main():\n"
        "    async with PexipEngage('acme', token='t', transport=FakePexipEngage()) as engage:\n"
        "        await engage.regions.get_regions(country_code='NL')\n"
        "        [r async for r in engage.employees.get_employees()]\n"
        "asyncio.run(main())\n"
        "loaded = [name for name in sys.modules if name.startswith('opentelemetry')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


@pytest.mark.end_to_end
def test_a_global_provider_set_after_the_client_was_made_is_used() -> None:
    # In a process of its own: a global provider can be set once per process.
    script = (
        "import asyncio\n"
        "from opentelemetry import trace\n"
        "from opentelemetry.sdk.trace import TracerProvider\n"
        "from opentelemetry.sdk.trace.export import SimpleSpanProcessor\n"
        "from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter\n"
        "from pexip_engage_client import PexipEngage\n"
        "from pexip_engage_client.testing import FakePexipEngage\n"
        "exporter = InMemorySpanExporter()\n"
        "async def main():\n"
        "    async with PexipEngage('acme', token='t', transport=FakePexipEngage()) as engage:\n"
        "        await engage.regions.get_regions(country_code='NL')\n"
        "        assert not exporter.get_finished_spans()\n"
        "        provider = TracerProvider()\n"
        "        provider.add_span_processor(SimpleSpanProcessor(exporter))\n"
        "        trace.set_tracer_provider(provider)\n"
        "        await engage.regions.get_regions(country_code='NL')\n"
        "asyncio.run(main())\n"
        "names = sorted(span.name for span in exporter.get_finished_spans())\n"
        "assert names == ['GET /regions', 'regions.get_regions'], names\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


async def test_event_hooks_see_the_same_on_every_sender(
    switch: SwitchableFake, loopback: str, telemetry: Telemetry, sleeps: list[float]
) -> None:
    seen: dict[str, list[tuple[Any, ...]]] = {}
    for sender in SENDERS:
        fake = new_fake()
        fake.fail("getRegions", status=503)
        events: list[tuple[Any, ...]] = []

        async def record(
            event: RequestEvent | ResponseEvent | RetryEvent | ErrorEvent, into: list[Any] = events
        ) -> None:
            if isinstance(event, RequestEvent | ResponseEvent):
                into.append(
                    (type(event).__name__, event.operation, event.url_template, event.attempt, event.token_request)
                )
            else:
                into.append((type(event).__name__, event.operation))

        hooks = {kind: [record] for kind in ("request", "response", "retry", "error")}
        async with client(sender, fake, switch, loopback, telemetry, event_hooks=hooks) as engage:
            await engage.regions.get_regions(country_code="NL")
            with pytest.raises(errors.NotFoundError):
                await engage.get("/regions/nope")
        seen[sender] = events
    assert seen["one-shot"] == seen["httpx2"] == seen["http_client"] == seen["legacy_http_client"] == seen["fake"]
    assert [event[0] for event in seen["fake"]] == [
        "RequestEvent",
        "ResponseEvent",  # the token request
        "RequestEvent",
        "ResponseEvent",
        "RetryEvent",
        "RequestEvent",
        "ResponseEvent",
        "RequestEvent",
        "ResponseEvent",
        "ErrorEvent",
    ]
    assert seen["fake"][0][-1] is True
