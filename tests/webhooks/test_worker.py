"""A web face that only stores, and a worker that handles, in process: `asgi_app(handle=False)`
runs no handler; `run_worker()` handles what it stored; `stop(grace=)` lets the handlers in
flight finish and settle, and leaves the ones still running after it claimed for their lease."""

from __future__ import annotations

import asyncio
import contextlib
import math
from pathlib import Path

import httpx2
import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver
from pexip_engage_client.webhooks._stores._memory import MemoryStore

from ..support.waiting import eventually

SECRET = "worker-key-s3cr3t"


def event(number: int) -> bytes:
    return appointment_event({"id": f"appointment-{number}"}, event_id=f"e{number}")


def receiver_on(database: Path, handled: list[str], *, delay: float = 0.0, lease: float = 30.0) -> WebhookReceiver:
    receiver = WebhookReceiver(f"sqlite:///{database}", secret=SECRET, poll_interval=0.02, lease=lease)

    @receiver.on(AppointmentWebhookEvent)
    async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        await asyncio.sleep(delay)
        handled.append(event.id)

    return receiver


async def test_a_web_face_with_handle_false_stores_and_a_worker_handles(tmp_path: Path) -> None:
    in_web: list[str] = []
    in_worker: list[str] = []
    web = receiver_on(tmp_path / "events.db", in_web)
    worker = receiver_on(tmp_path / "events.db", in_worker)
    transport = httpx2.ASGITransport(web.asgi_app(handle=False))
    async with httpx2.AsyncClient(transport=transport, base_url="http://web") as client:
        for number in range(3):
            response = await client.post(
                "/", params={"key": SECRET}, content=event(number), headers={"Content-Type": "application/json"}
            )
            assert response.status_code == 202
    await asyncio.sleep(0.2)
    assert in_web == []
    assert {await web.store.status(f"e{n}") for n in range(3)} == {"pending"}  # nobody handles in the web face
    running = asyncio.create_task(worker.run_worker(stop_signals=False))
    await eventually(lambda: len(in_worker) == 3, 10)
    async with asyncio.timeout(5):
        await web.join()  # the web face's join waits for the workers
    running.cancel()
    with pytest.raises(asyncio.CancelledError):
        await running
    assert sorted(in_worker) == ["e0", "e1", "e2"]
    assert in_web == []
    await web.stop()


async def test_stop_with_grace_lets_the_handler_in_flight_finish_and_settle(tmp_path: Path) -> None:
    handled: list[str] = []
    receiver = receiver_on(tmp_path / "events.db", handled, delay=0.5)
    await receiver.start()
    assert (await receiver.receive(event(1), key=SECRET)).status == 202
    await eventually(lambda: receiver.in_flight == 1)
    await receiver.stop(grace=5)
    assert handled == ["e1"]
    assert receiver.in_flight == 0
    await receiver.store.open()
    assert await receiver.store.status("e1") == "handled"
    await receiver.store.close()


async def test_a_handler_still_running_after_the_grace_stays_claimed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    handled: list[str] = []
    receiver = receiver_on(tmp_path / "events.db", handled, delay=10, lease=2)
    await receiver.start()
    await receiver.receive(event(1), key=SECRET)
    await eventually(lambda: receiver.in_flight == 1)
    await receiver.stop(grace=0.05)
    assert handled == []
    assert "1 handlers still running after 0.05 s are cancelled" in caplog.text
    await receiver.store.open()
    assert await receiver.store.status("e1") == "handling"  # until its lease runs out
    await receiver.store.close()


@pytest.mark.parametrize("grace", [-1, math.nan, True, "5"])
async def test_a_grace_that_is_no_number_of_seconds_is_refused(grace: object, tmp_path: Path) -> None:
    receiver = receiver_on(tmp_path / "events.db", [])
    with pytest.raises(ValueError, match="grace must be a number of seconds"):
        await receiver.stop(grace=grace)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="grace must be a number of seconds"):
        await receiver.run_worker(grace=grace, stop_signals=False)  # type: ignore[arg-type]


async def test_a_worker_whose_receiver_has_no_handlers_refuses_to_start(tmp_path: Path) -> None:
    bare = WebhookReceiver(f"sqlite:///{tmp_path}/events.db", secret="s3cr3t-key")
    with pytest.raises(ValueError, match=r"has no handlers, so a worker would settle every stored event as unhandled"):
        await bare.run_worker(stop_signals=False)
    assert not (tmp_path / "events.db").exists()


@pytest.mark.parametrize("concurrency", [0, -1, 1.5, True])
async def test_a_concurrency_that_is_no_positive_integer_is_refused(concurrency: object, tmp_path: Path) -> None:
    receiver = receiver_on(tmp_path / "events.db", [])
    with pytest.raises(ValueError, match="concurrency must be a positive integer"):
        await receiver.run_worker(concurrency=concurrency, stop_signals=False)  # type: ignore[arg-type]


class _StoreSwallowingCancels(MemoryStore):
    """A store whose read eats a cancel, as a client library below may during an outage."""

    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    async def due(self, now: float, limit: int) -> list[str]:
        self.reads += 1
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.sleep(0.05)
        return await super().due(now, limit)


async def test_stop_returns_even_when_the_store_swallows_the_cancel() -> None:
    # A worker stopped by SIGTERM must exit; it cannot count on every store passing a cancel on.
    store = _StoreSwallowingCancels()
    receiver = WebhookReceiver(store, secret=SECRET, poll_interval=0.02)
    await receiver.start()
    await eventually(lambda: store.reads > 0)
    async with asyncio.timeout(5):
        await receiver.stop()
