"""One apply of an enterprise at a time: a second apply, in another process, fails at once and says
who holds the lock; a holder that dies gives the lock back. The lock is a folder's file, a Redis
key or a PostgreSQL lease."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import redis

from pexip_engage_client import PexipEngage
from pexip_engage_client._base.shared_urls import split_url
from pexip_engage_client._leasing._lease import LeaseUnreachableError
from pexip_engage_client._leasing._postgres_leases import MIGRATIONS
from pexip_engage_client._shared._sync.postgres import migrate_blocking, quoted
from pexip_engage_client.provisioning import ApplyLockedError, apply_plan, plan_employees
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.clients import TOKEN
from ..support.employees import person, seed
from ..support.postgres_server import migrated, postgres_server
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
    env = {
        **variables,
        "PYTHONPATH": str(ROOT),
        "PEXIP_ENGAGE_ENTERPRISE": "acme",
        "PEXIP_ENGAGE_BASE_URL": root,
        "PEXIP_ENGAGE_TOKEN": TOKEN,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "pexip_engage_cli", "employees", "apply", str(plan), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


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


class SharedLock:
    """The apply lock of enterprise 'acme' in a redis-server or a PostgreSQL of the test's own."""

    def __init__(self, backend: str, url: str) -> None:
        self.backend, self.url = backend, url
        self.where = "PostgreSQL lease" if backend == "postgres" else "Redis key"

    def held(self) -> bool:
        if self.backend == "redis":
            with redis.Redis.from_url(self.url) as client:
                return bool(client.exists(KEY))
        conninfo, schema = split_url(self.url)
        with psycopg.connect(conninfo, autocommit=True) as connection:
            try:
                row = connection.execute(
                    f"SELECT 1 FROM {quoted(schema)}.leases"  # noqa: S608 - a checked schema name
                    " WHERE key = %s AND token IS NOT NULL AND expires > clock_timestamp()",
                    (KEY,),
                ).fetchone()
            except (
                psycopg.errors.UndefinedTable,
                psycopg.errors.InvalidSchemaName,
            ):  # not made yet: the apply has not begun
                return False
        return row is not None

    def hold_without_holder(self) -> None:
        """Take the lock as a tool would that says nothing readable of who it is."""
        if self.backend == "redis":
            with redis.Redis.from_url(self.url) as client:
                client.set(KEY, b"not a holder")
            return
        conninfo, schema = split_url(self.url)
        with psycopg.connect(conninfo, autocommit=True) as connection:
            migrate_blocking(connection, schema, MIGRATIONS)
            connection.execute(
                f"INSERT INTO {quoted(schema)}.leases (key, token, fence, expires, about)"  # noqa: S608 - checked
                " VALUES (%s, 'a tool', 1, clock_timestamp() + interval '1 minute', 'not a holder')",
                (KEY,),
            )


KEY = "pexip-engage-apply-lock:acme"


@contextlib.contextmanager
def shared_lock(backend: str, tmp_path: Path) -> Iterator[SharedLock]:
    if backend == "redis":
        with redis_server(tmp_path) as url:
            yield SharedLock(backend, url)
    else:
        with postgres_server() as server:
            yield SharedLock(backend, migrated(f"{server.url}?schema=apply_lock"))


@pytest.mark.parametrize("backend", ["redis", "postgres"])
async def test_applies_on_a_shared_lock_one_at_a_time(
    fake: FakePexipEngage, served: str, tmp_path: Path, backend: str
) -> None:
    """Through Redis or PostgreSQL (`--lock postgresql://...`): the second apply fails at once
    naming the holder and where the lock is; once the first is done, the next one runs."""
    plan = tmp_path / "plan.json"
    await save_plan(served, fake, plan)
    with shared_lock(backend, tmp_path) as lock:
        fake.fail("getEmployees", delay=SLOW, times=1)
        first = apply(served, plan, "--lock", lock.url)
        deadline = time.monotonic() + 15
        while not lock.held():  # until the first holds the lock
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "the first apply never took the lock"
            await asyncio.sleep(0.02)
        probe = apply(served, plan, "--lock", lock.url)
        out, err = probe.communicate(timeout=30)
        assert probe.returncode == 1, err
        assert err.startswith(
            f"pexip-engage: error: another apply of enterprise 'acme' is running: process {first.pid} on "
            f"{socket.gethostname()} since "
        ), err
        assert f"({lock.where} {KEY}); not applied" in err
        out, err = first.communicate(timeout=60)
        assert (first.returncode, err) == (0, ""), err
        assert out.startswith("Applied: 1 created")
        after = apply(served, plan, "--lock", lock.url)  # released: the next one runs
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


