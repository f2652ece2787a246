"""An ensure's turn while its create may still land, and while the lease's backend is new or failing.

Two clients stand for two processes (each has its own turns) on one host's lock files, or on a
real redis-server or PostgreSQL. The server in front of the fake makes the first create late: it
lands some time after the POST arrived, whether or not its client still waits (cancelled), or
after a gateway's 504 came back at once (the answer lost). No second create may follow meanwhile.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path
from typing import Any

import httpx2
import pytest
from redis import Redis

from pexip_engage_client import EnsureOutcome, Governor, PexipEngage, RetryPolicy, errors
from pexip_engage_client._leasing._lease import Held, RedisLeases
from pexip_engage_client._shared._redis import redis_client
from pexip_engage_client.testing import FakePexipEngage

from ..support.ensure_bodies import APPOINTMENT, seed_references
from ..support.lease_state import aged_lease_state, own_state
from ..support.redis_server import redis_server
from ..support.tcp_proxy import tcp_proxy
from ..support.waiting import eventually


class LandsLater(httpx2.AsyncBaseTransport):
    """The fake behind a server that makes the first create `seconds` after its POST arrived, whoever
    still waits for it; `answer`: a gateway's status sent back at once instead (the answer lost)."""

    keeps_documented_limits = False

    def __init__(self, fake: FakePexipEngage, seconds: float, answer: int | None = None) -> None:
        self.fake, self.seconds, self.answer = fake, seconds, answer
        self.landing: list[asyncio.Task[httpx2.Response]] = []

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if request.method != "POST" or self.landing:
            return await self.fake.handle_async_request(request)
        await request.aread()
        landing = asyncio.ensure_future(self._land(request))
        self.landing.append(landing)
        if self.answer is not None:
            return httpx2.Response(self.answer, request=request)
        return await asyncio.shield(landing)  # a client that gives up does not stop the server

    async def _land(self, request: httpx2.Request) -> httpx2.Response:
        await asyncio.sleep(self.seconds)
        return await self.fake.handle_async_request(request)


def _fake() -> FakePexipEngage:
    return seed_references(FakePexipEngage(max_in_flight=None, per_minute=None))


def _body() -> dict[str, Any]:
    return {**APPOINTMENT, "externalId": f"CRM-{uuid.uuid4().hex}"}


def _made(fake: FakePexipEngage, body: dict[str, Any]) -> int:
    return sum(item.get("externalId") == body["externalId"] for item in fake.appointments.values())


@pytest.mark.parametrize("fault", ["cancelled mid-send", "answer lost"])
async def test_a_create_that_may_still_land_keeps_its_turn_so_no_other_process_creates_again(fault: str) -> None:
    """The caller's `wait_for` cancels the ensure after its POST left, or the gateway's 504 ends it
    (no retries left): its turn is not given up, so the other process waits, looks up, and finds."""
    fake = _fake()
    server = LandsLater(fake, 0.6, answer=504 if fault == "answer lost" else None)
    body = _body()
    clients = [
        PexipEngage("acme", token="t", transport=server, governor=Governor.unlimited(), timeout=5, max_retries=0)
        for _ in range(2)
    ]
    async with clients[0] as first, clients[1] as second:
        ensuring = asyncio.ensure_future(first.appointments.ensure_appointment(body, reconcile_within=0.0))
        await eventually(lambda: bool(server.landing), 10)  # the POST has left
        if fault == "cancelled mid-send":
            ensuring.cancel()  # as asyncio.wait_for(..., 3) does when its time is up
            with pytest.raises(asyncio.CancelledError):
                await ensuring
        else:
            with pytest.raises(errors.EnsureNoAnswerError) as caught:
                await ensuring
            assert caught.value.may_have_created
            assert isinstance(caught.value.__cause__, errors.ServerError)
        result = await second.appointments.ensure_appointment(body)
        await asyncio.gather(*server.landing)
    assert (result.outcome, _made(fake, body)) == (EnsureOutcome.FOUND, 1)
    assert len(fake.calls_to("createAppointment")) == 1


def _taken_over_at_the_second_look(fake: FakePexipEngage, spy: Redis) -> None:
    """At the second look-up (the first of the poll after a lost answer) another holder takes the
    ensure's turn for 0.3 s: the create it sends next fails its confirm, and it takes a new turn."""
    looks = 0

    def take_over(enterprise: Any, query: Any) -> None:
        nonlocal looks
        looks += 1
        if looks == 2:
            (lease,) = (key for key in spy.scan_iter("pexip-engage-ensure:*") if key.count(b":") == 2)
            spy.set(lease, b"another-holder/99/some-epoch", px=300)

    fake.before_list("getAppointments", take_over)


