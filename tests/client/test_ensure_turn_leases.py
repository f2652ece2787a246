"""An ensure's turn, against a backend that honours durations (tests/support/clocked_leases.py).

What each step of `_ensure_lock.Turn` leaves in the backend: how long a renewal's and a create's lease
lasts, that a held turn is renewed through any wait until it is left, that a turn is given back when
what it did is known and left to run out when a create may still land, and that a client sharing its
limits takes turns in the shared backend, never in this host's lock files (two hosts would then both
create).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import Any

import pytest

from pexip_engage_client import Governor, PexipEngage, errors
from pexip_engage_client._ensuring import _ensure_lock
from pexip_engage_client._ensuring._ensure_lock import KEY_PREFIX, EnsureLocks, Turn, described_holder, lease_key
from pexip_engage_client._leasing import _lease
from pexip_engage_client._leasing._lease import Busy, FileLeases, Held, LeaseLostError, RedisLeases
from pexip_engage_client._leasing._postgres_leases import PostgresLeases
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


async def test_a_renewal_lasts_one_lease_from_now(backend: ClockedLeases, clock: VirtualClock) -> None:
    turn = turn_on(backend)
    await turn.take()
    clock.advance(LEASE - 1)
    await turn.keep()
    assert await lasts(backend, clock) == LEASE


async def test_a_held_turn_is_renewed_every_third_of_a_lease_through_any_wait_until_it_is_left(
    backend: ClockedLeases, clock: VirtualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The waits of the ensure's calls (a backoff, the governor's turn, a token, a 429's pause) are many and may be
    long: the lease is kept alive beside them, not by each, and no longer once the turn is left."""
    pauses: list[float] = []

    async def pause(wait: Any, seconds: float) -> bool:  # each pause between renewals, on the virtual clock
        await asyncio.sleep(0)
        if wait.__self__.is_set():  # the turn was left: `wait` is its stop event's
            return True
        pauses.append(seconds)
        clock.advance(seconds)
        return False

    monkeypatch.setattr(_lease, "waited_within", pause)  # the renewals of `_lease.Renewing`
    turn = turn_on(backend)
    await turn.take()
    turn.keep_alive()
    for _ in range(30):  # ten leases of waiting: a wait of the call's, however long
        await asyncio.sleep(0)
    assert len(pauses) >= 20
    assert set(pauses) == {LEASE / 3}
    assert await lasts(backend, clock) == LEASE  # renewed after the last pause: never lapsed meanwhile
    await turn.leave()
    renewals = len(pauses)
    for _ in range(5):
        await asyncio.sleep(0)
    assert (len(pauses), backend.holder(KEY)) == (renewals, None)  # given back, and renewed no more


async def test_a_create_confirms_the_turn_over_its_send_and_fails_unsent_once_lost(
    backend: ClockedLeases, clock: VirtualClock
) -> None:
    turn = turn_on(backend)
    await turn.take()
    clock.advance(LEASE - 1)
    await turn.confirm_create()
    assert await lasts(backend, clock) == LEASE
    assert turn.create_in_doubt
    clock.advance(LEASE + 0.1)
    assert isinstance(await turn_on(backend).take(), Held)  # another holder took it over
    with pytest.raises(LeaseLostError):
        await turn.confirm_create()


async def test_a_turn_whose_create_is_answered_is_given_back_at_once(backend: ClockedLeases) -> None:
    turn = turn_on(backend)
    await turn.take()
    await turn.confirm_create()
    turn.create_answered()
    await turn.leave()
    assert backend.holder(KEY) is None
    assert isinstance(await turn_on(backend).take(), Held)


async def test_a_turn_whose_create_may_still_land_is_left_to_run_out(
    backend: ClockedLeases, clock: VirtualClock
) -> None:
    turn = turn_on(backend)
    await turn.take()
    await turn.confirm_create()  # no answer came: the create may still land
    await turn.leave()
    assert isinstance(await turn_on(backend).take(), Busy)
    assert await lasts(backend, clock) == LEASE
    clock.advance(LEASE + 0.1)
    assert isinstance(await turn_on(backend).take(), Held)


