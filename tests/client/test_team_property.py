"""A branch's candidates against a brute force, on random branches around the 2026 DST changes.

Hypothesis draws advisers in Europe/Brussels or America/New_York, their blocks of defined availability (several
appointments at once, some), appointments with trailing buffers (some cancelled, some at the same time) and
external calendar events (some shown as free), in the two days around a change of the clocks. The fake serves
them; `team_free_busy` and `Candidates.from_team` must propose exactly what a minute-by-minute brute force of the
rules (docs/free-busy.md, "What holds time"; docs/booking.md) finds, each with every adviser free for it.
"""

from __future__ import annotations

import asyncio
import datetime
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pexip_engage_client import Candidates, PexipEngage
from pexip_engage_client._scheduling._team_candidates import appointments_in
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN

UTC = datetime.UTC
MINUTE = datetime.timedelta(minutes=1)
# The local midnight before each 2026 change of the clocks: spring forward and fall back, in both zones.
NIGHTS = {
    "Europe/Brussels": ("2026-03-28T23:00:00Z", "2026-10-24T22:00:00Z"),
    "America/New_York": ("2026-03-07T05:00:00Z", "2026-10-31T04:00:00Z"),
}
WINDOW = datetime.timedelta(hours=48)  # the day before the change and the day of it
FIVE = st.integers(0, 48 * 12 - 1).map(lambda n: n * 5)  # minutes into the window, on 5-minute edges


@dataclass
class Item:
    start: int  # minutes into the window
    minutes: int
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Adviser:
    id: str
    zone: str
    blocks: list[Item]
    appointments: list[Item]
    events: list[Item]


blocks = st.builds(
    Item,
    FIVE,
    st.integers(1, 48).map(lambda n: n * 15),
    st.fixed_dictionaries(
        {
            "subject": st.sampled_from(["subject-1", "subject-2"]),
            "meetingType": st.sampled_from(["VIDEO", "PHONE"]),
            "most": st.integers(1, 3),
            "office": st.sampled_from(["office-1", "office-1", "office-2"]),
        }
    ),
)
appointments = st.builds(
    Item,
    FIVE,
    st.integers(1, 24).map(lambda n: n * 5),
    st.fixed_dictionaries(
        {
            "buffer": st.sampled_from([0, 0, 5, 15]),
            "status": st.sampled_from(["ACCEPTED"] * 4 + ["CANCELLED"]),
        }
    ),
)
events = st.builds(
    Item,
    FIVE,
    st.integers(1, 24).map(lambda n: n * 5),
    st.fixed_dictionaries({"showAs": st.sampled_from(["BUSY", "FREE"])}),
)
# What a screen asks: the duration and step (minutes), the subject and meeting type (None: any), the order.
asks = st.fixed_dictionaries(
    {
        "duration": st.sampled_from([15, 30, 45, 60]),
        "step": st.sampled_from([15, 30, 60]),
        "subject": st.sampled_from([None, "subject-1"]),
        "kind": st.sampled_from([None, "VIDEO"]),
        "order": st.sampled_from(["earliest", "fair"]),
    }
)


@st.composite
def branches(draw: st.DrawFn) -> tuple[str, datetime.datetime, list[Adviser]]:
    zone = draw(st.sampled_from(sorted(NIGHTS)))
    night = datetime.datetime.fromisoformat(draw(st.sampled_from(NIGHTS[zone])))
    start = night - datetime.timedelta(hours=24)
    advisers = [
        Adviser(
            f"emp-{n}",
            draw(st.sampled_from([zone, zone, "UTC"])),
            draw(st.lists(blocks, max_size=4)),
            draw(st.lists(appointments, max_size=6)),
            draw(st.lists(events, max_size=3)),
        )
        for n in range(draw(st.integers(1, 4)))
    ]
    return zone, start, advisers


def text(start: datetime.datetime, minutes: int) -> str:
    return (start + minutes * MINUTE).isoformat().replace("+00:00", "Z")


