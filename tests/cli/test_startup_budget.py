"""What a `pexip-engage` process loads, and how long a call takes.

Help and `--version` load no client and no HTTP library. A call (a token request and one operation, against the
fake served on loopback as `fake serve --client` serves it) loads, beyond what a script that sends
one GET with httpx2 and builds an attrs model loads, the client's own modules only; nothing of
httpx2 (it sends through the one-shot sender, which makes no httpx2 object unless a call fails);
and of the generated layer only its own operation's module and models.

Counted in modules first, which holds on every machine: a call loads fewer modules than that
script. Then timed, in interleaved rounds beside that script, best of each (a loaded machine slows
both alike): the call costs no more CPU (user + system, which waiting for a processor does not
add to) than the script, and takes at most issue 61's 0.12 s, by the lower of its wall-clock and
CPU times; on a machine too loaded or too slow for that (a 2-core box shared with other test runs:
the script alone then takes more), no more than the script does. The figures are printed (`-s`);
docs/cli.md records `python -m bench.cli`'s.
"""

from __future__ import annotations

import ast
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import pexip_engage_client
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.spec import ROOT

# Starts the command line and servers in processes: left out of `make check`.
pytestmark = pytest.mark.end_to_end

# Printed at exit by the probes: every module loaded, and whether the CA bundles were read.
_REPORT = """
import atexit, json, sys
def _report():
    tls = sys.modules.get("pexip_engage_client._senders._tls")
    stand_in = sys.modules.get("httpx2._main")
    loaded = sorted(sys.modules)  # a module deferred (_base/lazy_module.py) and never used is not there
    print(json.dumps({"modules": loaded, "ca_loaded": bool(tls and tls._default_contexts),
                      "httpx_main_file": getattr(stand_in, "__file__", None)}), file=sys.stderr)
atexit.register(_report)
"""
# `_script()` (the console script's) pauses the collector first, which registers the exit function that
# ends a short call without the teardown: exit functions registered after it run before it
# (pexip_engage_cli/_collector.py).
_CLI = "from pexip_engage_cli import _collector, _script\n_collector.pause()\n" + _REPORT + "_script()\n"
# One request as plainly as httpx2 sends it, an attrs class, argparse, and what the client needs
# besides (msgspec decodes bodies, uuid makes correlation ids): the floor of a call.
_FLOOR = (
    _REPORT
    + """
import argparse, asyncio, attrs, json, msgspec, ssl, uuid, httpx2
@attrs.define
class Item:
    id: str
async def main(url):
    async with httpx2.AsyncClient(verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)) as client:
        print(Item(str((await client.get(url, headers={"Authorization": "Bearer t"})).json())))
asyncio.run(main(sys.argv[1]))
"""
)
# Never loaded by the command line: httpx2's own command line and what it loads, and httpx2's pool,
# which a command that sends a request or two does without (`http_backend="one-shot"`). h11 is
# loaded since issue 68: the one-shot sender reads and writes HTTP/1.1 through it (about 6 ms).
_NEVER = ("click", "rich", "pygments", "httpcore2", "anyio")
# The client's and the command line's hand-written modules a call may load (about 340 modules in
# all on Python 3.11, from 508 before the budget). The generated ones grow with the spec: a call
# loads its own operation's module and models, and no other operation's. 62 since fork safety:
# the process generation (_base/processes.py) and the per-process sender (_senders/_per_process.py);
# 64 since local times: the public `times` and the runtime's `wall_clock` that models' methods call
# (zoneinfo itself still loads only when a zone is named); 69 since the ground floor: the `_base`
# package itself, the error pickling it took out of two modules (`_base/pickling.py`), the one-slot
# holder of the ensure locks (`_ensuring/_shared_once.py`), the ensure's send check (`_before_send.py`, a
# context variable the pipeline reads before each attempt) and the models' type checks
# (`_runtime/model_types.py`): small modules, each with one job, rather than more code per module;
# 70 since the command line pauses the garbage collector while it starts (`pexip_engage_cli/_collector.py`,
# 7 ms of a call) and the event hooks left the module of the events, which a call without hooks
# no longer loads (`_telemetry/_hooks.py`, 2 ms); 71 since list results show themselves briefly
# (`_runtime/model_list.py`, the `list` subclass the invoker returns; its views load when shown);
# 66 since the calls send through the one-shot sender (`_one_shot/_sender.py`), without httpx2's
# sender and what it loads (`_httpx_sender.py`, `_failures.py`, ...); 65 since
# issue 68: the one-shot sender frames through h11 (not counted here: a library) within asyncio's own
# `timeout` and `Semaphore` (no `_deadline.py`, `_gate.py`), with the head check every sender shares
# (`_senders/_heads.py`); 67 since answers unlike openapi.yaml are read and recorded
# (`_runtime/lenient.py`, which every model's `__getattr__` and `to_dict` reach, and `_spec_drift.py`,
# the client's `spec_drift`); 68 since the one backoff and the one date-time parser have a module of
# their own (`_base/timing.py`, issue 77). A room's folder (`_pipeline/`, `_limiting/`, ...), whose
# `__init__.py` holds its docstring only, is not counted: it runs nothing.
_OWN_MODULES_BUDGET = 68


