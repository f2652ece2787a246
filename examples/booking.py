"""Proposing times and booking the first that holds: candidates from free/busy, `book_first` with one
key per booking attempt, a timetable's fields the spec does not know yet, kept and recorded, and a
branch's candidates (any adviser at an office) booked once.
Runs offline against the fake, which refuses a time an employee's defined availability has no room for."""

import asyncio
import json
import tempfile
from pathlib import Path

from pexip_engage_client import Candidates, PexipEngage, errors
from pexip_engage_client.availability import AvailabilityStore
from pexip_engage_client.testing import FakePexipEngage


def seeded() -> FakePexipEngage:
    fake = FakePexipEngage()
    fake.add_token("my-token")
    fake.add_office(id="office-1")
    fake.add_subject(id="mortgage")
    fake.add_customer(id="customer-42")
    fake.add_customer(id="customer-7")
    fake.add_employee(
        id="emp-1", timeZone="Europe/Brussels", officeRelations=[{"role": "AGENT", "office": {"id": "office-1"}}]
    )
    fake.add_defined_availability(  # 09:00-12:00 in Brussels, one appointment at a time
        start="2030-01-07T08:00:00Z",
        end="2030-01-07T11:00:00Z",
        employee={"id": "emp-1"},
        office={"id": "office-1"},
        subject={"id": "mortgage"},
        meetingType="VIDEO",
        maxConcurrentAppointments=1,
    )
    book(fake, "2030-01-07T08:00:00Z", "2030-01-07T08:30:00Z", "customer-7", buffer=15)  # 09:00-09:30, +15 minutes
    return fake


def book(fake: FakePexipEngage, start: str, end: str, customer: str, buffer: int = 0) -> None:
    """Someone else's booking, straight into the fake."""
    fake.add_appointment(
        start=start,
        end=end,
        status="ACCEPTED",
        subject={"id": "mortgage"},
        office={"id": "office-1"},
        meetingType="VIDEO",
        trailingBufferTime=buffer,
        appointmentParticipants=[
            {"role": "PRIMARY", "participant": {"id": customer}, "type": "CUSTOMER"},
            {"role": "PRIMARY", "participant": {"id": "emp-1"}, "type": "EMPLOYEE"},
        ],
    )


async def propose_and_book(engage: PexipEngage, fake: FakePexipEngage) -> None:
    # --8<-- [start:propose]
    view = await engage.availability.free_busy("emp-1", start="2030-01-07T00:00:00Z", end="2030-01-08T00:00:00Z")
    proposal = Candidates.from_free_busy(view, 30, step=15, meeting_type="VIDEO")  # 30 minutes, on a 15-minute grid
    for candidate in proposal.candidates[:3]:
        print(candidate.start.isoformat(), candidate.office_id, candidate.subject_id, candidate.meeting_type)
    # 2030-01-07T09:45:00+01:00 office-1 mortgage VIDEO   (09:00-09:30 is booked, and its buffer runs to 09:45)
    # 2030-01-07T10:00:00+01:00 office-1 mortgage VIDEO
    # 2030-01-07T10:15:00+01:00 office-1 mortgage VIDEO

    none = Candidates.from_free_busy(view, 30, meeting_type="PHONE")
    if not none:
        print([(reason.code, reason.message) for reason in none.reasons])
    # [('no_matching_availability', 'no block of defined availability for meeting type PHONE; ...')]
    # --8<-- [end:propose]

    book(fake, "2030-01-07T08:45:00Z", "2030-01-07T09:15:00Z", "customer-7")  # meanwhile, 09:45-10:15 is taken

    # --8<-- [start:book]
    body = {
        "externalId": "booking-1234",  # the key of this booking attempt: your booking's id, say
        "appointmentParticipants": [{"role": "PRIMARY", "participantId": "customer-42", "type": "CUSTOMER"}],
    }
    try:
        booked = await engage.availability.book_first(proposal, body)
    except errors.NoSlotBookedError as error:  # every candidate was taken, or there was none
        print(error.refused, error.reasons)  # propose again, and book from those
        raise
    print(booked.outcome, booked.candidate.start.isoformat() if booked.candidate else None)
    # created 2030-01-07T10:15:00+01:00
    print([(r.candidate.start.isoformat(), str(r.error.codes[-1])) for r in booked.refused])
    # [('2030-01-07T09:45:00+01:00', 'APPOINTMENT_NO_AVAILABILITY'), ('2030-01-07T10:00:00+01:00', ...)]

    again = await engage.availability.book_first(proposal, body)  # a retry of the same attempt
    print(again.outcome, again.appointment.id == booked.appointment.id)  # found True: nothing more booked
    # --8<-- [end:book]
    if len(booked.refused) != 2 or str(again.outcome) != "found" or len(fake.appointments) != 3:
        raise SystemExit("book_first did not move on from the taken slots, or booked twice")


# A tenant whose timetable answers with `timeSlots`, which openapi.yaml does not know yet: the fake
# plays it with an overlay (docs/spec-drift.md, "Reproducing a difference with the fake").
TENANT = {
    "overlay": "1.0.0",
    "info": {"title": "a tenant's timetable shows its slots", "version": "1"},
    "actions": [
        {
            "target": "$['components']['schemas']['Timetable']['properties']",
            "update": {"timeSlots": {"type": "array", "items": {"type": "object"}}},
        }
    ],
}


