"""A test process ends without the interpreter's teardown, once its session ended, with the session's exit status,
and every exit function registered after its own still runs (tests/support/worker_exit.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from ..support.spec import ROOT

# Each case runs an interpreter of its own (tests/support/spawn_guard.py).
pytestmark = pytest.mark.end_to_end

PROGRAM = textwrap.dedent(
    """
    import atexit, sys
    from tests.support import worker_exit

    class Torn:
        def __del__(self):
            print("torn down", flush=True)

    kept = Torn()  # freed only by the interpreter's teardown
    atexit.register(print, "registered before: runs in a usual exit")
    atexit.register(worker_exit.end_without_teardown)
    atexit.register(print, "registered after: runs")
    if sys.argv[1] != "running":
        worker_exit.session_finished(int(sys.argv[1]))
    print("pending", end="")  # written out before the process ends, though not flushed
    """
)


def _exit_of(state: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROGRAM, state], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize("status", [0, 1])
def test_a_finished_session_skips_the_teardown_but_not_the_exit_functions_after_its_own(status: int) -> None:
    ended = _exit_of(str(status))
    assert ended.returncode == status
    assert ended.stdout == "pendingregistered after: runs\n"


def test_a_process_whose_session_did_not_end_ends_as_usual() -> None:
    ended = _exit_of("running")
    assert ended.stdout.splitlines() == [
        "pendingregistered after: runs",
        "registered before: runs in a usual exit",
        "torn down",
    ]
