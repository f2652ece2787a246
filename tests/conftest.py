"""Fixtures every suite shares: the fake API, the client on it, recorded backoff sleeps, fresh sync governors.

Helpers (the spec's examples, clients on a recording transport, ...) live in tests/support/: a test
imports them from there, never from a conftest.
"""

from __future__ import annotations

import asyncio
import atexit
import gc
import itertools
import os
import time
from collections.abc import AsyncIterator, Generator, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage

from .support import feature_fields, quick, spawn_guard, worker_exit
from .support.clients import TOKEN
from .support.spec import assert_responses_match_spec

# Property tests draw the same examples on every run unless HYPOTHESIS_PROFILE=random asks for new
# ones (a nightly-style search): an unchanged tree must not turn CI red by drawing a new example.
# Neither may a busy machine: Hypothesis's own timings (a 200 ms deadline per example, the "too slow"
# health check on drawing them) failed a property test on the 2-core machine under load. Speed is
# the benchmarks' business, never a test's.
settings.register_profile("untimed", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fixed", settings.get_profile("untimed"), derandomize=True, database=None)
settings.register_profile("random", settings.get_profile("untimed"), derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))

# The project's own tests read answers strictly (issue 67): a difference between the fake (or a test's
# answer) and openapi.yaml fails the test instead of being read leniently, so the spec and the fake stay
# honest. Set here, before any client is made, so that processes the tests start (the command line, the
# MCP server, examples) read strictly too. Tests of the lenient reading pass `strict_responses=False`.
os.environ.setdefault("PEXIP_ENGAGE_STRICT_RESPONSES", "1")


def pytest_configure(config: pytest.Config) -> None:
    """The fields of answers each feature reads recorded from here on (tests/support/feature_fields.py).

    And the cyclic garbage collector run less often. A test process holds over a million objects
    that live to its end (the test modules, the spec, the syntax trees the tooling tests share), and
    with Python's thresholds (700, 10, 10) the tests' churn made it walk them all again and again:
    8.0 s of a 32 s run of tests/client and tests/tooling in one process went to collections,
    2.0 s with these. Nothing a test checks depends on when a collection runs: a test that needs
    one calls `gc.collect()`, and pytest still collects at the end, reporting what `__del__` raised.

    And a test process ends without the interpreter's teardown (tests/support/worker_exit.py), and a
    test that starts a program without saying so fails (tests/support/spawn_guard.py).
    """
    feature_fields.install()
    spawn_guard.install()
    config.pluginmanager.register(quick, "quick")
    gc.set_threshold(20_000, 50, 50)
    atexit.register(worker_exit.end_without_teardown)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, object, object]:
    spawn_guard.running(item)
    try:
        return (yield)
    finally:
        spawn_guard.ended()


def pytest_addoption(parser: pytest.Parser) -> None:
    quick.add_option(parser)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    worker_exit.session_finished(exitstatus)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection made (modules, the spec, the test items) lives to the end: moved out of the
    collector's sight (`gc.freeze`) after one collection, so that its later runs skip it."""
    gc.collect()
    gc.freeze()


def pytest_unconfigure(config: pytest.Config) -> None:
    feature_fields.write_recording()  # a recording run's (`python -m scripts.generate.feature_fields`) only


@pytest.fixture(autouse=True)
def _feature_fields_listed(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test fails when a feature read a field of an answer docs/feature-fields.yaml does not list
    (issue 75): the list is kept by recording, never by hand."""
    feature_fields.RECORDER.take()
    yield
    feature_fields.check_test(request.node.nodeid)


@pytest.hookimpl(tryfirst=True)  # before `-m` selects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that use a session's redis-server or PostgreSQL marked `servers` (tests/support/spawn_guard.py).

    In pytest-xdist's workers (`make test`), the `slow` tests first.

    The workers take the tests in this order: a long test started last would keep one worker busy long
    after the others ran out of tests. Every worker sorts
    the same way, as xdist requires; a run in one process keeps the files' order.
    """
    spawn_guard.mark_server_users(items)
    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=lambda item: item.get_closest_marker("slow") is None)


_LOCK_DIRS = itertools.count()  # each test's lock folder's name in the process's (below)


@pytest.fixture(scope="session")
def _lock_dirs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The process's folder of the tests' lock folders (each worker's own)."""
    return tmp_path_factory.mktemp("locks")


@pytest.fixture(autouse=True)
def _own_lock_dir(_lock_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's ensures take turns in lock files of its own (`PEXIP_ENGAGE_LOCK_DIR`), not the user's
    cache folder: a turn left to run out after a create whose answer was lost (held for a lease's
    time) never makes another test's, or another worker's, ensure of the same id wait.

    A name only: the first turn taken makes the folder (`_leasing/_lease.py`), and most tests take none.
    `tmp_path_factory.mktemp` for each test cost more than the test itself (a mkdir, and a listing of
    every folder made before it to number the next: 1.1 s of a core over 2,000 tests in one process).
    """
    monkeypatch.setenv("PEXIP_ENGAGE_LOCK_DIR", str(_lock_dirs / str(next(_LOCK_DIRS))))


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The client's backoff sleeps, recorded instead of waited (a server's own delays stay real).

    The governor's waits (its pauses after a 429, its pace) are on the same clock: each sleep moves
    it on instead of waiting, so that a pause ends when the recorded backoff after it does. Only
    the backoff sleeps are recorded.
    """
    recorded: list[float] = []
    skipped = 0.0

    def now() -> float:
        return time.monotonic() + skipped

    async def skip(seconds: float) -> None:
        nonlocal skipped
        skipped += max(seconds, 0.0)
        await asyncio.sleep(0)

    async def record(seconds: float) -> None:
        nonlocal skipped
        recorded.append(seconds)
        skipped += max(seconds, 0.0)

    monkeypatch.setattr("pexip_engage_client._pipeline._request._sleep", record)
    monkeypatch.setattr("pexip_engage_client._limiting._limits.now", now)
    monkeypatch.setattr("pexip_engage_client._limiting._limits.sleep", skip)
    return recorded


@pytest.fixture
def fake() -> Iterator[FakePexipEngage]:
    """A fake API; after the test, every response it sent is checked against the spec."""
    fake = FakePexipEngage()
    yield fake
    assert_responses_match_spec(fake)


@pytest.fixture
async def engage(fake: FakePexipEngage) -> AsyncIterator[PexipEngage]:
    async with PexipEngage("acme", token=TOKEN, transport=fake) as client:
        yield client


@pytest.fixture
def fresh_default_governors() -> Iterator[None]:
    """The process's default sync governors new, as each async test has them new with its event loop.

    The sync client's default governor is the process's (`_sync._governor._thread_defaults`): a test
    that moved its clock on (`sleeps`) or paused it after a 429 must not leave that to the next one.
    The sync suites (tests/client/_sync, tests/sync) use it for every test.
    """
    from pexip_engage_client._limiting._sync import _governor  # the sync client loads where it is tested only

    _governor._thread_defaults.clear()
    yield
    _governor._thread_defaults.clear()
