"""The lease's contract, on the backends that need no server: in-process, and this host's lock files.

(Redis's: tests/limits/test_shared_ensure.py; under faults: tests/limits/test_ensure_faults.py.)
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from pexip_engage_client._leasing._lease import (
    Busy,
    FileLeases,
    Held,
    LeaseBackend,
    LeaseLostError,
    default_lock_dir,
)

from ..support.in_process_leases import InProcessLeases


@pytest.fixture(params=["in-process", "lock files"])
def leases(request: pytest.FixtureRequest, tmp_path: Path) -> LeaseBackend:
    return InProcessLeases() if request.param == "in-process" else FileLeases(tmp_path)


async def test_one_holder_at_a_time_with_a_growing_fence_and_no_step_after_release(leases: LeaseBackend) -> None:
    first = await leases.take("k", "first", 5)
    assert isinstance(first, Held)
    assert first.settle_seconds == 0  # nothing of these backends is lost while its holder lives
    assert isinstance(await leases.take("k", "second", 5), Busy)
    assert isinstance(await leases.take("other", "second", 5), Held)  # another key: its own turn
    await leases.confirm(first, 5)
    await leases.renew(first, 5)
    await leases.release(first)
    with pytest.raises(LeaseLostError):  # released: no create may follow
        await leases.confirm(first, 5)
    second = await leases.take("k", "second", 5)
    assert isinstance(second, Held)
    assert second.fence > first.fence
    await leases.release(first)  # a second release of a turn that is not its own changes nothing
    assert isinstance(await leases.take("k", "third", 5), Busy)


async def test_lock_files_of_two_backends_exclude_each_other_and_say_who_holds_them(tmp_path: Path) -> None:
    """Two `FileLeases` are as two processes: separate open files of one lock file."""
    named = FileLeases(tmp_path, file_name=lambda key: f"{key}.lock")
    other = FileLeases(tmp_path, file_name=lambda key: f"{key}.lock")
    held = await named.take("apply", "a", 5)
    assert isinstance(held, Held)
    await named.describe(held, {"pid": 1, "host": "here"})
    assert isinstance(await other.take("apply", "b", 5), Busy)
    assert await other.holder_of("apply") == {"pid": 1, "host": "here"}
    assert (tmp_path / "apply.lock").exists()
    await named.release(held)
    assert isinstance(await other.take("apply", "b", 5), Held)


def test_the_lock_folder_is_the_variables_or_the_users_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_LOCK_DIR", str(tmp_path))
    assert default_lock_dir() == tmp_path
    monkeypatch.delenv("PEXIP_ENGAGE_LOCK_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    if sys.platform in ("win32", "darwin"):  # %LOCALAPPDATA%, ~/Library/Caches
        return
    assert default_lock_dir() == tmp_path / "cache" / "pexip-engage" / "locks"


async def test_a_take_with_its_own_token_gets_its_turn_back_and_a_later_release_waits(leases: LeaseBackend) -> None:
    """One caller's take run again finds its own turn (not Busy on itself); `release_later` holds it
    for the time given (a create may still be in flight), then gives it up."""
    held = await leases.take("k", "mine", 5)
    assert isinstance(held, Held)
    assert await leases.take("k", "mine", 5) == held
    # A second, not 0.3: on a loaded machine the next line may run that much later, and find it given up.
    await leases.release_later(held, 1.0)
    assert isinstance(await leases.take("k", "other", 5), Busy)  # not before its time
    # But then: within 3 s, by the release (1 s), well before the 5 s turn would run out by itself.
    async with asyncio.timeout(3):
        while isinstance(taken := await leases.take("k", "other", 5), Busy):  # noqa: ASYNC110 - a timer's release
            await asyncio.sleep(0.02)
    assert isinstance(taken, Held)
