"""`from`/`to` keep what overlaps the window [from, to) (docs/testing.md, "Lists by time"): an
appointment across a window's edge is in both windows, never in neither; free/busy and reconcile,
reading through the same lists, see it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx2
import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.webhooks import WebhookReceiver

from ..support.clients import TOKEN

OCTOBER = (datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC))
NOVEMBER = (datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC))


def _wire(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _appointment(fake: FakePexipEngage, appointment_id: str, start: datetime, minutes: int = 60) -> None:
    fake.add_appointment(
        id=appointment_id, status="ACCEPTED", start=_wire(start), end=_wire(start + timedelta(minutes=minutes))
    )


@pytest.fixture
def fake() -> FakePexipEngage:
    fake = FakePexipEngage()
    _appointment(fake, "across-midnight", datetime(2026, 10, 31, 23, 30, tzinfo=UTC))  # to 00:30 on 1 November
    _appointment(fake, "ends-at-the-edge", datetime(2026, 10, 31, 23, 0, tzinfo=UTC))  # ends at 00:00 exactly
    _appointment(fake, "starts-at-the-edge", datetime(2026, 11, 1, 0, 0, tzinfo=UTC))
    _appointment(fake, "all-of-november", datetime(2026, 10, 20, tzinfo=UTC), minutes=60 * 24 * 50)
    _appointment(fake, "in-september", datetime(2026, 9, 10, tzinfo=UTC))
    return fake


async def _ids(engage: PexipEngage, window: tuple[datetime, datetime]) -> set[str]:
    found = engage.appointments.get_appointments(from_=window[0], to=window[1])
    return {appointment.id async for appointment in found}


async def test_an_appointment_across_the_edge_is_in_both_windows_and_none_is_lost(fake: FakePexipEngage) -> None:
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        october, november = await _ids(engage, OCTOBER), await _ids(engage, NOVEMBER)
    # The October export (to=2026-11-01) kept only what ended by then: 23:30 to 00:30 was in neither.
    assert october == {"across-midnight", "ends-at-the-edge", "all-of-november"}
    assert november == {"across-midnight", "starts-at-the-edge", "all-of-november"}
    assert "in-september" not in october | november
    # Half-open: ending at `from` or starting at `to` is the neighbouring window's, and only its.
    assert "ends-at-the-edge" not in november
    assert "starts-at-the-edge" not in october


async def test_reconcile_reads_the_appointment_across_its_windows_end() -> None:
    fake = FakePexipEngage()
    _appointment(fake, "across-the-end", datetime(2026, 10, 31, 23, 30, tzinfo=UTC))
    _appointment(fake, "after-the-end", datetime(2026, 11, 1, 0, 0, tzinfo=UTC))
    receiver = WebhookReceiver("memory://", secret="reconcile-edge-s3cr3t")
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        result = await receiver.reconcile(engage, start=OCTOBER[0], end=OCTOBER[1])
    assert (result.appointments, result.handed_over) == (1, 1)


async def test_free_busy_shows_the_part_of_an_appointment_across_its_start_as_busy() -> None:
    fake = FakePexipEngage()
    fake.add_employee(id="e1", officeRelations=[], timeZone="UTC")
    fake.add_appointment(
        status="ACCEPTED",
        start="2026-10-31T23:30:00.000Z",
        end="2026-11-01T00:30:00.000Z",
        appointmentParticipants=[
            {"role": "PRIMARY", "participant": {"id": "c1"}, "type": "CUSTOMER"},
            {"role": "PRIMARY", "participant": {"id": "e1"}, "type": "EMPLOYEE"},
        ],
    )
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        view = await engage.availability.free_busy("e1", start=NOVEMBER[0], end=NOVEMBER[0] + timedelta(hours=8))
    assert [(busy.start, busy.end) for busy in view.busy] == [
        (NOVEMBER[0], datetime(2026, 11, 1, 0, 30, tzinfo=UTC)),
    ]


def test_a_listing_time_slot_is_in_when_the_window_touches_its_day() -> None:
    fake = FakePexipEngage()
    fake.add_listing(id="l1")
    for day in ("2030-01-06", "2030-01-07", "2030-01-08"):
        fake.add_listing_time_slot("l1", id=day, date=day)
    with fake.serve() as root:
        answer = httpx2.get(
            f"{root}/enterprises/acme/listings/l1/time-slots",
            params={"from": "2030-01-07T12:00:00Z", "to": "2030-01-07T13:00:00Z"},
            headers={"Authorization": "Bearer t"},
        )
    assert [slot["id"] for slot in answer.json()["data"]] == ["2030-01-07"]
