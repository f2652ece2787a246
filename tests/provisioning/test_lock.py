"""One apply of an enterprise at a time: a second apply, in another process, fails at once and says
who holds the lock; a holder that dies gives the lock back."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from pexip_engage_client import PexipEngage
from pexip_engage_client.provisioning import ApplyLockedError, apply_plan, plan_employees
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.clients import TOKEN
from ..support.employees import person, seed
from ..support.redis_server import redis_server
from ..support.spec import ROOT
from ..support.waiting import eventually

pytestmark = [pytest.mark.main_python_only, pytest.mark.end_to_end]
# The holder's first read of its targets is held up this long, so that it holds the lock meanwhile.
SLOW = 3.0


@pytest.fixture
def served(fake: FakePexipEngage) -> Iterator[str]:
    with serve(fake) as root:
        yield root


def apply(root: str, plan: Path, *options: str) -> subprocess.Popen[str]:
    variables = {k: v for k, v in os.environ.items() if not k.startswith("PEXIP_ENGAGE_")}
    env = {**variables, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_ENTERPRISE": "acme",
           "PEXIP_ENGAGE_BASE_URL": root, "PEXIP_ENGAGE_TOKEN": TOKEN}  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "pexip_engage_cli", "employees", "apply", str(plan), *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip


async def save_plan(root: str, fake: FakePexipEngage, path: Path) -> None:
    directory = seed(fake, 2)
    async with PexipEngage("acme", token=TOKEN, base_url=root) as engage:
        plan = await plan_employees(engage, [*directory, person(7)])
    plan.save(path)


def wait_for_holder(lock_file: Path, pid: int) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if json.loads(lock_file.read_text() or "{}").get("pid") == pid:
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    raise AssertionError(f"process {pid} never took the lock")


async def test_a_second_apply_in_another_process_fails_naming_the_holder_and_a_dead_holder_frees_it(
    fake: FakePexipEngage, served: str, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.json"
    await save_plan(served, fake, plan)
    lock_file = tmp_path / ".pexip-engage-apply.acme.lock"
    fake.fail("getEmployees", delay=SLOW, times=1)  # then a 503, retried: the holder waits
    first = apply(served, plan)
    wait_for_holder(lock_file, first.pid)

    second = apply(served, plan)
    out, err = second.communicate(timeout=30)
    assert second.returncode == 1
    assert out == ""
    assert err.startswith(
        f"pexip-engage: error: another apply of enterprise 'acme' is running: process {first.pid} on "
        f"{socket.gethostname()} since "
    ), err
    assert f"(lock file {lock_file}); not applied" in err
    out, err = first.communicate(timeout=60)
    assert (first.returncode, err) == (0, ""), err
    assert out.startswith("Applied: 1 created")
    assert len(fake.calls_to("createEmployee")) == 1  # made once: the second apply sent nothing

    # A holder killed outright: the kernel lets go of its lock, and the next apply runs.
    # (Its lock file still names it: only the lock itself is gone.)
    fake.fail("getEmployees", delay=SLOW, times=1)
    killed = apply(served, plan)
    wait_for_holder(lock_file, killed.pid)
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=10)
    assert json.loads(lock_file.read_text())["pid"] == killed.pid
    after = apply(served, plan)
    out, err = after.communicate(timeout=60)
    assert (after.returncode, err) == (0, ""), err  # not "another apply is running"
    assert "already created" in out


async def test_applies_on_a_shared_redis_lock_one_at_a_time(fake: FakePexipEngage, served: str, tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    await save_plan(served, fake, plan)
    with redis_server(tmp_path) as url:
        fake.fail("getEmployees", delay=SLOW, times=1)
        first = apply(served, plan, "--lock", url)
        held = redis.Redis.from_url(url)
        deadline = time.monotonic() + 15
        while not held.exists("pexip-engage:apply-lock:acme"):  # until the first holds the lock
            assert time.monotonic() < deadline, "the first apply never took the lock"
            await asyncio.sleep(0.02)
        held.close()
        probe = apply(served, plan, "--lock", url)
        out, err = probe.communicate(timeout=30)
        assert probe.returncode == 1, err
        assert err.startswith(
            f"pexip-engage: error: another apply of enterprise 'acme' is running: process {first.pid} on "
            f"{socket.gethostname()} since "
        ), err
        assert "(Redis key pexip-engage:apply-lock:acme); not applied" in err
        out, err = first.communicate(timeout=60)
        assert (first.returncode, err) == (0, ""), err
        assert out.startswith("Applied: 1 created")
        after = apply(served, plan, "--lock", url)  # released: the next one runs
        _, err = after.communicate(timeout=60)
        assert (after.returncode, err) == (0, ""), err
    assert len(fake.calls_to("createEmployee")) == 1


async def test_in_one_process_too_and_a_lock_that_is_no_folder_nor_redis_url_is_refused(
    engage: PexipEngage, fake: FakePexipEngage, tmp_path: Path
) -> None:
    seed(fake, 1)
    plan = await plan_employees(engage, [person(0), person(1)])
    fake.fail("getEmployees", delay=1.0, times=1)
    listed = len(fake.calls_to("getEmployees"))
    first = asyncio.ensure_future(apply_plan(engage, plan, lock=tmp_path))
    # The first apply holds the lock and waits on its listing.
    await eventually(lambda: len(fake.calls_to("getEmployees")) > listed, 10)
    with pytest.raises(ApplyLockedError, match=f"process {os.getpid()} on ") as caught:
        await apply_plan(engage, plan, lock=tmp_path)
    assert caught.value.holder["pid"] == os.getpid()
    assert (await first).ok
    with pytest.raises(ValueError, match="lock must be a folder, a redis:// or a postgresql:// URL"):
        await apply_plan(engage, plan, lock=tmp_path / "missing")


async def test_a_redis_lock_key_holding_no_readable_holder_still_refuses_the_apply(
    engage: PexipEngage, fake: FakePexipEngage, tmp_path: Path
) -> None:
    seed(fake, 1)
    plan = await plan_employees(engage, [person(0), person(1)])
    with redis_server(tmp_path) as url:
        held = redis.Redis.from_url(url)
        held.set("pexip-engage:apply-lock:acme", b"not a holder")  # e.g. set by hand, or by another tool
        held.close()
        with pytest.raises(ApplyLockedError, match=r"is running: another apply \(it did not say who\)") as caught:
            await apply_plan(engage, plan, lock=url)
    assert caught.value.holder == {}
    assert fake.calls_to("createEmployee") == []


async def test_a_malformed_redis_lock_url_is_refused_without_its_password(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    seed(fake, 1)
    plan = await plan_employees(engage, [person(0)])
    with pytest.raises(ValueError, match="the Redis URL cannot be used") as refused:
        await apply_plan(engage, plan, lock="redis://:s3cr3t-pw#x@127.0.0.1")  # urlsplit quoted 's3cr3t-pw'
    assert "s3cr3t" not in str(refused.value)
    assert fake.calls_to("createEmployee") == []
