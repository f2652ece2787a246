"""`propose_times` cut to its answer's budget still names every adviser who offers nothing (docs/booking.md)."""

from __future__ import annotations

import datetime
from typing import Any

from pexip_engage_client.testing import FakePexipEngage

from .support import connected

ADVISERS = [f"e-{n:02}" for n in range(20)]


def branch() -> FakePexipEngage:
    """20 advisers, each with ten half-hour blocks: none offers an hour, each block says why."""
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)
    fake.add_office(id="o-big")
    fake.add_subject(id="s-1")
    for who in ADVISERS:
        fake.add_employee(id=who, timeZone="UTC", officeRelations=[{"role": "AGENT", "office": {"id": "o-big"}}])
        for day in range(10):
            at = datetime.datetime(2030, 1, 7, 9, tzinfo=datetime.UTC) + datetime.timedelta(days=day)
            fake.add_defined_availability(
                start=at.isoformat(),
                end=(at + datetime.timedelta(minutes=30)).isoformat(),
                employee={"id": who},
                office={"id": "o-big"},
                subject={"id": "s-1"},
                meetingType="VIDEO",
            )
    return fake


async def test_a_cut_answer_keeps_a_reason_for_each_adviser() -> None:
    async with connected(branch(), "2026-07-28") as client:
        called = await client.call_tool(
            "propose_times",
            {
                "office_id": "o-big",
                "since": "2030-01-07T00:00:00Z",
                "until": "2030-01-21T00:00:00Z",
                "duration_minutes": 60,
            },
        )
    answer: dict[str, Any] = called.structured_content or {}
    assert not called.is_error, called.content
    assert answer["candidates"] == []
    assert answer["truncated"] is True
    assert answer["left_out"] > 0  # 200 reasons do not fit: some are left out, never an adviser's only one
    assert {r["employee_id"] for r in answer["reasons"]} == set(ADVISERS)
    assert all(r["code"] == "too_short" for r in answer["reasons"])
