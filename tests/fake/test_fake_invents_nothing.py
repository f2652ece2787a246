"""The fake stores and answers only what requests, seeds and its documented rules gave it; statuses
start where the documentation (or the fake's stated assumption) says and stay until an operation
changes them; the fake's assumptions are lifted by name (docs/testing.md, "What the fake refuses")."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from pexip_engage_client import ErrorCode, PexipEngage, errors
from pexip_engage_client._base.timing import parse_datetime
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.ensure_bodies import APPOINTMENT, seed_references


def _references(value: Any) -> set[str]:
    """Every id an item refers to (`{"id": ...}` objects anywhere in it)."""
    if isinstance(value, list):
        return {found for item in value for found in _references(item)}
    if not isinstance(value, dict):
        return set()
    found = {value["id"]} if set(value) == {"id"} else set()
    return found | {ref for key, item in value.items() for ref in _references(item)}


async def test_a_created_appointment_refers_to_what_the_request_named_and_nothing_else(fake: FakePexipEngage) -> None:
    seed_references(fake)
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        created = await engage.appointments.create_appointment(body=APPOINTMENT)
    stored = fake.appointments[created.id]
    named = {APPOINTMENT["subjectId"], APPOINTMENT["officeId"]} | {
        participant["participantId"] for participant in APPOINTMENT["appointmentParticipants"]
    }
    assert _references(stored) == named
    assert [parse_datetime(stored[edge]) for edge in ("start", "end")] == [
        parse_datetime(APPOINTMENT[edge]) for edge in ("start", "end")
    ]
    # What no request gives: the fake's stated rules (docs/testing.md), nothing plain-valued.
    assert (stored["status"], stored["createdByType"], stored["hybrid"], stored["answers"]) == (
        "ACCEPTED",
        "OTHER",
        False,
        [],
    )
    assert stored["location"] is None
    assert stored["listing"] is None


async def test_an_employee_created_without_a_status_starts_pending_and_keeps_it_until_changed(
    fake: FakePexipEngage,
) -> None:
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        created = await engage.employees.create_employee(body={"email": "ada@bank.example"})
        assert str(created.status) == "PENDING"  # the documented default
        assert (created.available_roles, created.online_planning, created.office_relations) == ([], False, [])
        read = await engage.employees.get_employee_by_id(created.id)
        assert str(read.status) == "PENDING"
        renamed = await engage.employees.update_employee_by_id(created.id, body={"firstName": "Ada"})
        assert str(renamed.status) == "PENDING"  # a PATCH without a status leaves it
        active = await engage.employees.update_employee_by_id(created.id, body={"status": "ACTIVE"})
        assert str(active.status) == "ACTIVE"
        with pytest.raises(errors.BusinessValidationError) as refused:
            await engage.employees.update_employee_by_id(created.id, body={"status": "PENDING"})
    assert refused.value.codes == [ErrorCode.EMPLOYEE_UPDATE_STATUS_PENDING]
    assert fake.employees[created.id]["status"] == "ACTIVE"


async def test_an_invite_starts_outgoing_and_an_action_is_what_changes_it(fake: FakePexipEngage) -> None:
    seed_references(fake)
    invite = {name: value for name, value in APPOINTMENT.items() if name not in ("start", "end")}
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        created = await engage.appointments.create_appointment_invite(body=invite)
        assert str(created.status) == "OUTGOING_INVITE"
        await engage.appointments.update_appointment_by_id(created.id, body={"internalNotes": "called"})
        assert fake.appointments[created.id]["status"] == "OUTGOING_INVITE"
        accepted = await engage.appointments.accept_appointment(created.id)
    assert str(accepted.status) == "ACCEPTED"
    assert (fake.appointments[created.id]["start"], fake.appointments[created.id]["end"]) == (None, None)


def test_a_template_is_not_the_default_and_an_application_takes_its_time_zone(fake: FakePexipEngage) -> None:
    fake.add_employee(id="e1")
    with httpx2.Client(
        transport=fake, base_url="https://x/enterprises/acme", headers={"Authorization": "Bearer t"}
    ) as http:
        template = {"name": "Summer", "type": "WEEK", "timeZone": "Europe/Brussels", "color": "#89d0c1", "order": 1}
        created = http.post("/employees/e1/availability-templates", json=template).json()["data"]
        assert created["isDefault"] is False
        applied = http.post(
            "/employees/e1/applied-templates",
            json={"startDate": "2030-06-01", "endDate": "2030-06-30", "availabilityTemplateId": created["id"]},
        ).json()["data"]
    assert applied["timeZone"] == "Europe/Brussels"


def test_every_field_a_resource_must_hold_is_named_at_once(fake: FakePexipEngage) -> None:
    fake.add_employee(id="e1")
    with httpx2.Client(
        transport=fake, base_url="https://x/enterprises/acme", headers={"Authorization": "Bearer t"}
    ) as http:
        answer = http.post("/employees/e1/availability-templates", json={"type": "WEEK"})
    assert answer.status_code == 400
    named = [item["message"].split(":", 1)[0] for item in answer.json()["errors"]]
    assert named == ["body.name", "body.timeZone", "body.color", "body.order"]
    assert fake.items("/employees/e1/availability-templates") == {}


def test_an_answer_takes_its_questions_form_and_an_unknown_question_is_refused(fake: FakePexipEngage) -> None:
    seed_references(fake)
    fake.add_form(id="f1", name="Intake", type="SUBJECT_QUESTIONNAIRE")
    fake.add_form_question("f1", id="q1")
    with httpx2.Client(
        transport=fake, base_url="https://x/enterprises/acme", headers={"Authorization": "Bearer t"}
    ) as http:
        made = http.post(
            "/appointments", json={**APPOINTMENT, "answers": [{"questionId": "q1", "value": "A colleague"}]}
        )
        unknown = http.post(
            "/appointments", json={**APPOINTMENT, "externalId": "CRM-2", "answers": [{"questionId": "q-nope"}]}
        )
    assert made.status_code == 201, made.text
    [answer] = made.json()["data"]["answers"]
    assert (answer["form"], answer["question"], answer["answerType"]) == (
        {"id": "f1"},
        {"id": "q1"},
        "SUBJECT_QUESTIONNAIRE",
    )
    assert unknown.status_code == 404
    assert "q-nope" in unknown.text


def test_an_answer_to_a_form_without_a_type_takes_the_type_of_the_operations_answers(fake: FakePexipEngage) -> None:
    # A form seeded without its `type` (a seed file's `forms: [{id: f1}]`): a booking's or a change's answers are
    # the subject's questionnaire; a form's own type wins wherever it is given.
    seed_references(fake)
    fake.add_form(id="f1")
    fake.add_form_question("f1", id="q1")
    fake.add_form(id="f2", name="Lead", type="QUALIFICATION")
    fake.add_form_question("f2", id="q2")
    answers = [{"questionId": "q1", "value": "A colleague"}, {"questionId": "q2", "value": "Mortgage"}]
    with httpx2.Client(
        transport=fake, base_url="https://x/enterprises/acme", headers={"Authorization": "Bearer t"}
    ) as http:
        made = http.post("/appointments", json={**APPOINTMENT, "answers": answers})
        assert made.status_code == 201, made.text
        ident = made.json()["data"]["id"]
        changed = http.patch(f"/appointments/{ident}", json={"answers": answers[:1]})
    assert [a["answerType"] for a in made.json()["data"]["answers"]] == ["SUBJECT_QUESTIONNAIRE", "QUALIFICATION"]
    assert changed.status_code == 200, changed.text
    assert [a["answerType"] for a in changed.json()["data"]["answers"]] == ["SUBJECT_QUESTIONNAIRE"]
    assert fake.get("/forms", "f1").get("type") is None  # the form is left as it was seeded


def test_assumptions_are_named_and_an_unknown_one_is_refused() -> None:
    assert FakePexipEngage().assumptions == {
        "appointment-statuses",
        "appointment-time",
        "employee-identity-case",
        "employee-status-pending",
        "form-and-room-names",
        "listing-time-slot-time",
    }
    assert FakePexipEngage(loosen=["appointment-time"]).assumptions == {
        "appointment-statuses",
        "employee-identity-case",
        "employee-status-pending",
        "form-and-room-names",
        "listing-time-slot-time",
    }
    with pytest.raises(ValueError, match=r"loosen: no assumption named 'appointment-times' \(known: appointment-st"):
        FakePexipEngage(loosen=["appointment-times"])


async def test_loosened_the_fake_stores_an_appointment_without_a_time_as_null(fake: FakePexipEngage) -> None:
    loose = seed_references(FakePexipEngage(loosen=["appointment-time"]))
    timeless = {name: value for name, value in APPOINTMENT.items() if name not in ("start", "end")}
    async with PexipEngage("acme", token=TOKEN, transport=loose) as engage:
        created = await engage.appointments.create_appointment(body=timeless)
    assert (loose.appointments[created.id]["start"], loose.appointments[created.id]["end"]) == (None, None)


def test_a_put_of_coverage_regions_takes_the_office_and_subject_its_query_names(fake: FakePexipEngage) -> None:
    fake.add_employee(id="e1")
    fake.add_office(id="o1")
    fake.add_subject(id="s1")
    path = "/employees/e1/office-subject-coverage-regions"
    body = [{"meetingType": "VIDEO", "regionIds": []}]
    with httpx2.Client(
        transport=fake, base_url="https://x/enterprises/acme", headers={"Authorization": "Bearer t"}
    ) as http:
        put = http.put(path, params={"office-id": "o1", "subject-id": "s1"}, json=body)
        unknown = http.put(path, params={"office-id": "o-nope", "subject-id": "s1"}, json=body)
    assert put.json()["data"] == [
        {"meetingType": "VIDEO", "office": {"id": "o1"}, "regions": [], "subject": {"id": "s1"}}
    ]
    assert (unknown.status_code, "o-nope" in unknown.text) == (404, True)


async def test_a_date_time_sent_in_any_offset_is_answered_as_engage_writes_one_utc_to_the_millisecond(
    fake: FakePexipEngage,
) -> None:
    # Engage answers every date-time in UTC with milliseconds and `Z` (the copied documentation's
    # `2022-08-17T09:00:00.000Z`); the fake once answered `+01:00` back as it was sent.
    seed_references(fake)
    body = {**APPOINTMENT, "start": "2026-03-01T11:00:00+01:00", "end": "2026-03-01T11:30:00.5+01:00"}
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        created = await engage.appointments.create_appointment(body=body)
        answered = fake.calls[-1].response_json["data"]
        assert (answered["start"], answered["end"]) == ("2026-03-01T10:00:00.000Z", "2026-03-01T10:30:00.500Z")
        await engage.appointments.reschedule_appointment(
            created.id, body={"start": "2026-03-01T10:00:00Z", "end": "2026-03-01T07:45:00-03:00"}
        )
        read = await engage.appointments.get_appointment_by_id(created.id)
    stored = fake.appointments[created.id]
    assert (stored["start"], stored["end"]) == ("2026-03-01T10:00:00.000Z", "2026-03-01T10:45:00.000Z")
    assert fake.calls[-1].response_json["data"]["end"] == "2026-03-01T10:45:00.000Z"
    assert read.end == parse_datetime("2026-03-01T10:45:00Z")
