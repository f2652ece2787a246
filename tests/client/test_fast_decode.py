"""The typed path (msgspec, a dependency) and the pure-Python path (a vendored copy without it) build equal models.

With msgspec installed a response body is decoded straight into the model's typed form, and a body
that form refuses takes the lenient path. These tests hold the two paths to the same results on
every documented response example and on mutated ones, and check that the typed form really is
taken where it should be (else the fast path would only be slower).
"""

from __future__ import annotations

import contextlib
import gc
import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from typing import Any
from unittest import mock

import httpx2
import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pexip_engage_client import errors, models
from pexip_engage_client._drift._recorder import AnswerRecorder
from pexip_engage_client._drift._spec_drift import SpecDrift
from pexip_engage_client._generated.types import UNSET
from pexip_engage_client._pipeline import _decode
from pexip_engage_client._runtime import Returns, read_lenient

from ..client.test_forward_compat import JSON_VALUES, at, object_paths
from ..support.clients import client_for
from ..support.spec import SPEC, documented_example, field_paths, operation_example


def documented_responses() -> list[tuple[str, Any, Any]]:
    """(operation, model, documented example) for every success response with a documented example."""
    found = []
    for path, operations in SPEC["paths"].items():
        for method, operation in operations.items():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {}).get("application/json", {})
                schema = content.get("schema", {}).get("$ref", "")
                if status.startswith("2") and schema and "documented" in content.get("examples", {}):
                    model = getattr(models, schema.rsplit("/", 1)[1])
                    found.append((f"{method.upper()} {path}", model, operation_example(path, method, status)))
    return found


DOCUMENTED = documented_responses()


@pytest.fixture(autouse=True)
def fast_path_from_the_first_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every body of these tests takes the fast path when it is on (small ones otherwise do not: see SMALL_BODY)."""
    monkeypatch.setattr(_decode, "SMALL_BODY", 0)


@contextlib.contextmanager
def pure_python() -> Iterator[None]:
    """The client without msgspec, as a vendored copy that left it out runs."""
    with mock.patch.object(_decode, "fast_path", return_value=None):
        yield


def parse_both(model: Any, content: bytes) -> tuple[Any, Any]:
    """Each path's result, or the class of the error it raised."""
    results = []
    for path in (contextlib.nullcontext, pure_python):
        with path():
            try:
                results.append(_decode.parse_body(content, Returns.model_of(model)))
            except (_decode.NotJSONError, _decode.ShapeMismatchError) as error:
                results.append(type(error))
    return results[0], results[1]


def test_every_documented_response_is_covered() -> None:
    assert len(DOCUMENTED) >= 20
    assert any(model is models.AppointmentResponse for _, model, _ in DOCUMENTED)


@pytest.mark.parametrize(("operation", "model", "example"), DOCUMENTED, ids=[case[0] for case in DOCUMENTED])
def test_both_paths_build_equal_models_from_the_documented_examples(operation: str, model: Any, example: Any) -> None:
    fast, pure = parse_both(model, json.dumps(example).encode())
    assert isinstance(pure, model)
    assert fast == pure


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("Appointment", models.AppointmentResponse),
        ("AcceptedAppointment", models.AppointmentResponse),
        ("Employee", models.EmployeeResponse),
        ("LeadSegment", models.LeadSegmentResponse),
    ],
)
def test_the_documented_examples_take_the_typed_form(name: str, model: Any) -> None:
    # Not the lenient fallback: this is what makes the fast path fast.
    content = json.dumps(documented_example(name)).encode()
    typed = _decode.typed_parser(model)
    assert typed is not None
    assert typed(content) == model.from_dict(json.loads(content))


@pytest.mark.parametrize(
    ("change", "check"),
    [
        (lambda d: d.update(externalId=None), lambda a: a.external_id is None),
        (lambda d: d.pop("externalId"), lambda a: a.external_id is UNSET),
        (lambda d: d.update(location=None), lambda a: a.location is None),
        (lambda d: d.pop("location"), lambda a: a.location is UNSET),
        (lambda d: d["location"]["geolocation"].update(latitude=51), lambda a: a.location.geolocation.latitude == 51),
        # msgspec asks the enum's _missing_, which accepts new values (see str_enum.py.jinja)
        (lambda d: d.update(status="NEW_STATUS"), lambda a: a.status == "NEW_STATUS" and not a.status.is_known),
    ],
    ids=["null", "absent", "null object", "absent object", "integer for a number", "unknown enum value"],
)
def test_the_typed_form_keeps_absent_null_numbers_and_new_enum_values_as_sent(change: Any, check: Any) -> None:
    payload = documented_example("Appointment")
    change(payload["data"])
    content = json.dumps(payload).encode()
    typed = _decode.typed_parser(models.AppointmentResponse)
    assert typed is not None
    assert check(typed(content).data)
    fast, pure = parse_both(models.AppointmentResponse, content)
    assert fast == pure


