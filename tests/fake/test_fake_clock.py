"""The fake's clock on writes: every write moves `updatedAt` forward, in memory as served, without a
test having to advance the clock; reads leave it where it is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx2
import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.provisioning import apply_plan, plan_employees
from pexip_engage_client.testing import FakeClock, FakePexipEngage
from pexip_engage_client.testing._clock import duration
from pexip_engage_client.testing._server import serve

from ..support.clients import TOKEN
from ..support.waiting import wait_until

START = datetime(2030, 1, 1, 8, 0, tzinfo=UTC)


async def test_each_update_moves_updated_at_forward_while_the_test_never_advances_the_clock() -> None:
    fake = FakePexipEngage(clock=FakeClock(START))
    seeded = fake.add_lead_segment(code="A")
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        created = await engage.lead_segments.create_lead_segment(body={"code": "B"})
        first = await engage.lead_segments.update_lead_segment_by_id(created.id, body={"code": "C"})
        second = await engage.lead_segments.update_lead_segment_by_id(created.id, body={"code": "D"})
        other = await engage.lead_segments.update_lead_segment_by_id(seeded["id"], body={"code": "E"})
        read = await engage.lead_segments.get_lead_segment_by_id(created.id)
        again = await engage.lead_segments.get_lead_segment_by_id(created.id)
    stamps = [datetime.fromisoformat(seeded["updatedAt"]), created.updated_at, first.updated_at, second.updated_at]
    assert stamps == sorted(set(stamps))  # strictly increasing
    assert other.updated_at > second.updated_at
    assert created.created_at == created.updated_at < second.updated_at
    assert second.created_at == created.created_at  # an update keeps the creation time
    assert read.updated_at == again.updated_at == second.updated_at  # reads write nothing
    # A millisecond a write, the API's resolution: the clock stays where a test put it, give or take
    assert fake.clock.now() - START == timedelta(milliseconds=4)
    fake.clock.advance(minutes=5)
    assert fake.clock.now() == START + timedelta(minutes=5, milliseconds=4)


async def test_a_target_updated_at_the_same_clock_time_is_a_conflict_for_an_apply() -> None:
    fake = FakePexipEngage(clock=FakeClock(START))
    employee = fake.add_employee(externalId="X-1", email="x1@acme.test", firstName="Ann", lastName="Lee")
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        plan = await plan_employees(
            engage, [{"externalId": "X-1", "email": "x1@acme.test", "firstName": "Ann", "lastName": "Smith"}]
        )
        await engage.employees.update_employee_by_id(employee["id"], body={"phoneNumber": "+3212345678"})
        report = await apply_plan(engage, plan)
    assert [outcome.key for outcome in report.conflicts] == ["X-1"]
    assert report.updated == []
    assert fake.employees[employee["id"]]["lastName"] == "Lee"


def test_the_served_fake_moves_updated_at_forward_too() -> None:
    fake = FakePexipEngage(clock=FakeClock(START))
    headers = {"Authorization": "Bearer t"}
    with serve(fake) as root, httpx2.Client(base_url=f"{root}/enterprises/acme", headers=headers) as client:
        created = client.post("/lead-segments", json={"code": "S"}).json()["data"]
        updated = [
            client.patch(f"/lead-segments/{created['id']}", json={"code": f"S{n}"}).json()["data"]["updatedAt"]
            for n in range(3)
        ]
    assert [created["updatedAt"], *updated] == sorted({created["updatedAt"], *updated})


def test_a_real_clock_follows_the_wall_clock_and_is_moved_from_there() -> None:
    clock = FakeClock(real=True)
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=1)
    first = clock.now()
    wait_until(lambda: clock.now() - first >= timedelta(milliseconds=20), 5)  # it moves by itself
    clock.advance(hours=1)
    assert abs(clock.now() - datetime.now(UTC) - timedelta(hours=1)) < timedelta(seconds=1)
    clock.set(START)
    assert START <= clock.now() < START + timedelta(seconds=1)
    stamps = [clock.write_time() for _ in range(5)]  # a millisecond apart at least, as the fixed clock's
    assert len(set(stamps)) == 5
    assert stamps == sorted(stamps)
    assert "real" in repr(clock)
    fixed = FakeClock(START)
    assert (fixed.now(), fixed.real) == (START, False)


def test_an_iso_duration_is_read_to_the_fraction_of_a_second() -> None:
    assert duration("PT1H") == timedelta(hours=1)
    assert duration("p1dt30m") == timedelta(days=1, minutes=30)
    assert duration("P2W") == timedelta(weeks=2)
    assert duration("PT0,25S") == timedelta(seconds=0.25)
    for text in ("P", "PT", "P1Y", "P1M", "PT1H-", "1h", "P1DT"):
        with pytest.raises(ValueError, match="is no ISO 8601 duration"):
            duration(text)
