"""How a long plan or apply reports: a bar on stderr as it goes (`progress=True`), a summary line in the log."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from typing import TextIO

# Rows (or changes) past which a plan (or an apply) logs its summary (INFO, `pexip_engage_client.provisioning`).
LOGGED = 200
log = logging.getLogger("pexip_engage_client.provisioning")
# `(done, total)`, after each step.
Progress = Callable[[int, int], None]


def _nothing(done: int, total: int) -> None:
    """No progress shown."""


def progress_callback(progress: bool | Progress, unit: str) -> Progress:
    """`progress=` as a callable `(done, total)`: the caller's, a bar on stderr counting `unit` (True), or nothing."""
    if callable(progress):
        return progress
    if not progress:
        return _nothing
    started = time.monotonic()
    return lambda done, total: _print_progress_bar(sys.stderr, done, total, time.monotonic() - started, unit)


def _print_progress_bar(stream: TextIO, done: int, total: int, elapsed: float, unit: str) -> None:
    width = 30
    filled = width * done // max(total, 1)
    rate = done / elapsed if elapsed > 0 else 0.0
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {unit}, {rate:.1f}/s")
    stream.flush()