@pytest.mark.parametrize(
    ("change", "check"),
    [
        (lambda d: d.update(xNew={"a": [1]}), lambda a: a["xNew"] == {"a": [1]}),
        (lambda d: d["subject"].update(xNew=1), lambda a: a.subject["xNew"] == 1),
        (lambda d: d.update(trailingBufferTime=5.5), None),  # a type the schema does not allow
        (lambda d: d.pop("status"), None),  # a required field missing
        (lambda d: d.update(createdAt="yesterday"), None),  # a timestamp that is not one
    ],
    ids=["unknown field", "unknown nested field", "wrong type", "missing", "bad timestamp"],
)
def test_what_the_typed_form_refuses_is_decided_by_the_lenient_path(change: Any, check: Any) -> None:
    payload = documented_example("Appointment")
    change(payload["data"])
    content = json.dumps(payload).encode()
    typed = _decode.typed_parser(models.AppointmentResponse)
    assert typed is not None
    # msgspec's ValidationError (a ValueError from msgspec 0.20 on, not in 0.19), or fromisoformat's ValueError
    with pytest.raises((msgspec.ValidationError, ValueError)):
        typed(content)

    fast, pure = parse_both(models.AppointmentResponse, content)
    assert fast == pure
    if check is None:
        assert fast is _decode.ShapeMismatchError
    else:
        assert check(fast.data)


@pytest.mark.parametrize(
    "content",
    [b'{"data": {"a": NaN}}', b'\xef\xbb\xbf{"data": 1}', '{"data": 1}'.encode("utf-16"), b'{"data": "\\ud800"}'],
    ids=["NaN", "BOM", "UTF-16", "lone surrogate"],
)
def test_json_that_only_the_standard_library_reads_is_read_the_same_way(content: bytes) -> None:
    with pytest.raises(msgspec.DecodeError):
        msgspec.json.decode(content)
    expected = repr(json.loads(content))  # repr: NaN equals nothing, not even itself
    assert repr(_decode.loads(content)) == expected
    with pure_python():
        assert repr(_decode.loads(content)) == expected


@pytest.mark.parametrize(
    "content", [b"", b"<html>", b'{"data": ', b"[" * 100_000], ids=["empty", "html", "cut", "deep"]
)
def test_a_body_that_is_not_json_is_reported_as_such_by_both_paths(content: bytes) -> None:
    assert parse_both(models.AppointmentResponse, content) == (_decode.NotJSONError, _decode.NotJSONError)


async def test_a_call_takes_the_fast_path_and_keeps_what_it_does_not_know() -> None:
    payload = documented_example("Appointment")
    payload["data"]["answers"][0]["form"]["xNew"] = True
    engage, _ = client_for(lambda request: httpx2.Response(200, json=payload))
    async with engage:
        typed = await engage.appointments.get_appointment_by_id("1")
        with pure_python():
            pure = await engage.appointments.get_appointment_by_id("1")
    assert typed == pure
    assert typed.answers[0].form["xNew"] is True


async def test_a_shape_that_does_not_fit_raises_the_library_error_with_the_body_on_both_paths() -> None:
    body = b'{"data": {"id": 1}}'
    engage, _ = client_for(lambda request: httpx2.Response(200, content=body))
    async with engage:
        for path in (contextlib.nullcontext, pure_python):
            with path(), pytest.raises(errors.UnexpectedResponseError, match="does not match") as raised:
                await engage.appointments.get_appointment_by_id("1")
            assert raised.value.body == body


@st.composite
def mutated_documented_responses(draw: st.DrawFn) -> tuple[Any, bytes]:
    """A model and a documented example for it with a few random mutations, as bytes."""
    _, model, example = draw(st.sampled_from(DOCUMENTED))
    payload = json.loads(json.dumps(example))
    for _ in range(draw(st.integers(1, 4))):
        target = at(payload, draw(st.sampled_from(object_paths(payload))))
        kind = draw(st.sampled_from(["drop", "retype", "null", "new-string", "add", "timestamp"]))
        if kind == "add" or not target:
            target[draw(st.text(min_size=1, max_size=8))] = draw(JSON_VALUES)
            continue
        key = draw(st.sampled_from(sorted(target)))
        if kind == "drop":
            del target[key]
        elif kind == "retype":
            target[key] = draw(JSON_VALUES)
        elif kind == "null":
            target[key] = None
        elif kind == "timestamp":  # forms fromisoformat and msgspec might read differently
            target[key] = draw(st.sampled_from(["2022-08-17", "2022-08-17T19:05:21.1234567+01:00", "2022-08-17 19:05"]))
        else:
            target[key] = draw(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ_", min_size=1, max_size=12))
    return model, json.dumps(payload).encode()


@pytest.mark.slow
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_documented_responses())
def test_both_paths_agree_on_mutated_examples(case: tuple[Any, bytes]) -> None:
    model, content = case
    fast, pure = parse_both(model, content)
    assert fast == pure
    if not isinstance(pure, type):  # parsed: nothing the server sent is lost on the fast path either
        kept = fast.to_dict()
        sent = json.loads(content)
        assert field_paths(kept) == field_paths(sent)


