"""Who holds a claim: a process of this host is told dead at once, and one of another host never is."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pexip_engage_client._leasing._holders import dead, new_holder

# The holders are real processes (tests/support/spawn_guard.py).
pytestmark = pytest.mark.end_to_end

ROOT = Path(__file__).resolve().parents[2]
# Run in a PID namespace of its own: it forks until its number is one no process of this namespace has, and
# names itself as a holder there (a container sharing this host's name, as Docker's --network host does).
_ELSEWHERE = """
import os, sys
taken = set(map(int, sys.argv[1].split(",")))
while os.getpid() in taken:
    if os.fork():
        os._exit(0 if os.wait()[1] == 0 else 1)
from pexip_engage_client._leasing._holders import new_holder
print(new_holder(), flush=True)
"""


def test_a_holder_of_this_host_is_dead_once_its_process_is() -> None:
    child = subprocess.run(
        [sys.executable, "-c", "from pexip_engage_client._leasing._holders import new_holder; print(new_holder())"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert dead(child.stdout.strip())
    assert not dead(new_holder())
    assert not dead("another-host:1:abcdef12")


@pytest.mark.skipif(shutil.which("unshare") is None or os.geteuid() != 0, reason="needs unshare(1) and root")
def test_a_process_of_another_pid_namespace_with_this_host_name_is_never_taken_for_dead() -> None:
    """Its number means nothing here: taken for dead, its cursor and reads would be freed while it runs, and a
    hook handed the same change twice."""
    here = ",".join(name for name in os.listdir("/proc") if name.isdigit())
    elsewhere = subprocess.run(
        ["unshare", "--pid", "--fork", sys.executable, "-c", _ELSEWHERE, here],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=60,
    )
    holder = elsewhere.stdout.strip()
    assert holder.count(":") >= 2, elsewhere.stderr
    assert not dead(holder)
