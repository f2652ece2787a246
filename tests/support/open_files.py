"""What this process holds open of a file, read from its file descriptors (`/proc/self/fd`, Linux).

A SQLite connection holds its file (and WAL's two beside it) open until it is closed, on any Python:
3.13's `ResourceWarning` for a connection collected unclosed is the same fact, seen later."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The mark of a test that reads them.
READS_FILE_DESCRIPTORS = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads /proc/self/fd (Linux)")


def open_files(database: Path) -> list[str]:
    """What this process holds open of the file `database` and those beside it that its name starts (`-wal`)."""
    found = []
    for descriptor in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{descriptor}")
        except OSError:  # closed meanwhile (the listing's own descriptor)
            continue
        if target.startswith(str(database)):
            found.append(target)
    return found
