"""`redis://host:6379/0`: a store that receivers on several machines share (the `redis` extra).

Every decision is one Lua script, which Redis runs atomically; every time is Redis's `TIME` plus a
span from the receiver's own now (docs/webhooks.md says why). Keys start with the URL's `?prefix=`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import cast
from urllib.parse import parse_qsl, urlencode, urlsplit

from ..._base.redaction import redacted_url
from ..._shared._redis import CLAIM, RedisScripts
from ._contract import (
    NO_UPDATED_AT,
    FailedEvent,
    Noted,
    OrderKey,
    Outcome,
    Status,
    StoredEvent,
    StoreTallies,
    purged,
    tallies_of,
    twin_of,
)

# The head of every script: `now` is the caller's moment on Redis's clock, in seconds (a double:
# microseconds kept). The caller gives it as its last argument, in seconds from its own now. A handler's
# claim on an event is the one claim (`_shared/_redis.CLAIM`) in the event's hash: `owner` until `lease`.
_NOW = CLAIM + "local now = claim_clock() + tonumber(ARGV[#ARGV])\nlocal HANDLER = {'owner', 'lease'}\n"

# Shared by the scripts below. One subject's (appointment's) waiting events sit in the sorted set
# `turns:<subject>` (all scores 0, so ordered by member): a member is the event's updatedAt (offset
# to be non-negative, 20 digits), its position (16 digits), then its id; so the first member is the
# event whose turn it is. `holders` maps a subject to the event in a handler now.
_TURNS = """
local function claimed(key, now)
  return redis.call('HGET', key, 'status') == 'handling' and claim_holder(key, HANDLER, now)
end
local function its_turn(base, id, subject, turn, now)
  if subject == '' then return true end
  if redis.call('ZRANGE', base .. 'turns:' .. subject, 0, 0)[1] ~= turn then return false end
  local holder = redis.call('HGET', base .. 'holders', subject)
  return not (holder and holder ~= id and claimed(base .. 'event:' .. holder, now))
end
local function leave_turns(base, id, subject, turn)
  if subject == '' then return end
  redis.call('ZREM', base .. 'turns:' .. subject, turn)
  if redis.call('HGET', base .. 'holders', subject) == id then redis.call('HDEL', base .. 'holders', subject) end
end
local function next_turn(base, subject, now)
  if subject == '' then return false end
  local head = redis.call('ZRANGE', base .. 'turns:' .. subject, 0, 0)[1]
  if not head then return false end
  local id = string.sub(head, 37)
  local row = redis.call('HMGET', base .. 'event:' .. id, 'status', 'not_before')
  local due = (row[1] == 'pending' and tonumber(row[2]) <= tonumber(now))
    or (row[1] == 'handling' and not claimed(base .. 'event:' .. id, now))
  if due and its_turn(base, id, subject, head, now) then return id end
  return false
end
"""

# The insert shared by `_ADD` and `_ADD_RECONCILED`. KEYS: event, position, delayed, turns, the
# delivery's twin (a reconciled event's key: the event's own when it has none), seen; ARGV: id,
# body, subject, updated, updatedAt part of the turn, now. `seen` keeps each subject's latest
# updatedAt of an event kept.
_INSERT = """
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
if KEYS[5] ~= KEYS[1] and redis.call('EXISTS', KEYS[5]) == 1 then return false end
local position = redis.call('INCR', KEYS[2])
local turn = ''
if ARGV[3] ~= '' then
  turn = ARGV[5] .. string.format('%016d', position) .. ARGV[1]
  redis.call('ZADD', KEYS[4], 0, turn)
  if ARGV[4] ~= '' then
    local seen = redis.call('HGET', KEYS[6], ARGV[3])
    if (not seen) or tonumber(seen) < tonumber(ARGV[4]) then redis.call('HSET', KEYS[6], ARGV[3], ARGV[4]) end
  end
end
redis.call('HSET', KEYS[1], 'body', ARGV[2], 'position', position, 'subject', ARGV[3], 'updated', ARGV[4],
  'status', 'pending', 'attempts', 0, 'not_before', now, 'owner', '', 'lease', 0, 'error', '', 'settled', 0,
  'turn', turn)
