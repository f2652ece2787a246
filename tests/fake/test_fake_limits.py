"""The fake keeps the API's documented limits: 4 in flight, 3,000 a minute, per client.

Served, by default, per remote address. In memory only when asked (`limits=True`; the fake itself
is then the client), and a PexipEngage given the in-memory fake as its transport paces itself only
then. Beyond either limit the answer is 429 with a Retry-After, as the rate-limiting topic says;
token requests are not counted; `None` turns a limit off.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest

from pexip_engage_client import Governor, PexipEngage, SyncPexipEngage
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.clients import TOKEN
from ..support.spec import ROOT
from ..support.waiting import eventually

EMPLOYEES = "http://fake/enterprises/acme/employees"
AUTHORIZED = {"Authorization": f"Bearer {TOKEN}"}


async def statuses(client: httpx2.AsyncClient, url: str, count: int) -> list[httpx2.Response]:
    return list(await asyncio.gather(*(client.get(url, headers=AUTHORIZED) for _ in range(count))))


async def test_a_fifth_request_in_flight_is_answered_429_with_retry_after() -> None:
    fake = FakePexipEngage(limits=True)
    fake.fail("getEmployees", status=503, delay=0.2, times=5)  # four slow answers keep their slots
    async with httpx2.AsyncClient(transport=fake) as client:
        responses = await statuses(client, EMPLOYEES, 5)
    assert sorted(response.status_code for response in responses) == [429, 503, 503, 503, 503]
    refused = next(response for response in responses if response.status_code == 429)
    assert refused.headers["Retry-After"] == "1"
    assert refused.json()["errors"][0]["statusCode"] == "429"
    assert (fake.over_limits, fake.most_in_flight) == (1, 4)


async def test_beyond_the_budget_a_minute_the_answer_says_when_to_come_back() -> None:
    fake = FakePexipEngage(per_minute=10, limits=True)
    async with httpx2.AsyncClient(transport=fake) as client:
        answers = [(await client.get(EMPLOYEES, headers=AUTHORIZED)) for _ in range(11)]
        token = await client.post(
            "http://auth/realms/acme/protocol/openid-connect/token", data={"grant_type": "client_credentials"}
        )
    assert [answer.status_code for answer in answers] == [200] * 10 + [429]
    assert 59 <= int(answers[-1].headers["Retry-After"]) <= 60
    assert token.status_code != 429  # the auth server's requests are not the API's


async def test_limits_can_be_changed_or_turned_off_by_the_test() -> None:
    unlimited = FakePexipEngage(max_in_flight=None, per_minute=None)
    unlimited.fail("getEmployees", status=503, delay=0.1, times=10)
    async with httpx2.AsyncClient(transport=unlimited) as client:
        responses = await statuses(client, EMPLOYEES, 10)
    assert {response.status_code for response in responses} == {503}
    assert unlimited.most_in_flight == 10
    one = FakePexipEngage(max_in_flight=1, limits=True)
    one.fail("getEmployees", status=503, delay=0.1, times=2)
    async with httpx2.AsyncClient(transport=one) as client:
        assert sorted(response.status_code for response in await statuses(client, EMPLOYEES, 2)) == [429, 503]
    with pytest.raises(ValueError, match="max_in_flight must be a positive integer, or None"):
        FakePexipEngage(max_in_flight=0)


async def test_a_default_client_never_meets_the_limits_of_a_fake_that_keeps_them() -> None:
    fake = FakePexipEngage(limits=True)
    for number in range(300):
        fake.add_employee(email=f"e{number}@acme.test")
    fake.fail("getEmployeeById", status=503, retry_after=0, delay=0.05, times=8)  # slow answers hold slots
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage, asyncio.timeout(30):
        ids = list(fake.employees)
        results = await asyncio.gather(
            *(engage.employees.get_employee_by_id(ids[number]) for number in range(60)),
            *(engage.get(f"/employees/{ids[number]}") for number in range(20)),
            _walk(engage.with_options(timeout=10)),
        )
    assert results[-1] == 300
    assert fake.over_limits == 0
    assert fake.most_in_flight <= 4


async def test_calls_given_up_in_flight_keep_their_slots_until_the_api_would_have_answered() -> None:
    """Engage counts a request in flight until it is done, whether or not its client still waits: calls cancelled
    after they were sent keep their slots as long as an answer takes, and the calls after them meet no 429."""
    fake = FakePexipEngage(limits=True, latency=0.3)
    fake.add_employee(email="e@acme.test")
    (employee,) = fake.employees
    with serve(fake) as root:
        async with PexipEngage("acme", token=TOKEN, base_url=root, governor=Governor()) as engage:
            await engage.employees.get_employee_by_id(employee)  # how long an answer takes
            given_up = [asyncio.create_task(engage.employees.get_employee_by_id(employee)) for _ in range(4)]
            await eventually(lambda: fake.limits.most_in_flight == 4)  # all four sent
            for call in given_up:
                call.cancel()
            await asyncio.gather(*given_up, return_exceptions=True)
            started = time.monotonic()
            await asyncio.gather(*(engage.employees.get_employee_by_id(employee) for _ in range(4)))
    assert fake.over_limits == 0
    assert time.monotonic() - started >= 0.3 + 0.1  # a wait for the given-up calls' slots, then an answer


async def _walk(engage: PexipEngage) -> int:
    return len([employee async for employee in engage.employees.get_employees(limit=10)])


async def test_served_the_limits_count_per_remote_address() -> None:
    fake = FakePexipEngage(per_minute=3)
    with serve(fake) as root:
        url = f"{root}/enterprises/acme/employees"
        answers = {}
        for address in ("127.0.0.1", "127.0.0.2"):
            transport = httpx2.AsyncHTTPTransport(local_address=address)
            async with httpx2.AsyncClient(transport=transport) as client:
                answers[address] = [(await client.get(url, headers=AUTHORIZED)).status_code for _ in range(4)]
    assert answers == {"127.0.0.1": [200, 200, 200, 429], "127.0.0.2": [200, 200, 200, 429]}


async def test_served_a_request_in_flight_is_counted_until_its_answer_is_ready() -> None:
    fake = FakePexipEngage()
    fake.fail("getEmployees", status=503, delay=1.0, times=4)
    with serve(fake) as root:
        url = f"{root}/enterprises/acme/employees"
        async with httpx2.AsyncClient() as client:
            slow = [asyncio.ensure_future(client.get(url, headers=AUTHORIZED)) for _ in range(4)]
            await eventually(lambda: fake.most_in_flight == 4, 10)  # the server holds all four
            refused = await client.get(url, headers=AUTHORIZED)
            assert [response.status_code for response in await asyncio.gather(*slow)] == [503] * 4
            after = await client.get(url, headers=AUTHORIZED)
    assert (refused.status_code, refused.headers["Retry-After"]) == (429, "1")
    assert after.status_code == 200
    assert fake.most_in_flight == 4


async def test_a_client_without_limits_meets_the_fakes_429_and_a_governor_takes_it_in_its_stride() -> None:
    fake = FakePexipEngage(limits=True)
    fake.fail("getEmployees", status=503, delay=0.1, times=6)
    governor = Governor.unlimited()
    async with PexipEngage("acme", token=TOKEN, transport=fake, governor=governor, max_retries=0) as engage:
        outcomes = await asyncio.gather(*(engage.employees.get_employees() for _ in range(6)), return_exceptions=True)
    assert fake.over_limits == 2  # six at once: the fake refused two, as Engage would
    assert governor.throttled == 2
    assert sum(type(outcome).__name__ == "RateLimitError" for outcome in outcomes) == 2


CALLS = 60  # a little over a second's worth at the documented 50 a second


async def _sequential_calls(fake: FakePexipEngage) -> float:
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        await engage.employees.get_employees()  # the first call's set-up is not what is measured
        started = time.perf_counter()
        for _ in range(CALLS):
            await engage.employees.get_employees()
        return time.perf_counter() - started


async def test_in_memory_the_fake_keeps_no_limits_and_its_clients_are_not_paced() -> None:
    fake = FakePexipEngage(latency=1.0)
    assert fake.keeps_documented_limits is False
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:  # ten held a second: all in flight
        await asyncio.gather(*(engage.employees.get_employees() for _ in range(10)))
    assert (fake.over_limits, fake.most_in_flight) == (0, 10)
    fake.latency = 0.0
    fake.fail("getEmployees", status=503, delay=0.1, times=10)  # ten slow answers at once: none refused
    async with httpx2.AsyncClient(transport=fake) as client:
        assert {response.status_code for response in await statuses(client, EMPLOYEES, 10)} == {503}
    assert (fake.over_limits, fake.most_in_flight) == (0, 10)  # counted all the same


async def test_with_limits_true_a_default_client_paces_itself_at_the_documented_rate() -> None:
    fake = FakePexipEngage(limits=True)
    assert fake.keeps_documented_limits is True
    # 50 a second: 60 calls take 1.11 s here; a lower bound, which load can only lengthen.
    assert await _sequential_calls(fake) >= 1.0
    assert fake.over_limits == 0


def test_the_sync_client_on_the_in_memory_fake_is_not_paced_either() -> None:
    # Ten threads' calls held a second each: all ten in flight at once, where the documented limits allow 4.
    fake, threads = FakePexipEngage(latency=1.0), 10
    lined_up = threading.Barrier(threads)
    with SyncPexipEngage("acme", token=TOKEN, transport=fake) as engage:

        def call() -> None:
            lined_up.wait(timeout=30)
            engage.employees.get_employees()

        with ThreadPoolExecutor(threads) as pool:
            for done in [pool.submit(call) for _ in range(threads)]:
                done.result(timeout=60)
    assert (fake.most_in_flight, fake.over_limits) == (threads, 0)


def test_limits_must_be_a_bool() -> None:
    with pytest.raises(TypeError, match="limits must be True or False"):
        FakePexipEngage(limits="yes")  # type: ignore[arg-type]


def test_no_page_says_the_fake_keeps_the_limits_in_memory_by_default() -> None:
    """What the pages say of the fake's limits is what it does: kept served, in memory only when asked.

    A sentence of the docs saying the fake ("It", in a passage about it) keeps the documented limits
    by default must say served (docs/provisioning.md once said it of the fake in memory too).
    """
    wrong = []
    for page in [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]:
        text = " ".join(page.read_text(encoding="utf-8").split())
        for sentence in re.split(r"(?<=[.:;])\s+", text):
            about_the_fake = sentence.startswith("It ") or "fake" in sentence.lower()
            if about_the_fake and "documented limits by default" in sentence and "served" not in sentence.lower():
                wrong.append(f"{page.name}: {sentence[:160]}")
    assert wrong == []
    assert not FakePexipEngage().keeps_documented_limits  # in memory, by default: none kept
