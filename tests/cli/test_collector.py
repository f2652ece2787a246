"""The command line pauses Python's cyclic garbage collector only for a call that ends soon, and skips
the interpreter's teardown after such a call only (`_collector.py`).

Each command runs in a fresh interpreter through the console script's entry point (`_script`), which
prints at exit whether the collector was running, or whether the atexit functions and the teardown ran.
A program that calls `run()` itself keeps its collector and its whole exit: its own atexit functions
and the teardown.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from pexip_engage_cli import _collector
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.spec import ROOT

pytestmark = pytest.mark.end_to_end  # a process per command

_RUN = """
import atexit, gc, json, sys
from pexip_engage_cli import _collector, _script
_collector.pause()  # what _script() does first: exit functions registered from then on run before the end
atexit.register(lambda: print(json.dumps({"collecting": gc.isenabled()}), file=sys.stderr))
_script()
"""


@pytest.fixture(scope="module")
def environment() -> Iterator[dict[str, str]]:
    fake = FakePexipEngage()
    for number in range(3):
        fake.add_employee(id=f"e{number}")
    fake.add_client("cli", "cli-secret")
    with serve(fake) as root:
        variables = {k: v for k, v in os.environ.items() if not k.startswith("PEXIP_ENGAGE_")}
        yield {
            **variables,
            "PYTHONPATH": str(ROOT),
            "PEXIP_ENGAGE_ENTERPRISE": "acme",
            "PEXIP_ENGAGE_BASE_URL": root,
            "PEXIP_ENGAGE_AUTH_URL": root,
            "PEXIP_ENGAGE_CLIENT_ID": "cli",
            "PEXIP_ENGAGE_CLIENT_SECRET": "cli-secret",
        }


def collecting_at_exit(environment: dict[str, str], *argv: str) -> tuple[int, bool]:
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *argv], capture_output=True, text=True, env=environment, timeout=60, check=False
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return done.returncode, report["collecting"]


def test_a_call_of_one_operation_runs_without_the_collector(environment: dict[str, str]) -> None:
    assert collecting_at_exit(environment, "employees", "get-employee-by-id", "e1") == (0, False)


def test_a_walk_through_pages_gets_the_collector_back(environment: dict[str, str]) -> None:
    assert collecting_at_exit(environment, "employees", "get-employees", "--all", "--limit", "1") == (0, True)


def test_a_hand_written_command_gets_the_collector_back(environment: dict[str, str], tmp_path: object) -> None:
    code, collecting = collecting_at_exit(environment, "employees", "plan", os.path.join(str(tmp_path), "missing.csv"))
    assert code != 0  # the export is missing: the command ran, and failed as it should
    assert collecting is True


def test_a_program_that_stopped_the_collector_keeps_it_stopped() -> None:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        _collector.pause()
        _collector.resume()
        assert not gc.isenabled()  # resume gives back only what pause took
        gc.enable()
        _collector.pause()
        assert not gc.isenabled()
        _collector.resume()
        assert gc.isenabled()
    finally:
        (gc.enable if was_enabled else gc.disable)()


# An object whose finalizer runs only if the interpreter tears itself down (it empties __main__).
_ENDING = """
import atexit, sys
class Teardown:
    def __del__(self):
        print("torn down", file=sys.stderr)
seen = Teardown()
from pexip_engage_cli import _collector, _script
_collector.pause()  # what _script() does first: exit functions registered from then on run before the end
atexit.register(lambda: print("atexit ran", file=sys.stderr))
_script()
"""


def ending(environment: dict[str, str], *argv: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-c", _ENDING, *argv], capture_output=True, text=True, env=environment, timeout=60, check=False
    )
    return done.returncode, done.stdout, done.stderr


def test_a_short_call_ends_after_its_atexit_functions_without_the_teardown(environment: dict[str, str]) -> None:
    code, out, errors = ending(environment, "employees", "get-employee-by-id", "e1", "-o", "json")
    assert code == 0
    assert json.loads(out)["id"] == "e1"  # what was printed to the pipe is all there
    assert "atexit ran" in errors
    assert "torn down" not in errors
    code, out, errors = ending(environment, "employees", "get-employee-by-id", "nobody")
    assert code == 3  # the call's own status: an API error
    assert "HTTP 404" in errors
    assert "atexit ran" in errors
    assert "torn down" not in errors


def test_a_command_that_ran_on_ends_as_usual(environment: dict[str, str]) -> None:
    code, out, errors = ending(environment, "employees", "get-employees", "--all", "--limit", "1", "-o", "json")
    assert code == 0
    assert out
    assert "atexit ran" in errors
    assert "torn down" in errors


# A program embedding the command line: its exit function is registered before it calls `run()`.
_HOST = """
import atexit, gc, sys
class Teardown:
    def __del__(self):
        print("torn down", file=sys.stderr)
seen = Teardown()
atexit.register(lambda: print("host's atexit ran, collecting:", gc.isenabled(), file=sys.stderr))
from pexip_engage_cli import run
run()
"""


def test_a_program_calling_run_keeps_its_exit_functions_its_collector_and_the_teardown(
    environment: dict[str, str],
) -> None:
    for argv in (("employees", "get-employee-by-id", "e1"), ("employees", "get-employee-by-id", "nobody")):
        command = [sys.executable, "-c", _HOST, *argv]
        done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=60, check=False)
        assert done.returncode == (0 if argv[2] == "e1" else 3)
        assert "host's atexit ran, collecting: True" in done.stderr
        assert "torn down" in done.stderr
