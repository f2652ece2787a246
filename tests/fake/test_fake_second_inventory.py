"""The fake serves the operations of the documentation's second inventory as their pages describe.

Listing time slots belong to their listing and obey its scheduling settings; a PUT replaces a slot;
contexts expire at `expiresAt` (the fake's clock); reassign, settings and static translation
overrides follow their documented rules; the PATCH operations merge (absent stays, null clears).
"""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator
from typing import Any

import pytest

from pexip_engage_client import ErrorCode, PexipEngage, errors, models
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN

SLOT = {"date": "2030-01-07", "startTime": "09:00", "endTime": "12:00", "bookable": True}


@pytest.fixture
async def engage(fake: FakePexipEngage) -> AsyncIterator[PexipEngage]:
    async with PexipEngage("acme", token=TOKEN, transport=fake) as client:
        yield client


async def _listing_with_linked_employee(engage: PexipEngage, fake: FakePexipEngage) -> str:
    """A listing created through the API, its scheduling settings linking employee `e1`."""
    listing_id = (await engage.listings.create_listing(body={"externalId": "L-1"})).additional_properties["id"]
    fake.add_employee(id="e1")
    fake.add_office(id="o1")
    fake.add_subject(id="s1")
    settings = await engage.listings.update_listing_scheduling_settings(
        listing_id, body={"employeeIds": ["e1"], "meetingTypes": ["VIDEO"], "officeIds": ["o1"], "subjectIds": ["s1"]}
    )
    assert settings is not None
    assert [employee.id for employee in settings.employees] == ["e1"]
    assert fake.data(f"/listings/{listing_id}/scheduling-settings")["offices"] == [{"id": "o1"}]
    return str(listing_id)


async def test_time_slots_belong_to_their_listing(engage: PexipEngage, fake: FakePexipEngage) -> None:
    listing_id = await _listing_with_linked_employee(engage, fake)
    other_id = fake.add("/listings", id="other")["id"]
    slot = await engage.listings.create_listing_time_slot(
        listing_id, body={**SLOT, "bookable": True, "assignments": [{"employeeId": "e1", "exclusive": True}]}
    )
    assert (slot.listing.id, slot.date, slot.bookable) == (listing_id, "2030-01-07", True)
    assert [(a.employee.id, a.exclusive) for a in slot.assignments] == [("e1", True)]

    assert (await engage.listings.get_listing_time_slot_by_id(listing_id, slot.id)).to_dict() == slot.to_dict()
    with pytest.raises(errors.NotFoundError):
        await engage.listings.get_listing_time_slot_by_id(other_id, slot.id)
    with pytest.raises(errors.NotFoundError):
        await engage.listings.update_listing_time_slot_by_id(other_id, slot.id, body=SLOT)
    with pytest.raises(errors.NotFoundError):
        await engage.listings.get_listing_time_slots("no-such-listing")

    assert [s.id async for s in engage.listings.get_listing_time_slots(listing_id)] == [slot.id]
    assert [s.id async for s in engage.listings.get_listing_time_slots(other_id)] == []
    assert [s.id async for s in engage.listings.get_listing_time_slots(listing_id, bookable=False)] == []
    assert [s.id async for s in engage.listings.get_listing_time_slots(listing_id, employee_id=["e1"])] == [slot.id]
    on_the_day = engage.listings.get_listing_time_slots(
        listing_id, from_="2030-01-07T00:00:00+01:00", to="2030-01-07T23:59:59+01:00"
    )
    assert [s.id async for s in on_the_day] == [slot.id]
    later = engage.listings.get_listing_time_slots(listing_id, from_="2030-01-08T00:00:00Z")
    assert [s.id async for s in later] == []


async def test_a_time_slot_needs_linked_employees_and_no_overlap(engage: PexipEngage, fake: FakePexipEngage) -> None:
    listing_id = await _listing_with_linked_employee(engage, fake)
    fake.add_employee(id="e2")
    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.listings.create_listing_time_slot(
            listing_id, body={**SLOT, "assignments": [{"employeeId": "e2", "exclusive": False}]}
        )
    assert caught.value.codes == [ErrorCode.LISTING_TIME_SLOT_EMPLOYEE_NOT_LINKED]

    first = await engage.listings.create_listing_time_slot(listing_id, body=SLOT)
    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.listings.create_listing_time_slot(
            listing_id, body={**SLOT, "startTime": "11:00", "endTime": "13:00"}
        )
    assert caught.value.codes == [ErrorCode.LISTING_TIME_SLOT_OVERLAP]
    # Back to back, or on another day, is no overlap; a slot does not overlap itself when put.
    await engage.listings.create_listing_time_slot(listing_id, body={**SLOT, "startTime": "12:00", "endTime": "13:00"})
    await engage.listings.create_listing_time_slot(listing_id, body={**SLOT, "date": "2030-01-08"})
    await engage.listings.update_listing_time_slot_by_id(listing_id, first.id, body={**SLOT, "endTime": "11:30"})
    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.listings.update_listing_time_slot_by_id(listing_id, first.id, body={**SLOT, "endTime": "12:30"})
    assert caught.value.codes == [ErrorCode.LISTING_TIME_SLOT_OVERLAP]
    assert fake.get(f"/listings/{listing_id}/time-slots", first.id)["endTime"] == "11:30"


