"""A progress bar on stderr, redrawn in place as a long job goes on: `[#####     ] 1,200 of 5,000 items`, or the
count alone while the total is unknown. The command line's walks and provisioning's plans and applies draw it."""

from __future__ import annotations

import sys

# A redraw at most every so many steps (and at the last): a walk of thousands writes a few hundred lines, not all.
_EVERY = 50
_WIDTH = 30


class ProgressBar:
    """Counts of `unit` on stderr: `advance(count)` after each step (a new `total` starts a new stage), `finish`."""

    def __init__(self, total: int | None, unit: str) -> None:
        self.total, self.unit = total, unit
        self.stream = sys.stderr
        self._drawn = -1

    def advance(self, count: int, total: int | None = None) -> None:
        stage = total is not None and total != self.total
        self.total = self.total if total is None else total
        if stage or count - self._drawn >= _EVERY or count == self.total or count < self._drawn:
            self._draw(count)

    def finish(self, count: int) -> None:
        self._draw(count)
        self.stream.write("\n")
        self.stream.flush()

    def _draw(self, count: int) -> None:
        self._drawn = count
        if self.total:
            bar = "#" * int(min(count / self.total, 1.0) * _WIDTH)
            self.stream.write(f"\r[{bar:<{_WIDTH}}] {count:,} of {self.total:,} {self.unit}")
        else:
            self.stream.write(f"\r{count:,} {self.unit}")
        self.stream.flush()