def fake_of(start: datetime.datetime, advisers: list[Adviser]) -> FakePexipEngage:
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)
    for office in ("office-1", "office-2"):
        fake.add_office(id=office)
    fake.add_subject(id="subject-1")
    fake.add_subject(id="subject-2")
    fake.add_customer(id="customer-1")
    fake.add_employee(id="emp-elsewhere", officeRelations=[{"role": "AGENT", "office": {"id": "office-2"}}])
    for adviser in advisers:
        relations = [{"role": "AGENT", "office": {"id": "office-1"}}]
        fake.add_employee(id=adviser.id, timeZone=adviser.zone, officeRelations=relations)
        for b in adviser.blocks:
            fake.add_defined_availability(
                start=text(start, b.start),
                end=text(start, b.start + b.minutes),
                employee={"id": adviser.id},
                office={"id": b.extra["office"]},
                subject={"id": b.extra["subject"]},
                meetingType=b.extra["meetingType"],
                maxConcurrentAppointments=b.extra["most"],
            )
        for a in adviser.appointments:
            fake.add_appointment(
                start=text(start, a.start),
                end=text(start, a.start + a.minutes),
                status=a.extra["status"],
                trailingBufferTime=a.extra["buffer"],
                subject={"id": "subject-1"},
                office={"id": "office-1"},
                appointmentParticipants=[
                    {"role": "PRIMARY", "participant": {"id": "customer-1"}, "type": "CUSTOMER"},
                    {"role": "PRIMARY", "participant": {"id": adviser.id}, "type": "EMPLOYEE"},
                ],
            )
        for e in adviser.events:
            fake.add_external_calendar_event(
                adviser.id, start=text(start, e.start), end=text(start, e.start + e.minutes), showAs=e.extra["showAs"]
            )
    return fake


def brute_force(
    start: datetime.datetime,
    advisers: list[Adviser],
    *,
    duration: int,
    step: int,
    subject: str | None,
    kind: str | None,
) -> set[tuple[datetime.datetime, str, str, str, str]]:
    """Every (start, office, subject, meeting type, adviser) the rules allow, minute by minute: a start on a block's
    grid whose minutes lie in the block (as the window clips it), none busy with an event, each held by fewer
    appointments than the block takes at once."""
    found = set()
    for adviser in advisers:
        busy = {m for e in adviser.events if e.extra["showAs"] != "FREE" for m in range(e.start, e.start + e.minutes)}
        held = [
            range(a.start, a.start + a.minutes + a.extra["buffer"])
            for a in adviser.appointments
            if a.extra["status"] != "CANCELLED"
        ]
        for b in adviser.blocks:
            wanted = (b.extra["office"], b.extra["subject"], b.extra["meetingType"])
            if wanted[0] != "office-1" or subject not in (None, wanted[1]) or kind not in (None, wanted[2]):
                continue
            last = min(b.start + b.minutes, 48 * 60)  # as the window clips it
            taken = {m for m in range(b.start, last) if m in busy or sum(m in h for h in held) >= b.extra["most"]}
            for at in range(b.start, last - duration + 1, step):
                if taken.isdisjoint(range(at, at + duration)):
                    found.add((start + at * MINUTE, *wanted, adviser.id))
    return found


@pytest.mark.slow  # a brute force over many branches
@settings(max_examples=60)
@given(branch=branches(), ask=asks)
def test_a_branchs_candidates_are_the_brute_forces(
    branch: tuple[str, datetime.datetime, list[Adviser]], ask: dict[str, Any]
) -> None:
    _, start, advisers = branch
    duration, step, subject, kind, order = (ask[k] for k in ("duration", "step", "subject", "kind", "order"))
    fake = fake_of(start, advisers)

    async def read() -> Any:
        async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
            return await engage.availability.team_free_busy(
                "office-1", start=start, end=start + WINDOW, subject_id=subject, meeting_type=kind
            )

    team = asyncio.run(read())
    proposal = Candidates.from_team(team, duration, step=step, order=order)
    got = [
        (c.start.astimezone(UTC), c.office_id, c.subject_id, c.meeting_type, who)
        for c in proposal
        for who in c.employee_ids
    ]
    assert len(got) == len(set(got))
    assert set(got) == brute_force(start, advisers, duration=duration, step=step, subject=subject, kind=kind)
    assert [c.start.astimezone(UTC) for c in proposal] == sorted(c.start.astimezone(UTC) for c in proposal)
    assert all(c.end.astimezone(UTC) - c.start.astimezone(UTC) == duration * MINUTE for c in proposal)  # elapsed
    assert team.employee_ids == tuple(sorted(a.id for a in advisers))
    assert len(fake.calls) <= 4 + 2 * len(advisers)
    offering = {who for *_, who in got}
    assert all(any(r.employee_id == a.id for r in proposal.reasons) for a in advisers if a.id not in offering)
    rank = {view.employee_id: (appointments_in(view) if order == "fair" else 0, n) for n, view in enumerate(team.views)}
    assert all(list(c.employee_ids) == sorted(c.employee_ids, key=rank.__getitem__) for c in proposal)
    shown = ZoneInfo(advisers[0].zone if len({a.zone for a in advisers}) == 1 else "UTC")
    assert team.time_zone == shown.key
    assert all(c.start.utcoffset() == c.start.astimezone(UTC).astimezone(shown).utcoffset() for c in proposal)
    assert all(c.start == c.start.astimezone(UTC).astimezone(shown) for c in proposal)