async def test_a_put_replaces_the_time_slot(engage: PexipEngage, fake: FakePexipEngage) -> None:
    listing_id = await _listing_with_linked_employee(engage, fake)
    slot = await engage.listings.create_listing_time_slot(
        listing_id, body={**SLOT, "bookable": True, "assignments": [{"employeeId": "e1", "exclusive": True}]}
    )
    fake.clock.advance(minutes=5)
    whole = {"date": "2030-01-09", "startTime": "13:00", "endTime": "14:00"}
    # `bookable` is one a slot always holds: the fake invents none, so a PUT without it is refused.
    with pytest.raises(errors.BadRequestError, match=r"body\.bookable: required: every ListingTimeSlot holds"):
        await engage.listings.update_listing_time_slot_by_id(listing_id, slot.id, body=whole)
    put = await engage.listings.update_listing_time_slot_by_id(listing_id, slot.id, body={**whole, "bookable": False})
    # What the body left out is not kept: no assignments; the slot stays itself.
    assert (put.id, put.listing.id, put.created_at) == (slot.id, listing_id, slot.created_at)
    assert (put.date, put.start_time, put.bookable, put.assignments) == ("2030-01-09", "13:00", False, [])
    assert put.updated_at > slot.updated_at


async def test_a_context_is_gone_once_it_expires(engage: PexipEngage, fake: FakePexipEngage) -> None:
    fake.add_employee(id="e1")
    context = await engage.contexts.create_context(
        body={"externalId": "CTX-1", "employeeIds": ["e1"], "meetingTypes": ["VIDEO"], "metadata": {"source": "web"}}
    )
    assert (context.external_id, context.employee_ids, context.meeting_types) == ("CTX-1", ["e1"], ["VIDEO"])
    assert isinstance(context.metadata, models.Metadata)
    assert context.metadata.to_dict() == {"source": "web"}
    assert isinstance(context.expires_at, datetime.datetime)
    assert context.expires_at > fake.clock.now()

    assert (await engage.contexts.get_context_by_id(context.id)).to_dict() == context.to_dict()
    fake.clock.set(context.expires_at)
    with pytest.raises(errors.NotFoundError):
        await engage.contexts.get_context_by_id(context.id)

    seeded = fake.add("/contexts", id="long", expiresAt="2099-01-01T00:00:00Z")
    assert (await engage.contexts.get_context_by_id("long")).id == seeded["id"]
    with pytest.raises(errors.NotFoundError):  # the references a context holds must exist
        await engage.contexts.create_context(body={"subjectIds": ["no-such-subject"]})


async def test_fetch_configurations_keep_header_values_to_themselves_and_merge_on_patch(engage: PexipEngage) -> None:
    created = await engage.fetch_configurations.create_fetch_configuration(
        body={
            "body": '{"q": 1}',
            "endpoint": "https://crm.example.com/customers",
            "method": "POST",
            "mapping": [{"sourceProperty": "mail", "targetProperty": "email"}],
            "headers": [{"name": "Authorization", "value": "apiKey secret"}],
        }
    )
    assert [header.to_dict() for header in created.headers] == [{"name": "Authorization"}]
    updated = await engage.fetch_configurations.update_fetch_configuration_by_id(
        created.id, body={"body": None, "method": "GET"}
    )
    assert (updated.body, updated.method, updated.endpoint) == (None, "GET", "https://crm.example.com/customers")
    assert updated.mapping[0].to_dict() == {"sourceProperty": "mail", "targetProperty": "email"}
    with pytest.raises(errors.NotFoundError):
        await engage.fetch_configurations.update_fetch_configuration_by_id("missing", body={"method": "GET"})


def _employee_ids(appointment: models.Appointment, role: str) -> list[str]:
    return [p.participant.id for p in appointment.appointment_participants if p.type_ == "EMPLOYEE" and p.role == role]


