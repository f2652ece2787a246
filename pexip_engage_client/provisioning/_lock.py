"""One apply at a time per enterprise: a lock an apply holds while it writes, and that names its holder.

Two applies of one plan at once would each see a target unchanged and write it. The kinds (a folder, a Redis
or a PostgreSQL URL) and what each guarantees: docs/provisioning.md, "Safety". Each is the package's one lease
(`_leasing/_lease.py`), with the holder's description beside it; the apply confirms it right before each write
(`Confirm`), so a lock that expired or was lost stops the apply before it sends anything more.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from .._base.loggers import logger
from .._base.pickling import reduce_error
from .._leasing._holders import APPLY
from .._leasing._lease import (
    Busy,
    FileLeases,
    Held,
    LeaseLostError,
    LeaseUnreachableError,
    RedisLeases,
    Renewing,
    new_token,
)
from .._leasing._postgres_leases import PostgresLeases
from .._leasing._shared_leases import leases_at
from .._shared import _redis
from .._shared.postgres import SCHEMES as POSTGRES_SCHEMES

_REFUSED = "lock must be a folder, a redis:// or a postgresql:// URL (or rediss://, unix://, postgres://)"

Leases = FileLeases | RedisLeases | PostgresLeases


class ApplyLockedError(RuntimeError):
    """Another apply holds the enterprise's lock; `holder` says who (pid, host, since), as far as known."""

    def __init__(self, message: str, holder: dict[str, Any]) -> None:
        super().__init__(message)
        self.holder = holder

    __reduce__ = reduce_error  # (its `__init__` takes two arguments: pickled by default, it would not load)


# What an apply calls right before each write: its lock confirmed (`LeaseLostError`: no longer this apply's;
# `LeaseUnreachableError`: its backend cannot say), or nothing without a lock (`unlocked`).
Confirm = Callable[[], Awaitable[None]]


async def unlocked() -> None:
    return None


def _this_holder(enterprise: str) -> dict[str, Any]:
    since = datetime.now(UTC).isoformat(timespec="seconds")
    return {"pid": os.getpid(), "host": socket.gethostname(), "since": since, "enterprise": enterprise}


def _described(holder: dict[str, Any]) -> str:
    if not holder.get("pid"):
        return "another apply (it did not say who)"
    return f"process {holder['pid']} on {holder.get('host', '?')} since {holder.get('since', '?')}"


@contextlib.asynccontextmanager
async def apply_lock(enterprise: str, lock: str | os.PathLike[str]) -> AsyncIterator[Confirm]:
    """Hold the enterprise's apply lock for the block, which it confirms; `ApplyLockedError` if another apply holds it,
    `ValueError` when `lock` is neither a folder nor a Redis URL (redis://, rediss://, unix://) nor a PostgreSQL one."""
    leases, key, where = _leases_at(enterprise, lock)
    try:
        held = await leases.take(key, new_token(), APPLY.seconds)
        if isinstance(held, Busy):
            holder = await leases.holder_of(key)
            raise ApplyLockedError(
                f"another apply of enterprise {enterprise!r} is running: {_described(holder)} ({where})", holder
            )
        holder = _this_holder(enterprise)
        await leases.describe(held, holder, APPLY.seconds)
        every = APPLY.renew_every()  # a lock file's turn never expires: no harm
        try:
            async with Renewing(lambda: _renew(leases, held, holder), every, "pexip-engage-apply-lock"):
                yield partial(leases.confirm, held, APPLY.seconds)
        finally:
            await leases.release(held)
    finally:
        await leases.aclose()


def _leases_at(enterprise: str, lock: str | os.PathLike[str]) -> tuple[Leases, str, str]:
    """The leases `lock` names, the enterprise's key there, and where that is, as a message names it."""
    scheme = urlsplit(lock).scheme if isinstance(lock, str) else ""
    if scheme in (*_redis.SCHEMES, *POSTGRES_SCHEMES):
        leases = cast(Leases, leases_at(str(lock), user="a Redis apply lock"))
        key = f"pexip-engage-apply-lock:{enterprise}"
        return leases, key, f"{'PostgreSQL lease' if isinstance(leases, PostgresLeases) else 'Redis key'} {key}"
    if "://" in os.fspath(lock):  # a URL of another kind, which may hold a password: its scheme alone is shown
        raise ValueError(f"{_REFUSED}, not one with scheme {scheme if scheme.isalnum() else 'none'!r}")
    folder = Path(lock)
    if not folder.is_dir():  # one stat, before the apply begins
        raise ValueError(f"{_REFUSED} (no folder {str(folder)!r})")
    name = f".pexip-engage-apply.{enterprise}.lock"
    return FileLeases(folder, file_name=lambda _: name), enterprise, f"lock file {folder / name}"


async def _renew(leases: Leases, held: Held, holder: dict[str, Any]) -> None:
    try:
        await leases.renew(held, APPLY.seconds)
        await leases.describe(held, holder, APPLY.seconds)
    except (LeaseLostError, LeaseUnreachableError) as error:
        logger.warning("apply: the apply lock %s could not be renewed: %s", held.key, error)
