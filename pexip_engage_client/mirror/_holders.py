"""Who holds a claim on a read or a change hook's cursor: a process, named `host:pid:token`.

A claim has a lease, so that one taken by a process that died is taken again once it runs out. A
process that died on this host (SIGKILL, a crash) is known at once: the next mirror to start here lets
go of what it held, rather than wait for the lease. A holder on another host is left to its lease.

The host is its name and, where the system tells it, its PID namespace: containers may share a host
name (Docker's `--network host`, a Kubernetes pod) while numbering their processes apart, and a
number of theirs, absent here, must not free what a running process holds.
"""

from __future__ import annotations

import os
import socket
import uuid


def _host() -> str:
    """This host as holders name it: its name, and its PID namespace where /proc tells it (Linux)."""
    try:
        namespace = os.stat("/proc/self/ns/pid").st_ino
    except OSError:
        return socket.gethostname()
    return f"{socket.gethostname()}/{namespace}"


def new_holder() -> str:
    """A name for one reader or hook runner of this process."""
    return f"{_host()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def dead(holder: str) -> bool:
    """Whether `holder` is a process of this host that no longer runs (False when that cannot be told)."""
    parts = holder.rsplit(":", 2)
    # Not on Windows, whose os.kill(pid, 0) would end the process.
    if len(parts) != 3 or parts[0] != _host() or not parts[1].isdigit() or os.name != "posix":
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, another user's
        return False
    return False
