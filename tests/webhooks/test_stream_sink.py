"""`RedisStreamSink` on the session's real redis-server, in the quick loop: each event added once, never lost.

Its Lua script (`_ADD_ONCE`) makes the decision (the dedup key read and set in the step that adds the
entry): a constant mutmut leaves alone, so slips were planted in it by hand (docs/mutation.md) and
these quick tests catch each; the receivers' runs through it are `end_to_end` (tests/webhooks/test_forward.py).
"""

from __future__ import annotations

import re
import sys
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
import redis.asyncio

from pexip_engage_client.webhooks import ForwardedEvent, RedisStreamSink

HOUR = 3600


def event(number: int, *, attempt: int = 1) -> ForwardedEvent:
    """Even numbers stale, every third about no appointment: each field's forms are written."""
    body = f'{{"id": "event-{number}"}}'
    appointment = None if number % 3 == 0 else "appointment-1"
    return ForwardedEvent(f"event-{number}", appointment, number, attempt, stale=number % 2 == 0, body=body)


@pytest.fixture
def key() -> str:
    """A stream no other test shares."""
    return f"stream-{uuid.uuid4().hex}"


@pytest.fixture
async def client(redis_url: str) -> AsyncIterator[Any]:  # Any: redis-py's typed replies, read as the tests know them
    made = redis.asyncio.Redis.from_url(redis_url)
    yield made
    await made.aclose()


async def test_an_event_sent_twice_is_in_the_stream_once_with_its_fields(redis_url: str, client: Any, key: str) -> None:
    sink = RedisStreamSink(redis_url, key, group="readers", dedup_for=HOUR)
    await sink.send(event(1))
    await sink.send(event(1, attempt=2))  # a retry of one already added (its answer lost): not added again
    await sink.send(event(2))
    await sink.send(event(3))
    entries = await client.xrange(key)
    assert [ForwardedEvent.from_dict(fields) for _, fields in entries] == [event(1), event(2), event(3)]
    # docs/webhooks.md: `stale` as "1"/"0", and no appointment as an empty field, for a consumer reading them raw
    assert [(fields[b"stale"], fields[b"appointment_id"]) for _, fields in entries] == [
        (b"0", b"appointment-1"),
        (b"1", b"appointment-1"),
        (b"0", b""),
    ]
    assert await client.get(f"{key}:forwarded:event-1") == entries[0][0]  # what `processed` looks for
    assert await client.get(f"{key}:forwarded:event-2") == entries[1][0]
    assert HOUR - 5 < await client.ttl(f"{key}:forwarded:event-1") <= HOUR  # remembered for dedup_for, then gone
    await sink.aclose()


async def test_the_group_reads_from_the_streams_start_and_a_second_sink_adds_nothing_twice(
    redis_url: str, client: Any, key: str
) -> None:
    first = RedisStreamSink(redis_url, key, group="readers")
    await first.send(event(1))
    second = RedisStreamSink(client, key, group="readers")  # another process's, on the caller's client
    await second.send(event(1))
    await second.send(event(2))
    read = await client.xreadgroup("readers", "consumer", {key: ">"}, count=10)
    assert [ForwardedEvent.from_dict(fields).event_id for _, fields in read[0][1]] == ["event-1", "event-2"]
    week = 7 * 24 * 3600  # docs/webhooks.md: an event id is kept 7 days by default; processed waits 300 s
    assert week - 5 < await client.ttl(f"{key}:forwarded:event-1") <= week
    assert (first.dedup_for, first.timeout, first.maxlen) == (week, 300.0, None)
    await first.aclose()
    await second.aclose()
    assert await client.ping()  # the caller's client is left open


async def test_a_stream_is_trimmed_only_when_maxlen_is_given(redis_url: str, client: Any, key: str) -> None:
    kept = RedisStreamSink(redis_url, f"{key}:kept", group="readers", dedup_for=HOUR)
    trimmed = RedisStreamSink(redis_url, f"{key}:trimmed", group="readers", maxlen=10, dedup_for=HOUR)
    for number in range(1, 301):
        await kept.send(event(number))
        await trimmed.send(event(number))
    assert await client.xlen(f"{key}:kept") == 300
    assert 10 <= await client.xlen(f"{key}:trimmed") < 200  # about 10: Redis trims whole nodes of 100
    await trimmed.send(event(300))  # known: not added again to a trimmed stream either
    newest = [ForwardedEvent.from_dict(fields).event_id for _, fields in await client.xrange(f"{key}:trimmed")]
    assert newest == [f"event-{number}" for number in range(301 - len(newest), 301)]  # the newest, each once
    await kept.aclose()
    await trimmed.aclose()