def large_employee_page(count: int = 100) -> bytes:
    employee = documented_example("Employee")["data"]
    page = {
        "data": [{**employee, "id": f"employee-{number}"} for number in range(count)],
        "meta": {"offset": 0, "limit": count, "totalCount": count},
    }
    return json.dumps(page).encode()


@pytest.mark.parametrize("path", [contextlib.nullcontext, pure_python], ids=["fast", "pure-python"])
def test_a_large_body_is_parsed_with_the_collector_left_alone(path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # The garbage collector is the host application's: parsing never switches it off or runs it (issue 68).
    def touched(*args: object) -> None:
        raise AssertionError("the client touched the garbage collector")

    for name in ("disable", "enable", "collect", "freeze"):
        monkeypatch.setattr(gc, name, touched)
    with path():
        page = _decode.parse_body(large_employee_page(), Returns.model_of(models.EmployeeList))
    assert len(page.data) == 100


SMALL_EMPLOYEE = b'{"data": {"id": "e1", "function": {"language": "da", "value": "x"}}}'
_FIRST_BODIES = """
import json, sys
from pexip_engage_client import models
from pexip_engage_client._pipeline import _decode
from pexip_engage_client._runtime import Returns
employee = {"id": "e1", "function": {"language": "da", "value": "x"}}
small = json.dumps({"data": employee}).encode()
large = json.dumps({"data": {**employee, "lastName": "x" * _decode.SMALL_BODY}}).encode()
returns = Returns.model_of(models.EmployeeResponse)
loaded = []
for _ in range(200):
    assert _decode.parse_body(small, returns).data.id == "e1"
loaded.append("msgspec" in sys.modules)
_decode.parse_body(large, returns)
loaded.append("msgspec" in sys.modules)
print(json.dumps(loaded))
"""


@pytest.mark.end_to_end
def test_the_parser_is_chosen_by_the_body_not_by_how_many_the_process_has_read() -> None:
    # In a fresh interpreter: however many small bodies it reads, msgspec is not loaded; a large body takes it.
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_BODIES], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [False, True]


def test_small_bodies_never_take_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_decode, "SMALL_BODY", 1024)  # as shipped (the fixture lowers it)
    with mock.patch.object(_decode, "fast_path", wraps=_decode.fast_path) as fast_path:
        for _ in range(100):
            _decode.parse_body(SMALL_EMPLOYEE, Returns.model_of(models.EmployeeResponse))
    assert fast_path.call_count == 0


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.pop("subject"),
        lambda d: d.update(answers=None),
        lambda d: d.update(hybrid=0),
        lambda d: d.update(createdAt=1660763121),
        lambda d: d["appointmentParticipants"][0].update(role="OBSERVER"),
        lambda d: d["location"].update(xNew=[1]),
    ],
    ids=["missing", "null", "type", "date-time as a number", "enum", "nested field"],
)
def test_a_body_unlike_the_spec_is_read_and_recorded_the_same_on_both_paths(change: Any) -> None:
    """Read leniently (the client's default), on the fast path and without msgspec."""
    payload = documented_example("Appointment")
    change(payload["data"])
    content = json.dumps(payload).encode()
    results = []
    for path in (contextlib.nullcontext, pure_python):
        recorded = Recorded()
        reading = _decode.Reading(False, "get", "/appointments/{id}", AnswerRecorder(recorded.made))
        with path():
            parsed = _decode.parse_body(content, Returns.data_of(models.AppointmentResponse), reading)
        results.append((parsed.to_dict(), recorded.seen))
    assert results[0] == results[1]
    assert field_paths(results[0][0]) == field_paths(payload["data"])
    [(operation, found)] = results[0][1]
    assert operation == "getAppointmentById"
    assert len(found) == 1


