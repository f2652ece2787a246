"""A fork while another thread is loading a part the client loads on first use never hangs the child.

A module being imported holds its import lock until it is done. A child forked meanwhile has a copy of that lock,
held by a thread it lacks, and its first use of the module would wait on it for ever. The fork waits for every import
in flight, and a heavy library's import (`LazyModule`: msgspec, httpx2, an operation's module) holds the lock the fork
takes, so that none is under way at the fork (`_base/processes.py`).

Each case is a new interpreter, so that nothing is loaded yet; the part's import is slowed (an import hook) while it
runs, so the thread is surely inside it at the fork; a heavy library's also while its module is still being found,
before the import system lists it. The child uses the part; its parent waits for it a bounded time.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

# Each case starts with nothing imported: an interpreter of its own (tests/support/spawn_guard.py).
pytestmark = pytest.mark.end_to_end

_PROBE = """
import importlib, importlib.machinery, os, sys, threading, time

PART, WHERE, SETUP, LOAD, USE = sys.argv[1:6]
inside = threading.Event()


class Slowed:
    # The part's import, slowed while it is found (WHERE "finding") or while it runs ("running"): the thread is
    # inside it when the process forks.
    def find_spec(self, name, path=None, target=None):
        if name != PART:
            return None
        if WHERE == "finding":
            inside.set()
            time.sleep(0.5)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        run = spec.loader.exec_module

        def exec_module(module):
            if WHERE == "running":
                inside.set()
                time.sleep(0.5)
            run(module)

        spec.loader.exec_module = exec_module
        return spec


import pexip_engage_client  # the package, without the part
shared = {}
exec(SETUP, shared)
assert PART not in sys.modules, PART
sys.meta_path.insert(0, Slowed())
loading = threading.Thread(target=exec, args=(LOAD, shared))
loading.start()
assert inside.wait(30)
pid = os.fork()
if pid == 0:
    try:
        exec(USE, shared)
    except BaseException as error:
        print("child failed:", repr(error), flush=True)
        os._exit(1)
    os._exit(0)
loading.join(30)
deadline = time.monotonic() + 20
while time.monotonic() < deadline:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        print("child exited", os.waitstatus_to_exitcode(status))
        break
    time.sleep(0.02)
else:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    print("child hung")
"""

# What the client loads on first use: the module, how a thread of the parent loads it, how the child uses it.
_LARGE_BODY = """
from pexip_engage_client import SyncPexipEngage
from pexip_engage_client.testing import FakePexipEngage
fake = FakePexipEngage()
for _ in range(30):
    fake.add_employee()
with SyncPexipEngage("acme", token="test", transport=fake) as engage:
    assert len(engage.employees.get_employees().data) == 30  # a body far above 1,024 bytes: through msgspec
"""
_HOOKED_CALL = """
from pexip_engage_client import SyncPexipEngage
from pexip_engage_client.testing import FakePexipEngage
told = []
hooks = {"request": [told.append]}
with SyncPexipEngage("acme", token="test", transport=FakePexipEngage(), event_hooks=hooks) as engage:
    engage.employees.get_employees()
assert [event.operation for event in told] == ["employees.get_employees"], told
"""
_RECEIVER = """
import json, tempfile
from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import WebhookReceiver
receiver = WebhookReceiver(f"sqlite:///{tempfile.mkdtemp()}/events.db", secret="fork-s3cr3t-key")

def large_event(number):
    event = json.loads(appointment_event({"id": f"a{number}"}, "ACCEPT", event_id=f"e{number}"))
    event["data"]["appointment"]["remarks"] = "x" * 2000  # a body far above 1,024 bytes: through msgspec
    return json.dumps(event).encode()
