"""What a `pexip-engage` process loads: help loads no client and no HTTP library, and a call loads
what one request through httpx needs plus the client's own modules, nothing more.

Counted in modules, not timed: the time is a benchmark's (`python -m bench.cli`). The budget for a
call is relative to a script that sends one GET with httpx and builds an attrs model, so that it
holds on every Python whatever its standard library imports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..conftest import ROOT

# Starts the command line and servers in processes: left out of `make check`.
pytestmark = pytest.mark.end_to_end

# Printed at exit by the probes: every module loaded, and whether the CA bundles were read.
_REPORT = """
import atexit, json, sys
def _report():
    tls = sys.modules.get("pexip_engage_client._senders._tls")
    stand_in = sys.modules.get("httpx._main")
    print(json.dumps({"modules": sorted(sys.modules), "ca_loaded": bool(tls and tls._default_contexts),
                      "httpx_main_file": getattr(stand_in, "__file__", None)}), file=sys.stderr)
atexit.register(_report)
"""
_CLI = _REPORT + "from pexip_engage_cli import run\nrun()\n"
# One request as plainly as httpx sends it, an attrs class, argparse, and what the client needs
# besides (msgspec decodes bodies, uuid makes correlation ids): the floor of a call.
_FLOOR = (
    _REPORT
    + """
from pexip_engage_cli import _httpx_cli
_httpx_cli.keep_out()
import argparse, asyncio, attrs, json, msgspec, ssl, uuid, httpx
@attrs.define
class Item:
    id: str
async def main(url):
    async with httpx.AsyncClient(verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)) as client:
        print(Item(str((await client.get(url, headers={"Authorization": "Bearer t"})).json())))
asyncio.run(main(sys.argv[1]))
"""
)
# Never loaded by the command line: httpx's own command line and what it loads, and TLS set-up
# for a plain http API.
_NEVER = ("click", "rich", "pygments")
# The client's and the command line's hand-written modules a call may load (389 modules in all on
# Python 3.11, from 508 before the budget). The generated ones grow with the spec: a call loads its
# own tag's, and no other's.
_OWN_MODULES_BUDGET = 60
# Beyond the floor, besides the package's own: lazy loading (importlib.util), and gc.
_OTHER_ALLOWED = ("gc", "importlib._abc", "importlib.util")


def probe(script: str, *argv: str, env: dict[str, str] | None = None) -> dict[str, object]:
    variables = {k: v for k, v in os.environ.items() if not k.startswith("PEXIP_ENGAGE_")}
    run = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, check=False,
        env={**variables, "PYTHONPATH": str(ROOT), **(env or {})},
    )  # fmt: skip
    report: dict[str, object] = json.loads(run.stderr.strip().splitlines()[-1])
    report["code"], report["out"] = run.returncode, run.stdout
    return report


@pytest.fixture(scope="module")
def root() -> Iterator[str]:
    fake = FakePexipEngage()
    fake.add_employee(id="e1")
    with serve(fake) as url:
        yield url


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["employees", "--help"], ["employees", "get-employees", "--help"], ["employees", "plan", "--help"],
     ["employees", "get-employes"], ["employees", "get-employees", "--stauts", "x"]],
)  # fmt: skip
def test_help_and_usage_errors_load_no_http_library(argv: list[str]) -> None:
    report = probe(_CLI, *argv)
    modules = set(report["modules"])  # type: ignore[call-overload]
    assert report["code"] in (0, 2)
    assert not {"httpx", "asyncio", "attr", "ssl", "email", *_NEVER} & modules
    assert not [name for name in modules if name.startswith("pexip_engage_client")]


def test_a_call_loads_one_httpx_request_and_the_clients_own_modules_only(root: str) -> None:
    env = {"PEXIP_ENGAGE_ENTERPRISE": "acme", "PEXIP_ENGAGE_BASE_URL": root, "PEXIP_ENGAGE_TOKEN": "t"}
    call = probe(_CLI, "employees", "get-employee-by-id", "e1", "-o", "json", env=env)
    assert call["code"] == 0
    assert json.loads(str(call["out"]))["id"] == "e1"
    floor = probe(_FLOOR, f"{root}/enterprises/acme/employees/e1")
    assert floor["code"] == 0
    modules, floor_modules = set(call["modules"]), set(floor["modules"])  # type: ignore[call-overload]
    extra = modules - floor_modules
    own = {name for name in extra if name.split(".")[0] in ("pexip_engage_client", "pexip_engage_cli")}
    assert extra - own <= set(_OTHER_ALLOWED), sorted(extra - own)
    generated = {name for name in own if name.startswith("pexip_engage_client._generated.")}
    assert len(own - generated) <= _OWN_MODULES_BUDGET, sorted(own - generated)
    tags = {name.split(".")[3] for name in generated if name.startswith("pexip_engage_client._generated.api.")}
    assert tags == {"employees"}
    assert not set(_NEVER) & modules
    assert call["httpx_main_file"] is None  # the stand-in, not httpx's command line
    assert call["ca_loaded"] is False  # a plain http API: no certificate bundle is read