async def test_processed_waits_for_the_groups_acknowledgement_of_its_own_entry(
    redis_url: str, client: Any, key: str
) -> None:
    sink = RedisStreamSink(redis_url, key, group="readers", timeout=0.1)
    await sink.send(event(1))
    await sink.send(event(2))
    with pytest.raises(TimeoutError, match="event-1"):  # not read yet
        await sink.processed(event(1))
    read = await client.xreadgroup("readers", "consumer", {key: ">"}, count=10)
    first, second = (entry for entry, _ in read[0][1])
    await client.xack(key, "readers", second)
    with pytest.raises(TimeoutError, match="event-1"):  # read, the next acknowledged, its own still pending
        await sink.processed(event(1))
    await client.xack(key, "readers", first)
    await sink.processed(event(1))
    await sink.processed(event(2))
    with pytest.raises(RuntimeError, match="event-3 is not in the stream"):
        await sink.processed(event(3))
    await sink.aclose()


async def test_processed_tells_entries_of_one_millisecond_apart(redis_url: str, client: Any, key: str) -> None:
    """Entry ids compare by their millisecond, then their sequence: ids far ahead make the sink's adds share one."""
    await client.xadd(key, {"before": "the sink"}, id="99999999999999-0")  # the next ids: ...-1, ...-2
    sink = RedisStreamSink(redis_url, key, group="readers", timeout=0.1)
    await sink.send(event(1))
    await sink.send(event(2))
    read = await client.xreadgroup("readers", "consumer", {key: ">"}, count=2)  # the first entry and event 1
    assert [entry for entry, _ in read[0][1]] == [b"99999999999999-0", b"99999999999999-1"]
    await client.xack(key, "readers", *(entry for entry, _ in read[0][1]))
    await sink.processed(event(1))
    with pytest.raises(TimeoutError, match="event-2"):  # not read yet: past what the group has read
        await sink.processed(event(2))
    await sink.aclose()


async def test_processed_waits_out_its_timeout_once_the_group_is_gone(redis_url: str, client: Any, key: str) -> None:
    sink = RedisStreamSink(redis_url, key, group="readers", timeout=0.1)
    await sink.send(event(1))
    await client.xgroup_destroy(key, "readers")  # no group: nothing acknowledged
    with pytest.raises(TimeoutError, match="event-1"):
        await sink.processed(event(1))
    await sink.aclose()


async def test_the_group_is_made_once_and_a_callers_client_is_never_closed(
    redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = redis.asyncio.Redis.from_url(redis_url)
    made: list[str] = []
    closed: list[bool] = []
    make = mine.xgroup_create

    async def counted_make(*args: Any, **options: Any) -> Any:
        made.append(args[1])
        return await make(*args, **options)

    async def recorded_close() -> None:
        closed.append(True)

    monkeypatch.setattr(mine, "xgroup_create", counted_make)
    sink = RedisStreamSink(mine, f"stream-{uuid.uuid4().hex}", group="readers")
    for number in range(1, 4):
        await sink.send(event(number))
    assert made == ["readers"]  # once, not a round trip more for every event
    real_close = mine.aclose
    monkeypatch.setattr(mine, "aclose", recorded_close)
    await sink.aclose()
    assert closed == []  # yours: the sink closes only a client it made from a URL
    await real_close()


def test_bad_arguments_are_refused_naming_each() -> None:
    refusals: dict[str, dict[str, Any]] = {
        "stream must be the Redis Stream's key": {"stream": ""},
        "group must name the consumer group that reads the stream": {"group": ""},
        "maxlen must be a positive integer or None, not 0": {"maxlen": 0},
        "timeout must be a positive number of seconds, not 0": {"timeout": 0},
    }
    for message, bad in refusals.items():
        arguments: dict[str, Any] = {"stream": "s", "group": "g", **bad}
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            RedisStreamSink("redis://127.0.0.1:1/0", **arguments)


def test_without_the_extra_the_sink_is_named_at_once_and_at_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    extra = 'RedisStreamSink needs the "redis" extra: pip install "pexip-engage-client[redis]"'
    made = RedisStreamSink("redis://127.0.0.1:1/0", "s", group="g")  # its client made per process, later
    monkeypatch.setitem(sys.modules, "redis", None)  # `import redis` raises ImportError
    with pytest.raises(ImportError) as refused:
        RedisStreamSink("redis://127.0.0.1:1/0", "s", group="g")
    assert str(refused.value) == extra
    with pytest.raises(ImportError) as refused:
        made.redis  # noqa: B018 - the client made at first use (in a forked child: its own)
    assert str(refused.value) == extra
