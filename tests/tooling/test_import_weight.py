"""`import pexip_engage_client` loads no event loop and no HTTP client (issue 61, point 2).

A program that imports the package for its models, errors or local times (a script, a CLI's
`--help`, a worker that only parses webhooks) should not pay for asyncio's event loop machinery
or httpx2's client: those load when a client is made. Each import runs in a fresh interpreter,
which then prints what it finds loaded that it must not have. httpx2 is imported on first use
(`_base/lazy_httpx.py`).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Each case imports in an interpreter of its own (tests/support/spawn_guard.py).
pytestmark = pytest.mark.end_to_end

# asyncio's package and the modules that make and run an event loop; httpx2's client and pool.
FORBIDDEN = (
    "asyncio",
    "asyncio.base_events",
    "asyncio.events",
    "asyncio.runners",
    "asyncio.tasks",
    "asyncio.unix_events",
    "asyncio.windows_events",
    "httpx2",
    "httpx2._client",
    "httpcore2",
)

IMPORTS = ("pexip_engage_client", *(f"pexip_engage_client.{name}" for name in ("times", "errors", "models")))

_REPORT = """
import json, sys
print(json.dumps(sorted(name for name in {forbidden!r} if name in sys.modules)))
"""


@pytest.mark.parametrize("module", IMPORTS)
def test_importing_the_package_loads_no_event_loop_and_no_http_client(module: str) -> None:
    script = f"import {module}\n" + _REPORT.format(forbidden=FORBIDDEN)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_making_a_client_loads_them() -> None:
    # The check above can fail: the same report after making a client names what it loaded.
    script = "import pexip_engage_client\npexip_engage_client.PexipEngage('acme', token='t')\n" + _REPORT.format(
        forbidden=FORBIDDEN
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert {"asyncio", "asyncio.base_events", "httpx2"} <= set(loaded)


_OWN_MODULES = """
import json, sys
from pexip_engage_client._base.lazy_httpx import httpx2
before = "httpx2" in sys.modules
version = httpx2.__version__  # imports httpx2
import httpx2 as imported
versions = sys.modules["httpx2.__version__"]
own = type(versions).__name__ == "module" and versions.__spec__ is not None
print(json.dumps([before, version, imported.URL is httpx2.URL, own, type(imported).__name__]))
"""


def test_httpx2_loads_its_own_modules_and_a_later_import_gets_them() -> None:
    # No stand-in in sys.modules for any of httpx2's modules: each is made from its own spec (issue 68, point 2).
    done = subprocess.run([sys.executable, "-c", _OWN_MODULES], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    before, version, same, own, kind = json.loads(done.stdout.strip().splitlines()[-1])
    assert not before  # nothing registered until a name is read
    assert version
    assert same
    assert own
    assert kind == "module"