def test_turns_are_taken_in_the_shared_backend_when_the_governor_shares_and_in_lock_files_only_without(
    caplog: pytest.LogCaptureFixture,
) -> None:
    locks = EnsureLocks()
    assert isinstance(locks.backend("redis://127.0.0.1:1/0"), RedisLeases)
    assert isinstance(locks.backend("postgresql://app@127.0.0.1:1/app"), PostgresLeases)
    with caplog.at_level(logging.INFO, logger="pexip_engage_client"):
        files = locks.backend(None)
    assert isinstance(files, FileLeases)
    assert caplog.messages == [  # what to do when ensures run on several hosts
        f"ensure: turns are taken among this host's processes ({files.description}); ensures from several "
        "hosts need a shared Redis or PostgreSQL (PEXIP_ENGAGE_LIMITS=redis://... or postgresql://...)"
    ]


async def test_an_ensure_whose_shared_backend_cannot_be_reached_creates_nothing() -> None:
    """Through the client: a shared governor whose Redis is down; the turn is not taken in lock files instead."""
    fake = seed_references(FakePexipEngage(max_in_flight=None, per_minute=None))
    governor = Governor(shared="redis://127.0.0.1:1/0", rate=1000)
    async with PexipEngage("acme", token=TOKEN, transport=fake, governor=governor, timeout=0.2) as engage:
        with pytest.raises(errors.EnsureTurnError) as raised:
            await engage.appointments.ensure_appointment(APPOINTMENT)
    assert not raised.value.may_have_created
    assert not fake.calls_to("createAppointment")


# --- Each step on its own: what a slip in `_ensure_lock` would change (issue 78) ---------------------------


def test_a_lease_key_is_the_same_on_every_host_and_version_and_one_per_id_operation_and_api() -> None:
    """Processes of several hosts (and of client versions deployed side by side) take turns only if they
    name the lease alike: the key is a fixed function of the API's root, the operation and the id."""
    key = lease_key("https://acme.example/api", "createAppointment", "CRM-1")
    assert key == "pexip-engage-ensure:createAppointment:7cea493e9285b9606db0894d8456d3dd6d50cceb"
    others = {
        lease_key("https://other.example/api", "createAppointment", "CRM-1"),
        lease_key("https://acme.example/api", "createCustomer", "CRM-1"),
        lease_key("https://acme.example/api", "createAppointment", "CRM-2"),
        lease_key("https://acme.example/api\nCRM", "createAppointment", "1"),
    }
    assert len(others) == 4
    assert key not in others
    assert lease_key("s", "createAppointment", "\ud800 lone surrogate").startswith(KEY_PREFIX)  # any id at all


async def test_one_lock_per_external_id_in_a_process_and_one_backend_per_url_closed_together() -> None:
    locks = EnsureLocks()
    assert locks.local_lock("a") is locks.local_lock("a")
    assert locks.local_lock("a") is not locks.local_lock("b")  # another id never waits on this one
    url = "redis://127.0.0.1:1/0"
    assert locks.backend(url) is locks.backend(url)
    assert locks.backend(None) is locks.backend(None)
    assert locks.turn("a", url, lease_seconds=LEASE).backend is locks.backend(url)
    assert locks.turn("a", url, lease_seconds=LEASE).lock is locks.local_lock("a")
    closed: list[str] = []

    class Closing(ClockedLeases):
        async def aclose(self) -> None:
            closed.append(self.description)

    backends = locks._backends.get()
    backends.clear()
    made = {url: Closing(VirtualClock(), "Redis"), "": Closing(VirtualClock(), "lock files")}
    backends.update(made)
    await locks.aclose()
    assert sorted(closed) == ["Redis", "lock files"]
    assert locks.backend(url) is not made[url]  # made again after a close


async def test_a_turn_not_taken_sends_no_create_and_renews_nothing(backend: ClockedLeases) -> None:
    turn = turn_on(backend)
    assert turn.held is None
    assert turn.create_in_doubt is False
    assert turn.settle_seconds() == 0
    await turn.keep()
    assert backend.holder(KEY) is None
    with pytest.raises(RuntimeError, match=r"^an ensure's create was about to be sent without a turn$"):
        await turn.confirm_create()
    assert turn.token != turn_on(backend).token  # each call its own