async def _ensure_once(
    redis_url: str, transport: httpx2.AsyncBaseTransport, body: dict[str, Any], **options: Any
) -> Any:
    governor = Governor(shared=redis_url, rate=1000)
    try:
        async with PexipEngage("acme", token="t", transport=transport, governor=governor, timeout=5) as engage:
            return await engage.appointments.ensure_appointment(body, **options)
    finally:
        await governor.aclose()


@pytest.mark.end_to_end
async def test_a_turn_lost_after_a_lost_answer_polls_again_before_it_creates_again(tmp_path: Path) -> None:
    """A 504 (the create lands 1.2 s later), a poll that sees nothing, then the turn is taken over
    before the create is sent again: under its next turn the ensure polls again, and finds it."""
    fake = _fake()
    server = LandsLater(fake, 1.2, answer=504)
    body = _body()
    with redis_server(tmp_path) as redis_url, Redis.from_url(redis_url) as spy:
        aged_lease_state(redis_url)
        _taken_over_at_the_second_look(fake, spy)
        result = await _ensure_once(redis_url, server, body, reconcile_within=0.7, max_retries=2)
        await asyncio.gather(*server.landing)
    assert (result.outcome, _made(fake, body)) == (EnsureOutcome.RECONCILED, 1)
    assert len(fake.calls_to("createAppointment")) == 1


@pytest.mark.end_to_end
async def test_the_retry_budget_counts_the_lost_answers_of_every_turn(tmp_path: Path) -> None:
    """Every create's answer is lost (504) and nothing lands: with max_retries=1, two creates in
    all, though the turn was lost between them (a new turn does not start the count again)."""
    fake = _fake()
    fake.fail("createAppointment", status=504, times=10)
    with redis_server(tmp_path) as redis_url, Redis.from_url(redis_url) as spy:
        aged_lease_state(redis_url)
        _taken_over_at_the_second_look(fake, spy)
        with pytest.raises(errors.EnsureNoAnswerError) as caught:
            await _ensure_once(redis_url, fake, _body(), reconcile_within=0.3, max_retries=1)
    assert caught.value.may_have_created
    assert caught.value.__cause__.status_code == 504  # type: ignore[union-attr]
    assert len(fake.calls_to("createAppointment")) == 2


@pytest.mark.end_to_end
async def test_a_new_lease_state_is_waited_out_within_the_call_or_refused_at_once(shared_url: str) -> None:
    """A marker younger than a lease: the wait it asks is never cut short, nor longer than the call."""
    url = own_state(shared_url)
    fake = _fake()
    governor = Governor(shared=url, rate=1000)
    retry = RetryPolicy(max_delay=1.0)
    lease = (1.0 + 1.0) + 1.0  # connect + read + LEASE_MARGIN (_leasing/_shared_leases.py)
    try:
        async with PexipEngage("acme", token="t", transport=fake, governor=governor, timeout=1, retry=retry) as engage:
            aged_lease_state(url, age=0.0)  # just made: a create of the lost state may be in flight for 3 s
            started = time.monotonic()
            with pytest.raises(errors.EnsureTurnError) as caught:
                await engage.appointments.ensure_appointment(_body())
            refused_in = time.monotonic() - started
            aged_lease_state(url, age=lease - 0.5)  # half a second of it left
            started = time.monotonic()
            result = await engage.appointments.ensure_appointment(_body())
            settled_in = time.monotonic() - started
    finally:
        await governor.aclose()
    assert refused_in < 1  # at once: the 2 s of the call could not cover the 3 s
    message = str(caught.value)
    assert "has a new lease state" in message
    assert "Nothing was created by this call" in message
    assert not caught.value.may_have_created
    assert result.outcome == EnsureOutcome.CREATED
    assert 0.4 < settled_in < 2
    assert len(fake.calls_to("createAppointment")) == 1


@pytest.mark.end_to_end
async def test_a_release_redis_could_not_hear_is_sent_again_once_it_answers(redis_url: str) -> None:
    """A turn given back while Redis was cut off does not block its key until the lease expires."""
    key = f"pexip-engage-ensure:test:{uuid.uuid4().hex}"
    port = int(redis_url.rsplit(":", 1)[1].split("/", maxsplit=1)[0])
    with tcp_proxy(port) as proxy:
        leases = RedisLeases(redis_client(f"redis://127.0.0.1:{proxy.port}/0"), "Redis")
        other = RedisLeases(redis_client(redis_url), "Redis")
        try:
            held = await leases.take(key, "mine", 60)
            assert isinstance(held, Held)
            proxy.cut()
            await leases.release(held)  # unheard
            proxy.restore()
            await leases.take(key + "-next", "next", 60)  # the next take reaches Redis, and releases first
            assert isinstance(await other.take(key, "other", 60), Held)
        finally:
            await leases.aclose()
            await other.aclose()