redis.call('ZADD', KEYS[3], now, ARGV[1])
return position
"""
_ADD = _NOW + _INSERT

# `_ADD`, unless the subject was seen as recent: in `seen`, or its newest handled (KEYS[7], `newest`).
_ADD_RECONCILED = (
    _NOW
    + """
local updated = tonumber(ARGV[4])
local seen = redis.call('HGET', KEYS[6], ARGV[3])
if seen and tonumber(seen) >= updated then return false end
local newest = redis.call('HGET', KEYS[7], ARGV[3])
if newest and tonumber(string.sub(newest, 1, string.find(newest, ':', 1, true) - 1)) >= updated then return false end
"""
    + _INSERT
)

# KEYS: pending, handling, delayed; ARGV: base prefix, limit, now. Events whose time has come move
# from `delayed` (scored by not_before) to `pending` (scored by position), which is then read in
# order, with the expired leases of `handling` merged in by position; of those, the ones whose
# subject's turn it is. Events waiting for their turn are passed over: the scan is bounded, so that
# one call never holds Redis long (an event whose turn comes is named by the settle that frees it).
_DUE = (
    _NOW
    + _TURNS
    + """
local base, limit = ARGV[1], tonumber(ARGV[2])
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, 1000)) do
  redis.call('ZADD', KEYS[1], redis.call('HGET', base .. 'event:' .. id, 'position') or 0, id)
  redis.call('ZREM', KEYS[3], id)
end
local found = {}
local function consider(id)
  local row = redis.call('HMGET', base .. 'event:' .. id, 'position', 'subject', 'turn')
  if row[1] and its_turn(base, id, row[2], row[3], now) then found[#found + 1] = {tonumber(row[1]), id} end
end
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, math.max(limit * 10, 1000) - 1)) do
  consider(id)
  if #found >= limit then break end
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, limit)) do consider(id) end
table.sort(found, function(a, b) return a[1] < b[1] end)
local ids = {}
for i = 1, math.min(limit, #found) do ids[i] = found[i][2] end
return ids
"""
)

# KEYS: event, pending, handling, delayed; ARGV: id, owner, lease seconds, base prefix, now
_CLAIM = (
    _NOW
    + _TURNS
    + """
local row = redis.call('HMGET', KEYS[1], 'status', 'not_before', 'subject', 'turn')
local lease_end = now + tonumber(ARGV[3])
if not row[1] then return false end
if not ((row[1] == 'pending' and tonumber(row[2]) <= now) or (row[1] == 'handling' and not claimed(KEYS[1], now))) then
  return false
end
if not its_turn(ARGV[4], ARGV[1], row[3], row[4], now) then return false end
local newest = ''
if row[3] ~= '' then
  redis.call('HSET', ARGV[4] .. 'holders', row[3], ARGV[1])
  newest = redis.call('HGET', ARGV[4] .. 'newest', row[3]) or ''
end
claim_take(KEYS[1], HANDLER, ARGV[2], now, lease_end)
redis.call('HSET', KEYS[1], 'status', 'handling')
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('ZADD', KEYS[3], lease_end, ARGV[1])
local found = redis.call('HMGET', KEYS[1], 'body', 'position', 'attempts', 'subject', 'updated')
found[6] = newest
return found
"""
)

# Shared head of the scripts that end the claim, only while it is the caller's (ARGV[1] id, ARGV[2] owner).
_HELD = """
local row = redis.call('HMGET', KEYS[1], 'status', 'subject', 'turn')
if row[1] ~= 'handling' or not claim_let_go(KEYS[1], HANDLER, ARGV[2], now) then return 0 end
"""

# KEYS: event, handling; ARGV: id, owner, the claim's new end (as `now`)
_RENEW = (
    _NOW
    + """
if redis.call('HGET', KEYS[1], 'status') ~= 'handling' or not claim_renew(KEYS[1], HANDLER, ARGV[2], now) then
  return 0
end
redis.call('ZADD', KEYS[2], now, ARGV[1])
return 1
"""
)

# KEYS: event, handling, settled, newest; ARGV: id, owner, outcome, subject, updated, position, base prefix, now
_SETTLE = (
    _NOW
    + _TURNS
    + _HELD
    + """
redis.call('HSET', KEYS[1], 'status', ARGV[3], 'settled', now)
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], now, ARGV[1])
leave_turns(ARGV[7], ARGV[1], row[2], row[3])
if ARGV[3] == 'handled' and ARGV[5] ~= '' then
  local updated, position = tonumber(ARGV[5]), tonumber(ARGV[6])
  local current = redis.call('HGET', KEYS[4], ARGV[4])
  local newer = true
  if current then
    local colon = string.find(current, ':', 1, true)
    local at, pos = tonumber(string.sub(current, 1, colon - 1)), tonumber(string.sub(current, colon + 1))
    newer = updated > at or (updated == at and position > pos)
  end
  if newer then redis.call('HSET', KEYS[4], ARGV[4], ARGV[5] .. ':' .. ARGV[6]) end
