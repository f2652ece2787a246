"""Answers openapi.yaml did not foresee are returned, kept whole, and recorded (`engage.spec_drift`).

openapi.yaml is partly guessed (issue 67): a field it calls required may be absent, a null where it
allows none, a value of another JSON type. Read leniently (the default, `strict_responses=False`),
such an answer is returned: every field kept, `to_dict()` giving back what was sent (date-times as
the same instants), a field that could not be read raising `errors.UnreadableFieldError` when read.
Every difference is one record of `engage.spec_drift`. Strictly, the same answers raise
`UnexpectedResponseError` (new enum values and new fields excepted). Each test runs through every
sender against a real HTTP server on 127.0.0.1 answering crafted bodies (the sync twin of this
module, through the sync client's senders).

The project's other tests read strictly (`tests/conftest.py`), so the clients here say which they want.
"""

from __future__ import annotations

import copy
import datetime
import json
import logging
import os
import pickle
import signal
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx2
import pytest

from pexip_engage_client import PexipEngage, SpecDriftRecord, errors, models
from pexip_engage_client._runtime.lenient import SpecDifference

from ..senders.test_faults import SENDERS
from ..support.clients import TOKEN, answer
from ..support.loopback import serve, transport_app
from ..support.spec import documented_example


class CraftedServer:
    """The handler behind a real loopback server: answers with `respond`."""

    def __init__(self) -> None:
        self.root = ""
        self.respond: Callable[[httpx2.Request], httpx2.Response] = answer(200, {})

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        return self.respond(request)


@pytest.fixture(scope="module")
def module_server() -> Iterator[CraftedServer]:
    crafted = CraftedServer()
    with serve(transport_app(httpx2.MockTransport(crafted))) as root:
        crafted.root = root
        yield crafted


@pytest.fixture
def server(module_server: CraftedServer) -> CraftedServer:
    module_server.respond = answer(200, {})
    return module_server


@asynccontextmanager
async def engage_on(sender: str, server: CraftedServer, **kwargs: Any) -> AsyncIterator[PexipEngage]:
    kwargs.setdefault("strict_responses", False)
    async with PexipEngage("acme", token=TOKEN, base_url=server.root, **SENDERS[sender](), **kwargs) as engage:
        yield engage


def instants(document: Any) -> Any:
    """A JSON document with every ISO 8601 date-time text read as its instant (the client rewrites `Z` as `+00:00`)."""
    if isinstance(document, dict):
        return {key: instants(value) for key, value in document.items()}
    if isinstance(document, list):
        return [instants(item) for item in document]
    if isinstance(document, str) and len(document) >= 20 and document[10:11] == "T":
        try:
            return datetime.datetime.fromisoformat(document)
        except ValueError:
            return document
    return document


# Each kind of difference: the change to the documented appointment, the field it touches (Python
# name, or None when every field stays readable), and the record it makes.
KINDS: dict[str, tuple[Callable[[dict[str, Any]], Any], str | None, tuple[str, str, str, str]]] = {
    "missing": (lambda a: a.pop("subject"), "subject", ("/data/subject", "missing", "object", "absent")),
    "null": (lambda a: a.update(answers=None), "answers", ("/data/answers", "null", "array", "null")),
    "type": (
        lambda a: a.update(trailingBufferTime="15"),
        "trailing_buffer_time",
        ("/data/trailingBufferTime", "type", "integer", "string"),
    ),
    "enum": (lambda a: a.update(status="ON_HOLD"), None, ("/data/status", "enum", "string", "ON_HOLD")),
    "field": (lambda a: a.update(recording={"id": "r1"}), None, ("/data/recording", "field", "absent", "object")),
}
STRICT_REFUSES = {"missing", "null", "type"}  # new enum values and new fields are read strictly too


