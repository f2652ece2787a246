"""`import pexip_engage_client` loads no event loop and no HTTP client (issue 61, point 2).

A program that imports the package for its models, errors or local times (a script, a CLI's
`--help`, a worker that only parses webhooks) should not pay for asyncio's event loop machinery
or httpx2's client: those load when a client is made. Each import runs in a fresh interpreter,
which then prints what it finds loaded that it must not have. httpx2 itself may be registered to
load on first use (`_base/lazy_httpx.py`): a module whose code has not run is not counted.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

import pytest

from pexip_engage_client._base.lazy_httpx import _version_beside

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
print(json.dumps(sorted(name for name in {forbidden!r}
                        if name in sys.modules and type(sys.modules[name]).__name__ != "_LazyModule")))
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


_VERSION = """
import json, sys
from pexip_engage_client._base.lazy_httpx import httpx2
version = httpx2.__version__  # runs httpx2's code, with the version module registered beside it
without_metadata = "importlib.metadata" not in sys.modules
from importlib.metadata import version as installed
print(json.dumps([version, installed("httpx2"), without_metadata]))
"""


def test_httpx2_reads_its_version_without_importlib_metadata() -> None:
    # importlib.metadata costs a command line call 6 ms (`_base/lazy_httpx.py`); the version is the same.
    done = subprocess.run([sys.executable, "-c", _VERSION], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    version, installed, without_metadata = json.loads(done.stdout.strip().splitlines()[-1])
    assert version == installed
    assert without_metadata


@pytest.mark.parametrize("folders", [[], ["httpx2-2.16.2.dist-info", "httpx2-2.15.0.dist-info"]], ids=["none", "two"])
def test_without_one_metadata_folder_beside_it_httpx2_reads_its_own_version(tmp_path: Path, folders: list[str]) -> None:
    (tmp_path / "httpx2").mkdir()
    for folder in folders:
        (tmp_path / folder).mkdir()
    package = ModuleType("httpx2")
    package.__spec__ = ModuleSpec("httpx2", None, origin=str(tmp_path / "httpx2" / "__init__.py"))
    assert _version_beside(package) is None  # httpx2's own __version__.py then runs
    (tmp_path / "httpx2-9.9.9.dist-info").mkdir()
    if not folders:
        assert _version_beside(package) == "9.9.9"