end
return next_turn(ARGV[7], row[2], now)
"""
)

# KEYS: event, handling, delayed; ARGV: id, owner, attempts, error, base prefix, the retry's time (as `now`).
# The event keeps its place in its subject's turns: later events wait for its retry.
_RETRY = (
    _NOW
    + _HELD
    + """
local not_before = now
redis.call('HSET', KEYS[1], 'status', 'pending', 'attempts', ARGV[3], 'not_before', not_before, 'error', ARGV[4])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], not_before, ARGV[1])
if row[2] ~= '' and redis.call('HGET', ARGV[5] .. 'holders', row[2]) == ARGV[1] then
  redis.call('HDEL', ARGV[5] .. 'holders', row[2])
end
return 1
"""
)

# KEYS: event, handling, failed; ARGV: id, owner, attempts, error, base prefix, now
_PARK = (
    _NOW
    + _TURNS
    + _HELD
    + """
redis.call('HSET', KEYS[1], 'status', 'failed', 'attempts', ARGV[3], 'error', ARGV[4], 'settled', now)
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], redis.call('HGET', KEYS[1], 'position'), ARGV[1])
leave_turns(ARGV[5], ARGV[1], row[2], row[3])
return next_turn(ARGV[5], row[2], now)
"""
)

# KEYS: event, failed, delayed; ARGV: id, base prefix, now
_REPLAY = (
    _NOW
    + """
local row = redis.call('HMGET', KEYS[1], 'status', 'subject', 'turn')
if row[1] ~= 'failed' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'pending', 'attempts', 0, 'not_before', now)
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], now, ARGV[1])
if row[2] ~= '' then redis.call('ZADD', ARGV[2] .. 'turns:' .. row[2], 0, row[3]) end
return 1
"""
)

# KEYS: settled; ARGV: prefix, the time before which settled events go (as `now`); 1000 a call (`purged`).
_PURGE = (
    _NOW
    + """
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. now, 'LIMIT', 0, 1000)
for _, id in ipairs(ids) do
  redis.call('DEL', ARGV[1] .. id)
  redis.call('ZREM', KEYS[1], id)
end
return #ids
"""
)


def _split_prefix(url: str) -> tuple[str, str]:
    """The URL without our own `prefix` query parameter, which redis-py would refuse, and the prefix."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    prefix = next((value for name, value in query if name == "prefix"), "pexip-engage-webhooks")
    if all(name != "prefix" for name, _ in query):
        return url, prefix
    rest = urlencode([(name, value) for name, value in query if name != "prefix"])
    # Written out rather than by urlunsplit, which drops the empty authority of unix:///path.
    return f"{parts.scheme}://{parts.netloc}{parts.path}" + (f"?{rest}" if rest else ""), prefix


