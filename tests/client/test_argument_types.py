"""One rule for `None`, wrong types named by parameter or body path, date-times with an offset, readable reprs."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest

from pexip_engage_client import PexipEngage, models
from pexip_engage_client._runtime import UNSET
from pexip_engage_client.errors import ArgumentError

from ..senders.test_faults import SENDERS
from ..support.clients import TOKEN, answer, client_for, without_walks_limit
from ..support.ensure_bodies import APPOINTMENT_NEEDS, appointment_create
from ..support.faultserver import Fault, fault_server
from ..support.spec import documented_example
from .test_request_input import EMPLOYEES, EMPLOYEES_PATH

APPOINTMENTS = b'{"data": [], "meta": {"offset": 0, "limit": 25, "totalCount": 0}}'
PARTICIPANT = {"participantId": "p", "role": "ORGANIZER", "type": "EMPLOYEE"}
NAIVE = datetime.datetime(2030, 1, 1, 9, 0)
NO_TIMEZONE = "has no timezone, so the API cannot tell which instant it is: give an aware datetime"


# --- None means "leave out" ------------------------------------------------------------------------


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_none_leaves_an_optional_parameter_out_on_either_sender(sender: str) -> None:
    with fault_server(Fault(body=EMPLOYEES)) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender]()) as engage:
            await engage.employees.get_employees(email=None, status=None, offset=None, limit=None)
            await engage.appointments.get_appointments(status=None, from_=None, meeting_type=None, id=None)
    # a list's offset belongs to its pages (the first is at 0); a limit not given, or None, leaves the server's
    # default to an awaited page, and asks a sync call's page as large as its walk's (docs/without-an-event-loop.md)
    assert without_walks_limit(server.requests) == [
        ("GET", EMPLOYEES_PATH + "?offset=0"),
        ("GET", "/enterprises/acme/appointments?offset=0"),
    ]


async def test_none_for_accept_language_means_the_clients_default() -> None:
    engage, recorder = client_for(answer(200, documented_example("Appointment")), accept_language="nl")
    async with engage:
        await engage.appointments.get_appointment_by_id("1", accept_language=None)
        await engage.appointments.get_appointment_by_id("1", accept_language="fr")
    assert [request.headers["accept-language"] for request in recorder.requests] == ["nl", "fr"]


@pytest.mark.parametrize("name", ["office_id", "meeting_type", "from_"])
async def test_none_for_a_required_parameter_is_refused_naming_it(name: str) -> None:
    engage, recorder = client_for(answer(200, {}))
    arguments: dict[str, Any] = {
        "from_": "2030-01-01T00:00:00Z",
        "to": "2030-01-02T00:00:00Z",
        "office_id": "o1",
        "subject_id": "s1",
        "meeting_type": "VIDEO",
        name: None,
    }
    async with engage:
        with pytest.raises(ValueError, match=f"^{name} is required, so it cannot be None"):
            await engage.availability.get_timetable(**arguments)
    assert recorder.requests == []


# --- wrong types are named -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"status": "ACCEPTED"},
            "status must be a list of AppointmentStatus values (got str); for one value, give ['ACCEPTED']",
        ),
        ({"status": ["ACCEPTED", "NOPE"]}, "status[1]: 'NOPE' is not a value the API defines"),
        ({"meeting_type": {"VIDEO"}}, "meeting_type must be a list of MeetingType values (got set)"),
        ({"from_": 5}, "from_ must be a datetime.datetime or ISO 8601 text (got 5)"),
    ],
)
async def test_a_wrong_parameter_type_is_a_value_error_naming_it_and_the_expected_type(
    arguments: dict[str, Any], message: str
) -> None:
    engage, recorder = client_for(answer(200, {"data": [], "meta": {"offset": 0, "limit": 25, "totalCount": 0}}))
    async with engage:
        with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
            await engage.appointments.get_appointments(**arguments)
    assert recorder.requests == []


async def test_a_bare_string_where_a_list_of_enums_is_expected_is_a_type_error_too() -> None:
    engage, recorder = client_for(answer(200, {"data": [], "meta": {"offset": 0, "limit": 25, "totalCount": 0}}))
    async with engage:
        # mypy --strict reports an unused ignore, so this line proves the signature refuses a str
        with pytest.raises(ValueError, match=r"^status must be a list of AppointmentStatus values"):
            await engage.appointments.get_appointments(status="ACCEPTED")  # type: ignore[arg-type]
        await engage.appointments.get_appointments(status=("ACCEPTED", models.AppointmentStatus.CANCELLED))
    assert recorder.requests[0].url.params.get_list("status") == ["ACCEPTED", "CANCELLED"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"limit": "all"}, "limit must be int (got str: 'all')"),
        ({"limit": True}, "limit must be int (got bool: True)"),
        ({"is_default": "yes"}, "is_default must be bool (got str: 'yes')"),
    ],
)
async def test_a_number_or_flag_parameter_of_another_type_is_named_with_the_type_expected(
    arguments: dict[str, Any], message: str
) -> None:
    engage, recorder = client_for(answer(200, {"data": [], "meta": {"offset": 0, "limit": 25, "totalCount": 0}}))
    async with engage:
        call = (
            engage.employees.get_employees
            if "limit" in arguments
            else engage.availability_templates.get_availability_templates
        )
        with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
            await call(*([] if "limit" in arguments else ["e1"]), **arguments)
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"start": 5}, "body.start must be ISO 8601 date-time text, not int"),
        ({"start": datetime.date(2030, 1, 1)}, "body.start must be ISO 8601 date-time text, not date"),
        ({"start": "soon"}, "body.start must be ISO 8601 date-time text, not 'soon'"),
        ({"subjectId": 7}, "body.subjectId must be str, not int"),
        (
            {"appointmentParticipants": [PARTICIPANT, {"participantId": "q", "type": "EMPLOYEE"}]},
            "body.appointmentParticipants[1] is missing the required field 'role'",
        ),
        (
            {"appointmentParticipants": [{**PARTICIPANT, "participantId": 5}]},
            "body.appointmentParticipants[0].participantId must be str, not int",
        ),
        (
            {"appointmentParticipants": ["someone"]},
            "body.appointmentParticipants[0] must be an object (AppointmentParticipantInput), not str",
        ),
    ],
)
async def test_a_wrong_body_value_is_a_value_error_naming_its_path(body: dict[str, Any], message: str) -> None:
    engage, recorder = client_for(answer(201, documented_example("Appointment")))
    async with engage:
        with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
            await engage.appointments.create_appointment(body={**APPOINTMENT_NEEDS, **body})
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("body", "python", "json_words"),
    [
        ({"externalId": 7}, "body.externalId must be str or None, not int", "must be a string or null, not an integer"),
        (
            {"officeRelations": {"role": "AGENT"}},
            "body.officeRelations must be list[OfficeRelationInput] or None, not dict",
            "must be an array of objects or null, not an object",
        ),
        (
            {"officeRelations": [{"role": "AGENT", "officeId": "o"}, {"role": "AGENT", "officeId": 3}]},
            "body.officeRelations[1].officeId must be str, not int",
            "body.officeRelations[1].officeId must be a string, not an integer",
        ),
    ],
)
async def test_a_wrong_type_in_a_nullable_list_or_nested_field_is_named_in_either_words(
    body: dict[str, Any], python: str, json_words: str
) -> None:
    """Python's words in the message, JSON's (string, array, object, null) for a caller who writes JSON."""
    engage, recorder = client_for(answer(200, {"data": {}}))
    async with engage:
        with pytest.raises(ArgumentError) as caught:
            await engage.employees.update_employee_by_id("e1", body=body)
    assert str(caught.value) == python
    assert json_words in caught.value.worded(str)
    assert "matches no allowed type" not in str(caught.value)
    assert recorder.requests == []


# --- date-times carry their offset -----------------------------------------------------------------


@pytest.mark.parametrize("value", [NAIVE, "2030-01-01T09:00:00", "2030-01-01"])
async def test_a_date_time_parameter_without_an_offset_is_refused_saying_to_add_a_timezone(value: Any) -> None:
    engage, recorder = client_for(answer(200, {"data": [], "meta": {"offset": 0, "limit": 25, "totalCount": 0}}))
    async with engage:
        with pytest.raises(ValueError, match="^from_ " + re.escape(NO_TIMEZONE)):
            await engage.appointments.get_appointments(from_=value)
    assert recorder.requests == []


@pytest.mark.parametrize(
    "body",
    [
        {**APPOINTMENT_NEEDS, "start": "2030-01-01T09:00:00"},
        appointment_create(start=NAIVE),
        {**APPOINTMENT_NEEDS, "start": NAIVE},
    ],
    ids=["json-text", "model", "dict-datetime"],
)
async def test_a_date_time_in_a_body_without_an_offset_is_refused_naming_its_path(body: Any) -> None:
    engage, recorder = client_for(answer(201, documented_example("Appointment")))
    async with engage:
        with pytest.raises(ValueError, match="^body.start " + re.escape(NO_TIMEZONE)):
            await engage.appointments.create_appointment(body=body)
    assert recorder.requests == []


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_date_time_with_an_offset_goes_out_with_it_on_either_sender(sender: str) -> None:
    with fault_server(Fault(body=APPOINTMENTS)) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender]()) as engage:
            await engage.appointments.get_appointments(
                from_="2030-01-01T09:00:00Z", to=NAIVE.replace(tzinfo=datetime.UTC)
            )
    assert without_walks_limit(server.requests) == [
        (
            "GET",
            "/enterprises/acme/appointments?from=2030-01-01T09%3A00%3A00%2B00%3A00&to=2030-01-01T09%3A00%3A00%2B00%3A00"
            "&offset=0",
        )
    ]


# --- a dict body's datetime and date, sent as a model sends them ----------------------------------


async def test_a_dict_body_holding_datetimes_is_sent_as_its_model_is() -> None:
    start = datetime.datetime(2030, 1, 1, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    end = start + datetime.timedelta(hours=1)
    engage, recorder = client_for(answer(201, documented_example("Appointment")))
    async with engage:
        await engage.appointments.create_appointment(body={**APPOINTMENT_NEEDS, "start": start, "end": end})
        await engage.appointments.create_appointment(body=appointment_create(start=start, end=end))
    from_dict, from_model = recorder.requests
    assert json.loads(from_dict.content)["start"] == "2030-01-01T09:00:00+01:00"
    assert from_dict.content == from_model.content


async def test_a_nullable_date_time_field_takes_a_datetime_too() -> None:
    end = datetime.datetime(2030, 1, 1, 9, 0, tzinfo=datetime.UTC)
    engage, recorder = client_for(answer(201, {"data": {"id": "c1"}}))
    async with engage:
        await engage.contexts.create_context(body={"end": end})
        await engage.contexts.create_context(body=models.ContextCreate(end=end))
    from_dict, from_model = recorder.requests
    assert json.loads(from_dict.content) == {"end": "2030-01-01T09:00:00+00:00"}
    assert from_dict.content == from_model.content


APPLIED = {
    "id": "a1",
    "startDate": "2030-01-01",
    "endDate": "2030-01-31",
    "availabilityTemplate": {"id": "t"},
    "timeZone": "Europe/Brussels",
    "createdAt": "2030-01-01T00:00:00Z",
    "updatedAt": "2030-01-01T00:00:00Z",
}


async def test_a_dict_body_holding_dates_is_sent_as_its_model_is_and_a_datetime_is_no_date() -> None:
    days = {"startDate": datetime.date(2030, 1, 1), "endDate": datetime.date(2030, 1, 31)}
    engage, recorder = client_for(answer(201, {"data": APPLIED}))
    async with engage:
        await engage.availability_templates.apply_availability_template(
            "e1", body={**days, "availabilityTemplateId": "t"}
        )
        model = models.AppliedTemplateCreate(
            start_date=days["startDate"], end_date=days["endDate"], availability_template_id="t"
        )
        await engage.availability_templates.apply_availability_template("e1", body=model)
        with pytest.raises(
            ValueError, match=re.escape("body.startDate must be a datetime.date or ISO 8601 date text, not a datetime")
        ):
            await engage.availability_templates.apply_availability_template(
                "e1", body={**days, "startDate": NAIVE.replace(tzinfo=datetime.UTC), "availabilityTemplateId": "t"}
            )
    from_dict, from_model = recorder.requests
    assert json.loads(from_dict.content) == {
        "startDate": "2030-01-01",
        "endDate": "2030-01-31",
        "availabilityTemplateId": "t",
    }
    assert from_dict.content == from_model.content


# --- readable reprs --------------------------------------------------------------------------------


def test_unset_prints_as_its_name() -> None:
    assert repr(UNSET) == "UNSET"


def test_a_model_prints_only_the_fields_that_hold_a_value() -> None:
    assert repr(models.LeadSegmentCreate(code="RV")) == "LeadSegmentCreate(code='RV')"
    cleared = models.LeadSegmentCreate(code="RV", description=None)
    assert repr(cleared) == "LeadSegmentCreate(code='RV')"  # None is noise in a repr of what the API sent...
    assert cleared.to_dict() == {"code": "RV", "description": None}  # ...and sent all the same
    extra = models.LeadSegmentCreate(code="RV", additional_properties={"colour": "red"})
    assert repr(extra) == "LeadSegmentCreate(code='RV', additional_properties={'colour': 'red'})"


def test_a_parsed_model_prints_the_same_every_time_without_addresses_or_placeholders() -> None:
    payload = documented_example("Appointment")["data"]
    text = repr(models.Appointment.from_dict(payload))
    assert text == repr(models.Appointment.from_dict(payload))
    assert " at 0x" not in text
    assert "Unset" not in text
    assert "additional_properties={}" not in text
    assert text.startswith("Appointment(id=")


def test_a_model_that_holds_itself_prints_without_recursing_forever() -> None:
    segment = models.LeadSegmentCreate(code="RV")
    segment.additional_properties["self"] = segment
    assert repr(segment) == "LeadSegmentCreate(code='RV', additional_properties={'self': ...})"
