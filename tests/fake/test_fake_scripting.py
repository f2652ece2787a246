"""What a user scripts on the fake: seeding, faults, the clock, scopes, enterprises, records, events."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2
import pytest

from pexip_engage_client import ErrorCode, PexipEngage, errors, models
from pexip_engage_client._drift._spec_drift import SpecDrift
from pexip_engage_client.testing import FakeClock, FakePexipEngage, appointment_event, callback_request_event
from pexip_engage_client.testing._server import serve
from pexip_engage_client.webhooks import AppointmentWebhookEvent, CallbackRequestWebhookEvent, parse_event
from pexip_engage_client.webhooks._parse import read_event

from ..support.clients import TOKEN
from ..support.spec import assert_responses_match_spec

ROOT = Path(__file__).resolve().parents[2]


# --- Seeding -------------------------------------------------------------------------------------


def test_seeded_items_are_valid_resources_and_take_snake_or_camel_case(fake: FakePexipEngage) -> None:
    appointment = fake.add_appointment(meeting_type="PHONE", externalId="CRM-1")
    assert (appointment["meetingType"], appointment["externalId"]) == ("PHONE", "CRM-1")
    assert models.Appointment.from_dict(appointment).status == models.AppointmentStatus.INCOMING_REQUEST
    for add in (fake.add_subject, fake.add_subject_group, fake.add_customer, fake.add_region, fake.add_meeting_room):
        assert add()["id"]
    employee = fake.add_employee()
    template = fake.add_availability_template(employee["id"], name="Summer")
    time_range = fake.add_availability_time_range(employee["id"], template["id"], startTime="09:00", endTime="12:00")
    assert time_range["availabilityTemplate"] == {"id": template["id"]}


def test_seeding_refuses_unknown_fields_and_invalid_values(fake: FakePexipEngage) -> None:
    with pytest.raises(ValueError, match="Appointment has no field"):
        fake.add_appointment(colour="blue")
    with pytest.raises(ValueError, match="status"):
        fake.add_appointment(status="MAYBE")
    with pytest.raises(ValueError, match="appointmentParticipants"):
        fake.add_appointment(appointment_participants=[])
    with pytest.raises(ValueError, match="not a collection"):
        fake.add("/wormholes")
    with pytest.raises(ValueError, match="getTimetable"):
        fake.set_data("getTimetable", {"duration": "long"})
    assert fake.appointments == {}


async def test_seeded_documents_are_served(engage: PexipEngage, fake: FakePexipEngage) -> None:
    subject = fake.add_subject()
    fake.set_data(
        "getSubjectAvailabilitySettings",
        [{"meetingType": "VIDEO", "estimatedDuration": 30}],
        id=subject["id"],
    )
    settings = await engage.subjects.get_subject_availability_settings(subject["id"])
    assert [(s.meeting_type, s.estimated_duration) for s in settings] == [(models.MeetingType.VIDEO, 30)]


# --- State: creates, lists, PATCH, actions ------------------------------------------------------


async def test_created_items_are_listed_filtered_and_paged(engage: PexipEngage, fake: FakePexipEngage) -> None:
    for number in range(5):
        await engage.employees.create_employee(body={"email": f"e{number}@example.com", "externalId": f"HR-{number}"})
    page = await engage.employees.get_employees(limit=2, offset=1)
    assert [e.email for e in page.data] == ["e1@example.com", "e2@example.com"]
    assert (page.meta.offset, page.meta.limit, page.meta.total_count) == (1, 2, 5)
    by_external_id = await engage.employees.get_employees(external_id=["HR-3", "HR-4"])
    assert [e.external_id for e in by_external_id.data] == ["HR-3", "HR-4"]
    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.employees.create_employee(body={"email": "e0@example.com"})
    assert caught.value.codes == [ErrorCode.EMPLOYEE_EMAIL_ALREADY_IN_USE]


async def test_appointment_patch_keeps_what_is_absent_clears_null_and_replaces_lists(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    fake.add_customer(id="c2")
    appointment = fake.add_appointment(internalNotes="call first", externalId="CRM-1")
    participants = [
        {"role": "PRIMARY", "participantId": "customer-1", "type": "CUSTOMER"},
        {"role": "PRIMARY", "participantId": "employee-1", "type": "EMPLOYEE"},
        {"role": "SECONDARY", "participantId": "c2", "type": "CUSTOMER"},
    ]
    fake.add_customer(id="customer-1")
    fake.add_employee(id="employee-1")
    updated = await engage.appointments.update_appointment_by_id(
        appointment["id"], body={"internalNotes": None, "appointmentParticipants": participants}
    )
    assert updated.internal_notes is None
    assert updated.external_id == "CRM-1"
    assert [p.participant.id for p in updated.appointment_participants] == ["customer-1", "employee-1", "c2"]
    swapped = [participants[1], {"role": "PRIMARY", "participantId": "c2", "type": "CUSTOMER"}]
    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.appointments.update_appointment_by_id(appointment["id"], body={"appointmentParticipants": swapped})
    assert caught.value.codes == [ErrorCode.APPOINTMENT_PRIMARY_PARTICIPANT_ADDED_OR_REMOVED]


async def test_actions_move_an_appointment_as_documented(engage: PexipEngage, fake: FakePexipEngage) -> None:
    appointment = fake.add_appointment(status="ACCEPTED")
    moved = await engage.appointments.reschedule_appointment(
        appointment["id"], body={"start": "2030-02-01T10:00:00Z", "end": "2030-02-01T11:00:00Z"}
    )
    assert moved.start == datetime(2030, 2, 1, 10, tzinfo=UTC)
    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.appointments.reschedule_appointment(
            appointment["id"], body={"start": "2030-02-01T10:00:00Z", "end": "2030-02-01T09:00:00Z"}
        )
    assert caught.value.codes == [ErrorCode.APPOINTMENT_START_AFTER_END]
    changed = await engage.appointments.update_appointment_meeting_type(
        appointment["id"], body={"meetingType": "PHONE"}
    )
    assert changed.meeting_type == models.MeetingType.PHONE
    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.appointments.update_appointment_meeting_type(
            appointment["id"], body={"meetingType": "ON_LOCATION"}
        )
    assert caught.value.codes == [ErrorCode.APPOINTMENT_LOCATION_REQUIRED]
    closed = fake.add_appointment(status="COMPLETED")
    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.appointments.update_appointment_details(closed["id"], body={"start": "2030-02-01T10:00:00Z"})
    assert caught.value.codes == [ErrorCode.APPOINTMENT_DETAILS_UPDATE_INVALID_STATUS]


async def test_applied_templates_are_added_checked_and_reverted(engage: PexipEngage, fake: FakePexipEngage) -> None:
    employee = fake.add_employee()
    template = fake.add_availability_template(employee["id"])
    body = {"startDate": "2030-01-01", "endDate": "2030-01-31", "availabilityTemplateId": template["id"]}
    await engage.availability_templates.apply_availability_template(employee["id"], body=body)
    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.availability_templates.apply_availability_template(employee["id"], body=body)
    assert caught.value.codes == [ErrorCode.APPLIED_TEMPLATE_OVERLAP]
    assert len((await engage.availability_templates.get_applied_templates(employee["id"])).data) == 1
    await engage.availability_templates.revert_applied_templates(
        employee["id"], body={"startDate": "2030-01-01", "endDate": "2030-12-31"}
    )
    assert (await engage.availability_templates.get_applied_templates(employee["id"])).data == []


# --- Faults --------------------------------------------------------------------------------------


async def test_a_business_error_with_any_code_and_arguments_for_the_next_calls(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    appointment = fake.add_appointment()
    fake.fail("acceptAppointment", code=ErrorCode.APPOINTMENT_NO_AVAILABILITY, arguments={"slot": "09:00"}, times=2)
    for _ in range(2):
        with pytest.raises(errors.BusinessValidationError) as caught:
            await engage.appointments.accept_appointment(appointment["id"])
        assert caught.value.codes == [ErrorCode.APPOINTMENT_NO_AVAILABILITY]
        assert caught.value.errors[0].arguments == {"slot": "09:00"}
    assert (await engage.appointments.accept_appointment(appointment["id"])).status == "ACCEPTED"


async def test_a_status_with_retry_after_is_retried_by_the_client(
    engage: PexipEngage, fake: FakePexipEngage, sleeps: list[float]
) -> None:
    appointment = fake.add_appointment()
    fake.fail("getAppointmentById", status=503, retry_after=2)
    assert (await engage.appointments.get_appointment_by_id(appointment["id"])).id == appointment["id"]
    assert sleeps == [2.0]
    assert [call.response.status_code for call in fake.calls_to("getAppointmentById") if call.response] == [503, 200]


async def test_a_delay_meets_the_client_timeout_and_a_dropped_connection_is_a_connection_error() -> None:
    fake = FakePexipEngage()
    appointment = fake.add_appointment()
    fake.fail("getAppointmentById", delay=0.5, status=500)
    fake.fail("acceptAppointment", disconnect=True)
    async with PexipEngage("acme", token=TOKEN, transport=fake, timeout=0.05, max_retries=0) as engage:
        with pytest.raises(errors.APIConnectionError):
            await engage.appointments.accept_appointment(appointment["id"])
    assert fake.calls_to("acceptAppointment")[0].response is None
    assert fake.appointments[appointment["id"]]["status"] == "INCOMING_REQUEST"
    with pytest.raises(ValueError, match="not an operation"):
        fake.fail("launchRocket", status=500)


@pytest.mark.parametrize("way", ["in memory", "over HTTP with httpx2"])
async def test_a_delay_times_out_in_memory_as_over_a_real_connection(way: str) -> None:
    # httpx2 gives up on a server silent before the response head after the read timeout; in memory
    # nothing read a socket, so the wait went on to the attempt's whole deadline (connect plus read
    # timeouts).
    fake = FakePexipEngage()
    appointment = fake.add_appointment()
    fake.fail("getAppointmentById", delay=1.0, status=500)
    with serve(fake) as root:
        options: dict[str, Any] = {"transport": fake} if way == "in memory" else {"base_url": root}
        async with PexipEngage("acme", token=TOKEN, timeout=0.2, max_retries=0, **options) as engage:
            started = time.perf_counter()
            with pytest.raises(errors.APITimeoutError):
                await engage.appointments.get_appointment_by_id(appointment["id"])
            took = time.perf_counter() - started
    assert 0.2 <= took < 0.35  # the read timeout, not the deadline


# --- Clock, tokens, scopes, enterprises ----------------------------------------------------------


async def test_the_clock_drives_timestamps_and_token_expiry_without_sleeping() -> None:
    clock = FakeClock(datetime(2030, 1, 1, 8, 0, tzinfo=UTC))
    fake = FakePexipEngage(clock=clock)
    fake.add_client("app", "secret", expires_in=300)
    async with PexipEngage("acme", client_id="app", client_secret="secret", transport=fake) as engage:
        created = await engage.lead_segments.create_lead_segment(body={"code": "NEW"})
        assert created.created_at == datetime(2030, 1, 1, 8, 0, tzinfo=UTC)
        clock.advance(minutes=10)  # the token (300 s) has expired on the fake's side
        updated = await engage.lead_segments.update_lead_segment_by_id(created.id, body={"code": "NEWER"})
    assert updated.updated_at == datetime(2030, 1, 1, 8, 10, tzinfo=UTC)
    assert len(fake.token_requests) == 2  # the 401 made the client fetch a new token and replay
    assert [call.response.status_code for call in fake.calls_to("updateLeadSegmentById") if call.response] == [401, 200]


async def test_a_read_only_token_cannot_write() -> None:
    fake = FakePexipEngage()
    fake.add_client("reader", "secret", scopes=["engage:leadSegments:readOnly"])
    segment = fake.add_lead_segment(code="RV")
    async with PexipEngage("acme", client_id="reader", client_secret="secret", transport=fake) as engage:
        assert (await engage.lead_segments.get_lead_segment_by_id(segment["id"])).code == "RV"
        with pytest.raises(errors.PermissionDeniedError) as caught:
            await engage.lead_segments.update_lead_segment_by_id(segment["id"], body={"code": "X"})
        with pytest.raises(errors.PermissionDeniedError):
            await engage.appointments.get_appointments().first_page()
    assert "engage:leadSegments:readWrite" in caught.value.errors[0].message
    assert fake.lead_segments[segment["id"]]["code"] == "RV"
    assert_responses_match_spec(fake)


async def test_enterprises_are_kept_apart() -> None:
    fake = FakePexipEngage()
    mine = fake.add_appointment()
    theirs = fake.in_enterprise("globex").add_appointment()
    async with PexipEngage("globex", token=TOKEN, transport=fake) as engage:
        assert (await engage.appointments.get_appointment_by_id(theirs["id"])).id == theirs["id"]
        with pytest.raises(errors.NotFoundError):
            await engage.appointments.get_appointment_by_id(mine["id"])
    fake.add_client("acme-app", "secret", enterprise="acme")
    async with PexipEngage("globex", client_id="acme-app", client_secret="secret", transport=fake) as engage:
        with pytest.raises(errors.AuthenticationError):
            await engage.appointments.get_appointment_by_id(theirs["id"])


async def test_calls_are_recorded_by_operation_with_request_and_response(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    created = await engage.lead_segments.create_lead_segment(body={"code": "NEW"}, correlation_id="trace-1")
    [call] = fake.calls_to("createLeadSegment")
    assert call.json == {"code": "NEW"}
    assert call.request.headers["X-Correlation-Id"] == "trace-1"
    assert call.response is not None
    assert call.response.status_code == 201
    assert call.response_json["data"]["id"] == created.id
    assert fake.calls_to("getAppointments") == []


# --- Webhook events ------------------------------------------------------------------------------


def test_webhook_event_bodies_parse_with_the_client(fake: FakePexipEngage) -> None:
    appointment = fake.add_appointment()
    event = parse_event(appointment_event(appointment, "ACCEPT", event_id="evt-1"))
    assert isinstance(event, AppointmentWebhookEvent)
    assert (event.id, event.data.event_type, event.data.appointment.id) == ("evt-1", "ACCEPT", appointment["id"])
    callback = parse_event(callback_request_event({"id": "cb-1", "status": "OPEN"}))
    assert isinstance(callback, CallbackRequestWebhookEvent)
    with pytest.raises(ValueError, match="eventType"):
        appointment_event(appointment, "EXPLODE")


def test_an_event_of_a_stored_appointment_reads_with_no_difference_from_the_spec(fake: FakePexipEngage) -> None:
    # The fake's stored appointment is the REST form: each participant names its employee or
    # customer by a `participant` reference, which the event's participants do not have.
    appointment = fake.add_appointment()
    assert any("participant" in participant for participant in appointment["appointmentParticipants"])
    drift = SpecDrift()
    read_event(appointment_event(appointment, "ACCEPT"), strict=True, spec_drift=drift)
    assert drift.records() == []
    assert appointment["appointmentParticipants"][0]["participant"]  # the caller's copy is left as it was


# --- Over HTTP: python -m pexip_engage_client.testing --------------------------------------------


@pytest.mark.slow
def test_the_fake_runs_as_a_loopback_server_from_the_command_line() -> None:
    command = [sys.executable, "-m", "pexip_engage_client.testing", "--port", "0", "--token", "t0k3n"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as server:
        try:
            assert server.stdout is not None
            line = server.stdout.readline()
            root = line.split(" on ", 1)[1].strip()
            assert root.startswith("http://127.0.0.1:")
            assert root.endswith("/enterprises/acme")
            headers = {"Authorization": "Bearer t0k3n"}
            created = httpx2.post(f"{root}/lead-segments", json={"code": "CLI"}, headers=headers, timeout=5)
            assert created.status_code == 201
            fetched = httpx2.get(f"{root}/lead-segments/{created.json()['data']['id']}", headers=headers, timeout=5)
            assert fetched.json()["data"]["code"] == "CLI"
            assert httpx2.get(f"{root}/lead-segments/x", headers={"Authorization": "Bearer other"}).status_code == 401
        finally:
            server.terminate()
            deadline = time.monotonic() + 10
            while server.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)


async def test_a_put_replaces_what_the_get_at_that_path_answers(engage: PexipEngage, fake: FakePexipEngage) -> None:
    office, subject = fake.add_office(), fake.add_subject()
    body = [{"meetingType": "VIDEO", "subjectId": subject["id"], "estimatedDuration": 45}]
    await engage.offices.update_office_subject_availability_settings(office["id"], body=body)
    [setting] = await engage.offices.get_office_subject_availability_settings(office["id"])
    assert (setting.subject.id, setting.estimated_duration) == (subject["id"], 45)
    with pytest.raises(errors.NotFoundError):
        await engage.offices.update_office_subject_availability_settings(
            office["id"], body=[{**body[0], "subjectId": "x"}]
        )
