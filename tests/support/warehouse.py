"""The warehouse held against the mirror it was loaded from, and the mirror against the API (tests/warehouse, bench).

`Warehouse` reads a DuckDB file or a PostgreSQL schema through a DB-API connection; `held_against` checks:
`appointments` equals the mirror's table (every column but the mirror's own `read_at`) and the API; the
history holds exactly one row per logged change, each as its change logged it; each appointment's validity
intervals follow each other with no gap or overlap, the last one open; the proofs cover the log whole.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from pexip_engage_client.mirror._rows import MirroredAppointment
from pexip_engage_client.mirror._warehouse import appointment_row, history_row, valid_from


class Warehouse:
    """The three tables of a dataset, read as plain values."""

    def __init__(self, query: Callable[[str], Sequence[tuple[Any, ...]]], dataset: str = "engage") -> None:
        self.query = query
        self.dataset = dataset

    @classmethod
    def duckdb(cls, path: str, dataset: str = "engage") -> Warehouse:
        import duckdb

        def query(sql: str) -> list[tuple[Any, ...]]:
            with duckdb.connect(path, read_only=True) as connection:
                return connection.sql(sql).fetchall()

        return cls(query, dataset)

    @classmethod
    def postgres(cls, url: str, dataset: str = "engage") -> Warehouse:
        import psycopg

        def query(sql: str) -> list[tuple[Any, ...]]:
            with psycopg.connect(url) as connection:
                return list(connection.execute(sql).fetchall())

        return cls(query, dataset)

    def table(self, name: str, columns: Sequence[str]) -> list[dict[str, Any]]:
        named = ", ".join(f'"{column}"' for column in columns)
        found = self.query(f"SELECT {named} FROM {self.dataset}.{name}")  # noqa: S608 - the tests' own names
        return [dict(zip(columns, row, strict=True)) for row in found]


def _plain(value: Any) -> Any:
    """A value as both sides hold it: JSON text read back, times compared as instants."""
    if isinstance(value, str) and value[:1] in "[{":
        return json.loads(value)
    if isinstance(value, datetime):
        return value.timestamp()
    return value


def _rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{name: _plain(value) for name, value in row.items()} for row in rows]


def mirror_log(path: str) -> tuple[dict[str, MirroredAppointment], list[tuple[int, MirroredAppointment]]]:
    """A SQLite mirror's table and its change log (the number and the row after each change)."""
    with sqlite3.connect(path) as connection:
        log = [
            (int(number), MirroredAppointment.from_json(json.loads(after)))
            for number, after in connection.execute("SELECT sequence, after FROM appointment_changes ORDER BY sequence")
        ]
        table = connection.execute("SELECT id, sequence FROM appointments").fetchall()
    last = {row.id: row for _, row in log}
    assert dict(table) == {key: row.sequence for key, row in last.items()}
    return last, log


def held_against(
    warehouse: Warehouse,
    log: list[tuple[int, MirroredAppointment]],
    api: dict[str, dict[str, Any] | None] | None = None,
) -> dict[str, int]:
    """The warehouse against the mirror's whole log (and the API's appointments now); what it holds, counted."""
    latest: dict[str, MirroredAppointment] = {}
    following: dict[int, datetime] = {}
    last_of: dict[str, int] = {}
    for number, row in log:
        if row.id in last_of:
            following[last_of[row.id]] = valid_from(row)
        last_of[row.id] = number
        latest[row.id] = row
    columns = list(appointment_row(next(iter(latest.values()))))
    held = {row["id"]: row for row in _rows(warehouse.table("appointments", columns))}
    wanted = {row["id"]: row for row in _rows([appointment_row(row) for row in latest.values()])}
    differing = sorted(key for key in held.keys() | wanted.keys() if held.get(key) != wanted.get(key))
    assert not differing, [(held.get(key), wanted.get(key)) for key in differing[:3]]
    if api is not None:
        for key, document in api.items():
            found = held.get(key)
            if document is None:
                assert found is None or found["gone_at"] is not None, key
            else:
                assert found is not None, key
                assert found["gone_at"] is None, key
                assert found["updated_at"] == datetime.fromisoformat(document["updatedAt"]).timestamp(), key
    history_columns = list(history_row(log[0][1], None))
    history = _rows(warehouse.table("appointment_history", history_columns))
    keys = [(row["appointment_id"], row["sequence"]) for row in history]
    assert len(keys) == len(set(keys)), "a change held twice"
    assert sorted(keys) == sorted((row.id, number) for number, row in log), "the history is not the log"
    by_key = {(row["appointment_id"], row["sequence"]): row for row in history}
    for number, row in log:
        assert by_key[row.id, number] == _rows([history_row(row, following.get(number))])[0], (row.id, number)
    for key in latest:
        versions = sorted((row for row in history if row["appointment_id"] == key), key=lambda row: row["sequence"])
        for one, then in itertools.pairwise(versions):
            assert one["valid_to"] == then["valid_from"], (key, one, then)  # no gap, no overlap
            assert one["valid_from"] <= then["valid_from"], (key, one, then)
        assert versions[-1]["valid_to"] is None, key
    proofs = sorted(
        (row["first_sequence"], row["last_sequence"])
        for row in warehouse.table("_engage_load_proof", ["first_sequence", "last_sequence"])
        if row["first_sequence"] is not None
    )
    reached = 0
    for first, last in proofs:
        assert first <= reached + 1, f"the proofs leave out changes {reached + 1} to {first - 1}"
        reached = max(reached, last)
    assert reached == log[-1][0], (reached, log[-1][0])
    return {"appointments": len(held), "history": len(history), "proofs": len(proofs)}
