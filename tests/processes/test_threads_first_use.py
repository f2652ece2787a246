"""Threads that make their first calls at once, in a fresh interpreter: every one of them succeeds.

The operation modules and httpx2 load on first use (`_base/lazy_module.py`, an ordinary import on
the first name read). With `importlib.util.LazyLoader` (not safe for threads
before CPython 3.12.3), eight threads sharing one `SyncPexipEngage` and starting together failed
6-7 of 8 on 3.11 with `module ... has no attribute 'build_request'`: what a thread pool or a
threaded WSGI server meets on its first requests. Each run is a new interpreter, so that nothing
is loaded yet; it runs on every Python `make test` covers.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

# Each case starts with nothing imported: an interpreter of its own (tests/support/spawn_guard.py).
pytestmark = pytest.mark.end_to_end

_THREADS = 8
_PROBE = """
import sys, threading
from pexip_engage_client import SyncPexipEngage
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

fake = FakePexipEngage()
fake.add_employee(id="employee-1", status="ACTIVE")
appointment = fake.add_appointment(status="INCOMING_REQUEST")["id"]
calls = [
    lambda engage: engage.employees.get_employee_by_id("employee-1"),
    lambda engage: engage.employees.get_employees(),
    lambda engage: engage.appointments.get_appointment_by_id(appointment),
    lambda engage: engage.subjects.get_subjects(),
]
with serve(fake) as root:
    engage = SyncPexipEngage("acme", token="test", base_url=root)
    barrier = threading.Barrier(THREADS)
    failures = []

    def first_call(number):
        barrier.wait(timeout=30)
        try:
            calls[number % len(calls)](engage)
        except Exception as exc:
            failures.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=first_call, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    engage.close()
print(len(failures), sorted(set(failures)))
""".replace("THREADS", str(_THREADS))


@pytest.mark.slow  # fresh interpreters, several seconds in all (make test runs it)
def test_eight_threads_first_calls_at_once_all_succeed() -> None:
    for _ in range(3):  # a race: three fresh interpreters, each with nothing loaded
        run = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=120, check=False)
        assert run.returncode == 0, run.stderr
        assert run.stdout.startswith("0 "), run.stdout


def test_eight_threads_reading_one_unloaded_operation_module_all_find_it() -> None:
    probe = """
import threading
from pexip_engage_client._base.lazy_module import lazy_module
failed = []
for name in ("get_employees", "create_employee", "get_employee_by_id", "update_employee_by_id"):
    module = lazy_module("pexip_engage_client._generated.api.employees." + name)
    barrier = threading.Barrier(8)
    def read():
        barrier.wait(timeout=30)
        try:
            module.build_request
        except AttributeError as exc:
            failed.append(str(exc))
    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
print(len(failed))
"""
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "0"


def test_a_deferred_module_is_registered_only_by_its_import_on_the_first_read() -> None:
    probe = """
import sys
from pexip_engage_client._base.lazy_module import lazy_module
name = "pexip_engage_client._generated.api.employees.get_employee_by_id"
module = lazy_module(name)
print(name in sys.modules)
module.build_request
print(type(sys.modules[name]).__name__, module.build_request is sys.modules[name].build_request)
print(lazy_module(name) is sys.modules[name])
try:
    lazy_module("pexip_engage_client._generated.api.employees.no_such_operation")
except ModuleNotFoundError as exc:
    print(exc.name)
"""
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "False",
        "module True",
        "True",
        "pexip_engage_client._generated.api.employees.no_such_operation",
    ]


_FIRST_CLIENTS_PROBE = """
import asyncio, sys, threading

root, appointment = sys.argv[1], sys.argv[2]
assert not {"pexip_engage_client", "httpx", "httpx2"} & set(sys.modules), "loaded before the threads"
barrier = threading.Barrier(8)
failures = []


def sync_call():
    from pexip_engage_client import SyncPexipEngage

    with SyncPexipEngage("acme", token="test", base_url=root) as engage:
        return engage.appointments.get_appointment_by_id(appointment).id


def async_call(backend):
    from pexip_engage_client import PexipEngage

    async def call():
        async with PexipEngage("acme", token="test", base_url=root, http_backend=backend) as engage:
            return (await engage.appointments.get_appointment_by_id(appointment)).id

    return asyncio.run(call())


calls = [sync_call] * 4 + [lambda: async_call("httpx")] * 2 + [lambda: async_call("one-shot")] * 2


def first_use(number):
    barrier.wait(timeout=30)
    try:
        assert calls[number]() == appointment
    except BaseException as exc:
        failures.append(f"{type(exc).__name__}: {exc}")


threads = [threading.Thread(target=first_use, args=(n,)) for n in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(timeout=60)
print(len(failures), sorted(set(failures)))
"""


@pytest.mark.slow  # fresh interpreters, several seconds in all (make test runs it)
def test_eight_threads_importing_the_package_and_its_http_libraries_at_once_all_succeed() -> None:
    # Nothing is loaded when the threads start: the package, httpx (loaded on first use, through
    # _base/lazy_httpx.py) and the one-shot sender are all first read by eight threads at once, sync and async.
    fake = FakePexipEngage()
    appointment = fake.add_appointment(status="INCOMING_REQUEST")["id"]
    with serve(fake) as root:
        for _ in range(3):
            run = subprocess.run(
                [sys.executable, "-c", _FIRST_CLIENTS_PROBE, root, appointment],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert run.returncode == 0, run.stderr
            assert run.stdout.startswith("0 "), run.stdout
