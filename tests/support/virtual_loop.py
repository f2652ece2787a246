"""`virtual_time_loop`: an event loop whose clock jumps to its next timer whenever nothing is ready.

For seeded simulations of many concurrent callers: minutes of waiting run in milliseconds, every wait is exact, and
two tasks sleeping at once sleep at once (unlike `VirtualClock`, whose sleeps add up). The limits' clock is put on it
(`on_the_loops_clock`)."""

from __future__ import annotations

import asyncio
import selectors
from typing import Any

import pytest

from pexip_engage_client._limiting import _limits


class _JumpingSelector(selectors.DefaultSelector):
    """Never blocks: what is ready now, else the clock moved on by the loop's timeout (its next timer)."""

    def __init__(self) -> None:
        super().__init__()
        self.now = 0.0

    def select(self, timeout: float | None = None) -> list[Any]:
        ready: list[Any] = super().select(0)
        if not ready and timeout:
            self.now += timeout
        elif not ready and timeout is None:
            raise RuntimeError("the simulation waits for nothing that will come: no timer and nothing ready")
        return ready


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """`asyncio.SelectorEventLoop` on the virtual clock of its selector."""

    def __init__(self) -> None:
        self._jumping = _JumpingSelector()
        super().__init__(self._jumping)

    def time(self) -> float:
        return self._jumping.now


def on_the_loops_clock(monkeypatch: pytest.MonkeyPatch, loop: asyncio.AbstractEventLoop) -> None:
    """The limits' and the governor's clock made `loop`'s, for the test that `monkeypatch` belongs to."""
    monkeypatch.setattr(_limits, "now", loop.time)
    monkeypatch.setattr(_limits, "sleep", asyncio.sleep)