@pytest.mark.parametrize("sender", sorted(SENDERS))
@pytest.mark.parametrize("kind", list(KINDS))
async def test_each_kind_of_difference_is_returned_kept_and_recorded(
    kind: str, sender: str, server: CraftedServer
) -> None:
    change, field, (pointer, kind_recorded, expected, actual) = KINDS[kind]
    payload = documented_example("Appointment")
    change(payload["data"])
    server.respond = answer(200, payload)
    async with engage_on(sender, server) as engage:
        appointment = await engage.appointments.get_appointment_by_id("1")
        again = await engage.appointments.get_appointment_by_id("1")
        records = engage.spec_drift.records()

    assert instants(appointment.to_dict()) == instants(payload["data"])  # every field, as sent
    assert instants(again.to_dict()) == instants(payload["data"])
    assert appointment.id == payload["data"]["id"]  # the fields that fit read typed
    assert isinstance(appointment.created_at, datetime.datetime)
    if field is not None:
        with pytest.raises(errors.UnreadableFieldError) as raised:
            getattr(appointment, field)
        assert raised.value.field == field
        assert raised.value.operation == "getAppointmentById"
        assert raised.value.pointer == pointer
        assert raised.value.kind == kind
        assert "getAppointmentById" in str(raised.value)
        assert pointer in str(raised.value)
        assert getattr(appointment, field, "fallback") == "fallback"  # an AttributeError: absent to getattr
        json_name = pointer.rsplit("/", 1)[1]
        if kind != "missing":
            assert appointment[json_name] == payload["data"][json_name]  # the value as sent
    assert [(r.operation, r.pointer, r.kind, r.expected, r.actual, r.count) for r in records] == [
        ("getAppointmentById", pointer, kind_recorded, expected, actual, 2)
    ]
    assert records[0].first_seen <= records[0].last_seen


@pytest.mark.parametrize("sender", sorted(SENDERS))
@pytest.mark.parametrize("kind", list(KINDS))
async def test_strict_responses_refuse_every_difference_but_new_enum_values_and_fields(
    kind: str, sender: str, server: CraftedServer
) -> None:
    change, _, (pointer, *_) = KINDS[kind]
    payload = documented_example("Appointment")
    change(payload["data"])
    server.respond = answer(200, payload)
    async with engage_on(sender, server, strict_responses=True) as engage:
        if kind in STRICT_REFUSES:
            with pytest.raises(errors.UnexpectedResponseError) as raised:
                await engage.appointments.get_appointment_by_id("1")
            assert json.loads(raised.value.body) == payload
        else:
            appointment = await engage.appointments.get_appointment_by_id("1")
            assert instants(appointment.to_dict()) == instants(payload["data"])
        assert [record.pointer for record in engage.spec_drift.records()] == [pointer]  # seen either way


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_an_undocumented_status_and_business_error_code_are_recorded(sender: str, server: CraftedServer) -> None:
    refusal = {"errors": [{"message": "m", "code": "SLOT_GONE_MEANWHILE", "type": "t", "statusCode": "422"}]}
    server.respond = answer(422, refusal)
    async with engage_on(sender, server) as engage:
        with pytest.raises(errors.BusinessValidationError):  # getAppointmentById documents no 422
            await engage.appointments.get_appointment_by_id("1")
        records = {(r.operation, r.kind, r.actual) for r in engage.spec_drift.records()}
    assert records == {
        ("getAppointmentById", "status", "422"),
        ("getAppointmentById", "error_code", "SLOT_GONE_MEANWHILE"),
    }


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_page_with_one_bad_item_yields_every_item(sender: str, server: CraftedServer) -> None:
    item = documented_example("Appointment")["data"]
    items = [{**copy.deepcopy(item), "id": f"a{index}"} for index in range(5)]
    items[2]["hybrid"] = 0  # a number where the spec says boolean
    page = {"data": items, "meta": {"offset": 0, "limit": 25, "totalCount": 5}}
    server.respond = answer(200, page)
    async with engage_on(sender, server) as engage:
        walked = [appointment async for appointment in engage.appointments.get_appointments()]
        first = await engage.appointments.get_appointments()
        records = engage.spec_drift.records()
    assert [appointment.id for appointment in walked] == ["a0", "a1", "a2", "a3", "a4"]
    assert [appointment.id for appointment in first.data] == ["a0", "a1", "a2", "a3", "a4"]
    assert [appointment.hybrid for index, appointment in enumerate(walked) if index != 2] == [item["hybrid"]] * 4
    with pytest.raises(errors.UnreadableFieldError, match="getAppointments"):
        _ = walked[2].hybrid
    assert walked[2]["hybrid"] == 0
    assert [(r.operation, r.pointer, r.kind, r.actual) for r in records] == [
        ("getAppointments", "/data/*/hybrid", "type", "integer")
    ]


