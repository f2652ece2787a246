"""`TablesMissingError`: a call that only reads a feature's SQLite file found it, or its tables, missing.

Raised by the features that keep a SQLite file (the mirror, the webhook stores), listed by the public `errors`.
Apart from `_errors.py`, which every call loads: only a program reading such a file loads this.
"""

from __future__ import annotations

import os

from ._errors import PexipEngageError, listed


class TablesMissingError(PexipEngageError):
    """A call that only reads found nothing to read, and made nothing: the SQLite file at `path` is missing, or
    holds no `room` tables (`mirror`, `webhooks`). They are made by what writes there (`made_by`: `mirror run`, a
    receiver storing deliveries): a mistyped path would otherwise read as empty and be left behind as a new file.
    A PostgreSQL schema missing is refused likewise, as psycopg's `ProgrammingError` naming `postgres migrate`."""

    def __init__(self, path: str, room: str, made_by: str) -> None:
        self.path: str = path
        self.room: str = room
        self.made_by: str = made_by
        missing = "no SQLite database" if not os.path.isfile(path) else f"no {room} tables in the SQLite database"
        super().__init__(f"{missing} at {path}: nothing was made ({made_by} makes them): is the path right?")


listed(TablesMissingError)
