"""`SyncPexipEngage` as users of Django, Celery tasks, scripts and notebooks call it: no event loop of theirs.

Against the fake in memory (`transport=fake`: served on the fake's own loop thread) and served over
a real loopback server (`base_url=`); from many threads at once; from inside a running event loop.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx2
import pytest

from pexip_engage_client import SyncGovernor, SyncPages, SyncPexipEngage, errors, models
from pexip_engage_client._pipeline._sync import _request as sync_request
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.clients import TOKEN
from ..support.loopback import free_port
from ..support.redis_server import redis_server


@pytest.fixture
def fake() -> FakePexipEngage:
    return FakePexipEngage()


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The sync client's backoff waits, recorded instead of slept."""
    waits: list[float] = []
    monkeypatch.setattr(sync_request, "_sleep", waits.append)
    return waits


@pytest.fixture(params=["in-memory", "served"])
def engage(request: pytest.FixtureRequest, fake: FakePexipEngage) -> Iterator[SyncPexipEngage]:
    """The same client, wired to the fake directly or through a real HTTP server on 127.0.0.1."""
    if request.param == "in-memory":
        with SyncPexipEngage("acme", token=TOKEN, transport=fake) as client:
            yield client
    else:
        with serve(fake) as root, SyncPexipEngage("acme", token=TOKEN, base_url=root) as client:
            yield client


def test_operations_return_models_and_errors_are_typed(engage: SyncPexipEngage, fake: FakePexipEngage) -> None:
    stored = fake.add_appointment()
    appointment = engage.appointments.get_appointment_by_id(stored["id"])
    assert isinstance(appointment, models.Appointment)
    assert appointment.id == stored["id"]

    raw = engage.appointments.with_raw_response.get_appointment_by_id(stored["id"], correlation_id="sync-1")
    assert raw.status_code == 200
    assert raw.correlation_id == "sync-1"

    with pytest.raises(errors.NotFoundError) as caught:
        engage.appointments.get_appointment_by_id("missing")
    assert caught.value.status_code == 404


def test_raw_calls_go_through_the_same_pipeline(engage: SyncPexipEngage, fake: FakePexipEngage) -> None:
    stored = fake.add_appointment()
    body: Any = engage.get(f"/appointments/{stored['id']}")
    assert body["data"]["id"] == stored["id"]
    with pytest.raises(errors.NotFoundError):
        engage.get("/appointments/missing")


def test_a_plain_for_walks_every_item_with_its_pages_fetched_ahead(
    engage: SyncPexipEngage, fake: FakePexipEngage
) -> None:
    ids = {fake.add_appointment()["id"] for _ in range(57)}
    pages = engage.appointments.get_appointments(limit=10)  # the call sends its request, as sync calls do
    assert isinstance(pages, SyncPages)
    assert (len(pages.data), pages.meta.total_count, pages.has_next_page) == (10, 57, True)
    assert len(fake.calls_to("getAppointments")) == 1
    second = pages.next_page()
    assert second is not None
    assert second.meta.offset == 10

    # The first walk starts from the page the call fetched: the call, next_page() and 5 more pages.
    assert {appointment.id for appointment in pages} == ids
    assert len(fake.calls_to("getAppointments")) == 2 + 5
    assert fake.most_in_flight <= 4

    fake.add_appointment()
    assert len(list(pages)) == 58  # a later walk asks again, and sees the list as it is now
    assert len(fake.calls_to("getAppointments")) == 2 + 5 + 6


def test_a_list_call_without_a_limit_asks_for_the_page_size_its_walk_asks_for(
    engage: SyncPexipEngage, fake: FakePexipEngage
) -> None:
    # The call's own page is the one its first walk starts from: a page of the API's default 25 would
    # make a walk of 1,030 employees three requests, not two (docs/without-an-event-loop.md).
    ids = [fake.add_employee()["id"] for _ in range(1030)]
    pages = engage.employees.get_employees()
    assert (len(pages.data), pages.meta.limit) == (1000, 1000)
    following = pages.next_page()  # a page of the call's: as large
    assert following is not None
    assert len(following.data) == 30
    assert [employee.id for employee in pages] == ids
    limits = [call.request.url.params.get("limit") for call in fake.calls_to("getEmployees")]
    assert limits == ["1000"] * 3  # the call's page, next_page(), the walk's second page
    assert [int(call.request.url.params["offset"]) for call in fake.calls_to("getEmployees")] == [0, 1000, 1000]


def test_the_first_walk_fetches_no_more_pages_at_once_than_the_governor_leaves_it(fake: FakePexipEngage) -> None:
    # The first walk starts from the page the list call fetched, which went through no walk: the
    # window is the governor's all the same (3 of its 4 calls in flight), not the walk's default
    # of 16 threads, all but 4 of them waiting for a slot the client's other calls then lacked.
    for _ in range(100):
        fake.add_employee()
    walking: list[int] = []

    class Counting(httpx2.BaseTransport):
        def handle_request(self, request: httpx2.Request) -> httpx2.Response:
            walking.append(sum(thread.name == "pexip-engage-walk" for thread in threading.enumerate()))
            time.sleep(0.01)  # the pages overlap (an upper bound is asserted: a slower run only overlaps more)
            return fake.handle_request(request)

    with SyncPexipEngage("acme", token=TOKEN, transport=Counting()) as engage:
        pages = engage.employees.get_employees(limit=5)
        assert len(list(pages)) == 100
    assert max(walking) == 3


