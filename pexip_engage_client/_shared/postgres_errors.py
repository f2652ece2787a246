"""`SchemaNotMigratedError`: a room's tables missing or behind this release, raised where psycopg's own errors are.

A `psycopg.ProgrammingError`, so that every room's handling of a database error (a lease unreachable, a
store refusing a call, the limits' warning) carries its message as it carries psycopg's. Imported only
by users of the `postgres` extra (`postgres.check_version`).
"""

from __future__ import annotations

import psycopg


class SchemaNotMigratedError(psycopg.ProgrammingError):
    """The schema, or a room's tables in it, is missing or older than this release needs: its message
    names the schema, the database (its password redacted), the version found and the version needed,
    and says to run `pexip-engage postgres migrate`."""
