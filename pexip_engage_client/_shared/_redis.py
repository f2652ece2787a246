"""Redis, the client's one way to it: the one client factory, with bounded waits, and a room's client per process.

A Redis that is stopped, cut off or overloaded must answer with an error within about a second, not
hang a call for the kernel's TCP timeout: every client has a connect and a command timeout, and one
quick retry (a connection Redis closed between commands). The URL is never put in a message (it may
hold a password). Every Redis client of the package is made here;
a room that keeps state in Redis holds a `RedisScripts`, with its own Lua scripts (Redis has no tables).
A key held for a while is the timed claim's (`claim`, `extend`, `release`), the package's one.
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


# The timed claim: a key set to its holder's token for a while (`claim`, SET NX PX). `extend` and `release`
# act only while the key still holds that token (a holder whose claim expired and was taken over touches
# nothing); `extend` with a `marker` only while that key holds that value too, in the same step (the fenced
# lease's epoch, `_lease.py`). 1 when extended, 0 when the claim is not the token's, -1 when the marker changed.
_EXTEND = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if KEYS[2] and redis.call('GET', KEYS[2]) ~= ARGV[3] then return -1 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


async def claim(client: Any, key: str, token: str, ms: int) -> bool:
    """Hold `key` with `token` for `ms` milliseconds unless it is held; whether it is now the token's."""
    return bool(await client.set(key, token, nx=True, px=ms))


async def extend(client: Any, key: str, token: str, ms: int, marker: tuple[str, str] | None = None) -> int:
    """Make the claim last `ms` milliseconds from now while `key` holds `token` (and `marker`'s key its value)."""
    keys, marked = ((key, marker[0]), (marker[1],)) if marker else ((key,), ())
    return int(await client.eval(_EXTEND, len(keys), *keys, token, ms, *marked))


async def release(client: Any, key: str, token: str) -> bool:
    """Give `key` up if it still holds `token`; whether it did."""
    return bool(await client.eval(_RELEASE, 1, key, token))


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
