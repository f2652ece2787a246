"""The store's one table, `availability_lists`: each list a branch's view is computed from, as Engage gave it.

A row is one list of one enterprise (`enterprise`, `name`: `employees`, `defined:<office>`, `appointments:<employee>`,
`events:<employee>`): its items as JSON objects (`documents`), the span of time it was read for, when that read
began (`read_at`, the database's clock), when the row was last written (`changed_at`), whether it must be read
again (`stale`) and how many times its items were written (`version`: what a store's decoded copy is of). Every
operation is one transaction (the mirror's database engine runs it whole on its thread). Newer wins inside each
write: a read is kept only when nothing was written to its row since it began, and an appointment's change replaces
its item only when it is not older (`updatedAt`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .._shared.databases import Dialect, Statements
from .._shared.postgres import Migrations

SQLITE_MIGRATIONS = Migrations(
    "availability",
    (
        """
    CREATE TABLE availability_lists (
        enterprise TEXT NOT NULL,
        name TEXT NOT NULL,
        start TEXT NOT NULL,
        "end" TEXT NOT NULL,
        read_at TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        stale INTEGER NOT NULL,
        version INTEGER NOT NULL,
        documents TEXT NOT NULL,
        PRIMARY KEY (enterprise, name)
    );
    """,
    ),
)

MIGRATIONS = Migrations(
    "availability",
    (
        """
        CREATE TABLE {schema}.availability_lists (
            enterprise text NOT NULL,
            name text NOT NULL,
            start timestamptz NOT NULL,
            "end" timestamptz NOT NULL,
            read_at timestamptz NOT NULL,
            changed_at timestamptz NOT NULL,
            stale integer NOT NULL,
            version bigint NOT NULL,
            documents jsonb NOT NULL,
            PRIMARY KEY (enterprise, name)
        );
        """,
    ),
)

TABLES = (SQLITE_MIGRATIONS, MIGRATIONS)


@dataclass(frozen=True)
class Held:
    """A list as kept: its span, when it was read, whether it must be read again, its version, and its items (None:
    those of the version the reader holds)."""

    start: datetime
    end: datetime
    read_at: datetime
    stale: bool
    version: int
    documents: list[dict[str, Any]] | None


def now(statements: Statements) -> datetime:
    """The database's clock: when a read begins, as every host sharing the database tells it."""
    return statements.now


def held(
    dialect: Dialect, statements: Statements, *, enterprise: str, asked: Mapping[str, int | None]
) -> dict[str, Held | None]:
    """Each list asked for by name, its items left out while it is still at the version given (the reader holds them
    decoded); None for a list not kept."""
    lists: dict[str, Held | None] = {}
    for name, version in asked.items():
        found = statements.rows(
            'SELECT start, "end", read_at, stale, version, CASE WHEN version = ? THEN NULL ELSE documents END'
            " FROM availability_lists WHERE enterprise = ? AND name = ?",
            (version, enterprise, name),
        )
        if found:
            start, end, read_at, stale, kept, documents = found[0]
            times = (dialect.read_time(start), dialect.read_time(end), dialect.read_time(read_at))
            lists[name] = Held(*times, bool(stale), kept, dialect.read_json(documents))  # type: ignore[arg-type]
        else:
            lists[name] = None
    return lists


def keep(
    dialect: Dialect,
    statements: Statements,
    *,
    enterprise: str,
    name: str,
    span: tuple[datetime, datetime],
    read_at: datetime,
    documents: list[dict[str, Any]],
) -> int | None:
    """The list read from `read_at` on, kept unless its row was written since (a change or a refusal came in
    meanwhile: the row, newer, stays). Its version when it was kept."""
    found = statements.rows(
        'INSERT INTO availability_lists (enterprise, name, start, "end", read_at, changed_at, stale, version,'
        " documents) VALUES (?, ?, ?, ?, ?, ?, 0, 1, ?) ON CONFLICT (enterprise, name) DO UPDATE SET"
        ' start = excluded.start, "end" = excluded."end", read_at = excluded.read_at, changed_at = excluded.changed_at,'
        " stale = 0, version = availability_lists.version + 1, documents = excluded.documents"
        " WHERE availability_lists.changed_at <= excluded.read_at RETURNING version",
        (
            enterprise,
            name,
            dialect.time(span[0]),
            dialect.time(span[1]),
            dialect.time(read_at),
            dialect.time(statements.now),
            dialect.json(documents),
        ),
    )
    return int(found[0][0]) if found else None


def mark_stale(dialect: Dialect, statements: Statements, *, enterprise: str, names: Sequence[str]) -> None:
    """The lists `names` to be read again (the next search, or the refresh, reads them)."""
    statements.many(
        "UPDATE availability_lists SET stale = 1, changed_at = ? WHERE enterprise = ? AND name = ?",
        [(dialect.time(statements.now), enterprise, name) for name in names],
    )


def branches(dialect: Dialect, statements: Statements, *, enterprise: str) -> list[tuple[str, datetime, datetime]]:
    """Each office whose defined availability is kept, with the span it was read for."""
    found = statements.rows(
        'SELECT name, start, "end" FROM availability_lists WHERE enterprise = ? AND name LIKE ? ORDER BY name',
        (enterprise, "defined:%"),
    )
    return [(name.removeprefix("defined:"), dialect.read_time(s), dialect.read_time(e)) for name, s, e in found]  # type: ignore[misc]


def put(
    dialect: Dialect,
    statements: Statements,
    *,
    enterprise: str,
    appointment: Mapping[str, Any],
    before: Sequence[str],
    after: Sequence[str],
) -> int:
    """An appointment's change applied to the kept appointments of its employees `before` and `after` it: its item
    removed from the lists of those it left, replaced (or added) in those of its employees now, unless a newer one
    is there. How many lists changed."""
    changed = 0
    for employee_id in dict.fromkeys([*before, *after]):
        name = f"appointments:{employee_id}"
        found = statements.rows(
            f"SELECT documents FROM availability_lists WHERE enterprise = ? AND name = ?{dialect.for_update}",  # noqa: S608 - constants only
            (enterprise, name),
        )
        if not found:
            continue  # nobody asked for this adviser: read when first asked
        items: list[dict[str, Any]] = dialect.read_json(found[0][0])
        kept = [item for item in items if item.get("id") != appointment.get("id")]
        older = [item for item in items if item.get("id") == appointment.get("id")]
        if older and _newer(older[0], appointment):
            continue
        if employee_id in after:
            kept.append(dict(appointment))
        statements.run(
            "UPDATE availability_lists SET documents = ?, changed_at = ?, version = version + 1"
            " WHERE enterprise = ? AND name = ?",
            (dialect.json(kept), dialect.time(statements.now), enterprise, name),
        )
        changed += 1
    return changed


def _newer(held: Mapping[str, Any], given: Mapping[str, Any]) -> bool:
    """Whether the item held is newer than the one given (`updatedAt`, ISO text; unknown: the given wins)."""
    try:
        return datetime.fromisoformat(held["updatedAt"]) > datetime.fromisoformat(given["updatedAt"])
    except (KeyError, TypeError, ValueError):
        return False
