"""How a long plan or apply reports: a bar on stderr as it goes (`progress=True`), a summary line in the log."""

from __future__ import annotations

import logging
from collections.abc import Callable

from .._base.progress import ProgressBar

# Rows (or changes) past which a plan (or an apply) logs its summary (INFO, `pexip_engage_client.provisioning`).
LOGGED = 200
log = logging.getLogger("pexip_engage_client.provisioning")
# `(done, total)`, after each step.
Progress = Callable[[int, int], None]


def progress_callback(progress: bool | Progress, unit: str) -> Progress:
    """`progress=` as a callable `(done, total)`: the caller's, a bar on stderr counting `unit` (True), or nothing."""
    if callable(progress):
        return progress
    return ProgressBar(None, unit).advance if progress else lambda done, total: None