class RedisStore:
    def __init__(self, url: str) -> None:
        self._url, prefix = _split_prefix(url)
        self._display = redacted_url(url)
        # A pool that makes a caller wait for a free connection rather than fail (docs/webhooks.md,
        # "Stores"), of 100 connections: 100 deliveries in flight beside the handlers. Without the extra,
        # an `ImportError` that names it.
        self._scripts = RedisScripts(self._url, _SCRIPTS, max_connections=100, user="WebhookReceiver's Redis store")
        p = self._base = prefix + ":"
        self._event = p + "event:"
        self._pending, self._handling, self._delayed = p + "pending", p + "handling", p + "delayed"
        self._failed, self._settled, self._newest = p + "failed", p + "settled", p + "newest"
        self._noted = p + "noted"  # a hash: `{what}:count`, `{what}:at`, `{what}:kind`

    def __repr__(self) -> str:
        return f"RedisStore({self._display!r})"

    _clock: Callable[[], float] = staticmethod(time.time)

    def _span(self, moment: float) -> str:
        """Seconds from this machine's now to `moment`: the span the scripts add to Redis's now, right
        however far the clocks disagree (docs/webhooks.md, "Stores")."""
        return repr(moment - self._clock())

    async def open(self) -> None:
        await self._scripts.client.ping()

    async def close(self) -> None:
        await self._scripts.aclose()

    async def add(
        self, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        return await self._insert("add", event_id, body, subject=subject, updated_at=updated_at, now=now)

    async def add_reconciled(
        self, event_id: str, body: bytes, *, subject: str, updated_at: int, now: float
    ) -> int | None:
        return await self._insert("add_reconciled", event_id, body, subject=subject, updated_at=updated_at, now=now)

    async def _insert(
        self, script: str, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        # The updatedAt part of the event's place in its subject's turns: fixed width, so that the
        # members sort as the numbers do (Lua's numbers are doubles: it is written here, exactly).
        turn = f"{(NO_UPDATED_AT if updated_at is None else updated_at) - NO_UPDATED_AT:020d}"
        twin, p = twin_of(subject, updated_at) or event_id, self._base
        names = (f"event:{event_id}", "position", "delayed", f"turns:{subject or ''}", f"event:{twin}", "seen")
        keys = [p + name for name in names] + [self._newest]  # `newest` is add_reconciled's
        args = [event_id, body, subject or "", "" if updated_at is None else updated_at, turn, self._span(now)]
        position = await self._scripts.run(script, keys, args)
        return None if position is None else int(position)

    async def due(self, now: float, limit: int) -> list[str]:
        ids = await self._scripts.run(
            "due", [self._pending, self._handling, self._delayed], [self._base, limit, self._span(now)]
        )
        return [bytes(item).decode() for item in ids]

    async def claim(self, event_id: str, owner: str, now: float, lease: float) -> StoredEvent | None:
        row = await self._scripts.run(
            "claim",
            [self._event + event_id, self._pending, self._handling, self._delayed],
            [event_id, owner, repr(lease), self._base, self._span(now)],
        )
        if row is None:
            return None
        body, position, attempts, subject, updated, newest = row
        about, at = bytes(subject).decode() or None, int(updated) if updated else None
        return StoredEvent(event_id, bytes(body), int(position), int(attempts), about, at, _newest(newest))

    async def renew(self, event_id: str, owner: str, until: float) -> bool:
        done = await self._scripts.run(
            "renew", [self._event + event_id, self._handling], [event_id, owner, self._span(until)]
        )
        return bool(done)

    async def holders(self, now: float) -> set[str]:
        found = await self._scripts.run("holders", [self._handling], [self._base, "", self._span(now)])
        return {bytes(owner).decode() for owner in found}

    async def let_go(self, owner: str, now: float) -> int:
        return int(await self._scripts.run("holders", [self._handling], [self._base, owner, self._span(now)]))

    async def settle(
        self, event_id: str, owner: str, outcome: Outcome, *, order: OrderKey | None, now: float
    ) -> str | None:
        subject, at, position = ("", None, 0) if order is None else (order.subject, order.updated_at, order.position)
        following = await self._scripts.run(
            "settle",
            [self._event + event_id, self._handling, self._settled, self._newest],
            [event_id, owner, outcome, subject, "" if at is None else at, position, self._base, self._span(now)],
        )
        return _event_id(following)

    async def retry(self, event_id: str, owner: str, *, attempts: int, not_before: float, error: str) -> None:
        await self._scripts.run(
            "retry",
            [self._event + event_id, self._handling, self._delayed],
            [event_id, owner, attempts, error, self._base, self._span(not_before)],
        )

    async def park(self, event_id: str, owner: str, *, attempts: int, error: str, now: float) -> str | None:
        following = await self._scripts.run(
            "park",
            [self._event + event_id, self._handling, self._failed],
            [event_id, owner, attempts, error, self._base, self._span(now)],
        )
        return _event_id(following)

    async def failed(self, limit: int) -> list[FailedEvent]:
        ids = [bytes(item).decode() for item in await self._scripts.client.zrange(self._failed, 0, limit - 1)]
        seconds, microseconds = await self._scripts.client.time()
        ahead = seconds + microseconds / 1e6 - self._clock()  # Redis's clock against this machine's
        found = []
        for event_id in ids:
            body, attempts, error, settled = await self._scripts.client.hmget(
                self._event + event_id, ["body", "attempts", "error", "settled"]
            )
            if body is not None:
                failed_at = float(settled) - ahead  # by this machine's clock, as the receiver's other times
                found.append(FailedEvent(event_id, bytes(body), int(attempts), bytes(error).decode(), failed_at))
        return found

    async def replay(self, event_id: str, now: float) -> bool:
        done = await self._scripts.run(
            "replay", [self._event + event_id, self._failed, self._delayed], [event_id, self._base, self._span(now)]
        )
        return bool(done)

    async def status(self, event_id: str) -> Status | None:
        value = await self._scripts.client.hget(self._event + event_id, "status")
        return None if value is None else cast(Status, bytes(value).decode())

    async def purge(self, before: float) -> int:
        return await purged(lambda: self._scripts.run("purge", [self._settled], [self._event, self._span(before)]))

    async def note(self, what: Noted, kind: str, now: float) -> None:
        await self._scripts.run("note", [self._noted], [what, repr(now), kind])

    async def tallies(self) -> StoreTallies:
        client = self._scripts.client
        waiting = sum([await client.zcard(key) for key in (self._pending, self._handling, self._delayed)])
        fields = {
            bytes(name).decode(): bytes(value).decode() for name, value in (await client.hgetall(self._noted)).items()
        }
        noted = {
            what: (int(fields[f"{what}:count"]), float(fields[f"{what}:at"]), fields[f"{what}:kind"])
            for what in ("refused", "error")
            if f"{what}:count" in fields
        }
        return tallies_of(waiting, await client.zcard(self._failed), noted)


# KEYS: handling; ARGV: base prefix, an owner ('' for none), now. The owners of the claims that still run; with an
# owner, its claims let go instead (claimable now, in their turn), and how many.
_HOLDERS = (
    _NOW
    + """
local owners, found, ended = {}, {}, 0
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. string.format('%.6f', now), '+inf')) do
  local key = ARGV[1] .. 'event:' .. id
  local owner = claim_holder(key, HANDLER, now)
  if owner and ARGV[2] == '' and not owners[owner] then
    owners[owner] = true
    found[#found + 1] = owner
  elseif owner and owner == ARGV[2] and claim_let_go(key, HANDLER, owner, now) then
    redis.call('ZADD', KEYS[1], now, id)
    ended = ended + 1
  end
end
if ARGV[2] == '' then return found end
return ended
"""
)

# KEYS: noted; ARGV: what, when, kind. One more of `what`, and the last one's time and kind, at once.
_NOTE = """
redis.call('HINCRBY', KEYS[1], ARGV[1] .. ':count', 1)
redis.call('HSET', KEYS[1], ARGV[1] .. ':at', ARGV[2], ARGV[1] .. ':kind', ARGV[3])
"""

_SCRIPTS = {
    "note": _NOTE,
    "add": _ADD,
    "add_reconciled": _ADD_RECONCILED,
    "due": _DUE,
    "claim": _CLAIM,
    "renew": _RENEW,
    "holders": _HOLDERS,
    "settle": _SETTLE,
    "retry": _RETRY,
    "park": _PARK,
    "replay": _REPLAY,
    "purge": _PURGE,
}


def _newest(value: bytes) -> tuple[int, int] | None:
    """A subject's newest handled event as the scripts keep it, `updatedAt:position`; b"" for none."""
    if not value:
        return None
    updated, position = bytes(value).decode().split(":")
    return int(updated), int(position)


def _event_id(value: object) -> str | None:
    """What settle and park return: the id of the event whose turn has come (bytes), else nil or 0."""
    return bytes(value).decode() if isinstance(value, bytes) else None
