"""The Governor: one client's bounds on calls in flight and rate, pauses on 429/503, and a retry budget."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections.abc import Awaitable, Callable

import httpx2
import pytest

from pexip_engage_client import Governor, PexipEngage, SyncGovernor, errors
from pexip_engage_client._limiting import _limits
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.virtual_clock import on_the_limits_clock

EMPLOYEE = {"id": "1", "function": None}


class Server:
    """An in-process API that takes `delay` seconds per answer and records what was in flight."""

    def __init__(self, answer: Callable[[int], httpx2.Response] | None = None, delay: float = 0.01) -> None:
        self.in_flight = 0
        self.most_in_flight = 0
        self.sent: list[float] = []  # when each request arrived (time.monotonic)
        self.answered: list[tuple[float, int]] = []
        self._answer = answer or (lambda number: httpx2.Response(200, json={"data": EMPLOYEE}))
        self._delay = delay

    async def __call__(self, request: httpx2.Request) -> httpx2.Response:
        number = len(self.sent)
        self.sent.append(time.monotonic())
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self._delay)
            response = self._answer(number)
        finally:
            self.in_flight -= 1
        self.answered.append((time.monotonic(), response.status_code))
        return response

    def client(self, governor: Governor, **kwargs: object) -> PexipEngage:
        return PexipEngage("acme", token=TOKEN, transport=httpx2.MockTransport(self), governor=governor, **kwargs)  # type: ignore[arg-type]


async def gather(count: int, call: Callable[[], Awaitable[object]]) -> list[object]:
    return await asyncio.gather(*(call() for _ in range(count)), return_exceptions=True)


async def test_calls_in_flight_are_bounded_across_operations_raw_calls_and_with_options_clients() -> None:
    server = Server()
    async with server.client(Governor(max_in_flight=3, rate=None)) as engage:
        patient = engage.with_options(timeout=30)
        await asyncio.gather(
            gather(8, lambda: engage.employees.get_employee_by_id("1")),
            gather(8, lambda: patient.employees.get_employee_by_id("1")),
            gather(8, lambda: engage.get("/employees/1")),
        )
    assert len(server.sent) == 24
    assert server.most_in_flight == 3


@pytest.mark.slow
async def test_pages_fetched_ahead_are_bounded_too() -> None:
    def page(number: int) -> httpx2.Response:
        return httpx2.Response(
            200, json={"data": [EMPLOYEE] * 10, "meta": {"offset": 0, "limit": 10, "totalCount": 400}}
        )

    server = Server(page)
    async with server.client(Governor(max_in_flight=3, rate=None)) as engage:
        count = 0
        async for _ in engage.employees.get_employees(limit=10):
            count += 1
        assert count == 400
        assert server.most_in_flight == 2  # a slot is left to the client's other calls
        # Asked for more pages at once than the governor has slots: it gets the slots, no more.
        server.most_in_flight = 0
        assert len([_ async for _ in engage.employees.get_employees(limit=10).items(concurrency=16)]) == 400
        assert server.most_in_flight == 3


async def test_a_rate_spaces_requests_after_a_few_that_start_together() -> None:
    server = Server(delay=0)
    async with server.client(Governor(rate=50)) as engage:
        started = time.monotonic()
        await gather(30, lambda: engage.employees.get_employee_by_id("1"))
    # 3,000 a minute: up to 4 (the calls in flight) start together, and the steady pace is lowered
    # by as many and 1% (tests/client/test_limits.py checks every 60 seconds exactly). Never sooner, later under load.
    assert server.sent[-1] - started >= (29 - 4) * 60 / (3000 - 30 - 4)


async def test_a_429_pauses_every_waiting_caller_until_its_retry_after_and_lowers_the_pace() -> None:
    def answer(number: int) -> httpx2.Response:
        if number == 3:
            return httpx2.Response(429, headers={"Retry-After": "0.3"}, json={"errors": []})
        return httpx2.Response(200, json={"data": EMPLOYEE})

    server = Server(answer, delay=0.01)
    governor = Governor(max_in_flight=1)
    async with server.client(governor) as engage:
        results = await gather(8, lambda: engage.employees.get_employee_by_id("1"))
    assert all(not isinstance(result, BaseException) for result in results)
    refused_at = next(moment for moment, status in server.answered if status == 429)
    later = [moment for moment in server.sent if moment > refused_at]
    assert len(later) == 5  # the refused call's retry and the four callers that were waiting
    assert min(later) >= refused_at + 0.3 - 0.005  # nobody went during the pause
    assert governor.throttled == 1
    # From now on it paces: what the server accepted (3 answers until the pause ended, 10/s) is
    # below the floor, a quarter of the rate, so the floor it is (rising from the pause's end).
    assert governor.pace is not None
    assert 50 / 4 <= governor.pace < 50 / 4 * 1.05**5


async def test_retries_stay_within_the_budget_during_an_outage(sleeps: list[float]) -> None:
    server = Server(lambda number: httpx2.Response(502, json={"errors": []}), delay=0)
    async with server.client(Governor(retry_budget=0, min_retries=3), max_retries=3) as engage:
        results = await gather(5, lambda: engage.employees.get_employee_by_id("1"))
    assert all(isinstance(result, errors.ServerError) for result in results)
    assert len(server.sent) == 5 + 3  # without a budget: 5 * (1 + 3)
    budget = Governor(retry_budget=0.5, min_retries=0)
    server = Server(lambda number: httpx2.Response(502 if number % 2 else 200, json={"data": EMPLOYEE}), delay=0)
    async with server.client(budget, max_retries=1) as engage:
        await gather(10, lambda: engage.employees.get_employee_by_id("1"))
    assert len(server.sent) <= 10 + 10 * 0.5 + 1


def test_bad_settings_are_refused_naming_the_parameter() -> None:
    with pytest.raises(ValueError, match="max_in_flight must be a positive integer"):
        Governor(max_in_flight=0)
    with pytest.raises(ValueError, match="rate must be a positive number"):
        Governor(rate=0)
    with pytest.raises(ValueError, match="retry_budget"):
        Governor(retry_budget=-1)
    with pytest.raises(ValueError, match="min_retries"):
        Governor(min_retries=True)
    with pytest.raises(ValueError, match="governor must be a Governor"):
        PexipEngage("acme", token=TOKEN, governor=3)  # type: ignore[arg-type]
    assert repr(Governor(max_in_flight=2, rate=5)) == "Governor(max_in_flight=2, rate=5.0, pace=5/s)"


async def test_clients_given_no_governor_share_the_documented_limits_per_api_host() -> None:
    server = Server(delay=0.2)  # long enough for paced requests to overlap
    transport = httpx2.MockTransport(server)
    first = PexipEngage("acme", token=TOKEN, transport=transport)
    second = PexipEngage("globex", token=TOKEN, transport=transport)  # another enterprise, the same host
    async with first, second:
        await asyncio.gather(
            gather(12, lambda: first.employees.get_employee_by_id("1")),
            gather(12, lambda: second.get("/employees/1")),
        )
    assert server.most_in_flight == 4  # one allowance for the address, not one per client
    same = PexipEngage("acme", token=TOKEN, transport=transport)
    elsewhere = PexipEngage("acme", token=TOKEN, transport=transport, base_url="http://127.0.0.1:9")
    server.most_in_flight = 0
    async with same, elsewhere:
        await asyncio.gather(
            gather(8, lambda: same.employees.get_employee_by_id("1")),
            gather(8, lambda: elsewhere.employees.get_employee_by_id("1")),
        )
    assert server.most_in_flight == 8  # another API host has its own


def test_the_default_governor_belongs_to_each_event_loop() -> None:
    server = Server(delay=0.01)

    async def calls() -> None:
        async with PexipEngage("acme", token=TOKEN, transport=httpx2.MockTransport(server)) as engage:
            await gather(8, lambda: engage.employees.get_employee_by_id("1"))  # more than 4: some wait

    asyncio.run(calls())
    asyncio.run(calls())  # a semaphore of the first loop would refuse to wait in this one
    assert len(server.sent) == 16
    assert server.most_in_flight == 4


async def test_limits_are_turned_off_only_explicitly() -> None:
    server = Server(delay=0.02)
    unlimited = Governor.unlimited()
    async with server.client(unlimited) as engage:
        await gather(20, lambda: engage.employees.get_employee_by_id("1"))
    assert server.most_in_flight == 20
    assert repr(unlimited) == "Governor(max_in_flight=None, rate=None, pace=none)"
    assert unlimited.walk_window(None) == 16
    default = Governor()
    assert (default.max_in_flight, default.rate) == (4, 50.0)  # 3,000 a minute
    assert (default.walk_window(None), default.walk_window(2), default.walk_window(100)) == (3, 2, 4)
    with pytest.raises(ValueError, match="shared must be a Redis URL"):
        Governor(name="workers")
    with pytest.raises(ValueError, match="a shared limit needs a rate"):
        Governor(shared="redis://localhost:6379/0", rate=None)


def refusing_first(retry_after: str) -> Callable[[int], httpx2.Response]:
    """Answers 429 with `retry_after` to the first request, and the employee to every other."""

    def answer(number: int) -> httpx2.Response:
        if number == 0:
            return httpx2.Response(429, headers={"Retry-After": retry_after}, json={"errors": []})
        return httpx2.Response(200, json={"data": EMPLOYEE})

    return answer


async def test_a_pause_that_outlasts_a_calls_time_fails_it_at_once_with_the_time_left() -> None:
    server = Server(refusing_first("120"), delay=0)
    transport = httpx2.MockTransport(server)
    async with PexipEngage("acme", token=TOKEN, transport=transport) as engage:  # the default governor
        with pytest.raises(errors.RateLimitError):  # 120 s is beyond the retry policy: not retried
            await engage.employees.get_employee_by_id("1")
        started = time.monotonic()
        with pytest.raises(errors.RateLimitError) as refused:
            await engage.with_options(timeout=5).employees.get_employee_by_id("1")
        # At once: well under the 10 s (connect and read) a call waiting out its time takes, and not a
        # stopwatch a loaded machine's stall fails.
        assert time.monotonic() - started < 5
        assert refused.value.retry_after is not None
        assert 110 < refused.value.retry_after <= 120
        assert "not sent" in str(refused.value)
    # A new client of the same loop shares the default governor, and its pause: the same at once.
    async with PexipEngage("acme", token=TOKEN, transport=transport) as engage:
        started = time.monotonic()
        with pytest.raises(errors.RateLimitError):
            await engage.get("/employees/1")
        assert time.monotonic() - started < 5  # at once: its time is the default's 35 s and more
    assert len(server.sent) == 1  # nothing else reached the server


async def test_a_call_whose_time_covers_the_pause_waits_for_its_end(sleeps: list[float]) -> None:
    server = Server(refusing_first("8"), delay=0)
    async with server.client(Governor(), max_retries=0) as engage:
        # Read before the 429 that starts the pause, so that its end is at least 8 s after: read
        # after it, a loaded machine's milliseconds between the two made the bound miss by 3 ms.
        before_the_pause = _limits.now()
        with pytest.raises(errors.RateLimitError):
            await engage.employees.get_employee_by_id("1")
        with pytest.raises(errors.RateLimitError) as refused:  # 2 + 2 s: not enough for 8
            await engage.with_options(timeout=2).employees.get_employee_by_id("1")
        assert refused.value.retry_after == pytest.approx(8, abs=0.5)
        # 5 s to connect and 5 to read: 10 s, enough to wait out the pause, so it does.
        assert (await engage.with_options(timeout=5).employees.get_employee_by_id("1")).id == "1"
        assert _limits.now() - before_the_pause >= 8
    assert len(server.sent) == 2


async def test_a_slot_that_does_not_come_within_the_calls_time_fails_it_unsent() -> None:
    server = Server(delay=3.0)  # the slot held 3 s: a call that waited for it would take that long
    async with server.client(Governor(max_in_flight=1)) as engage:
        slow = asyncio.ensure_future(engage.employees.get_employee_by_id("1"))
        for _ in range(500):  # until the slow call holds the slot (it is sent): an event, not a pause
            if server.sent:
                break
            await asyncio.sleep(0.01)
        started = time.monotonic()
        with pytest.raises(errors.APITimeoutError, match="not sent: no turn") as raised:
            await engage.with_options(timeout=httpx2.Timeout(0.1, connect=0.1)).employees.get_employee_by_id("1")
        assert raised.value.sent is False
        assert time.monotonic() - started < 1.5  # within its time, not after the slot's 3 s
        slow.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await slow
    assert len(server.sent) == 1


async def test_one_429_after_three_calls_keeps_the_pace_at_its_floor_and_back_within_30_seconds(
    sleeps: list[float],
) -> None:
    def answer(number: int) -> httpx2.Response:
        if number == 3:
            return httpx2.Response(429, headers={"Retry-After": "1"}, json={"errors": []})
        return httpx2.Response(200, json={"data": EMPLOYEE})

    server = Server(answer, delay=0)
    governor = Governor()
    async with server.client(governor, max_retries=0) as engage:
        for _ in range(3):
            await engage.employees.get_employee_by_id("1")
        with pytest.raises(errors.RateLimitError):
            await engage.employees.get_employee_by_id("1")
        # Three answers over about a second say 2.8/s; the floor is a quarter of the rate, 12.5/s.
        assert governor.pace == 50 / 4
        await _limits.sleep(1 + 20)  # the pause, then 20 s: 12.5 * 1.05 ** 20 = 33/s
        assert governor.pace is not None
        assert 30 < governor.pace < 50
        await _limits.sleep(10)  # 30 s after the pause: back at the rate
        assert governor.pace == 50
        await engage.employees.get_employee_by_id("1")
        assert governor._backed_off is None  # the limits' own budget paces alone again


async def test_a_429_to_a_governor_that_kept_the_limits_logs_once_what_to_set(
    sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    server = Server(lambda number: httpx2.Response(429, headers={"Retry-After": "0"}, json={"errors": []}), delay=0)
    with caplog.at_level(logging.WARNING, logger="pexip_engage_client"):
        async with server.client(Governor(), max_retries=0) as engage:
            for _ in range(3):
                with pytest.raises(errors.RateLimitError):
                    await engage.employees.get_employee_by_id("1")
    told = [record.getMessage() for record in caplog.records if "PEXIP_ENGAGE_LIMITS" in record.getMessage()]
    assert len(told) == 1
    assert "other processes or machines behind this IP address" in told[0]


def test_pexip_engage_limits_shares_every_governor_given_no_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_LIMITS", "redis://localhost:6379/0")
    assert "shared=True" in repr(Governor())
    assert "shared=True" in repr(Governor(max_in_flight=8, rate=100))
    assert "shared" not in repr(Governor(shared=False))  # explicit arguments win
    assert "shared" not in repr(Governor(rate=None))  # nothing to share without a budget
    assert "shared" not in repr(Governor.unlimited())
    assert "shared=True" in repr(SyncGovernor())  # both faces
    assert "redis://" not in repr(Governor())  # the URL may hold a password: never shown


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("http://:s3cret@localhost:6379", "scheme 'http'"),
        ("redis://:s3cr#et@localhost:6379/0", "not a readable Redis or PostgreSQL URL"),
        ("redis://:s3cret@/0", "must name the Redis host"),
        ("localhost:6379", "must be a Redis URL"),
    ],
)
def test_a_bad_pexip_engage_limits_is_refused_by_name_without_its_password(
    monkeypatch: pytest.MonkeyPatch, value: str, says: str
) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_LIMITS", value)
    with pytest.raises(ValueError, match="PEXIP_ENGAGE_LIMITS") as refused:
        Governor()
    assert says in str(refused.value)
    assert "s3cr" not in str(refused.value)
    with pytest.raises(ValueError, match="shared") as refused:
        Governor(shared=value)
    assert "s3cr" not in str(refused.value)


async def test_the_fakes_429_with_retry_after_120_does_not_hold_a_call_with_timeout_5() -> None:
    fake = FakePexipEngage()
    employee = fake.add_employee(email="one@example.com")
    fake.fail("getEmployeeById", status=429, retry_after=120)
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        with pytest.raises(errors.RateLimitError):
            await engage.employees.get_employee_by_id(employee["id"])
        started = time.monotonic()
        with pytest.raises(errors.RateLimitError) as refused:
            await engage.with_options(timeout=5).employees.get_employee_by_id(employee["id"])
    assert time.monotonic() - started < 5  # at once: well under the 10 s a call waiting out its time takes
    assert refused.value.retry_after is not None
    assert refused.value.retry_after > 110


async def test_the_pace_floor_holds_for_a_client_with_the_limits_off(monkeypatch: pytest.MonkeyPatch) -> None:
    # On the limits' virtual clock: what the 10 calls took is the governor's waits alone, never a busy machine's time.
    on_the_limits_clock(monkeypatch)
    # Issue 69: the in-memory fake's clients keep no limits (`Governor.unlimited()`); after one 429
    # their pace fell to what a few answers suggested (about 3 a second: 10 calls took 2.98 s, 0.71 s
    # with the limits on), below the documented floor, a quarter of the (documented) rate.
    fake = FakePexipEngage()
    async with PexipEngage("acme", token=TOKEN, transport=fake, max_retries=0) as engage:
        for _ in range(3):
            await engage.appointments.get_appointments(limit=1)
            await _limits.sleep(0.3)  # a quiet client: three answers in about a second
        fake.fail("getAppointments", status=429, retry_after=1)
        with pytest.raises(errors.RateLimitError):
            await engage.appointments.get_appointments(limit=1)
        await _limits.sleep(1)  # the pause
        started = _limits.now()
        for _ in range(10):
            await engage.appointments.get_appointments(limit=1)
        took = _limits.now() - started
    assert took < 10 / (50 / 4) + 0.05, f"10 calls took {took:.2f} s after one 429"


async def test_after_a_429_callers_waiting_together_leave_one_pace_apart() -> None:
    """The pace after a refusal is claimed before the wait: callers gathered at once start 1/pace apart,
    not together (their slots and the budget's burst would let four go at once). Real time: the
    callers wait together."""
    started: list[float] = []
    answered = itertools.count(1)

    async def answer(request: httpx2.Request) -> httpx2.Response:
        started.append(time.monotonic())
        if next(answered) == 4:
            return httpx2.Response(429, headers={"Retry-After": "0"}, json={"errors": []})
        return httpx2.Response(200, json={"data": EMPLOYEE})

    governor = Governor()
    async with PexipEngage(
        "acme", token=TOKEN, transport=httpx2.MockTransport(answer), governor=governor, max_retries=0
    ) as engage:
        for _ in range(3):  # three answers in half a second: the floor, a quarter of the rate, is above them
            await engage.employees.get_employee_by_id("1")
            await asyncio.sleep(0.2)
        with pytest.raises(errors.RateLimitError):
            await engage.employees.get_employee_by_id("1")
        assert governor.pace is not None
        assert governor.pace < 14
        started.clear()
        await asyncio.gather(*(engage.employees.get_employee_by_id("1") for _ in range(5)))
    gaps = [later - earlier for earlier, later in itertools.pairwise(started)]
    # Five starts at least a pace apart span four paces; together they would span none. The span, not each
    # gap: on a busy machine one start seen late shortens its own gap (make check failed so under load).
    assert started[-1] - started[0] > 4 * 0.8 / 14, gaps


async def test_a_lingering_slot_counts_against_a_caller_still_waiting_for_its_budget_turn() -> None:
    """Two slots, one lingering (a call given up in flight): a caller that has a slot and waits for its budget turn
    is one of the two, so a second caller waits for the lingering slot, not only for its turn."""
    limits = _limits.LocalLimits(max_in_flight=2, per_minute=600)  # three starts at once, then one each 0.1 s
    given_up = _limits.now()
    await limits.release(await limits.acquire(), linger=1.0)
    for _ in range(2):
        await limits.release(await limits.acquire())
    first = asyncio.create_task(limits.acquire())  # a slot, then its turn about 0.1 s away
    await asyncio.sleep(0.03)
    second = await limits.acquire()
    assert _limits.now() - given_up >= 1.0  # with the first caller and the lingering call, two were counted
    await limits.release(await first)
    await limits.release(second)


async def test_a_call_out_of_time_for_its_budget_turn_gives_its_slot_back() -> None:
    """A slot taken, then no turn in the budget within the deadline: the slot goes back, or every later
    call of this process would wait for one that never frees."""
    limits = _limits.LocalLimits(max_in_flight=1, per_minute=60)  # one slot, about one start a second
    for _ in range(2):  # the budget's burst
        await limits.release(await limits.acquire())
    with pytest.raises(_limits.NoTurnInTime):
        await limits.acquire(deadline=_limits.now() + 0.01)  # the next turn is about a second away
    await limits.release(await asyncio.wait_for(limits.acquire(), 5))  # the slot is free: the budget's wait only