def _is_room_folder(module: str) -> bool:
    """A package of the client whose `__init__.py` is its docstring alone (the rooms of issue 77)."""
    init = ROOT / Path(*module.split(".")) / "__init__.py"
    if not init.is_file():
        return False
    body = ast.parse(init.read_text(encoding="utf-8")).body
    return len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)


# The call's budget, best of the rounds (issue 61: "a CLI call against the served fake at most
# 0.12 s, best of 5"; measured 0.097 s at 87a73a7, when `python -c pass` took 11.1 ms: docs/cli.md).
_CALL_SECONDS = 0.12
_ROUNDS = 5
# Beyond the floor, besides the package's own: lazy loading (importlib.util), and gc.
_OTHER_ALLOWED = ("gc", "importlib._abc", "importlib.util")


def probe(script: str, *argv: str, env: dict[str, str] | None = None) -> dict[str, object]:
    variables = {k: v for k, v in os.environ.items() if not k.startswith("PEXIP_ENGAGE_")}
    run = subprocess.run(
        [sys.executable, "-c", script, *argv],
        capture_output=True,
        text=True,
        check=False,
        env={**variables, "PYTHONPATH": str(ROOT), **(env or {})},
    )
    report: dict[str, object] = json.loads(run.stderr.strip().splitlines()[-1])
    report["code"], report["out"] = run.returncode, run.stdout
    return report


@pytest.fixture(scope="module")
def root() -> Iterator[str]:
    fake = FakePexipEngage()
    fake.add_employee(id="e1")
    fake.add_client("cli", "cli-secret")  # as `fake serve --client cli:cli-secret` registers it
    with serve(fake) as url:
        yield url


def call_environment(root: str) -> dict[str, str]:
    return {
        "PEXIP_ENGAGE_ENTERPRISE": "acme",
        "PEXIP_ENGAGE_BASE_URL": root,
        "PEXIP_ENGAGE_AUTH_URL": root,
        "PEXIP_ENGAGE_CLIENT_ID": "cli",
        "PEXIP_ENGAGE_CLIENT_SECRET": "cli-secret",
    }


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["employees", "--help"],
        ["employees", "get-employees", "--help"],
        ["employees", "plan", "--help"],
        ["employees", "get-employes"],
        ["employees", "get-employees", "--stauts", "x"],
    ],
)
def test_help_and_usage_errors_load_no_http_library(argv: list[str]) -> None:
    report = probe(_CLI, *argv)
    modules = set(report["modules"])  # type: ignore[call-overload]
    assert report["code"] in (0, 2)
    assert not {"httpx2", "asyncio", "attr", "ssl", "email", *_NEVER} & modules
    assert not [name for name in modules if name.startswith("pexip_engage_client")]


def test_version_reads_the_clients_version_without_importing_the_client() -> None:
    report = probe(_CLI, "--version")
    modules = set(report["modules"])  # type: ignore[call-overload]
    assert (report["code"], report["out"]) == (0, f"pexip-engage {pexip_engage_client.__version__}\n")
    # The installed metadata is read (importlib.metadata parses it with `email`), and nothing else.
    assert not {"httpx2", "asyncio", "attr", "ssl", *_NEVER} & modules
    assert not [name for name in modules if name.startswith("pexip_engage_client")]


