"""The lenient reader field by field (`_runtime/lenient.py`, docs/spec-drift.md), without a server.

test_spec_drift.py proves the promise through a client: an answer unlike the spec is returned, kept
and recorded. The cases here pin what it rests on, each a slip those calls would pass: a bool read as
a number, a list item or a const of another value accepted, a record or a pointer lost for a list's
items, an error's words, and the notes each model keeps for its error going with the model.
"""

from __future__ import annotations

import datetime
import enum
import gc
import pickle
from types import MappingProxyType
from typing import Any, Literal

import pytest

from pexip_engage_client import errors, models
from pexip_engage_client._base.answer_fields import Unread
from pexip_engage_client._runtime import lenient
from pexip_engage_client._runtime.model_types import plan
from pexip_engage_client._runtime.unset import UNSET

SUBJECT = {
    "id": "s1",
    "enabledForInternalUse": True,
    "enabledForCustomerUse": False,
    "order": 1,
    "name": None,
    "description": None,
    "instructions": None,
}
UNREADABLE = lenient._UNREADABLE
REFERENCE = {"id": "r1"}


def unreadable(model: object, field: str) -> errors.UnreadableFieldError:
    with pytest.raises(errors.UnreadableFieldError) as raised:
        getattr(model, field)
    return raised.value


def test_each_unknown_field_and_enum_value_is_counted_once() -> None:
    fields, values = lenient.unknown_fields(), lenient.unknown_enum_values()
    lenient.note_unknown_field()
    lenient.note_unknown_enum_value()
    assert (lenient.unknown_fields(), lenient.unknown_enum_values()) == (fields + 1, values + 1)


@pytest.mark.parametrize(
    ("pointer", "operation", "kind", "message"),
    [
        (
            "/data/trailingBufferTime",
            "getAppointmentById",
            "missing",
            "Appointment.trailing_buffer_time cannot be read: `trailingBufferTime` at /data/trailingBufferTime"
            " in getAppointmentById's body was absent, unlike openapi.yaml",
        ),
        (
            "",
            "",
            "null",
            "Appointment.trailing_buffer_time cannot be read: `trailingBufferTime` was null, unlike openapi.yaml;"
            " the value as sent is in additional_properties['trailingBufferTime']",
        ),
        (
            "",
            "",
            "type",
            "Appointment.trailing_buffer_time cannot be read: `trailingBufferTime` held a value of another type,"
            " unlike openapi.yaml; the value as sent is in additional_properties['trailingBufferTime']",
        ),
    ],
    ids=["missing, where known", "null", "another type"],
)
def test_an_unreadable_field_error_says_what_where_and_where_the_value_is(
    pointer: str, operation: str, kind: str, message: str
) -> None:
    error = errors.UnreadableFieldError(
        model="Appointment",
        field="trailing_buffer_time",
        json_name="trailingBufferTime",
        pointer=pointer,
        operation=operation,
        kind=kind,
    )
    assert str(error) == message
    assert (error.model, error.field, error.json_name, error.pointer, error.operation, error.kind) == (
        "Appointment",
        "trailing_buffer_time",
        "trailingBufferTime",
        pointer,
        operation,
        kind,
    )


def _raise(error: Exception) -> Any:
    raise error


def test_a_model_field_is_its_value_or_says_where_it_could_not_be_read() -> None:
    def refusal(pointer: str, operation: str) -> errors.UnreadableFieldError:
        return errors.UnreadableFieldError(
            model="Meta", field="total_count", json_name="totalCount", pointer=pointer, operation=operation, kind="null"
        )

    assert lenient.model_field(lambda: 5, pointer="/meta/totalCount") == 5
    assert lenient.model_field(lambda: None) is None  # None is a value
    assert lenient.model_field(lambda: UNSET) == Unread("", "missing", "")
    assert lenient.model_field(lambda: UNSET, pointer="/meta/x", operation="getX") == Unread(
        "/meta/x", "missing", "getX"
    )
    told = refusal("/meta/totalCount", "getAppointments")
    assert lenient.model_field(lambda: _raise(told), pointer="/p", operation="op") == Unread(
        "/meta/totalCount", "null", "getAppointments"
    )
    assert lenient.model_field(lambda: _raise(refusal("", "")), pointer="/p", operation="op") == Unread(
        "/p", "null", "op"
    )


def test_what_the_strict_reader_accepts_is_its_model_and_no_difference() -> None:
    data = {**SUBJECT, "x/y": 1.5}
    found: lenient.Found = []
    read = lenient.read_lenient(models.Subject, data, "getSubject", "/data", found)
    assert read == models.Subject.from_dict(data)
    assert found == []  # a new field is read strictly too (and counted there): nothing to record
    again = lenient.read_lenient(models.Subject, data, "getSubject", "/data", found, strict_first=False)
    assert again == read
    assert found == [("/data/x~1y", "field", "absent", "number")]


def test_a_list_of_models_is_read_item_by_item_with_its_pointer_records_and_notes() -> None:
    page = {
        "data": [{**SUBJECT, "order": True}, SUBJECT],
        "meta": {"totalCount": 2, "offset": 0, "limit": 10},
    }  # a bool is no number to the API
    found: lenient.Found = []
    read = lenient.read_lenient(models.SubjectList, page, "getSubjects", "", found)

    assert found == [("/data/*/order", "type", "integer", "boolean")]
    assert read.data[1] == models.Subject.from_dict(SUBJECT)
    assert read.data[0].name is None  # a null where the spec allows it is a value
    error = unreadable(read.data[0], "order")
    assert (error.pointer, error.operation, error.kind) == ("/data/*/order", "getSubjects", "type")
    assert read.data[0]["order"] is True
    assert lenient.unread_fields(read.data[0]) == ["order"]


