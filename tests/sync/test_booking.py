"""The sync client's `book_first` from many threads at once: one booking a slot, the rest told; and a branch's.

The async client's hundred tasks: tests/client/test_booking_concurrency.py; at a branch:
tests/client/test_team_booking.py.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from pexip_engage_client import Booked, Candidates, SyncPexipEngage, errors

from ..client.test_booking_concurrency import body, seeded
from ..client.test_team_booking import ADVISERS, adviser_of
from ..client.test_team_booking import body as team_body
from ..client.test_team_booking import seeded as team_seeded
from ..support.clients import TOKEN


def test_threads_at_one_slot_book_one_each_slot_and_the_rest_are_told() -> None:
    fake = seeded()
    with SyncPexipEngage("acme", token=TOKEN, transport=fake) as engage:
        view = engage.availability.free_busy("emp-1", start="2030-01-07T00:00:00Z", end="2030-01-08T00:00:00Z")
        candidates = Candidates.from_free_busy(view, 60, step=60)

        def attempt(n: int) -> Booked | errors.NoSlotBookedError:
            try:
                return engage.availability.book_first(candidates, body(f"web-{n}", f"customer-{n}"))
            except errors.NoSlotBookedError as error:
                return error

        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(attempt, range(24)))
    assert Counter(type(r).__name__ for r in results) == {"Booked": 2, "NoSlotBookedError": 22}
    assert Counter(a["start"][:19] for a in fake.appointments.values()) == {
        "2030-01-07T09:00:00": 1,
        "2030-01-07T10:00:00": 1,
    }


def test_twelve_customers_in_threads_at_a_branch_make_six_appointments() -> None:
    """A branch: 3 advisers free for 2 slots; each thread reads it, proposes and books."""
    fake = team_seeded()
    with SyncPexipEngage("acme", token=TOKEN, transport=fake) as engage:

        def customer(n: int) -> Booked | errors.NoSlotBookedError:
            team = engage.availability.team_free_busy(
                "office-1", start="2030-01-07T00:00:00Z", end="2030-01-08T00:00:00Z", subject_id="subject-1"
            )
            proposal = Candidates.from_team(team, 60, step=60, order="fair")
            try:
                return engage.availability.book_first(proposal, team_body(f"web-{n}", f"customer-{n}"))
            except errors.NoSlotBookedError as error:
                return error

        with ThreadPoolExecutor(max_workers=12) as pool:
            results = list(pool.map(customer, range(12)))
    assert Counter(type(r).__name__ for r in results) == {"Booked": 6, "NoSlotBookedError": 6}
    held = Counter((adviser_of(a), a["start"][:16]) for a in fake.appointments.values())
    assert held == {(who, at): 1 for who in ADVISERS for at in ("2030-01-07T09:00", "2030-01-07T10:00")}
