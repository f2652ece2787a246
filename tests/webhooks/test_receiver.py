"""The receiver's promises, in process: answer before handling, store before answering, once per id,
retries then parking, order by updatedAt, the secret kept secret."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage, appointment_event, callback_request_event
from pexip_engage_client.webhooks import (
    AppointmentWebhookEvent,
    Arrival,
    CallbackRequestWebhookEvent,
    Delivery,
    UnknownWebhookEvent,
    WebhookReceiver,
)
from pexip_engage_client.webhooks._stores import store_from_url
from pexip_engage_client.webhooks._stores._memory import MemoryStore

SECRET = "webhook-key-s3cr3t"


def appointment(number: int, updated_at: str = "2026-01-01T10:00:00.000Z") -> dict[str, Any]:
    return {"id": f"appointment-{number}", "updatedAt": updated_at}


@pytest.fixture
async def receiver() -> AsyncIterator[WebhookReceiver]:
    async with WebhookReceiver("memory://", secret=SECRET, poll_interval=0.02, retry_backoff=0.01) as started:
        yield started


async def settled(receiver: WebhookReceiver) -> None:
    async with asyncio.timeout(10):
        await receiver.join()


async def test_the_answer_comes_before_a_slow_handler_runs(receiver: WebhookReceiver) -> None:
    release, started = asyncio.Event(), asyncio.Event()

    @receiver.on(AppointmentWebhookEvent)
    async def slow(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        started.set()
        await release.wait()

    answer = await receiver.receive(appointment_event(appointment(1), event_id="e1"), key=SECRET)
    assert (answer.status, answer.reason) == (202, "accepted")
    assert await receiver.store.status("e1") in ("pending", "handling")  # stored before the answer
    async with asyncio.timeout(5):
        await started.wait()
    assert await receiver.store.status("e1") == "handling"
    release.set()
    await settled(receiver)
    assert await receiver.store.status("e1") == "handled"


async def test_each_event_id_is_handled_once_across_duplicate_deliveries(receiver: WebhookReceiver) -> None:
    handled: list[str] = []

    @receiver.on(AppointmentWebhookEvent)
    async def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        handled.append(event.id)

    body = appointment_event(appointment(1), event_id="e1")
    answers = await asyncio.gather(*(receiver.receive(body, key=SECRET) for _ in range(5)))
    assert sorted(answer.status for answer in answers) == [200, 200, 200, 200, 202]
    await settled(receiver)
    assert await receiver.receive(body, key=SECRET) == type(answers[0])(200, "duplicate: already received")
    await settled(receiver)
    assert handled == ["e1"]


async def test_a_store_that_fails_gets_a_5xx_so_that_engage_retries(caplog: pytest.LogCaptureFixture) -> None:
    class Broken(type(store_from_url("memory://"))):  # type: ignore[misc]
        async def add(self, *args: Any, **kwargs: Any) -> int | None:
            raise OSError("disk full")

    handled: list[str] = []
    async with WebhookReceiver(Broken(), secret=SECRET) as receiver:

        @receiver.on(AppointmentWebhookEvent)
        async def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
            handled.append(event.id)

        with caplog.at_level(logging.ERROR, "pexip_engage_client.webhooks"):
            answer = await receiver.receive(appointment_event(appointment(1), event_id="e1"), key=SECRET)
        await settled(receiver)
    assert answer.status == 503
    assert handled == []
    assert "the webhook store failed storing an event (OSError: disk full)" in caplog.text


async def test_a_failing_handler_is_retried_then_parked_and_replayable(receiver: WebhookReceiver) -> None:
    attempts: list[int] = []
    fixed = False

    @receiver.on(AppointmentWebhookEvent)
    async def flaky(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        attempts.append(delivery.attempt)
        if not fixed:
            raise RuntimeError(f"downstream is down for {event.id}")

    receiver.max_attempts = 3
    await receiver.receive(appointment_event(appointment(1), event_id="e1"), key=SECRET)
    async with asyncio.timeout(10):
        while not await receiver.failed():  # noqa: ASYNC110 - the store is what is watched
            await asyncio.sleep(0.01)
    assert attempts == [1, 2, 3]
    (failed,) = await receiver.failed()
    assert (failed.id, failed.attempts) == ("e1", 3)
    assert failed.error == "RuntimeError: downstream is down for e1"
    assert json.loads(failed.body)["id"] == "e1"
    fixed = True
    assert await receiver.replay("e1")
    assert not await receiver.replay("e1")
    await settled(receiver)
    assert attempts == [1, 2, 3, 1]
    assert await receiver.failed() == []
    assert await receiver.store.status("e1") == "handled"


async def test_stale_events_are_recorded_and_not_handled_by_default(receiver: WebhookReceiver) -> None:
    handled: list[str] = []

    @receiver.on(AppointmentWebhookEvent)
    async def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        handled.append(event.id)

    await receiver.receive(appointment_event(appointment(1, "2026-01-01T10:00:05Z"), event_id="newer"), key=SECRET)
    await settled(receiver)
    await receiver.receive(appointment_event(appointment(1, "2026-01-01T10:00:01Z"), event_id="older"), key=SECRET)
    await receiver.receive(appointment_event(appointment(2, "2026-01-01T09:00:00Z"), event_id="other"), key=SECRET)
    await settled(receiver)
    assert handled == ["newer", "other"]
    assert await receiver.store.status("older") == "stale"


async def test_with_handle_stale_a_handler_sees_the_stale_flag() -> None:
    seen: list[tuple[str, bool]] = []
    async with WebhookReceiver("memory://", secret=SECRET, handle_stale=True, poll_interval=0.02) as receiver:

        @receiver.on(AppointmentWebhookEvent)
        async def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
            seen.append((event.id, delivery.stale))

        same_time = "2026-01-01T10:00:00Z"
        for event_id, updated_at in (("b", "2026-01-01T10:00:05Z"), ("a", "2026-01-01T10:00:01Z")):
            await receiver.receive(appointment_event(appointment(1, updated_at), event_id=event_id), key=SECRET)
            await settled(receiver)
        # Equal updatedAt: the later arrival is the newer one.
        for event_id in ("c", "d"):
            await receiver.receive(appointment_event(appointment(2, same_time), event_id=event_id), key=SECRET)
            await settled(receiver)
    assert seen == [("b", False), ("a", True), ("c", False), ("d", False)]


class _SlowSettleStore(MemoryStore):
    """Answers a settle late, as a store across the network may: the next event's turn has come
    before the worker that settled has moved on."""

    async def settle(self, *args: Any, **kwargs: Any) -> str | None:
        following = await super().settle(*args, **kwargs)
        await asyncio.sleep(0.12)
        return following


async def test_events_of_one_appointment_all_get_their_turn_while_many_workers_wait() -> None:
    # Short leases run out while events wait for their turn: each is still handled once its turn comes.
    handled: list[str] = []
    events = [f"e{n}" for n in range(8)]
    async with WebhookReceiver(
        _SlowSettleStore(), secret=SECRET, concurrency=8, lease=0.15, handle_stale=True, poll_interval=0.02
    ) as receiver:

        @receiver.on(AppointmentWebhookEvent)
        async def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
            await asyncio.sleep(0.06)
            handled.append(event.id)

        for event_id in events:  # apart, so that the waiting workers renew at different moments
            await receiver.receive(appointment_event(appointment(1), event_id=event_id), key=SECRET)
            await asyncio.sleep(0.013)
        async with asyncio.timeout(20):
            await receiver.join()
    assert sorted(handled) == events


async def test_handlers_by_event_type_class_and_unknown_entity(receiver: WebhookReceiver) -> None:
    seen: list[str] = []

    @receiver.on("ACCEPT")
    async def accepted(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        seen.append(f"accept {event.id}")

    @receiver.on(AppointmentWebhookEvent)
    async def any_appointment(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        seen.append(f"appointment {event.id}")

    @receiver.on(CallbackRequestWebhookEvent)
    async def callback(event: CallbackRequestWebhookEvent, delivery: Delivery) -> None:
        seen.append(f"callback {event.id}")

    @receiver.on_unknown
    async def unknown(event: UnknownWebhookEvent, delivery: Delivery) -> None:
        seen.append(f"unknown {event.entity}")

    bodies = [
        appointment_event(appointment(1), "ACCEPT", event_id="e1"),
        appointment_event(appointment(2), "CANCEL", event_id="e2"),
        callback_request_event({"id": "cb", "status": "OPEN"}, event_id="e3"),
        json.dumps({"id": "e4", "entity": "Invoice", "data": {}}).encode(),
    ]
    for body in bodies:
        assert (await receiver.receive(body, key=SECRET)).status == 202
    await settled(receiver)
    assert sorted(seen) == ["accept e1", "appointment e2", "callback e3", "unknown Invoice"]


async def test_an_event_without_handler_is_acknowledged_and_kept(receiver: WebhookReceiver) -> None:
    body = callback_request_event({"id": "cb", "status": "OPEN"}, event_id="e1")
    assert (await receiver.receive(body, key=SECRET)).status == 202
    await settled(receiver)
    assert await receiver.store.status("e1") == "unhandled"


async def test_observers_see_each_accepted_delivery_before_the_answer(receiver: WebhookReceiver) -> None:
    arrivals: list[Arrival] = []
    receiver.observe(arrivals.append)
    body = appointment_event(appointment(1), event_id="e1")
    await receiver.receive(body, key=SECRET)
    await receiver.receive(body, key=SECRET)
    await receiver.receive(b"not json", key=SECRET)
    assert [(arrival.event.id, arrival.duplicate) for arrival in arrivals] == [("e1", False), ("e1", True)]


async def test_verify_by_fetch_hands_the_handler_the_appointment_as_the_api_has_it() -> None:
    fake = FakePexipEngage()
    stored = fake.add_appointment(status="INCOMING_REQUEST")
    seen: list[Delivery] = []
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        receiver = WebhookReceiver("memory://", secret=SECRET, verify_by_fetch=True, client=engage)
        async with receiver:

            @receiver.on(AppointmentWebhookEvent)
            async def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
                seen.append(delivery)

            # The event claims a state the API does not have: the handler gets the API's.
            forged = dict(stored, status="ACCEPTED")
            await receiver.receive(appointment_event(forged, "ACCEPT", event_id="e1"), key=SECRET)
            await settled(receiver)
    (delivery,) = seen
    assert delivery.appointment is not None
    assert delivery.appointment.id == stored["id"]
    assert str(delivery.appointment.status) == "INCOMING_REQUEST"
    assert [call.operation_id for call in fake.calls] == ["getAppointmentById"]


async def test_verify_by_fetch_needs_a_client() -> None:
    with pytest.raises(ValueError, match="verify_by_fetch=True needs client"):
        WebhookReceiver("memory://", secret=SECRET, verify_by_fetch=True)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"secret": ""}, "secret must be a non-empty string"),
        ({"secret": SECRET, "concurrency": 0}, "concurrency must be a positive integer"),
        ({"secret": SECRET, "lease": -1}, "lease must be a positive number"),
        ({"secret": SECRET, "poll_interval": float("nan")}, "poll_interval must be a positive number"),
        ({"secret": SECRET, "max_body_size": True}, "max_body_size must be a positive integer"),
        ({"secret": SECRET, "queue_size": True}, "queue_size must be a positive integer"),
        ({"secret": SECRET, "store": "mysql://db"}, "store: expected a memory://"),
        ({"secret": SECRET, "store": "sqlite://"}, "store: a SQLite store is named"),
    ],
)
def test_bad_settings_raise_value_errors_naming_the_parameter(arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        WebhookReceiver(**arguments)


async def test_the_secret_is_never_in_repr_or_logs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    receiver = WebhookReceiver(f"sqlite:///{tmp_path}/events.db", secret=SECRET, max_attempts=1)
    assert SECRET not in repr(receiver)
    assert "redacted" in repr(receiver)
    redis_like = WebhookReceiver("redis://:hunter2-password@127.0.0.1:1/0", secret=SECRET)
    assert "hunter2-password" not in repr(redis_like)

    @receiver.on(AppointmentWebhookEvent)
    async def failing(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        raise RuntimeError("nope")

    with caplog.at_level(logging.DEBUG):
        async with receiver:
            for key in (SECRET, SECRET[:-1], None):
                await receiver.receive(appointment_event(appointment(1)), key=key)
            await settled(receiver)
            assert len(await receiver.failed()) == 1
    assert "parked" in caplog.text
    assert SECRET not in caplog.text
    assert SECRET[:-1] not in caplog.text


async def test_a_far_future_updated_at_is_refused_and_does_not_silence_the_appointment(
    receiver: WebhookReceiver,
) -> None:
    handled: list[str] = []

    @receiver.on(AppointmentWebhookEvent)
    async def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        handled.append(event.id)

    forged = await receiver.receive(
        appointment_event(appointment(1, "2999-01-01T00:00:00Z"), event_id="far"), key=SECRET
    )
    assert forged.status == 400
    assert "updatedAt" in forged.reason
    assert "future" in forged.reason
    genuine = [f"genuine-{n}" for n in range(5)]
    for n, event_id in enumerate(genuine):
        at = f"2026-01-01T10:00:0{n}Z"
        assert (
            await receiver.receive(appointment_event(appointment(1, at), event_id=event_id), key=SECRET)
        ).status == 202
        await settled(receiver)
    assert handled == genuine
    assert await receiver.store.status("far") is None  # never stored


async def test_a_body_no_store_can_keep_is_a_400_on_every_store(any_store_url: str) -> None:
    handled: list[str] = []
    async with WebhookReceiver(any_store_url, secret=SECRET, poll_interval=0.02) as receiver:

        @receiver.on(AppointmentWebhookEvent)
        async def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
            handled.append(event.id)

        lone = "\\ud800"  # valid JSON, but no UTF-8 text: a lone surrogate
        bodies = {
            "id": appointment_event(appointment(1), event_id="e-" + lone),
            "appointment id": appointment_event({"id": "appointment-" + lone}, event_id="e2"),
        }
        for where, escaped in bodies.items():
            answer = await receiver.receive(escaped.replace(b"\\\\ud800", b"\\ud800"), key=SECRET)
            assert answer.status == 400, (where, answer)
            assert "surrogate" in answer.reason
        assert (await receiver.receive(appointment_event(appointment(1), event_id="fine"), key=SECRET)).status == 202
        await settled(receiver)
    assert handled == ["fine"]


async def test_an_event_id_past_its_bound_is_a_400_naming_the_bound_and_nothing_is_stored(
    receiver: WebhookReceiver,
) -> None:
    huge = "e" * 900_000
    answer = await receiver.receive(appointment_event(appointment(1), event_id=huge), key=SECRET)
    assert (answer.status, "at most 255" in answer.reason) == (400, True), answer
    assert await receiver.store.status(huge) is None
    longest = "e" * 255
    assert (await receiver.receive(appointment_event(appointment(1), event_id=longest), key=SECRET)).status == 202


@pytest.mark.parametrize(
    "wrong",
    [
        lambda event: None,
        "async def handle(event)",
        "def handle(event)",
        "async def handle(event, delivery, extra)",
        "def handle(event, delivery, extra)",
    ],
)
def test_a_handler_of_the_wrong_form_is_refused_at_registration(wrong: Any) -> None:
    receiver = WebhookReceiver("memory://", secret=SECRET)
    if isinstance(wrong, str):
        namespace: dict[str, Any] = {}
        exec(wrong + ":\n    return None", namespace)  # noqa: S102 - the handlers under test, written as users do
        wrong = namespace["handle"]
    for register in (receiver.on(AppointmentWebhookEvent), receiver.on("ACCEPT"), receiver.on_unknown):
        with pytest.raises(TypeError, match=r"async def handler\(event, delivery\)"):
            register(wrong)


def test_handlers_of_the_right_form_are_accepted() -> None:
    receiver = WebhookReceiver("memory://", secret=SECRET)

    async def plain(event: AppointmentWebhookEvent, delivery: Delivery) -> None: ...

    async def flexible(event: Any, *args: Any, **kwargs: Any) -> None: ...

    class Bound:
        async def method(self, event: Any, delivery: Delivery) -> None: ...

    for handler in (plain, flexible, Bound().method):
        assert receiver.on(AppointmentWebhookEvent)(handler) is handler


class _SettleFailsOnce(MemoryStore):
    """A store that cannot record the first settle (an outage, a full disk) and works after it."""

    failed_once = False

    async def settle(self, *args: Any, **kwargs: Any) -> str | None:
        if not self.failed_once:
            self.failed_once = True
            raise OSError("disk full")
        return await super().settle(*args, **kwargs)


async def test_after_a_store_failure_at_settle_the_event_runs_again_as_documented() -> None:
    runs: list[str] = []
    async with WebhookReceiver(_SettleFailsOnce(), secret=SECRET, lease=0.2, poll_interval=0.02) as receiver:

        @receiver.on(AppointmentWebhookEvent)
        async def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
            runs.append(event.id)

        await receiver.receive(appointment_event(appointment(1), event_id="e1"), key=SECRET)
        async with asyncio.timeout(10):
            while await receiver.store.status("e1") != "handled":  # noqa: ASYNC110 - the store is what is watched
                await asyncio.sleep(0.02)
    assert runs == ["e1", "e1"]  # at least once: the claim ran out, and the event was handled again
