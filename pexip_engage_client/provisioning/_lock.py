"""One apply at a time per enterprise: a lock an apply holds while it writes, and that names its holder.

Two applies of one plan at once would each read a target, see it unchanged, and write it: their
re-checks cannot see each other. So `apply_plan(..., lock=...)` takes a lock keyed by the
enterprise first, and a second apply fails at once with `ApplyLockedError`, saying who holds it.

- A folder (`lock=Path("plans")`, what `pexip-engage employees apply` uses: the plan's folder): the
  file `.pexip-engage-apply.<enterprise>.lock` there, locked with `fcntl.flock`. The kernel lets
  go of it when its process ends, however it ends, so a crashed apply never blocks the next one;
  the file says who holds it (pid, host, since when) for the message. Applies on several machines
  share it only through a file system whose locks reach them all (local disks do, NFS may not).
- A Redis URL (`lock="redis://host:6379/0"`, the `redis` extra): a key with an expiry, renewed while
  the apply runs, for applies on several machines; a process killed without releasing it gives it
  up within `REDIS_LEASE` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# How long a Redis lock outlives a holder that stopped renewing it (renewed every third of it).
REDIS_LEASE = 30.0

# Releases the key only while it is still this holder's (its token is in the value).
_RELEASE = """
local held = redis.call('GET', KEYS[1])
if held and cjson.decode(held)['token'] == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
_RENEW = """
local held = redis.call('GET', KEYS[1])
if held and cjson.decode(held)['token'] == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""


class ApplyLockedError(RuntimeError):
    """Another apply holds the enterprise's lock; `holder` says who (pid, host, since), as far as known."""

    def __init__(self, message: str, holder: dict[str, Any]) -> None:
        super().__init__(message)
        self.holder = holder


def _this_holder(enterprise: str) -> dict[str, Any]:
    return {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
        "enterprise": enterprise,
        "token": uuid.uuid4().hex,
    }


def _described(holder: dict[str, Any]) -> str:
    if not holder.get("pid"):
        return "another apply (it did not say who)"
    return f"process {holder['pid']} on {holder.get('host', '?')} since {holder.get('since', '?')}"


@contextlib.asynccontextmanager
async def apply_lock(enterprise: str, lock: str | os.PathLike[str]) -> AsyncIterator[None]:
    """Hold the enterprise's apply lock for the block; `ApplyLockedError` if another apply holds it.

    Raises:
        ApplyLockedError: Another apply holds it.
        ValueError: `lock` is neither a folder nor a redis:// or rediss:// URL.
    """
    if isinstance(lock, str) and lock.startswith(("redis://", "rediss://")):
        async with _redis_lock(enterprise, lock):
            yield
        return
    folder = Path(lock)
    if not folder.is_dir():  # noqa: ASYNC240 - one stat, before the apply begins
        raise ValueError(f"lock must be a folder or a redis:// URL (no folder {str(folder)!r})")
    with _file_lock(enterprise, folder):
        yield


@contextlib.contextmanager
def _file_lock(enterprise: str, folder: Path) -> Any:
    import fcntl  # noqa: PLC0415 - POSIX only; imported where it is used

    path = folder / f".pexip-engage-apply.{enterprise}.lock"
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _parsed_holder(os.pread(descriptor, 4096, 0))
            raise ApplyLockedError(
                f"another apply of enterprise {enterprise!r} is running: {_described(holder)} (lock file {path})",
                holder,
            ) from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, json.dumps(_this_holder(enterprise)).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(descriptor, 0)  # the file stays (removing it would race the next taker)
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _parsed_holder(held_text: bytes | None) -> dict[str, Any]:
    """Who holds the lock, from what the holder wrote (empty when nothing readable); its token left out."""
    try:
        held = json.loads(held_text or b"{}")
    except ValueError:  # the file is written at this very moment, or the key is not the lock's
        return {}
    if not isinstance(held, dict):
        return {}
    held.pop("token", None)
    return held


@contextlib.asynccontextmanager
async def _redis_lock(enterprise: str, url: str) -> AsyncIterator[None]:
    try:
        import redis.asyncio  # noqa: PLC0415 - the `redis` extra
    except ImportError as exc:
        raise ImportError('a Redis apply lock needs redis: pip install "pexip-engage-client[redis]"') from exc
    try:
        client: Any = redis.asyncio.Redis.from_url(url)
    except ValueError:  # its message may quote part of the URL, a password (redis://:pw#x@host)
        raise ValueError(
            "the Redis URL of the apply lock cannot be read (not shown, as it may hold a password; "
            "percent-encode a password's '#', '/', '?' and '@')"
        ) from None
    key = f"pexip-engage:apply-lock:{enterprise}"
    holder = _this_holder(enterprise)
    lease_ms = int(REDIS_LEASE * 1000)
    try:
        if not await client.set(key, json.dumps(holder), nx=True, px=lease_ms):
            other = _parsed_holder(await client.get(key))
            raise ApplyLockedError(
                f"another apply of enterprise {enterprise!r} is running: {_described(other)} (Redis key {key})",
                other,
            )
        renewing = asyncio.create_task(_renew(client, key, holder["token"], lease_ms))
        try:
            yield
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing
            await client.eval(_RELEASE, 1, key, holder["token"])
    finally:
        await client.aclose()


async def _renew(client: Any, key: str, token: str, lease_ms: int) -> None:
    while True:
        await asyncio.sleep(lease_ms / 3000)
        await client.eval(_RENEW, 1, key, token, lease_ms)