async def test_reassign_moves_the_appointment_to_another_primary_employee_and_office(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    fake.add_employee(id="employee-2")
    fake.add_office(id="office-2")
    appointment_id = fake.add_appointment(status="ACCEPTED")["id"]
    moved = await engage.appointments.reassign_appointment(
        appointment_id, body={"primaryEmployeeId": "employee-2", "officeId": "office-2", "message": "Ann takes over"}
    )
    assert _employee_ids(moved, "PRIMARY") == ["employee-2"]
    assert moved.office is not None
    assert (moved.office.id, moved.message_for_customer, moved.status) == ("office-2", "Ann takes over", "ACCEPTED")
    assert fake.appointments[appointment_id]["office"] == {"id": "office-2"}

    with pytest.raises(errors.NotFoundError):
        await engage.appointments.reassign_appointment(appointment_id, body={"primaryEmployeeId": "nobody"})


@pytest.mark.parametrize(
    ("seeded", "body", "code"),
    [
        ({"status": "CANCELLED"}, {"primaryEmployeeId": "employee-2"}, ErrorCode.APPOINTMENT_STATUS_INVALID),
        (
            {
                "appointmentParticipants": [
                    {"role": "PRIMARY", "participant": {"id": "customer-1"}, "type": "CUSTOMER"},
                    {"role": "PRIMARY", "participant": {"id": "employee-1"}, "type": "EMPLOYEE"},
                    {"role": "SECONDARY", "participant": {"id": "employee-2"}, "type": "EMPLOYEE"},
                ]
            },
            {"primaryEmployeeId": "employee-2"},
            ErrorCode.APPOINTMENT_PARTICIPANTS_NOT_UNIQUE,
        ),
        (
            {
                "appointmentParticipants": [
                    {"role": "PRIMARY", "participant": {"id": "employee-1"}, "type": "EMPLOYEE"},
                    {"role": "SECONDARY", "participant": {"id": "employee-3"}, "type": "EMPLOYEE"},
                ]
            },
            {"primaryEmployeeId": "employee-2"},
            ErrorCode.APPOINTMENT_PRIMARY_CUSTOMER_MISSING,
        ),
        (
            {
                "appointmentParticipants": [
                    {"role": "PRIMARY", "participant": {"id": "customer-1"}, "type": "CUSTOMER"},
                    {"role": "SECONDARY", "participant": {"id": "customer-2"}, "type": "CUSTOMER"},
                ]
            },
            {"message": "No employee named"},
            ErrorCode.APPOINTMENT_PRIMARY_EMPLOYEE_MISSING,
        ),
    ],
)
async def test_reassign_refuses_what_its_page_lists(
    engage: PexipEngage, fake: FakePexipEngage, seeded: dict[str, Any], body: dict[str, Any], code: ErrorCode
) -> None:
    fake.add_employee(id="employee-2")
    appointment = fake.add_appointment(**{"status": "ACCEPTED", **seeded})
    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.appointments.reassign_appointment(appointment["id"], body=body)
    assert caught.value.codes == [code]
    assert fake.appointments[appointment["id"]] == appointment  # nothing changed


async def test_settings_merge_by_name(engage: PexipEngage, fake: FakePexipEngage) -> None:
    fake.set_data(
        "updateEnterpriseSettings",
        {"appointmentEarliestPossible": {"manageable": False, "value": 2, "createdAt": "2030-01-01T00:00:00Z"}},
    )
    settings = await engage.settings.update_enterprise_settings(
        body={"appointmentEarliestPossible": {"manageable": True}, "appointmentLatestPossible": {"value": 90}}
    )
    earliest = settings.additional_properties["appointmentEarliestPossible"]
    assert (earliest.manageable, earliest.additional_properties["value"]) == (True, 2)
    assert isinstance(earliest.created_at, datetime.datetime)
    assert earliest.created_at.year == 2030
    assert settings.additional_properties["appointmentLatestPossible"].additional_properties["value"] == 90
    assert set(fake.data("/settings")) == {"appointmentEarliestPossible", "appointmentLatestPossible"}


@pytest.mark.parametrize(
    ("stored", "body", "code"),
    [
        ({"calendarSync": {"value": True}}, {"calendarSync": {"manageable": True}}, ErrorCode.SETTING_NON_MANAGEABLE),
        (
            {"calendarSync": {"manageable": False, "manageabilityLocked": True}},
            {"calendarSync": {"manageable": True}},
            ErrorCode.SETTING_MANAGEABILITY_MODIFICATION_NOT_ALLOWED,
        ),
        ({"calendarSync": {"value": True}}, {"calendarSync": {"value": "yes"}}, ErrorCode.SETTING_VALUE_INVALID),
        (
            {"appointmentEarliestPossible": {"value": 2}, "appointmentLatestPossible": {"value": 90}},
            {"appointmentEarliestPossible": {"value": 120}},
            ErrorCode.SETTING_APPOINTMENT_EARLIEST_LATEST_POSSIBLE_INVALID,
        ),
    ],
)
async def test_settings_refuse_the_documented_codes(
    engage: PexipEngage, fake: FakePexipEngage, stored: dict[str, Any], body: dict[str, Any], code: ErrorCode
) -> None:
    fake.set_data("updateEnterpriseSettings", stored)
    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.settings.update_enterprise_settings(body=body)
    assert caught.value.codes == [code]
    assert fake.data("/settings") == stored


async def test_static_translation_overrides_replace_by_module_key_and_language(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    first = {"module": "CALENDAR_EVENT_TEMPLATE", "key": "title", "language": "en", "value": "Meeting"}
    dutch = {**first, "language": "nl", "value": "Afspraak"}
    await engage.translations.override_static_translations(body=[first, dutch])
    fake.clock.advance(minutes=1)
    answered = await engage.translations.override_static_translations(body=[{**first, "value": "Call"}])
    assert [(o.language, o.value) for o in answered] == [("en", "Call")]
    created, updated = answered[0].created_at, answered[0].updated_at
    assert isinstance(created, datetime.datetime)
    assert isinstance(updated, datetime.datetime)
    assert updated > created
    stored = fake.data("/static-translation-overrides")
    assert [(o["language"], o["value"]) for o in stored] == [("en", "Call"), ("nl", "Afspraak")]


async def test_patch_on_subjects_forms_and_customers_merges(engage: PexipEngage, fake: FakePexipEngage) -> None:
    fake.add_subject_group(id="g1")
    fake.add_subject(id="s1", order=1, externalId="S-1", subjectGroup={"id": "g1"})
    subject = await engage.subjects.update_subject_by_id(
        "s1",
        body={"order": 4, "subjectGroupId": None, "translations": {"name": [{"language": "en", "value": "Loans"}]}},
    )
    assert (subject.order, subject.external_id, subject.subject_group) == (4, "S-1", None)
    assert subject.name is not None
    assert subject.name.value == "Loans"
    with pytest.raises(errors.NotFoundError):  # a reference must exist
        await engage.subjects.update_subject_by_id("s1", body={"subjectGroupId": "no-such-group"})

    form = await engage.forms.create_form(body={"name": "Intake", "type": "SUBJECT_QUESTIONNAIRE"})
    renamed = await engage.forms.update_form_by_id(form.id, body={"name": "Intake v2"})
    assert (renamed.name, renamed.type_) == ("Intake v2", "SUBJECT_QUESTIONNAIRE")

    fake.add_customer(id="c1", firstName="Ann", company="Acme", timeZone="Europe/Brussels")
    customer = await engage.customers.update_customer_by_id("c1", body={"company": None, "language": "nl"})
    assert (customer.first_name, customer.company, customer.language) == ("Ann", None, "nl")
    assert customer.time_zone == "Europe/Brussels"


async def test_external_calendar_events_are_filtered_and_paged(engage: PexipEngage, fake: FakePexipEngage) -> None:
    fake.add_employee(id="e1")
    events = "/employees/e1/external-calendar-events"
    for day, show_as in ((7, "BUSY"), (8, "FREE"), (9, "TENTATIVE")):
        fake.add(
            events, id=f"ev{day}", start=f"2030-01-0{day}T09:00:00Z", end=f"2030-01-0{day}T10:00:00Z", showAs=show_as
        )
    start, end = "2030-01-08T00:00:00Z", "2030-01-31T00:00:00Z"
    found = engage.employees.get_external_calendar_events("e1", from_=start, to=end)
    assert [event.id async for event in found] == ["ev8", "ev9"]
    busy = engage.employees.get_external_calendar_events("e1", show_as=["TENTATIVE"], from_=start, to=end)
    assert [event.show_as async for event in busy] == ["TENTATIVE"]
    with pytest.raises(errors.NotFoundError):
        await engage.employees.get_external_calendar_events("nobody", from_=start, to=end)
    with pytest.raises(errors.BadRequestError, match=r"query\.limit"):  # the staging page's bound
        await engage.employees.get_external_calendar_events("e1", limit=1001, from_=start, to=end)
