"""The rules every lease of the package keeps: who holds it, how long it lasts, and when a dead holder's may be taken.

A holder is a process, `host:pid:token` (`new_holder`), its host the name and the PID namespace where the system
tells it: containers may share a host name while numbering their processes apart. Each kind of lease has its
`Terms`, stated here once: its length, renewed every third of it, and whether what its holder guarded may outlive
it. A lease is free at its end, on the clock of its store; before, only once its holder is a dead process of this
host that guarded nothing that outlives it (`Terms.let_go_early`).
"""

from __future__ import annotations

import math
import os
import socket
import uuid
from dataclasses import dataclass

from .._base.arguments import ArgumentError, is_number


def host() -> str:
    """This host as holders name it: its name, and its PID namespace where /proc tells it (Linux)."""
    try:
        namespace = os.stat("/proc/self/ns/pid").st_ino
    except OSError:
        return socket.gethostname()
    return f"{socket.gethostname()}/{namespace}"


def new_holder() -> str:
    """A name for one holder of this process: `host:pid:token`, the token random (a process may hold several)."""
    return f"{host()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def dead(holder: str) -> bool:
    """Whether `holder` is a process of this host that no longer runs (False when that cannot be told)."""
    parts = holder.rsplit(":", 2)
    # Not on Windows, whose os.kill(pid, 0) would end the process.
    if len(parts) != 3 or parts[0] != host() or not parts[1].isdigit() or os.name != "posix":
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, another user's
        return False
    return False


@dataclass(frozen=True)
class Terms:
    """A kind of lease: `seconds` it lasts without renewal (the default), and whether what its holder guarded may
    outlive the holder (`outlives_holder`: a request already sent), so that only its end may let it go."""

    seconds: float
    outlives_holder: bool

    def renew_every(self, seconds: float | None = None) -> float:
        """How often a holder renews a lease of `seconds` (these terms' by default): a third of it, so that the first
        renewal that fails leaves it two more tries."""
        return (self.seconds if seconds is None else seconds) / 3

    def let_go_early(self, holder: str) -> bool:
        """Whether `holder`'s lease may be taken before it ends: it died here, and nothing it guarded outlives it."""
        return not self.outlives_holder and dead(holder)

    def checked(self, name: str, seconds: object, *, least: float = 0.0) -> float:
        """`seconds`, a caller's length for these leases, as a float; `ArgumentError` naming `name` if it is
        not a finite number above `least` (at least it, when `least` is above 0)."""
        ok = is_number(seconds) and math.isfinite(seconds) and (seconds >= least if least else seconds > 0)
        if not ok:
            bound = f"at least {least:g} seconds" if least else "a positive number of seconds"
            raise ArgumentError.of(name, f"must be {bound} (got {seconds!r})")
        return float(seconds)  # type: ignore[arg-type]  # (a number: checked above)


# The package's kinds of lease, each length stated once.
# A slot of the shared limits (`_limiting/_redis_limits.py`): its request may still be at the server.
SLOT = Terms(10.0, outlives_holder=True)
# An ensure's turn on an external id (`_ensuring/_ensure_lock.py`): the longest wait it covers (an attempt's time)
# and `LEASE_MARGIN`, for the steps between two renewals (a round trip to the store, a token from the cache, the
# event loop); by default the attempt of a client given no timeout (5 s to connect, 30 s to read). Its create
# may still be at the server.
LEASE_MARGIN = 1.0
DEFAULT_ATTEMPT_SECONDS = 35.0
ENSURE = Terms(DEFAULT_ATTEMPT_SECONDS + LEASE_MARGIN, outlives_holder=True)
# Provisioning's apply lock on Redis or PostgreSQL (`provisioning/_lock.py`): its writes may be at the server.
APPLY = Terms(30.0, outlives_holder=True)
# The mirror's claims on an appointment's read (plus the quiet wait before it) and on a change hook's cursor: a
# holder that died left nothing running (`mirror/_reading.py`, `mirror/_hooks.py`; taken over in `mirror/_tables.py`).
MIRROR_CLAIM = Terms(60.0, outlives_holder=False)
# The mirror's catch-up of everything (`mirror/_mirror.py`): one may take hours.
CATCH_UP = Terms(3 * 3600.0, outlives_holder=False)
# A webhook receiver's claim on an event (`webhooks/_receiver.py`'s `lease`): a handler that died is run again.
EVENT_CLAIM = Terms(30.0, outlives_holder=False)