async def test_a_busy_turn_is_not_held(backend: ClockedLeases) -> None:
    await turn_on(backend).take()
    turn = turn_on(backend)
    assert isinstance(await turn.take(), Busy)
    assert turn.held is None


async def test_a_new_states_settle_is_waited_out_renewing_the_lease_every_third_of_it(
    monkeypatch: pytest.MonkeyPatch, clock: VirtualClock
) -> None:
    """Each step at most a third of a lease, the lease renewed after each: it never lapses meanwhile
    (`ClockedLeases.renew` would fail), and the wait is the settle's, no more, no less."""
    lease = 3.0
    backend = ClockedLeases(clock, settle_seconds=2.5)
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        assert len(slept) < 10, f"settle never ends: {slept}"
        slept.append(seconds)
        await clock.sleep(seconds)

    monkeypatch.setattr(_ensure_lock, "_sleep", sleep)
    turn = Turn(asyncio.Lock(), backend, KEY, lease)
    await turn.take()
    assert turn.settle_seconds() == 2.5
    await turn.settle()
    assert slept == [1.0, 1.0, 0.5]
    assert await lasts(backend, clock) == lease  # renewed for one lease after the last step
    turn.held = Held(KEY, turn.token, 1, "clocked", -4.0)
    assert turn.settle_seconds() == 0  # a settle already over is no wait


async def test_a_look_up_goes_on_when_its_renewal_fails_and_a_leave_when_its_release_fails(
    clock: VirtualClock, caplog: pytest.LogCaptureFixture
) -> None:
    """Only a create's confirm must hold: a look-up reads, a wait sends nothing, a lease not given back expires."""

    class Failing(ClockedLeases):
        async def renew(self, held: Held, seconds: float) -> None:
            raise LeaseLostError("gone")

        async def release(self, held: Held) -> None:
            raise LeaseLostError("gone")

    backend = Failing(clock)
    turn = turn_on(backend)
    await turn.take()
    with caplog.at_level(logging.DEBUG, logger="pexip_engage_client"):
        await turn.keep()
        await turn.keep()
        await turn.leave()
    assert turn.held is None
    assert caplog.messages == [
        *[f"ensure: could not renew the lease on {KEY}: gone"] * 2,
        f"ensure: could not release the lease on {KEY}: gone",
    ]


async def test_a_left_turn_sends_no_create(backend: ClockedLeases) -> None:
    turn = turn_on(backend)
    await turn.take()
    await turn.leave()
    assert turn.held is None
    assert turn.settle_seconds() == 0
    with pytest.raises(RuntimeError, match="without a turn"):
        await turn.confirm_create()
    await turn.leave()  # a second leave gives nothing back twice
    assert backend.holder(KEY) is None


async def test_a_create_in_doubt_keeps_the_turn_one_lease_from_the_leave_not_from_the_confirm(
    backend: ClockedLeases, clock: VirtualClock
) -> None:
    turn = turn_on(backend)
    await turn.take()
    await turn.confirm_create()
    clock.advance(4.0)  # the create's answer was lost, and the call went on a while
    await turn.leave()
    assert await lasts(backend, clock) == LEASE
    turn_answered = turn_on(backend)
    turn_answered.create_answered()
    assert turn_answered.create_in_doubt is False


def test_a_shared_backend_without_its_extra_names_who_needs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)  # as without the extra
    with pytest.raises(ImportError, match=r'^a shared governor needs the "redis" extra'):
        EnsureLocks().backend("redis://127.0.0.1:1/0")


def test_who_kept_the_turn_is_said_in_words_with_the_leases_time_left() -> None:
    assert described_holder(None) == "another ensure of this external id"
    assert described_holder(Busy(None)) == "another process holding this external id's turn"
    assert described_holder(Busy(2.345)) == (
        "another process holding this external id's lease (it expires in 2.3 s unless renewed)"
    )