@pytest.mark.parametrize("bad", [3, 12], ids=["a few items set aside", "more than are set aside"])
def test_a_large_page_with_items_unlike_the_spec_is_read_whole_on_the_fast_path(bad: int) -> None:
    """Typed around the items msgspec refuses (`_set_aside.py`), or, past MAX_SET_ASIDE, leniently throughout."""
    item = documented_example("Appointment")["data"]
    items = [{**item, "id": f"a{index}"} for index in range(200)]
    changes = [
        lambda a: a.update(hybrid=0),
        lambda a: a.pop("subject"),
        lambda a: a.update(xNew=[1]),
        lambda a: a.update(status="ON_HOLD"),
    ]
    for number in range(bad):
        changes[number % len(changes)](items[10 + number * 10])
    content = json.dumps({"data": items, "meta": {"offset": 0, "limit": 200, "totalCount": 200}}).encode()
    recorded = Recorded()
    reading = _decode.Reading(False, "get", "/appointments", AnswerRecorder(recorded.made))
    page = _decode.parse_body(content, Returns.model_of(models.AppointmentList), reading)
    assert [appointment.id for appointment in page.data] == [f"a{index}" for index in range(200)]
    assert field_paths([appointment.to_dict() for appointment in page.data]) == field_paths(items)
    [(_, found)] = recorded.seen
    expected = [("/data/*/hybrid", "type"), ("/data/*/subject", "missing"), ("/data/*/xNew", "field")]
    expected.append(("/data/*/status", "enum"))
    assert {(pointer, kind) for pointer, kind, _, _ in found} == set(expected[:bad])


def test_a_large_page_with_one_bad_item_is_read_whole_on_the_fast_path() -> None:
    item = documented_example("Appointment")["data"]
    items = [{**item, "id": f"a{index}"} for index in range(200)]
    items[150] = {**items[150], "trailingBufferTime": "15"}
    content = json.dumps({"data": items, "meta": {"offset": 0, "limit": 200, "totalCount": 200}}).encode()
    assert len(content) >= _decode.SMALL_BODY
    recorded = Recorded()
    reading = _decode.Reading(False, "get", "/appointments", AnswerRecorder(recorded.made))
    page = _decode.parse_body(content, Returns.model_of(models.AppointmentList), reading)
    assert [appointment.id for appointment in page.data] == [f"a{index}" for index in range(200)]
    assert [found for _, found in recorded.seen] == [[("/data/*/trailingBufferTime", "type", "integer", "string")]]
    with pytest.raises(errors.UnreadableFieldError):
        _ = page.data[150].trailing_buffer_time
    with pytest.raises(_decode.ShapeMismatchError):  # read strictly, as the project's own tests read
        _decode.parse_body(content, Returns.model_of(models.AppointmentList))


def test_an_object_with_fields_unlike_the_spec_is_read_typed_around_them() -> None:
    """The typed form reads the object with those fields given placeholders (`_set_aside.py`); then
    they are read as the lenient reading reads them: same model, same differences, same errors."""
    payload = documented_example("Appointment")
    payload["data"].update(hybrid=0, answers=None, createdAt=1660763121)
    payload["data"].pop("trailingBufferTime")
    payload["data"]["appointmentParticipants"][0]["videoUrl"] = 7
    content = json.dumps(payload).encode()
    returns = Returns.model_of(models.AppointmentResponse)
    results = []
    for path in (contextlib.nullcontext, pure_python):
        recorded = Recorded()
        reading = _decode.Reading(False, "get", "/appointments/{id}", AnswerRecorder(recorded.made))
        with path(), mock.patch("pexip_engage_client._pipeline._decode.read_lenient", wraps=read_lenient) as lenient:
            parsed = _decode.parse_body(content, returns, reading)
        errors_raised = []
        for name in ("hybrid", "answers", "trailing_buffer_time", "created_at"):
            with pytest.raises(errors.UnreadableFieldError) as raised:
                getattr(parsed.data, name)
            errors_raised.append(str(raised.value))
        with pytest.raises(errors.UnreadableFieldError) as raised:
            _ = parsed.data.appointment_participants[0].video_url
        errors_raised.append(str(raised.value))
        seen = [difference for _, found in recorded.seen for difference in found]
        results.append((parsed.to_dict(), sorted(seen), errors_raised, lenient.call_count))
    typed, pure = results
    assert typed[:3] == pure[:3]
    assert (typed[3], pure[3]) == (0, 1)  # the fast path never read the whole object field by field
    assert typed[1] == [
        ("/data/answers", "null", "array", "null"),
        ("/data/appointmentParticipants/*/videoUrl", "type", "null or string", "integer"),
        ("/data/createdAt", "type", "string", "integer"),
        ("/data/hybrid", "type", "boolean", "integer"),
        ("/data/trailingBufferTime", "missing", "integer", "absent"),
    ]


class Recorded(SpecDrift):
    """The differences a reading records, as `observe` is told them: (operation, differences) each."""

    def made(self) -> Recorded:
        """What the recorder asks for the drift, made on its first difference: this one."""
        return self

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, list[Any]]] = []

    def observe(self, operation: str, differences: Iterable[Any]) -> None:
        self.seen.append((operation, list(differences)))
