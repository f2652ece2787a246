"""The one Redis client factory: the `redis` extra imported when first used, with bounded waits.

A Redis that is stopped, cut off or overloaded must answer with an error within about a second,
not hang a call for the kernel's TCP timeout: every client is made with a connect and a command
timeout, and one quick retry (a connection Redis closed between commands). Callers show the URL
only through `redacted_redis_url` (it may hold a password); the factory never puts it in a message.
"""

from __future__ import annotations

from typing import Any

# How long a failing Redis may take to say so (seconds).
CONNECT_TIMEOUT = 1.0
COMMAND_TIMEOUT = 1.0

EXTRA_MISSING = 'needs the "redis" extra: pip install "pexip-engage-client[redis]"'


def redis_client(
    url: str, *, connect_timeout: float = CONNECT_TIMEOUT, command_timeout: float = COMMAND_TIMEOUT, user: str = "this"
) -> Any:
    """A redis-py asyncio client for `url` with bounded waits; `ImportError` naming the extra without it.

    `user` names what needs it, for that message ("a shared governor").
    """
    try:
        import redis.asyncio  # noqa: PLC0415 - the extra is imported only by those who use it
        from redis.asyncio.retry import Retry  # noqa: PLC0415
        from redis.backoff import ConstantBackoff  # noqa: PLC0415
    except ImportError:
        raise ImportError(f"{user} {EXTRA_MISSING}") from None
    return redis.asyncio.Redis.from_url(
        url,
        socket_connect_timeout=connect_timeout,
        socket_timeout=command_timeout,
        retry=Retry(ConstantBackoff(0.05), 1),
    )
