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

Both are the one lease of the package (`_base/_lease.py`: `FileLeases`, `RedisLeases`), which the
ensures take turns by too; the holder's description is kept beside it (`describe`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from .._base._lease import Busy, FileLeases, Held, LeaseLostError, LeaseUnreachableError, RedisLeases, new_token
from .._base._postgres_leases import PostgresLeases
from .._base.postgres import is_postgres_url
from .._base.shared_leases import leases_at

logger = logging.getLogger("pexip_engage_client")

# How long a Redis lock outlives a holder that stopped renewing it (renewed every third of it).
REDIS_LEASE = 30.0

Leases = FileLeases | RedisLeases | PostgresLeases


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
    }


def _described(holder: dict[str, Any]) -> str:
    if not holder.get("pid"):
        return "another apply (it did not say who)"
    return f"process {holder['pid']} on {holder.get('host', '?')} since {holder.get('since', '?')}"


@contextlib.asynccontextmanager
async def apply_lock(enterprise: str, lock: str | os.PathLike[str]) -> AsyncIterator[None]:
    """Hold the enterprise's apply lock for the block; `ApplyLockedError` if another apply holds it.

    `ValueError` when `lock` is neither a folder nor a redis://, rediss:// or postgresql:// URL.
    """
    leases, key, where = _leases_at(enterprise, lock)
    try:
        held = await leases.take(key, new_token(), REDIS_LEASE)
        if isinstance(held, Busy):
            holder = await leases.holder_of(key)
            shown = leases.path_of(key) if isinstance(leases, FileLeases) else key
            raise ApplyLockedError(
                f"another apply of enterprise {enterprise!r} is running: {_described(holder)} ({where} {shown})", holder
            )
        holder = _this_holder(enterprise)
        if isinstance(leases, FileLeases):
            await leases.describe(held, holder)
            renewing = None
        else:
            await leases.describe(held, holder, REDIS_LEASE)
            renewing = asyncio.create_task(_renew(leases, held, holder))
        try:
            yield
        finally:
            if renewing is not None:
                renewing.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await renewing
            await leases.release(held)
    finally:
        await leases.aclose()


def _leases_at(enterprise: str, lock: str | os.PathLike[str]) -> tuple[Leases, str, str]:
    """The leases `lock` names, the enterprise's key there, and what that key is called in a message."""
    if (isinstance(lock, str) and lock.startswith(("redis://", "rediss://"))) or is_postgres_url(lock):
        leases = cast(RedisLeases | PostgresLeases, leases_at(str(lock), user="a Redis apply lock"))
        where = "PostgreSQL lease" if isinstance(leases, PostgresLeases) else "Redis key"
        return leases, f"pexip-engage:apply-lock:{enterprise}", where
    folder = Path(lock)
    if not folder.is_dir():  # one stat, before the apply begins
        raise ValueError(f"lock must be a folder, a redis:// or a postgresql:// URL (no folder {str(folder)!r})")
    name = f".pexip-engage-apply.{enterprise}.lock"
    return FileLeases(folder, file_name=lambda _: name), enterprise, "lock file"


async def _renew(leases: RedisLeases | PostgresLeases, held: Held, holder: dict[str, Any]) -> None:
    while True:
        await asyncio.sleep(REDIS_LEASE / 3)
        try:
            await leases.renew(held, REDIS_LEASE)
            await leases.describe(held, holder, REDIS_LEASE)
        except (LeaseLostError, LeaseUnreachableError) as error:
            logger.warning("apply: the apply lock %s could not be renewed: %s", held.key, error)