async def timetable() -> None:
    fake = FakePexipEngage(overlay=TENANT)
    fake.add_token("my-token")
    fake.add_office(id="office-1")
    fake.set_data(
        "getTimetable",
        {
            "duration": 30,
            "earliestPossible": "2030-01-07T08:00:00.000Z",
            "latestPossible": "2030-01-07T11:00:00.000Z",
            "timeSlots": [{"start": "2030-01-07T08:45:00.000Z", "employeeIds": ["emp-1"]}],
        },
    )
    async with PexipEngage("acme", token="my-token", transport=fake) as engage:
        # --8<-- [start:timetable]
        table = await engage.availability.get_timetable(
            from_="2030-01-07T00:00:00Z",
            to="2030-01-08T00:00:00Z",
            office_id="office-1",
            subject_id="mortgage",
            meeting_type="VIDEO",
        )
        print(table.duration, table["timeSlots"])  # a field the spec does not know: kept, as sent
        # 30 [{'start': '2030-01-07T08:45:00.000Z', 'employeeIds': ['emp-1']}]
        print([(r.operation, r.pointer, r.kind) for r in engage.spec_drift.records()])
        # [('getTimetable', '/data/timeSlots', 'field')]
        print(json.dumps(engage.spec_drift.overlay()["actions"][0]["update"]))
        # {"timeSlots": {"type": "array"}}: the step that makes openapi.yaml learn it (make spec-overlay)
        # --8<-- [end:timetable]
        if table.to_dict().get("timeSlots") != [{"start": "2030-01-07T08:45:00.000Z", "employeeIds": ["emp-1"]}]:
            raise SystemExit("the timetable's unknown field was not kept")


def ghent() -> FakePexipEngage:
    """A branch: three mortgage advisers in Ghent, one of them with a booking already, one away all week (the seed
    docs/booking.md's command line serves too: `pexip-engage fake serve --seed examples/ghent.yaml`)."""
    fake = FakePexipEngage()
    fake.add_token("my-token")
    fake.seed_file(Path(__file__).with_name("ghent.yaml"))
    return fake


async def any_adviser(engage: PexipEngage, fake: FakePexipEngage) -> None:
    # --8<-- [start:branch]
    team = await engage.availability.team_free_busy(
        "ghent",
        start="2030-01-08T13:00:00+01:00",
        end="2030-01-08T18:00:00+01:00",
        subject_id="mortgage",
        meeting_type="OFFICE",
    )  # Tuesday afternoon, the Ghent branch, anyone who does mortgages
    proposal = Candidates.from_team(team, 60, step=60, order="fair")
    for candidate in proposal:
        print(candidate.start.isoformat(), candidate.employee_ids)
    # 2030-01-08T14:00:00+01:00 ('bob',)
    # 2030-01-08T15:00:00+01:00 ('bob', 'ann')   fair: ann holds one appointment already
    # 2030-01-08T16:00:00+01:00 ('bob', 'ann')
    print([(reason.employee_id, reason.code) for reason in proposal.reasons])
    # [('cem', 'no_availability_at_office')]

    body = {
        "externalId": "booking-5678",  # the key of this booking attempt, as for one adviser
        "appointmentParticipants": [{"role": "PRIMARY", "participantId": "customer-42", "type": "CUSTOMER"}],
    }
    booked = await engage.availability.book_first(proposal, body)  # each time's advisers in order, then the next
    slot = booked.candidate  # the adviser and time it was booked at (None: found, booked by an earlier run)
    print(booked.outcome, slot and (slot.employee_id, slot.start.isoformat()))
    # created ('bob', '2030-01-08T14:00:00+01:00')
    # --8<-- [end:branch]
    if [c.employee_ids for c in proposal] != [("bob",), ("bob", "ann"), ("bob", "ann")] or len(fake.appointments) != 2:
        raise SystemExit("the branch's candidates, or its booking, are not what the docs show")


async def from_a_store(engage: PexipEngage, fake: FakePexipEngage, folder: Path) -> None:
    start, end = "2030-01-08T13:00:00+01:00", "2030-01-08T18:00:00+01:00"
    # --8<-- [start:store]
    async with AvailabilityStore(f"sqlite:///{folder}/availability.db", client=engage) as store:
        team = await engage.availability.team_free_busy("ghent", start=start, end=end, store=store)
        read = len(fake.calls)  # the first search read the branch's lists, and the store keeps them
        again = await engage.availability.team_free_busy("ghent", start=start, end=end, store=store)
        print(len(fake.calls) - read, [view.read_at is not None for view in again.views])
        # 0 [True, True, True]   (a warm search asks Engage nothing; each view says when its lists were read)
    # --8<-- [end:store]
    if len(fake.calls) != read or again.views != team.views:
        raise SystemExit("a warm search from the store is not what the docs show")


async def main() -> None:
    fake = seeded()
    async with PexipEngage("acme", token="my-token", transport=fake) as engage:
        await propose_and_book(engage, fake)
    await timetable()
    branch = ghent()
    async with PexipEngage("acme", token="my-token", transport=branch) as engage:
        await any_adviser(engage, branch)
    with tempfile.TemporaryDirectory() as folder:
        branch = ghent()
        async with PexipEngage("acme", token="my-token", transport=branch) as engage:
            await from_a_store(engage, branch, Path(folder))


if __name__ == "__main__":
    asyncio.run(main())