@pytest.mark.parametrize("body", [b"<html>", b"[1, 2]", b'{"meta": {}}'], ids=["not JSON", "a list", "no data"])
async def test_what_holds_nothing_to_return_is_still_refused(body: bytes, server: CraftedServer) -> None:
    server.respond = lambda request: httpx2.Response(200, content=body, headers={"content-type": "application/json"})
    async with engage_on("httpx2", server) as engage:
        with pytest.raises(errors.UnexpectedResponseError):
            await engage.appointments.get_appointment_by_id("1")


async def test_the_environment_asks_for_strict_responses(
    server: CraftedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = documented_example("Appointment")
    del payload["data"]["subject"]
    server.respond = answer(200, payload)
    monkeypatch.setenv("PEXIP_ENGAGE_STRICT_RESPONSES", "1")
    async with PexipEngage("acme", token=TOKEN, base_url=server.root) as engage:
        with pytest.raises(errors.UnexpectedResponseError):
            await engage.appointments.get_appointment_by_id("1")
    monkeypatch.setenv("PEXIP_ENGAGE_STRICT_RESPONSES", "0")
    async with PexipEngage("acme", token=TOKEN, base_url=server.root) as engage:
        assert (await engage.appointments.get_appointment_by_id("1")).id == payload["data"]["id"]
    with pytest.raises(ValueError, match="strict_responses"):
        PexipEngage("acme", token=TOKEN, strict_responses="yes")  # type: ignore[arg-type]


SECRET = "CUSTOMER-SECRET-7"


async def test_no_record_holds_a_value_the_body_logs_mask(server: CraftedServer) -> None:
    payload = documented_example("Appointment")
    appointment = payload["data"]
    appointment["internalNotes"] = {"text": SECRET}  # another type: a masked field's value
    appointment["messageForCustomer"] = 12
    appointment["answers"][0]["answerType"] = SECRET  # a new value of an enum whose name is masked
    appointment["answers"][0]["value"] = [SECRET]
    appointment["customerEmail"] = SECRET  # new fields
    appointment["notes2"] = {"nested": SECRET}
    appointment["status"] = "ON_HOLD"  # a new value of an enum whose name is not masked: kept
    server.respond = answer(200, payload)
    async with engage_on("httpx2", server) as engage:
        read = await engage.appointments.get_appointment_by_id("1")
        records = engage.spec_drift.records()
    assert instants(read.to_dict()) == instants(appointment)
    assert {(r.pointer, r.actual) for r in records} >= {
        ("/data/answers/*/answerType", "string"),
        ("/data/status", "ON_HOLD"),
        ("/data/customerEmail", "string"),
    }
    assert SECRET not in repr(records)
    assert SECRET not in repr(pickle.loads(pickle.dumps(records)))  # noqa: S301 - our own bytes


async def test_memory_is_bounded_whatever_field_names_a_server_invents(server: CraftedServer) -> None:
    from pexip_engage_client._drift._spec_drift import MAX_RECORDS

    payload = documented_example("Appointment")
    payload["data"].update({f"invented{index}": index for index in range(MAX_RECORDS + 500)})
    server.respond = answer(200, payload)
    async with engage_on("httpx2", server) as engage:
        await engage.appointments.get_appointment_by_id("1")
        assert len(engage.spec_drift.records()) == MAX_RECORDS
        assert engage.spec_drift.dropped == 500
        engage.spec_drift.clear()
        assert engage.spec_drift.records() == []


async def test_each_new_difference_is_logged_once_and_counted_by_open_telemetry(
    server: CraftedServer, caplog: pytest.LogCaptureFixture
) -> None:
    payload = documented_example("Appointment")
    payload["data"]["trailingBufferTime"] = "15"
    server.respond = answer(200, payload)
    # The SDK is a test dependency the floors' venv leaves out (Makefile: FLOORS_SUITES).
    pytest.importorskip("opentelemetry.sdk", reason="the OpenTelemetry SDK is not installed")
    from ..support.telemetry import Telemetry

    telemetry = Telemetry()
    with caplog.at_level(logging.WARNING, logger="pexip_engage_client.spec_drift"):
        async with engage_on("httpx2", server, meter_provider=telemetry.meter_provider) as engage:
            for _ in range(3):
                await engage.appointments.get_appointment_by_id("1")
    warnings = [r.getMessage() for r in caplog.records if r.name == "pexip_engage_client.spec_drift"]
    assert warnings == [
        "getAppointmentById answered unlike openapi.yaml: type at /data/trailingBufferTime"
        " (the spec: integer; came: string)"
    ]
    points = telemetry.metric_points()["pexip_engage.client.spec_drift"]
    assert [(dict(point.attributes), point.value) for point in points] == [
        ({"operation": "getAppointmentById", "kind": "type"}, 3)
    ]


def test_records_and_unreadable_field_errors_pickle() -> None:
    payload = documented_example("Appointment")
    del payload["data"]["subject"]
    from pexip_engage_client._runtime import read_lenient

    appointment = read_lenient(models.AppointmentResponse, payload, "getAppointmentById").data
    with pytest.raises(errors.UnreadableFieldError) as raised:
        _ = appointment.subject
    again = pickle.loads(pickle.dumps(raised.value))  # noqa: S301 - our own bytes
    assert (type(again), str(again), again.field) == (errors.UnreadableFieldError, str(raised.value), "subject")
    copied = pickle.loads(pickle.dumps(appointment))  # noqa: S301 - our own bytes; the unread field stays unread
    assert copied.to_dict() == appointment.to_dict()
    assert not hasattr(copied, "subject")
    now = datetime.datetime.now(datetime.UTC)
    record = SpecDriftRecord("getAppointmentById", "/data/subject", "missing", "object", "absent", 1, now, now)
    assert pickle.loads(pickle.dumps(record)) == record  # noqa: S301 - our own bytes


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")
def test_a_fork_while_another_thread_records_leaves_the_child_able_to_record() -> None:
    from pexip_engage_client._drift._spec_drift import SpecDrift

    drift = SpecDrift()
    drift._lock.acquire()  # as another thread of the parent would, recording at the moment of the fork
    try:
        child = os.fork()
        if child == 0:  # the child: bounded by an alarm, in case the lock it inherited were still held
            signal.alarm(5)
            drift.observe("getAppointmentById", [SpecDifference("/data/x", "field", "absent", "string")])
            os._exit(0 if len(drift.records()) == 1 else 1)
        _, status = os.waitpid(child, 0)
    finally:
        drift._lock.release()
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_misspelt_field_is_refused_by_type_checkers_and_raises_when_run() -> None:
    """The models' `__getattr__` (a field left unreadable) is hidden from type checkers.

    Were it visible, mypy and pyright would accept any attribute name on a model; `make check`'s
    mypy --strict would then report the ignore below as unused.
    """
    appointment = models.Appointment.from_dict(documented_example("Appointment")["data"])
    with pytest.raises(AttributeError) as raised:
        _ = appointment.no_such_field  # type: ignore[attr-defined]
    assert not isinstance(raised.value, errors.UnreadableFieldError)
