"""Redis, the client's one way to it: the one client factory, with bounded waits, and a room's client per process.

A Redis that is stopped, cut off or overloaded must answer with an error within about a second, not hang a call
for the kernel's TCP timeout: every client has a connect and a command timeout, and one quick retry. The URL is
never put in a message (it may hold a password). A room that keeps state in Redis holds a `RedisScripts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._base.processes import PerProcess
from .._base.redaction import redis_from_url
from .._base.shared_urls import REDIS_SCHEMES

SCHEMES = REDIS_SCHEMES  # written with PostgreSQL's in `_base/shared_urls.py`
# How long a failing Redis may take to say so (seconds).
CONNECT_TIMEOUT = 1.0
COMMAND_TIMEOUT = 1.0
# How long a command waits for a free connection of a bounded pool (seconds).
POOL_TIMEOUT = 10.0

EXTRA_MISSING = 'needs the "redis" extra: pip install "pexip-engage-client[redis]"'


def redis_errors(user: str = "this") -> tuple[type[BaseException], ...]:
    """What a failing Redis raises through redis-py; `ImportError` naming the extra (and `user`) without it.

    Called where the feature is set up, so that a missing extra is said at once, not at first use.
    """
    try:
        import redis  # noqa: PLC0415 - the extra is imported only by those who use it
    except ImportError:
        raise ImportError(f"{user} {EXTRA_MISSING}") from None
    return (redis.RedisError, OSError)


def redis_client(url: str, *, max_connections: int | None = None, user: str = "this") -> Any:
    """A redis-py asyncio client for `url` with bounded waits; `ImportError` naming the extra (and `user`) without it.

    With `max_connections` (a `?max_connections=` in the URL wins), a command waits up to `POOL_TIMEOUT`
    seconds for a free connection rather than fail with redis-py's "Too many connections".
    """
    redis_errors(user)  # the extra, else `ImportError` naming it
    import redis.asyncio  # noqa: PLC0415 - the extra is imported only by those who use it
    from redis.asyncio.retry import Retry  # noqa: PLC0415
    from redis.backoff import ConstantBackoff  # noqa: PLC0415

    bounded: dict[str, Any] = {
        "socket_connect_timeout": CONNECT_TIMEOUT,
        "socket_timeout": COMMAND_TIMEOUT,
        "retry": Retry(ConstantBackoff(0.05), 1),
    }
    if max_connections is None:  # a URL redis-py cannot read is refused without quoting it (a password)
        return redis_from_url(redis.asyncio.Redis.from_url, url, **bounded)
    pool = redis_from_url(
        redis.asyncio.BlockingConnectionPool.from_url,
        url,
        max_connections=max_connections,
        timeout=POOL_TIMEOUT,
        **bounded,
    )
    return redis.asyncio.Redis.from_pool(pool)


# The one claim in Redis (`_leasing/_claims.py`): a key holding its holder's name until its expiry (none: for good),
# or two fields of a record's hash (`fields`: the holder's, '' when free, and the end's), in seconds of Redis's clock.
CLAIM = """
local function claim_clock() local t = redis.call('TIME') return tonumber(t[1]) + tonumber(t[2]) / 1000000 end
local function claim_read(key, fields)
  if fields then
    local row = redis.call('HMGET', key, fields[1], fields[2])
    if not row[1] or row[1] == '' then return false, 0 end
    return row[1], tonumber(row[2]) or 0
  end
  local holder, left = redis.call('GET', key), redis.call('PTTL', key)
  if not holder then return false, 0 end
  return holder, left < 0 and math.huge or claim_clock() + left / 1000
end
local function claim_write(key, fields, holder, ends)
  if fields then return redis.call('HSET', key, fields[1], holder or '', fields[2], ends) end
  if not holder then return redis.call('DEL', key) end
  redis.call('SET', key, holder, 'PX', math.max(1, math.floor((ends - claim_clock()) * 1000)))
end
local function claim_holder(key, fields, at)
  local holder, ends = claim_read(key, fields)
  return ends > at and holder
end
local function claim_take(key, fields, holder, at, ends)
  if claim_holder(key, fields, at) then return false end
  claim_write(key, fields, holder, ends)
  return true
end
local function claim_renew(key, fields, holder, ends)
  if claim_read(key, fields) ~= holder then return false end
  claim_write(key, fields, holder, ends)
  return true
end
local function claim_let_go(key, fields, holder, at)
  if claim_read(key, fields) ~= holder then return false end
  claim_write(key, fields, false, at)
  return true
end
"""
# KEYS[1] the claim's; ARGV: its holder, a length (ms); a renew's marker (KEYS[2], ARGV[3]) answers -1 once changed.
_NOW = CLAIM + "local now = claim_clock()\n"
_TAKE = _NOW + "return claim_take(KEYS[1], nil, ARGV[1], now, now + ARGV[2] / 1000) and 1 or 0"
_RENEW = (
    _NOW
    + """
if KEYS[2] and redis.call('GET', KEYS[1]) == ARGV[1] and redis.call('GET', KEYS[2]) ~= ARGV[3] then return -1 end
return claim_renew(KEYS[1], nil, ARGV[1], now + ARGV[2] / 1000) and 1 or 0"""
)
_LET_GO = _NOW + "return claim_let_go(KEYS[1], nil, ARGV[1], now) and 1 or 0"


async def take(client: Any, key: str, holder: str, ms: int) -> bool:
    """Hold `key` for `holder` for `ms` milliseconds if it is free; whether it did."""
    return bool(await client.eval(_TAKE, 1, key, holder, ms))


async def renew(client: Any, key: str, holder: str, ms: int, marker: tuple[str, str] | None = None) -> int:
    """`holder`'s claim made to last `ms` milliseconds from now: 1; 0 when not its; -1 when the `marker` changed."""
    keys, marked = ((key, marker[0]), (marker[1],)) if marker else ((key,), ())
    return int(await client.eval(_RENEW, len(keys), *keys, holder, ms, *marked))


async def let_go(client: Any, key: str, holder: str) -> bool:
    """End the claim on `key` if `holder` has it; whether it did."""
    return bool(await client.eval(_LET_GO, 1, key, holder))


class RedisScripts:
    """A room's Redis client, made per process, with the room's Lua `scripts` registered on it; `options` are
    `redis_client`'s. Made at once, so that a missing extra or a refused URL fails where the room is set up."""

    def __init__(self, url: str, scripts: Mapping[str, str], **options: Any) -> None:
        self._held: PerProcess[tuple[Any, dict[str, Any]]] = PerProcess(
            lambda: _registered(redis_client(url, **options), scripts)
        )
        self._held.get()

    @property
    def client(self) -> Any:
        """This process's redis-py client."""
        return self._held.get()[0]

    async def run(self, script: str, keys: list[str], args: list[Any]) -> Any:
        """What the script of that name answers."""
        return await self._held.get()[1][script](keys=keys, args=args)

    async def aclose(self) -> None:
        """Close this process's client (none in a forked child: the parent's is not closed from here)."""
        held = self._held.clear()
        if held is not None:
            await held[0].aclose()


def _registered(client: Any, scripts: Mapping[str, str]) -> tuple[Any, dict[str, Any]]:
    return client, {name: client.register_script(text) for name, text in scripts.items()}
