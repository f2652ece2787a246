"""A branch's view and candidates: the time and requests of `team_free_busy` and `Candidates.from_team`.

    python -m bench.team [--advisers 20] [--days 14] [--others 200] [--rounds 5]

The fake API, served over HTTP on 127.0.0.1 (in a thread of this process), holds a branch of `--advisers` advisers
among `--others` employees of other offices: each adviser has a block of defined availability each working day
(09:00-17:00 in Brussels, two appointments at once), four appointments a day with trailing buffers, and an external
calendar event a day. The client keeps the documented limits (its default governor: 4 calls in flight, 3,000 a
minute), as the fake does. Each round reads the branch over `--days` days and cuts it into 30-minute candidates on
a 15-minute grid, in fair order; the first round is a warm-up. Printed: the median round and its spread, and the
requests a round makes, against the bound of 3 walks (a page each) plus 1 per adviser.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import statistics
import time
from pathlib import Path

from pexip_engage_client import Candidates, PexipEngage
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ._harness import add_results_argument, record, row

START = datetime.datetime(2030, 1, 7, tzinfo=datetime.UTC)  # a Monday


def branch(advisers: int, days: int, others: int) -> FakePexipEngage:
    fake = FakePexipEngage()
    fake.add_token("bench-token")
    fake.add_office(id="elsewhere")
    fake.add_subject(id="mortgage")
    fake.add_customer(id="customer-1")
    for n in range(others):
        fake.add_employee(id=f"other-{n:04}", officeRelations=[{"role": "AGENT", "office": {"id": "elsewhere"}}])
    seed_branch(fake, "branch", advisers, days)
    return fake


def seed_branch(fake: FakePexipEngage, office: str, advisers: int, days: int) -> None:
    """The office and its advisers (`<office>-adviser-NN`; `adviser-NN` for "branch"), each with a block each working
    day (09:00-17:00 in Brussels, two appointments at once), four appointments and a calendar event a day."""
    fake.add_office(id=office)
    for n in range(advisers):
        who = f"adviser-{n:02}" if office == "branch" else f"{office}-adviser-{n:02}"
        fake.add_employee(
            id=who, timeZone="Europe/Brussels", officeRelations=[{"role": "AGENT", "office": {"id": office}}]
        )
        for day in range(days):
            morning = START + datetime.timedelta(days=day, hours=8)  # 09:00 in Brussels
            if morning.weekday() >= 5:
                continue
            fake.add_defined_availability(
                start=_text(morning),
                end=_text(morning + datetime.timedelta(hours=8)),
                employee={"id": who},
                office={"id": office},
                subject={"id": "mortgage"},
                meetingType="OFFICE",
                maxConcurrentAppointments=2,
            )
            for k in range(4):
                at = morning + datetime.timedelta(minutes=45 * (k * 2 + n % 3))
                fake.add_appointment(
                    start=_text(at),
                    end=_text(at + datetime.timedelta(minutes=30)),
                    status="ACCEPTED",
                    subject={"id": "mortgage"},
                    office={"id": office},
                    meetingType="OFFICE",
                    trailingBufferTime=15,
                    appointmentParticipants=[
                        {"role": "PRIMARY", "participant": {"id": "customer-1"}, "type": "CUSTOMER"},
                        {"role": "PRIMARY", "participant": {"id": who}, "type": "EMPLOYEE"},
                    ],
                )
            lunch = morning + datetime.timedelta(hours=3, minutes=15 * (n % 4))
            fake.add_external_calendar_event(
                who, start=_text(lunch), end=_text(lunch + datetime.timedelta(hours=1)), showAs="BUSY"
            )


def _text(moment: datetime.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


async def one_round(engage: PexipEngage, days: int) -> tuple[float, int]:
    """Seconds for the view and its candidates, and how many candidates."""
    started = time.perf_counter()
    team = await engage.availability.team_free_busy(
        "branch", start=START, end=START + datetime.timedelta(days=days), subject_id="mortgage"
    )
    proposal = Candidates.from_team(team, 30, step=15, order="fair")
    return time.perf_counter() - started, len(proposal)


async def main(advisers: int, days: int, others: int, rounds: int, results: Path | None) -> None:
    fake = branch(advisers, days, others)
    with serve(fake) as root:
        async with PexipEngage("acme", token="bench-token", base_url=root) as engage:  # the documented limits
            await one_round(engage, days)  # warm-up
            times: list[float] = []
            requests: list[int] = []
            for _ in range(rounds):
                before = len(fake.calls)
                elapsed, found = await one_round(engage, days)
                times.append(elapsed)
                requests.append(len(fake.calls) - before)
    bound = 3 + advisers
    assert max(requests) <= bound, f"{max(requests)} requests, more than {bound}"
    median = statistics.median(times)
    print(
        f"\nA branch of {advisers} advisers (among {advisers + others} employees) over {days} days, "
        f"at the documented limits (median of {rounds} rounds, spread lowest-highest)"
    )
    print(
        f"  team_free_busy + Candidates.from_team: {median:.3f}s ({min(times):.3f}-{max(times):.3f}s), "
        f"{statistics.median(requests):.0f} requests (bound {bound}), {found} candidates"
    )
    case = f"a {advisers}-adviser branch over {days} days"
    record(
        results,
        "team",
        [
            row("team", case, "pexip_engage_client", "s", times),
            row("team", f"{case}: requests", "pexip_engage_client", "requests", [float(r) for r in requests]),
        ],
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--advisers", type=int, default=20)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--others", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    add_results_argument(parser)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.advisers, arguments.days, arguments.others, arguments.rounds, arguments.results))
