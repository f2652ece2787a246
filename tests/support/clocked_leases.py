"""`ClockedLeases`: a lease backend in memory that honours durations on a virtual clock.

The quick tests' other backends ignore how long a lease lasts (lock files are held until released;
`in_process_leases.py` likewise), so a turn renewed for the wrong time, or never given back, passes them.
This one keeps each lease until its expiry on `clock`, as Redis and PostgreSQL do, so the quick
loop sees such slips without starting a server (issue 78).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pexip_engage_client._leasing._lease import Busy, Held, LeaseLostError

from .virtual_clock import VirtualClock


@dataclass
class ClockedLeases:
    """Leases by key: the holder's token and when its lease runs out."""

    clock: VirtualClock
    description: str = "a clocked test backend"
    leases: dict[str, tuple[str, float]] = field(default_factory=dict)
    fences: dict[str, int] = field(default_factory=dict)
    settle_seconds: float = 0.0  # what a take says to wait out (a new lease state's), as Redis's script does

    def holder(self, key: str) -> str | None:
        """The token holding `key` now, or None once its lease ran out or was released."""
        token, until = self.leases.get(key, ("", 0.0))
        return token if token and until > self.clock.now() else None

    async def take(self, key: str, token: str, seconds: float) -> Held | Busy:
        holder = self.holder(key)
        if holder is not None and holder != token:
            return Busy(self.leases[key][1] - self.clock.now())
        if holder is None:
            self.fences[key] = self.fences.get(key, 0) + 1
        self.leases[key] = (token, self.clock.now() + seconds)
        return Held(key, token, self.fences[key], "clocked", self.settle_seconds)

    async def confirm(self, held: Held, seconds: float) -> None:
        if self.holder(held.key) != held.token:
            raise LeaseLostError(f"the turn on {held.key} is no longer this holder's")
        self.leases[held.key] = (held.token, self.clock.now() + seconds)

    renew = confirm

    async def release(self, held: Held) -> None:
        if self.holder(held.key) == held.token:
            del self.leases[held.key]

    async def release_later(self, held: Held, seconds: float) -> None:
        if self.holder(held.key) == held.token:
            self.leases[held.key] = (held.token, self.clock.now() + seconds)

    async def aclose(self) -> None:
        return None
