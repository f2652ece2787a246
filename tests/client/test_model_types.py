"""A model built by hand with values of the wrong type: the fields are named, every one at once, with
what each takes; never `AttributeError: 'str' object has no attribute 'value'` from inside `to_dict`."""

from __future__ import annotations

import datetime
import re

import httpx2
import pytest

from pexip_engage_client import PexipEngage, errors, models
from pexip_engage_client._runtime.model_types import misfits
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.ensure_bodies import appointment_create

START = datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC)


def test_to_dict_names_each_field_of_the_wrong_type() -> None:
    model = appointment_create(meeting_type="VIDEO", start="2026-03-01T10:00:00Z")
    with pytest.raises(TypeError) as refused:
        model.to_dict()
    assert str(refused.value) == (
        "AppointmentCreate: meeting_type must be MeetingType, not str 'VIDEO' (models.MeetingType('VIDEO')); "
        "start must be datetime.datetime or UNSET, not str '2026-03-01T10:00:00Z' "
        "(datetime.datetime.fromisoformat('2026-03-01T10:00:00Z'))"
    )


async def test_a_call_refuses_it_with_a_value_error_naming_every_field_and_sends_nothing() -> None:
    participant = models.AppointmentParticipantInput(role="PRIMARY", participant_id=7, type_="EMPLOYEE")  # type: ignore[arg-type]
    body = appointment_create(start=START, end="11:00", appointment_participants=[participant])
    fake = FakePexipEngage()
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        with pytest.raises(ValueError) as refused:  # noqa: PT011 - the message is what is checked
            await engage.appointments.create_appointment(body=body)
    message = str(refused.value)
    assert message.startswith("body.appointment_participants[0].role must be ParticipantRole, not str 'PRIMARY'")
    assert "body.end must be datetime.datetime or UNSET, not str '11:00'" in message
    for path in ("appointment_participants[0].role", "appointment_participants[0].participant_id"):
        assert f"body.{path} must be " in message
    assert "body.start" not in message
    assert fake.calls_to("createAppointment") == []


def _participant(participant_id: object) -> models.AppointmentParticipantInput:
    return models.AppointmentParticipantInput(
        role=models.ParticipantRole.PRIMARY,
        participant_id=participant_id,  # type: ignore[arg-type]
        type_=models.ParticipantType.CUSTOMER,
    )


# Fields that `to_dict` would write out as they are (the API answering 400), each named before it is sent.
WRONG_TYPES = [
    pytest.param({"hybrid": "yes"}, "hybrid must be bool or None or UNSET, not str 'yes'", id="str-for-bool"),
    pytest.param({"subject_id": 5}, "subject_id must be str, not int 5", id="int-for-str"),
    pytest.param({"trailing_buffer_time": "30"}, "trailing_buffer_time must be int or None or UNSET", id="str-for-int"),
    pytest.param({"trailing_buffer_time": True}, "trailing_buffer_time must be int or None", id="bool-for-int"),
    pytest.param({"subject_id": ["s"]}, "subject_id must be str, not list ['s']", id="list-for-str"),
    pytest.param(
        {"appointment_participants": [_participant(7)]},
        "appointment_participants[0].participant_id must be str, not int 7",
        id="nested-model",
    ),
    pytest.param(
        {"location": {"countryCode": "BE"}},
        "location must be LocationInput or None or UNSET, not dict {'countryCode': 'BE'}",
        id="dict-for-model",
    ),
]


@pytest.mark.parametrize(("fields", "message"), WRONG_TYPES)
def test_to_dict_refuses_a_value_it_would_have_written_out_as_it_is(fields: dict[str, object], message: str) -> None:
    with pytest.raises(TypeError) as refused:
        appointment_create(start=START, **fields).to_dict()
    assert str(refused.value).startswith(f"AppointmentCreate: {message}")


@pytest.mark.parametrize(("fields", "message"), WRONG_TYPES)
async def test_a_call_refuses_a_wrong_type_by_the_body_path_before_sending(
    fields: dict[str, object], message: str
) -> None:
    fake = FakePexipEngage()
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        with pytest.raises(ValueError, match=f"^{re.escape('body.' + message)}"):
            await engage.appointments.create_appointment(body=appointment_create(start=START, **fields))
    assert fake.calls_to("createAppointment") == []


def test_a_list_of_text_refuses_an_item_of_another_type() -> None:
    refused = "Context: subject_ids must be a list of str or UNSET, not list ['s', 3]"
    with pytest.raises(TypeError, match=re.escape(refused)):
        models.Context(id="c", subject_ids=["s", 3]).to_dict()  # type: ignore[list-item]


def test_a_well_made_model_and_a_parsed_one_pass() -> None:
    made = appointment_create(start=START)
    assert made.to_dict()["meetingType"] == "VIDEO"
    assert models.AppointmentCreate.from_dict(made.to_dict()).to_dict() == made.to_dict()


def test_a_bool_is_no_number_and_an_int_is_a_float() -> None:
    assert misfits(models.Geolocation(latitude=51, longitude=3.7)) == []
    assert misfits(models.Geolocation(latitude=True, longitude=3.7)) == ["latitude must be float, not bool True"]


async def test_an_answer_lacking_required_fields_names_every_one_with_what_it_takes() -> None:
    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json={"data": {"appointmentParticipants": [{"role": "PRIMARY"}]}})

    async with PexipEngage("acme", token=TOKEN, transport=httpx2.MockTransport(answer)) as engage:
        with pytest.raises(errors.UnexpectedResponseError) as refused:
            await engage.appointments.get_appointment_by_id("1")
    message = str(refused.value)
    assert "required fields missing (16): data.id (a string), data.subject (an object (Reference)), " in message
    assert "data.appointmentParticipants[0].participant (an object (ParticipantReference)), " in message
    assert "data.meetingType (one of 'OFFICE', 'ON_LOCATION', 'PHONE', 'VIDEO')" in message
    assert "data.createdAt (a date-time)" in message
    assert "KeyError" not in message