def test_temporary_failures_are_retried(
    engage: SyncPexipEngage, fake: FakePexipEngage, no_backoff: list[float]
) -> None:
    stored = fake.add_appointment()
    fake.fail("getAppointmentById", status=503, times=2)
    assert engage.appointments.get_appointment_by_id(stored["id"]).id == stored["id"]
    assert len(no_backoff) == 2

    fake.fail("getAppointmentById", status=503, times=3)
    with pytest.raises(errors.ServerError):
        engage.with_options(max_retries=1).appointments.get_appointment_by_id(stored["id"])


def test_a_silent_server_times_out_within_the_timeout(engage: SyncPexipEngage, fake: FakePexipEngage) -> None:
    stored = fake.add_appointment()
    fake.fail("getAppointmentById", delay=2.0)
    with pytest.raises(errors.APITimeoutError):
        engage.with_options(timeout=0.3, max_retries=0).appointments.get_appointment_by_id(stored["id"])


@pytest.mark.slow  # 200 calls at the documented 3,000 a minute: about 4 s
def test_eight_threads_share_one_client_one_pool_and_the_documented_limits(fake: FakePexipEngage) -> None:
    stored = fake.add_appointment()
    with serve(fake) as root, SyncPexipEngage("acme", token=TOKEN, base_url=root) as engage:

        def calls() -> int:
            return sum(engage.appointments.get_appointment_by_id(stored["id"]).id == stored["id"] for _ in range(25))

        with ThreadPoolExecutor(max_workers=8) as pool:
            answered = list(pool.map(lambda _: calls(), range(8)))
        pool_connections = engage._sender.current._client._transport._pool.connections  # type: ignore[attr-defined]
    assert answered == [25] * 8
    assert fake.over_limits == 0
    assert fake.most_in_flight <= 4
    assert len(pool_connections) <= 4  # one pool; no more connections than calls the governor lets out


def test_threads_needing_a_token_share_one_token_request(fake: FakePexipEngage) -> None:
    fake.add_client("sync-app", "sync-secret")
    stored = fake.add_appointment()
    with SyncPexipEngage(
        "acme",
        client_id="sync-app",
        client_secret="sync-secret",
        transport=fake,
        auth_url="https://auth.example.test",
        base_url="https://api.example.test",
    ) as engage:
        barrier = threading.Barrier(8)

        def call(_: int) -> str:
            barrier.wait()
            return engage.appointments.get_appointment_by_id(stored["id"]).id

        with ThreadPoolExecutor(max_workers=8) as pool:
            assert set(pool.map(call, range(8))) == {stored["id"]}
    assert len(fake.token_requests) == 1


@pytest.mark.parametrize("wiring", ["in-memory", "served"])
async def test_usable_from_a_coroutine_in_a_running_loop(fake: FakePexipEngage, wiring: str) -> None:
    """A notebook cell: the loop is running, and a sync client is called from one of its coroutines."""
    stored = fake.add_appointment()
    with serve(fake) as root:
        options: dict[str, Any] = {"transport": fake} if wiring == "in-memory" else {"base_url": root}
        engage = SyncPexipEngage("acme", token=TOKEN, **options)
        assert engage.appointments.get_appointment_by_id(stored["id"]).id == stored["id"]
        # The same client from a worker thread of the loop (run_in_executor, to_thread).
        answer = await asyncio.to_thread(engage.appointments.get_appointment_by_id, stored["id"])
        assert answer.id == stored["id"]
        engage.close()


def test_a_client_outlives_event_loops(fake: FakePexipEngage) -> None:
    stored = fake.add_appointment()
    engage = SyncPexipEngage("acme", token=TOKEN, transport=fake)

    async def cell() -> str:
        return engage.appointments.get_appointment_by_id(stored["id"]).id

    assert asyncio.run(cell()) == stored["id"]
    assert asyncio.run(cell()) == stored["id"]  # no "Event loop is closed": the client belongs to no loop
    engage.close()


def test_close_is_idempotent_and_final(fake: FakePexipEngage) -> None:
    stored = fake.add_appointment()
    engage = SyncPexipEngage("acme", token=TOKEN, transport=fake)
    engage.appointments.get_appointment_by_id(stored["id"])
    engage.close()
    engage.close()
    with pytest.raises(errors.ClientClosedError):
        engage.appointments.get_appointment_by_id(stored["id"])
    with pytest.raises(errors.ClientClosedError), engage:
        pass