def test_a_call_loads_one_httpx_request_and_the_clients_own_modules_only(root: str) -> None:
    call = probe(_CLI, "employees", "get-employee-by-id", "e1", "-o", "json", env=call_environment(root))
    assert call["code"] == 0
    assert json.loads(str(call["out"]))["id"] == "e1"
    floor = probe(_FLOOR, f"{root}/enterprises/acme/employees/e1")
    assert floor["code"] == 0
    modules, floor_modules = set(call["modules"]), set(floor["modules"])  # type: ignore[call-overload]
    extra = modules - floor_modules
    own = {name for name in extra if name.split(".")[0] in ("pexip_engage_client", "pexip_engage_cli")}
    assert extra - own <= set(_OTHER_ALLOWED), sorted(extra - own)
    generated = {name for name in own if name.startswith("pexip_engage_client._generated.")}
    counted = {name for name in own - generated if not _is_room_folder(name)}
    assert len(counted) <= _OWN_MODULES_BUDGET, sorted(counted)
    operations = {name for name in generated if name.startswith("pexip_engage_client._generated.api.")}
    tag = "pexip_engage_client._generated.api.employees"
    assert operations == {tag, f"{tag}.get_employee_by_id"}
    assert not set(_NEVER) & modules
    # Nothing of httpx2 runs (`http_backend="one-shot"`): its package is registered, unrun (the
    # report leaves such a module out).
    assert not {name for name in modules if name.split(".")[0] == "httpx2"}
    # What the floor's script loads and a call does without: importlib.metadata, which httpx2 reads
    # its version with, and msgspec, whose fast path small bodies never take (`_decode.SMALL_BODY`).
    assert not {"importlib.metadata", "msgspec"} & modules, sorted({"importlib.metadata", "msgspec"} & modules)
    assert {"importlib.metadata", "msgspec"} <= floor_modules
    assert call["httpx_main_file"] is None  # httpx2 loads its command line only when it is called
    # Fewer modules in all than the floor's script (344 against 355 on Python 3.11 at issue 61).
    assert len(modules) < len(floor_modules), (len(modules), len(floor_modules))
    assert call["ca_loaded"] is False  # a plain http API: no certificate bundle is read


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def test_a_call_costs_no_more_than_one_httpx_get_and_takes_at_most_0_12_seconds(root: str) -> None:
    # As an installed package runs: byte-compiled (bench.cli does the same).
    variables = {k: v for k, v in os.environ.items() if not k.startswith(("PEXIP_ENGAGE_", "PYTHONDONTWRITE"))}
    env = {**variables, "PYTHONPATH": str(ROOT)}
    script_call = "from pexip_engage_cli import _script; _script()"  # as the console script runs
    call = [sys.executable, "-c", script_call, "employees", "get-employee-by-id", "e1"]
    script = "import sys\n" + _FLOOR.replace(_REPORT, "")  # without the report, which the call runs without
    floor = [sys.executable, "-c", script, f"{root}/enterprises/acme/employees/e1"]
    runs: dict[str, list[tuple[float, float]]] = {"call": [], "floor": []}
    for round_number in range(_ROUNDS + 1):  # the first round warms the caches and writes the bytecode
        call_run = _timed(call, {**env, **call_environment(root)})
        floor_run = _timed(floor, env)
        if round_number:
            runs["call"].append(call_run)
            runs["floor"].append(floor_run)
    best = {name: (min(wall for wall, _ in times), min(cpu for _, cpu in times)) for name, times in runs.items()}
    print(f"best of {_ROUNDS}, wall clock and CPU seconds: {best}")
    # CPU: the client's work and a request cost no more than the bare GET (measured 0.77-0.85 of it).
    assert best["call"][1] <= best["floor"][1], best
    # The bound, by the lower of wall clock and CPU (a spell of load moves one of them
    # only); or no more than the floor's script where the machine cannot run that in 0.12 s
    # (a busy CI box once took 0.72 s for the call and 0.76 s for the floor).
    assert min(best["call"]) <= max(_CALL_SECONDS, min(best["floor"])), best
