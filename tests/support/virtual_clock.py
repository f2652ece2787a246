"""`VirtualClock`: seconds that pass only when a test moves them or a sleeper sleeps, for exact figures.

The limits, the governor and the ensure's leases are tested on it: the limits' clock
(`_limits.now`, `_limits.sleep`) is made this one by `on_the_limits_clock`, and a lease backend in
memory reads it (tests/support/clocked_leases.py).
"""

from __future__ import annotations

import pytest

from pexip_engage_client._limiting import _limits


class VirtualClock:
    """A clock that moves only when told (`advance`), or when something sleeps on it."""

    def __init__(self) -> None:
        self.time = 1000.0

    def now(self) -> float:
        return self.time

    def advance(self, seconds: float) -> None:
        self.time += seconds

    async def sleep(self, seconds: float) -> None:
        self.time += max(seconds, 0.0)


def on_the_limits_clock(monkeypatch: pytest.MonkeyPatch) -> VirtualClock:
    """The limits' and the governor's clock made a virtual one, for the test that `monkeypatch` belongs to."""
    clock = VirtualClock()
    monkeypatch.setattr(_limits, "now", clock.now)
    monkeypatch.setattr(_limits, "sleep", clock.sleep)
    return clock