def test_a_governor_of_its_own_bounds_the_calls_in_flight(fake: FakePexipEngage) -> None:
    stored = fake.add_appointment()

    slow = _Counting(fake)
    governor = SyncGovernor(max_in_flight=2, rate=None)
    with (
        SyncPexipEngage("acme", token=TOKEN, transport=slow, governor=governor) as engage,
        ThreadPoolExecutor(8) as pool,
    ):
        list(pool.map(lambda _: engage.appointments.get_appointment_by_id(stored["id"]), range(40)))
    assert slow.most == 2


def test_event_hooks_are_called_without_a_loop(fake: FakePexipEngage) -> None:
    stored = fake.add_appointment()
    seen: list[str] = []
    hooks: Any = {"request": [lambda event: seen.append("request")], "response": [lambda e: seen.append("response")]}
    with SyncPexipEngage("acme", token=TOKEN, transport=fake, event_hooks=hooks) as engage:
        engage.appointments.get_appointment_by_id(stored["id"])
    assert seen == ["request", "response"]


def test_the_async_backend_is_refused() -> None:
    with pytest.raises(ValueError, match=r"one-shot.*needs an event loop"):
        SyncPexipEngage("acme", token=TOKEN, http_backend="one-shot")


def test_the_removed_aiohttp_backend_is_refused_saying_what_to_use() -> None:
    with pytest.raises(ValueError, match=r"was removed.*docs/choosing-the-sender\.md"):
        SyncPexipEngage("acme", token=TOKEN, http_backend="aiohttp")  # type: ignore[arg-type]


class _Counting(httpx2.BaseTransport):
    """The fake, answering after 20 ms, counting the requests it holds at once (from every client)."""

    def __init__(self, fake: FakePexipEngage) -> None:
        self.fake = fake
        self.held, self.most = 0, 0
        self.lock = threading.Lock()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        with self.lock:
            self.held += 1
            self.most = max(self.most, self.held)
        time.sleep(0.02)
        with self.lock:
            self.held -= 1
        return self.fake.handle_request(request)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.mark.end_to_end
def test_a_shared_governor_bounds_two_clients_together_through_redis(fake: FakePexipEngage, redis_url: str) -> None:
    stored = fake.add_appointment()
    counting = _Counting(fake)
    key = f"sync-{uuid.uuid4().hex}"
    governors = [SyncGovernor(max_in_flight=2, shared=redis_url, name=key) for _ in range(2)]
    clients = [SyncPexipEngage("acme", token=TOKEN, transport=counting, governor=g) for g in governors]
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            calls = [pool.submit(clients[n % 2].appointments.get_appointment_by_id, stored["id"]) for n in range(40)]
            assert {call.result().id for call in calls} == {stored["id"]}
    finally:
        for client, governor in zip(clients, governors, strict=True):
            client.close()
            governor.close()
    assert counting.most == 2  # each governor alone would have let 2 out: together, 2 in all


@pytest.mark.end_to_end
def test_without_redis_a_shared_governor_keeps_the_limits_locally(
    fake: FakePexipEngage, caplog: pytest.LogCaptureFixture
) -> None:
    stored = fake.add_appointment()
    counting = _Counting(fake)
    governor = SyncGovernor(max_in_flight=2, shared=f"redis://127.0.0.1:{free_port()}/0")
    with (
        caplog.at_level(logging.WARNING, logger="pexip_engage_client"),
        SyncPexipEngage("acme", token=TOKEN, transport=counting, governor=governor) as engage,
        ThreadPoolExecutor(max_workers=8) as pool,
    ):
        assert len(list(pool.map(lambda _: engage.appointments.get_appointment_by_id(stored["id"]), range(20)))) == 20
    governor.close()
    assert counting.most == 2
    assert [record.message.startswith("The shared limits cannot be reached") for record in caplog.records] == [True]


@pytest.mark.parametrize(("old", "new"), [("PexipEngageSync", "SyncPexipEngage"), ("GovernorSync", "SyncGovernor")])
def test_the_sync_names_of_0x_are_the_new_classes_with_a_deprecation_warning(old: str, new: str) -> None:
    import pexip_engage_client

    with pytest.warns(DeprecationWarning, match=f"pexip_engage_client.{old} is now {new}; the old name goes in 1.0"):
        aliased = getattr(pexip_engage_client, old)
    assert aliased is getattr(pexip_engage_client, new)
    # Listed once, by the new name: not in __all__ or dir(), so `import *` and completions offer the new one.
    assert old not in pexip_engage_client.__all__
    assert new in pexip_engage_client.__all__
    assert old not in dir(pexip_engage_client)
    with pytest.warns(DeprecationWarning, match=f"is now {new}"):
        exec(f"from pexip_engage_client import {old}", {})  # noqa: S102 - the import statement users wrote


def test_every_public_sync_name_starts_with_sync() -> None:
    import pexip_engage_client

    named_for_sync = [name for name in pexip_engage_client.__all__ if "sync" in name.lower()]
    assert named_for_sync == [name for name in named_for_sync if name.startswith(("Sync", "Async"))]
    assert {"SyncPexipEngage", "SyncGovernor", "SyncPages", "SyncPage"} <= set(named_for_sync)
