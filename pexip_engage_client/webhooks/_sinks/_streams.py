"""`RedisStreamSink`: each event added to a Redis Stream once, read by the team's consumer group.

One Lua script adds the entry only when the event's dedup key is not set, and sets it in the same
step. "Processed" is the group's acknowledgement (XACK). A client made from a URL is per process
(`PerProcess`); one you pass is yours to make per process.
"""

from __future__ import annotations

from typing import Any

from ..._base.arguments import counted
from ..._base.processes import PerProcess
from ..._shared._redis import redis_client, redis_errors
from .._arguments import is_name, positive_seconds
from .._forward import ForwardedEvent, text_of, wait_until

# KEYS: dedup key, stream; ARGV: dedup seconds, MAXLEN ('' for none), then the entry's fields and values
_ADD_ONCE = """
local known = redis.call('GET', KEYS[1])
if known then return known end
local id
if ARGV[2] ~= '' then
  id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', unpack(ARGV, 3))
else
  id = redis.call('XADD', KEYS[2], '*', unpack(ARGV, 3))
end
redis.call('SET', KEYS[1], id, 'EX', ARGV[1])
return id
"""


class RedisStreamSink:
    """Adds each event to a Redis Stream (`XADD`) once per event id; consumers read it with a group.

    The entry's fields are those of `ForwardedEvent.to_dict()` (`ForwardedEvent.from_dict(fields)`
    reads them back); its dedup key and what "processed" means: docs/webhooks.md, "Handing events to
    your queue". The group is created, from the stream's start, if it does not exist, so that it
    misses no entry. A consumer that dies holding an entry leaves it pending until another claims it
    (`XAUTOCLAIM`), and the event waits with it.

    Args:
        redis: A `redis://` URL (the `redis` extra) or your `redis.asyncio.Redis` client.
        stream: The stream's key.
        group: The consumer group that reads the stream; its acknowledgement counts as processed.
        maxlen: Trim the stream to about this many entries on each add (None: never trim).
        dedup_for: Seconds an event id is remembered against a second add.
        timeout: Seconds to wait for the acknowledgement before retrying the event.
    """

    def __init__(
        self,
        redis: Any,
        stream: str,
        *,
        group: str,
        maxlen: int | None = None,
        dedup_for: float = 7 * 24 * 3600.0,
        timeout: float = 300.0,
    ) -> None:
        if not is_name(stream):
            raise ValueError("stream must be the Redis Stream's key")
        if not is_name(group):
            raise ValueError("group must name the consumer group that reads the stream")
        if maxlen is not None:
            counted(maxlen, "maxlen", reason="must be a positive integer or None, not {!r}")
        if isinstance(redis, str):
            redis_errors("RedisStreamSink")  # without the extra: ImportError naming it, now rather than at first use
            url = redis
            self._client: PerProcess[Any] = PerProcess(lambda: redis_client(url, user="RedisStreamSink"))
        else:
            given = redis
            self._client = PerProcess(lambda: given)  # the caller's, in every process
        self._owned = isinstance(redis, str)
        self.stream = stream
        self.group = group
        self.maxlen = maxlen
        self.dedup_for: int = int(positive_seconds("dedup_for", dedup_for))
        self.timeout: float = positive_seconds("timeout", timeout)
        self._add_once: PerProcess[Any] = PerProcess(lambda: self.redis.register_script(_ADD_ONCE))
        self._group_ready = False

    def __repr__(self) -> str:
        return f"RedisStreamSink(stream={self.stream!r}, group={self.group!r})"

    @property
    def redis(self) -> Any:
        """The Redis client: yours, or the one the sink made from the URL for this process."""
        return self._client.get()

    async def aclose(self) -> None:
        """Close the Redis client when the sink made it (from a URL), in this process."""
        client = self._client.clear()
        self._add_once.clear()
        if self._owned and client is not None:
            await client.aclose()

    async def _ensure_group(self) -> None:
        if self._group_ready:
            return
        try:
            await self.redis.xgroup_create(self.stream, self.group, id="0", mkstream=True)
        except Exception as error:
            if "BUSYGROUP" not in str(error):
                raise
        self._group_ready = True

    async def send(self, event: ForwardedEvent) -> None:
        await self._ensure_group()
        fields: list[str] = []
        for name, value in event.to_dict().items():
            text = ("1" if value else "0") if isinstance(value, bool) else "" if value is None else str(value)
            fields += [name, text]
        await self._add_once.get()(
            keys=[self._dedup_key(event.event_id), self.stream],
            args=[self.dedup_for, "" if self.maxlen is None else self.maxlen, *fields],
        )

    def _dedup_key(self, event_id: str) -> str:
        return f"{self.stream}:forwarded:{event_id}"

    async def processed(self, event: ForwardedEvent) -> None:
        known = await self.redis.get(self._dedup_key(event.event_id))
        if known is None:
            raise RuntimeError(f"event {event.event_id} is not in the stream {self.stream} (its dedup key is gone)")
        entry = str(text_of(known))
        group = self.group

        async def done() -> bool:
            delivered = None
            for info in await self.redis.xinfo_groups(self.stream):
                if text_of(info["name"]) == group:
                    delivered = info["last-delivered-id"]
            if delivered is None or _stream_id(delivered) < _stream_id(entry):
                return False
            pending = await self.redis.xpending_range(self.stream, group, min=entry, max=entry, count=1)
            return not pending

        await wait_until(done, within=self.timeout, what=f"the stream entry {entry} of event {event.event_id}")


def _stream_id(value: bytes | str) -> tuple[int, int]:
    milliseconds, _, sequence = str(text_of(value)).partition("-")
    return int(milliseconds), int(sequence or 0)