def test_where_a_field_was_is_told_only_as_far_as_it_is_known() -> None:
    data = {key: value for key, value in SUBJECT.items() if key != "id"}
    nowhere = unreadable(lenient.read_lenient(models.Subject, data), "id")
    assert (nowhere.model, nowhere.json_name, nowhere.pointer, nowhere.operation) == ("Subject", "id", "", "")
    assert str(nowhere) == "Subject.id cannot be read: `id` was absent, unlike openapi.yaml"
    read = lenient.read_lenient(models.Subject, data, "getSubject")
    assert (unreadable(read, "id").pointer, unreadable(read, "id").operation) == ("/id", "getSubject")
    copied = pickle.loads(pickle.dumps(read))  # noqa: S301 - our own bytes; the copy was read by no operation
    assert (unreadable(copied, "id").pointer, unreadable(copied, "id").operation) == ("", "")
    with pytest.raises(AttributeError) as raised:
        _ = read.no_such_field
    assert str(raised.value) == "'Subject' object has no attribute 'no_such_field'"


def test_a_models_note_goes_with_it() -> None:
    data = {key: value for key, value in SUBJECT.items() if key != "id"}
    read = lenient.read_lenient(models.Subject, data, "getSubject", "/data")
    key = id(read)
    assert lenient._NOTES[key][:2] == ("getSubject", "/data")
    del read
    gc.collect()
    assert key not in lenient._NOTES  # else the notes would grow with every model read


def test_a_const_takes_its_one_value_only() -> None:
    participant = {"role": "PRIMARY", "type": "EMPLOYEE"}
    read = lenient.read_lenient(models.WebhookEmployeeParticipant, participant, strict_first=False)
    assert read.type_ == "EMPLOYEE"
    other = lenient.read_lenient(models.WebhookEmployeeParticipant, {**participant, "type": "CUSTOMER"})
    assert lenient.unread_fields(other) == ["type_"]


class Colour(enum.Enum):
    RED = "red"


@pytest.mark.parametrize(
    ("raw", "kind", "origin", "expected"),
    [
        ("EMPLOYEE", Literal["EMPLOYEE"], Literal, "EMPLOYEE"),
        ("CUSTOMER", Literal["EMPLOYEE"], Literal, UNREADABLE),
        ({"a": 1}, dict[str, Any], dict, {"a": 1}),
        (["a"], dict[str, Any], dict, UNREADABLE),
        (5, int, None, 5),
        (True, int, None, UNREADABLE),
        (True, bool, None, True),
        (1, float, None, 1),
        ("1", int, None, UNREADABLE),
        (1.5, int, None, UNREADABLE),
        ({"x": 1}, Any, None, {"x": 1}),
        ("x", "Unresolved", None, "x"),
        ("2024-05-01", datetime.date, None, datetime.date(2024, 5, 1)),
        (20240501, datetime.date, None, UNREADABLE),
        ("red", Colour, None, Colour.RED),
        ("blue", Colour, None, UNREADABLE),
        (b"x", bytes, None, b"x"),
        ("x", bytes, None, UNREADABLE),
        (REFERENCE, models.Reference, None, models.Reference.from_dict(REFERENCE)),
        (["x"], models.Reference, None, UNREADABLE),
    ],
)
def test_a_value_is_read_as_a_type_only_when_it_is_one(raw: Any, kind: Any, origin: Any, expected: Any) -> None:
    value = lenient._as_kind(raw, kind, origin)
    assert value is expected if expected is UNREADABLE else (value == expected and value is not UNREADABLE)


@pytest.mark.parametrize(
    ("raw", "kinds", "expected"),
    [
        (["a", "b"], (str,), ["a", "b"]),
        (["a", 1], (str,), None),
        ([1, "a"], (int, str), [1, "a"]),
        ("a", (str,), None),
        ([REFERENCE], (models.Reference,), [models.Reference.from_dict(REFERENCE)]),
        ([REFERENCE, "r2"], (models.Reference,), None),
    ],
)
def test_a_list_is_read_whole_or_not_at_all(raw: Any, kinds: tuple[Any, ...], expected: Any) -> None:
    assert lenient._items(raw, kinds, "", "", []) == expected


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ({}, "object"),
        (MappingProxyType({}), "object"),
        ([], "array"),
        ("", "string"),
        (1, "integer"),
        (1.5, "number"),
        (True, "boolean"),
        (None, "null"),
    ],
)
def test_a_values_json_type(value: object, name: str) -> None:
    assert lenient.json_type(value) == name


def test_a_field_read_again_is_set_when_it_fits_and_named_when_it_does_not() -> None:
    """`reread_field`: a field the typed form set aside (`_set_aside.py`), read as `read_lenient` reads it."""
    field = plan(models.Subject).by_json_name["order"]
    found: lenient.Found = []
    subject = models.Subject.from_dict(SUBJECT)
    lenient.reread_field(subject, field, {**SUBJECT, "order": 7}, "getSubject", "/data", found)
    assert (subject.order, found) == (7, [])
    lenient.reread_field(subject, field, {**SUBJECT, "order": "7"}, "getSubject", "/data", found)
    assert found == [("/data/order", "type", "integer", "string")]
    error = unreadable(subject, "order")
    assert (error.pointer, error.operation, subject["order"]) == ("/data/order", "getSubject", "7")