"""
_RECEIVED = "assert receiver.receive_sync(large_event({}), key='fork-s3cr3t-key').status == 202"

# What the client loads on first use, where a thread of the parent may be inside its import at the fork: the module,
# what the parent runs first (SETUP), what its thread runs (LOAD), what the child runs (USE).
HEAVY = {
    "msgspec, with the first large body": (
        "msgspec",
        "",
        "from pexip_engage_client._pipeline._decode import fast_path; fast_path()",
        _LARGE_BODY,
    ),
    "msgspec, with a sync client's first large body in a thread": ("msgspec", "", _LARGE_BODY, _LARGE_BODY),
    "msgspec, with a receiver's first large delivery (receive_sync) in a thread": (
        "msgspec",
        _RECEIVER,
        _RECEIVED.format(1),
        _RECEIVED.format(2),
    ),
    "httpx2": (
        "httpx2",
        "",
        "from pexip_engage_client._base.lazy_httpx import httpx2; httpx2.Request",
        "from pexip_engage_client._base.lazy_httpx import httpx2; httpx2.Response(200)",
    ),
    "httpx2, with a sync client made in a thread": (
        "httpx2",
        "",
        "from pexip_engage_client import SyncPexipEngage\nSyncPexipEngage('acme', token='test').close()",
        _LARGE_BODY,
    ),
    "an operation's module": (
        "pexip_engage_client._generated.api.employees.get_employees",
        "",
        "from pexip_engage_client._base.lazy_module import lazy_module\n"
        "lazy_module('pexip_engage_client._generated.api.employees.get_employees').build_request",
        _LARGE_BODY,
    ),
}
PARTS = {
    **HEAVY,
    "telemetry's event stream": (
        "pexip_engage_client._telemetry._stream",
        "",
        "import pexip_engage_client._telemetry._stream",
        "import pexip_engage_client._telemetry._stream",
    ),
    "the display helpers": (
        "pexip_engage_client._views._pages",
        "",
        "import pexip_engage_client._views._pages",
        "from pexip_engage_client._views import page_repr",
    ),
    # Each part a default call does not load: loaded by a thread, used by the child.
    **{
        f"{what} ({module})": (module, "", f"import {module}", f"import {module}")
        for what, module in (
            ("the calls' event streams", "pexip_engage_client._listening._calls"),
            ("what listens to a client's calls", "pexip_engage_client._listening._listeners"),
            ("the log", "pexip_engage_client._listening._logging"),
            ("the event hooks", "pexip_engage_client._listening._hooks"),
            ("local times", "pexip_engage_client._local_times"),
            ("local times' public face", "pexip_engage_client.times"),
            ("the errors' index", "pexip_engage_client.errors"),
            ("the models' index", "pexip_engage_client.models"),
            ("spec drift", "pexip_engage_client._drift._spec_drift"),
            ("OAuth", "pexip_engage_client._pipeline._oauth"),
            ("the errors' mapping", "pexip_engage_client._pipeline._error_mapping"),
            ("a write's JSON body", "pexip_engage_client._pipeline._json_body"),
            ("a sender's failures", "pexip_engage_client._senders._failures"),
            ("the differences' walk", "pexip_engage_client._pipeline._differences"),
            ("redaction", "pexip_engage_client._base.redaction"),
            ("a caller's HTTP library", "pexip_engage_client._senders._stacks"),
            ("the one-shot sender", "pexip_engage_client._one_shot._sender"),
            ("a shared backend's pool", "pexip_engage_client._shared.postgres"),
        )
    },
    "the listeners, made by the facade": (
        "pexip_engage_client._listening._sync._listeners",
        "",
        "from pexip_engage_client import SyncPexipEngage\n"
        "SyncPexipEngage('acme', token='test', event_hooks={'request': []})",
        _HOOKED_CALL,
    ),
    "the display helpers, as a list is first shown": (
        "pexip_engage_client._views._models",
        "",
        "from pexip_engage_client._runtime import ModelList; repr(ModelList([1]))",
        "from pexip_engage_client._generated.models.reference import Reference; "
        "assert repr(Reference(id='r1')) == \"Reference(id='r1')\", repr(Reference(id='r1'))",
    ),
    # ... and names its first zone just after (`zoneinfo`, an import begun while the fork waits for the first).
    "local times, as a model first reads one": (
        "pexip_engage_client._local_times",
        "",
        "import datetime\n"
        "from pexip_engage_client.models import ListingTimeSlot, Reference\n"
        "now = datetime.datetime.now(datetime.UTC)\n"
        "ListingTimeSlot('s', Reference('l'), '2026-01-01', '09:00', '10:00', True, [], now, now).starts_at('UTC')",
        "from pexip_engage_client.times import in_zone; import datetime; "
        "in_zone(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), 'Europe/Brussels')",
    ),
    "the shared limits' store, as a governor first shares": (
        "pexip_engage_client._limiting._shared_limits",
        "",
        "from pexip_engage_client._limiting._governor import _store; _store()",
        "from pexip_engage_client._limiting._governor import _store; assert _store().limits",
    ),
    "the failure log of the shared limits out of reach": (
        "pexip_engage_client._shared.failures",
        "",
        "import pexip_engage_client._shared.failures",
        "from pexip_engage_client._limiting._governor import _store; _store().out_of_reach(5, lambda: 0.0)",
    ),
    "a shared backend": (
        "pexip_engage_client._limiting._redis_limits",
        "",
        "import pexip_engage_client._limiting._redis_limits",
        "import pexip_engage_client._limiting._redis_limits",
    ),
}
CASES = [(part, "running") for part in PARTS] + [(part, "finding") for part in HEAVY]


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="fork() is POSIX")
@pytest.mark.parametrize(("part", "where"), CASES)
def test_a_fork_while_a_thread_loads_a_part_never_hangs_the_child(part: str, where: str) -> None:
    module, setup, load, use = PARTS[part]
    ran = subprocess.run(
        [sys.executable, "-c", _PROBE, module, where, setup, load, use],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert ran.stdout.strip().splitlines()[-1] == "child exited 0", ran.stdout + ran.stderr[-2000:]
