"""`InProcessLeases`: the lease's contract (`_leasing/_lease.py`) among the tasks and threads of one process.

No part of the client takes turns in one process only (an ensure's turns are this host's lock files at
the least), so this backend lives with the tests, which use it where a turn must be seen or stolen.
"""

from __future__ import annotations

import os
import threading

from pexip_engage_client._leasing._lease import Busy, Held, LeaseLostError


class InProcessLeases:
    """Turns among the tasks and threads of this process only (a forked child starts with none)."""

    description = "this process"

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._held: dict[str, str] = {}
        self._fences: dict[str, int] = {}
        self._pid = os.getpid()

    def _state(self) -> dict[str, str]:
        if os.getpid() != self._pid:  # a forked child: the parent's turns are not its own
            self._pid, self._held = os.getpid(), {}
        return self._held

    async def take(self, key: str, token: str, seconds: float) -> Held | Busy:
        with self._guard:
            held = self._state()
            if key in held and held[key] != token:
                return Busy(None)
            if key not in held:  # else: this holder's own turn, taken again (its fence kept)
                held[key] = token
                self._fences[key] = self._fences.get(key, 0) + 1
            return Held(key, token, self._fences[key], f"process-{self._pid}")

    async def confirm(self, held: Held, seconds: float) -> None:
        with self._guard:
            if self._state().get(held.key) != held.token:
                raise LeaseLostError(f"the turn on {held.key} is no longer this holder's")

    renew = confirm

    async def release(self, held: Held) -> None:
        self._release_now(held)

    async def release_later(self, held: Held, seconds: float) -> None:
        timer = threading.Timer(seconds, self._release_now, (held,))
        timer.daemon = True
        timer.start()

    def _release_now(self, held: Held) -> None:
        with self._guard:
            if self._state().get(held.key) == held.token:
                del self._held[held.key]

    async def aclose(self) -> None:
        return None