@pytest.mark.parametrize("backend", ["redis", "postgres"])
async def test_a_shared_lock_holding_no_readable_holder_still_refuses_the_apply(
    engage: PexipEngage, fake: FakePexipEngage, tmp_path: Path, backend: str
) -> None:
    seed(fake, 1)
    plan = await plan_employees(engage, [person(0), person(1)])
    with shared_lock(backend, tmp_path) as lock:
        lock.hold_without_holder()  # e.g. set by hand, or by another tool
        with pytest.raises(ApplyLockedError, match=r"is running: another apply \(it did not say who\)") as caught:
            await apply_plan(engage, plan, lock=lock.url)
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


async def test_a_redis_unix_socket_lock_holds_one_apply_at_a_time_and_is_released(
    engage: PexipEngage, fake: FakePexipEngage, tmp_path: Path
) -> None:
    """`lock="unix:///path/to/redis.sock"`, a Redis URL as the ensures' leases and the webhook stores take it."""
    seed(fake, 1)
    plan = await plan_employees(engage, [person(0), person(1)])
    with redis_server(tmp_path, unix_socket=True) as url:
        assert url.startswith("unix:///")
        lock = SharedLock("redis", url)
        fake.fail("getEmployees", delay=1.0, times=1)
        first = asyncio.ensure_future(apply_plan(engage, plan, lock=url))
        await eventually(lambda: first.done() or lock.held(), 10)  # it holds the lock and waits on its listing
        assert not first.done(), first
        with pytest.raises(ApplyLockedError, match=f"process {os.getpid()} on .*\\(Redis key {KEY}\\)") as caught:
            await apply_plan(engage, plan, lock=url)
        assert caught.value.holder["pid"] == os.getpid()
        assert (await first).ok
        assert not lock.held()  # released
    assert len(fake.calls_to("createEmployee")) == 1


async def test_a_lock_url_of_another_scheme_is_refused_naming_its_scheme_alone(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    seed(fake, 1)
    plan = await plan_employees(engage, [person(0)])
    with pytest.raises(ValueError, match="lock must be a folder, a redis:// or a postgresql:// URL") as refused:
        await apply_plan(engage, plan, lock="mysql://user:s3cr3t-pw@db.example/acme")
    assert str(refused.value).endswith("not one with scheme 'mysql'")
    assert "s3cr3t" not in str(refused.value)
    assert fake.calls_to("createEmployee") == []


async def test_an_apply_whose_lock_is_lost_stops_before_its_next_write(
    engage: PexipEngage, fake: FakePexipEngage, tmp_path: Path
) -> None:
    """As an ensure checks its turn right before its create: the lock is confirmed right before each write,
    and once Redis has lost it (FLUSHALL: another apply could take it now) nothing more is sent."""
    seed(fake, 5)
    plan = await plan_employees(engage, [person(index, lastName="New") for index in range(5)], threshold=1)
    with redis_server(tmp_path) as url:
        fake.fail("updateEmployeeById", delay=0.5, commit=True, times=5)  # each write lands, answered 0.5 s later
        applying = asyncio.ensure_future(apply_plan(engage, plan, lock=url, concurrency=1))
        await eventually(lambda: len(fake.calls_to("updateEmployeeById")) == 1, 10)
        with redis.Redis.from_url(url) as client:
            client.flushall()
        report = await applying
    assert report.stopped is not None
    assert report.stopped.startswith("because the apply lock was lost (")
    assert (len(report.updated), report.not_attempted, report.ok) == (1, 4, False)
    assert len(fake.calls_to("updateEmployeeById")) == 1  # nothing sent after the loss
    assert "Stopped because the apply lock was lost" in report.render()
    assert "4 change(s) not attempted" in report.render()


async def test_a_lock_in_a_schema_not_migrated_says_so_and_names_postgres_migrate(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    seed(fake, 1)
    plan = await plan_employees(engage, [person(0), person(1)])
    with postgres_server() as server, pytest.raises(LeaseUnreachableError) as raised:
        await apply_plan(engage, plan, lock=f"{server.url}?schema=never_migrated")
    said = str(raised.value)
    assert said.startswith("PostgreSQL postgresql://"), said
    assert "cannot be reached" not in said, said  # it was reached: its schema is not there
    assert "schema never_migrated is not migrated: schema never_migrated does not exist" in said, said
    assert "run `pexip-engage postgres migrate`" in said, said
    assert fake.calls_to("createEmployee") == []
