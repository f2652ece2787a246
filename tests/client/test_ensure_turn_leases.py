"""An ensure's turn, against a backend that honours durations (tests/support/clocked_leases.py).

What each step of `_ensure_lock.Turn` leaves in the backend: how long a look-up's, a wait's and a
create's lease lasts, that a turn is given back when what it did is known and left to run out when
a create may still land, and that a client sharing its limits takes turns in the shared backend,
never in this host's lock files (two hosts would then both create).
"""

from __future__ import annotations

import asyncio

import pytest

from pexip_engage_client import Governor, PexipEngage, errors
from pexip_engage_client._base._lease import Busy, FileLeases, Held, LeaseLostError, RedisLeases
from pexip_engage_client._base._postgres_leases import PostgresLeases
from pexip_engage_client._ensuring._ensure_lock import EnsureLocks, Turn
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.clocked_leases import ClockedLeases
from ..support.ensure_bodies import APPOINTMENT, seed_references
from ..support.virtual_clock import VirtualClock

LEASE = 10.0
KEY = "pexip-engage-ensure:createAppointment:test"


def turn_on(backend: ClockedLeases) -> Turn:
    return Turn(asyncio.Lock(), backend, KEY, LEASE)


async def lasts(backend: ClockedLeases, clock: VirtualClock) -> float:
    """How long (virtual seconds from now) the key stays held, to a tenth of a second."""
    until = backend.leases[KEY][1] if backend.holder(KEY) else clock.now()
    return round(until - clock.now(), 1)


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def backend(clock: VirtualClock) -> ClockedLeases:
    return ClockedLeases(clock)


async def test_a_turn_taken_lasts_one_lease_and_keeps_others_out_until_then(
    backend: ClockedLeases, clock: VirtualClock
) -> None:
    turn = turn_on(backend)
    assert isinstance(await turn.take(), Held)
    assert await lasts(backend, clock) == LEASE
    other = turn_on(backend)
    assert isinstance(await other.take(), Busy)
    clock.advance(LEASE + 0.1)
    assert isinstance(await other.take(), Held)  # a holder that vanished costs one lease, no more


async def test_a_look_up_attempt_renews_the_lease_for_one_lease_from_now(
    backend: ClockedLeases, clock: VirtualClock
) -> None:
    turn = turn_on(backend)
    await turn.take()
    clock.advance(LEASE - 1)
    await turn.before_send("GET")
    assert await lasts(backend, clock) == LEASE


async def test_a_wait_renews_the_lease_over_the_wait_and_one_lease_more(
    backend: ClockedLeases, clock: VirtualClock
) -> None:
    turn = turn_on(backend)
    await turn.take()
    await turn.keep(25.0)
    assert await lasts(backend, clock) == 25.0 + LEASE


async def test_a_create_confirms_the_turn_over_its_send_and_fails_unsent_once_lost(
    backend: ClockedLeases, clock: VirtualClock
) -> None:
    turn = turn_on(backend)
    await turn.take()
    clock.advance(LEASE - 1)
    await turn.before_send("POST")
    assert await lasts(backend, clock) == LEASE
    assert turn.create_in_doubt
    clock.advance(LEASE + 0.1)
    assert isinstance(await turn_on(backend).take(), Held)  # another holder took it over
    with pytest.raises(LeaseLostError):
        await turn.before_send("POST")


async def test_a_turn_whose_create_is_answered_is_given_back_at_once(backend: ClockedLeases) -> None:
    turn = turn_on(backend)
    await turn.take()
    await turn.before_send("POST")
    turn.create_answered()
    await turn.leave()
    assert backend.holder(KEY) is None
    assert isinstance(await turn_on(backend).take(), Held)


async def test_a_turn_whose_create_may_still_land_is_left_to_run_out(
    backend: ClockedLeases, clock: VirtualClock
) -> None:
    turn = turn_on(backend)
    await turn.take()
    await turn.before_send("POST")  # no answer came: the create may still land
    await turn.leave()
    assert isinstance(await turn_on(backend).take(), Busy)
    assert await lasts(backend, clock) == LEASE
    clock.advance(LEASE + 0.1)
    assert isinstance(await turn_on(backend).take(), Held)


def test_turns_are_taken_in_the_shared_backend_when_the_governor_shares_and_in_lock_files_only_without() -> None:
    locks = EnsureLocks()
    assert isinstance(locks.backend("redis://127.0.0.1:1/0"), RedisLeases)
    assert isinstance(locks.backend("postgresql://app@127.0.0.1:1/app"), PostgresLeases)
    assert isinstance(locks.backend(None), FileLeases)


async def test_an_ensure_whose_shared_backend_cannot_be_reached_creates_nothing() -> None:
    """Through the client: a shared governor whose Redis is down; the turn is not taken in lock files instead."""
    fake = seed_references(FakePexipEngage(max_in_flight=None, per_minute=None))
    governor = Governor(shared="redis://127.0.0.1:1/0", rate=1000)
    async with PexipEngage("acme", token=TOKEN, transport=fake, governor=governor, timeout=0.2) as engage:
        with pytest.raises(errors.EnsureTurnError) as raised:
            await engage.appointments.ensure_appointment(APPOINTMENT)
    assert not raised.value.may_have_created
    assert not fake.calls_to("createAppointment")
