"""The mirror's change log into a warehouse through dlt, each change once (the `dlt` extra; docs/warehouse.md).

One load reads the changes after the number its destination last committed (dlt's source state, committed with the
load), at most `max_changes`; every merge is by key, so a load given twice leaves the warehouse as once. The mirror's
cursor moves only to a number a destination has committed, so retention never prunes a change not loaded, and a gap
fails the load naming the range (`ChangeLogGapError`). The source reads the mirror's database only, never Engage.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

import dlt
import pyarrow as pa
from dlt.sources import DltSource

from .._base.arguments import counted
from ._change_feed import ChangeFeed, ChangeLogGapError, CursorHeldError, LogState
from ._database import SQLiteDatabase
from ._rows import MirroredAppointment

_STATE = "last_sequence"  # the source state's number: the last change the destination holds
_PAGE = 10_000
_MAX_CHANGES = 50_000  # a load's: dlt's cost per load (a second or two) against the memory of its rows
# Each column's type: dlt's, and the arrow type its values are carried in (JSON as the mirror's text).
_TIME, _TEXT, _JSON = ("timestamp", pa.timestamp("us", tz="UTC")), ("text", pa.string()), ("json", pa.string())
_NUMBER, _BOOL = ("bigint", pa.int64()), ("bool", pa.bool_())
_json = SQLiteDatabase.dialect.json  # the text a SQLite mirror holds, so a document arrives as the mirror has it
_TABLES = ("appointments", "appointment_history", "_engage_load_proof")


def _shown(record: logging.LogRecord) -> bool:
    """Whether a record of dlt's is shown: not its notes, at every load, on what this source chose: JSON carried
    as arrow text and loaded as JSON (the columns' types kept over the arrow table's), and INSERT statements
    written from arrow rather than CSV."""
    message = record.getMessage()
    noted = "when merging arrow schema" in message or "native writer could not be found" in message
    return not (noted and any(table in message for table in _TABLES))


logging.getLogger("dlt").addFilter(_shown)
_VERSION_COLUMNS = {
    "status": _TEXT, "start": _TIME, "end": _TIME, "updated_at": _TIME, "office_id": _TEXT, "subject_id": _TEXT,
    "employee_ids": _JSON, "customer_ids": _JSON, "external_id": _TEXT, "gone_at": _TIME, "origin": _TEXT,
}  # fmt: skip
_APPOINTMENT_COLUMNS = {
    "id": _TEXT,
    **_VERSION_COLUMNS,
    "document": _JSON,
    "unreadable": _JSON,
    "sequence": _NUMBER,
    "change_kind": _TEXT,
    "changed_at": _TIME,
}
_HISTORY_COLUMNS = {
    "appointment_id": _TEXT,
    "sequence": _NUMBER,
    "kind": _TEXT,
    "valid_from": _TIME,
    "valid_to": _TIME,
    **_VERSION_COLUMNS,
}
_PROOF_COLUMNS = {
    "first_sequence": _NUMBER, "last_sequence": _NUMBER, "changes": _NUMBER, "appointments_rows": _NUMBER,
    "history_rows": _NUMBER, "full_reload": _BOOL, "cursor": _TEXT, "loaded_at": _TIME,
    "mirror_last_change": _NUMBER, "mirror_caught_up_at": _TIME, "mirror_checked_at": _TIME,
    "mirror_check_equal": _BOOL, "mirror_check_differences": _NUMBER,
}  # fmt: skip


def _file_format() -> Literal["insert_values"] | None:
    """How dlt writes the tables for the pipeline's destination: as it chooses (parquet into DuckDB and most
    warehouses), but as INSERT statements where it would choose CSV (PostgreSQL), whose NULL is an empty text:
    an empty `external_id` would arrive as NULL."""
    destination = dlt.current.pipeline().destination
    formats = destination.capabilities().supported_loader_file_formats if destination else ()
    return "insert_values" if {"csv", "insert_values"} <= set(formats) else None


def _version(row: MirroredAppointment) -> dict[str, Any]:
    values = {name: getattr(row, name) for name in _VERSION_COLUMNS}
    return values | {name: _json(values[name]) for name in ("employee_ids", "customer_ids")}  # a tuple or None


def appointment_row(row: MirroredAppointment) -> dict[str, Any]:
    """The `appointments` row of a version: the mirror's columns but `read_at` (its own bookkeeping, moved by
    reads that change nothing), with `changed_at` and `origin` of its last change; JSON as text."""
    return {
        "id": row.id,
        **_version(row),
        "document": _json(row.document),
        "unreadable": _json(row.unreadable or None),
        "sequence": row.sequence,
        "change_kind": row.change,
        "changed_at": valid_from(row),
    }


def valid_from(row: MirroredAppointment) -> datetime:
    """When a version holds from: when its read was asked (`changed_at`), or, for a row last changed before
    the mirror kept that, when it was read."""
    return row.changed_at or row.gone_at or row.read_at


def history_row(row: MirroredAppointment, valid_to: datetime | None) -> dict[str, Any]:
    return {
        "appointment_id": row.id,
        "sequence": row.sequence,
        "kind": row.change,
        "valid_from": valid_from(row),
        "valid_to": valid_to,
        **_version(row),
    }


@dataclass
class Load:
    """One load's rows, read from the mirror once for the three tables."""

    feed: ChangeFeed
    full_reload: bool
    max_changes: int
    keep_open: bool  # the feed's cursor held on after the rows are read (`export` moves it after the load)
    hard_delete: bool = False
    done: bool = False
    appointments: dict[str, MirroredAppointment] = field(default_factory=dict)  # made rows once read: the latest
    history: dict[tuple[str, int], tuple[MirroredAppointment, datetime | None]] = field(default_factory=dict)
    proof: dict[str, Any] = field(default_factory=dict)
    behind: int = 0  # changes left for the next loads

    def read(self) -> None:
        if self.done:
            return
        state = dlt.current.source_state()
        loaded = state.get(_STATE)
        try:
            held = self.feed.open()
            if loaded is not None and loaded > held:  # committed by a run stopped before it moved the cursor
                self.feed.advance(loaded)
            log = self.feed.state(0 if self.full_reload else (loaded or 0))
            first, last = self._reload(log) if self.full_reload else self._changes(loaded or 0, log)
        finally:
            if not self.keep_open:
                self.feed.close()
        self.done = True
        if self.hard_delete and self.full_reload:  # a replaced table is inserted into, not merged: no hint applies
            self.appointments = {key: row for key, row in self.appointments.items() if row.gone_at is None}
        if last is None:  # nothing new: nothing loaded, the state as it was
            return
        state[_STATE] = last
        check, caught_up = log.check or {}, (log.catch_up or {}).get("finished_at")
        self.proof = {
            "first_sequence": first,
            "last_sequence": last,
            "changes": 0 if first is None else last - first + 1,
            "appointments_rows": len(self.appointments),
            "history_rows": len(self.history),
            "full_reload": self.full_reload,
            "cursor": self.feed.cursor,
            "loaded_at": datetime.now(UTC),
            "mirror_last_change": log.last,
            "mirror_caught_up_at": caught_up and datetime.fromisoformat(caught_up),
            "mirror_checked_at": check.get("at") and datetime.fromisoformat(check["at"]),
            "mirror_check_equal": check.get("equal"),
            "mirror_check_differences": check.get("differences"),
        }
        self.behind = log.last - last

    def _changes(self, after: int, log: LogState) -> tuple[int | None, int | None]:
        """The changes after `after`: each appointment's latest version, and a history row for each change, the
        version it ended loaded again with its `valid_to`."""
        if log.last <= after:
            return None, None
        if log.first_after is None:  # every one after it left the log unloaded
            raise ChangeLogGapError(after + 1, log.last, self.feed.cursor)
        last = after
        while last - after < self.max_changes:
            page = self.feed.changes(last, min(_PAGE, self.max_changes - (last - after)))
            if not page:
                break
            for change in page:
                if change.sequence != last + 1:  # numbers are given without holes: one missing was pruned
                    raise ChangeLogGapError(last + 1, change.sequence - 1, self.feed.cursor)
                last, after_row, before = change.sequence, change.after, change.before
                self.appointments[after_row.id] = after_row
                self.history[after_row.id, change.sequence] = after_row, None
                if before is not None:
                    self.history[before.id, before.sequence] = before, valid_from(after_row)
        return after + 1, last

    def _reload(self, log: LogState) -> tuple[int | None, int]:
        """Every row of the table, each its appointment's current version and its history's start; the loads
        after it go on from the log's newest change as it was before the rows were read (a change applied
        while they were read is loaded again by the next load: merged, once)."""
        after = ""
        while page := self.feed.rows(after, _PAGE):
            for row in page:
                self.appointments[row.id] = row
                self.history[row.id, row.sequence] = row, None
            after = page[-1].id
        return None, log.last


def _resources(load: Load) -> list[Any]:
    """The three tables' resources over one `Load` (read once, by whichever dlt extracts first). Each is merged
    by its key as `delete-insert` (the rows of its keys deleted, the load's inserted): dlt's `upsert` updates them
    in place, which DuckDB does many times slower, and inserts a row its hard-delete hint marks when no row has
    its key. A full reload replaces what the warehouse held: it starts again from the mirror's table."""
    merge: Any = {"disposition": "merge", "strategy": "delete-insert"}

    def resource(
        name: str, types: dict[str, tuple[str, Any]], pick: Callable[[Load], Iterable[dict[str, Any]]], **hints: Any
    ) -> Any:
        schema = pa.schema([(column, kind[1]) for column, kind in types.items()])

        def generate() -> Iterator[Any]:
            load.read()
            if rows := list(pick(load)):  # as one arrow table
                chosen = dlt.mark.make_hints(file_format=_file_format())
                yield dlt.mark.with_hints(pa.Table.from_pylist(rows, schema=schema), chosen)

        columns: dict[str, Any] = {column: {"data_type": kind[0], "nullable": True} for column, kind in types.items()}
        if name == "appointments" and load.hard_delete:  # a gone appointment's row removed, not kept with `gone_at`
            columns["gone_at"]["hard_delete"] = True
        return dlt.resource(generate, name=name, columns=columns, **hints)

    replacing = "replace" if load.full_reload else merge
    return [
        resource(
            "appointments", _APPOINTMENT_COLUMNS, lambda done: map(appointment_row, done.appointments.values()),
            primary_key="id", write_disposition=replacing,
        ),
        resource(
            "appointment_history", _HISTORY_COLUMNS,
            lambda done: (history_row(*version) for version in done.history.values()),
            primary_key=("appointment_id", "sequence"), write_disposition=replacing,
        ),
        resource(
            "_engage_load_proof", _PROOF_COLUMNS, lambda done: [done.proof] if done.proof else [],
            primary_key="first_sequence", write_disposition=merge,
        ),
    ]  # fmt: skip


def _source(load: Load) -> DltSource:
    @dlt.source(name="engage", max_table_nesting=0)
    def engage() -> list[Any]:
        return _resources(load)

    return engage()


def dlt_source(
    database: str,
    cursor: str = "warehouse",
    *,
    full_reload: bool = False,
    hard_delete: bool = False,
    max_changes: int = _MAX_CHANGES,
) -> DltSource:
    """A dlt source of the mirror's change log: `appointments`, `appointment_history` and `_engage_load_proof`.

    Run it with `pipeline.run(...)`, once per load: each load takes the changes after those the destination
    committed (at most `max_changes`), and moves the mirror's cursor `cursor` to what the destination had
    committed before it (so retention keeps every change not loaded yet). `pexip-engage mirror export` runs
    loads until none is left and moves the cursor after each.

    Args:
        database: The mirror's database URL (`sqlite:///...` or `postgresql://...?schema=...`), read only but
            for the cursor: no request is made to Engage.
        cursor: The mirror's cursor this warehouse keeps its place with (one per warehouse).
        full_reload: Load the mirror's table whole, replacing the warehouse's tables, and go on from there:
            after a gap (`ChangeLogGapError`), or for a new warehouse of a mirror whose log was pruned.
        hard_delete: Remove a gone appointment's row from `appointments` (dlt's `hard_delete` hint) rather than
            keep it with `gone_at` set.
        max_changes: The most changes one load takes.
    """
    max_changes = counted(max_changes, "max_changes")
    load = Load(ChangeFeed(database, cursor), full_reload, max_changes, keep_open=False, hard_delete=hard_delete)
    return _source(load)


def destination_of(url: str) -> Any:
    """A dlt destination from `duckdb:///path/to/file.duckdb`, a `postgresql://` URL or a dlt destination's
    name (configured through dlt's own configuration: its environment variables or `.dlt/secrets.toml`)."""
    if url.startswith("duckdb:///"):
        return dlt.destinations.duckdb(url[len("duckdb:///") :])
    if url.startswith(("postgresql://", "postgres://")):
        return dlt.destinations.postgres(url)
    if "://" in url:
        raise ValueError("the destination must be duckdb:///path, a postgresql:// URL or a dlt destination's name")
    return url


def _feed_error(error: BaseException | None) -> BaseException | None:
    while error is not None and not isinstance(error, ChangeLogGapError | CursorHeldError):
        error = error.__cause__ or error.__context__
    return error


@dataclass(frozen=True)
class Loaded:
    """What one load of `export` did (its `_engage_load_proof` row), and how many changes were left."""

    proof: dict[str, Any]
    behind: int


def export(
    database: str,
    destination: str,
    *,
    dataset: str = "engage",
    cursor: str = "warehouse",
    full_reload: bool = False,
    hard_delete: bool = False,
    max_changes: int = _MAX_CHANGES,
    pipelines_dir: str | None = None,
    loaded: Callable[[Loaded], None] = lambda _: None,
) -> int:
    """Load until no change is left (`pexip-engage mirror export`), moving the cursor after each load; how many
    changes were loaded. Each load is told to `loaded` once committed."""
    pipeline = dlt.pipeline(
        pipeline_name=f"pexip_engage_{cursor}",
        destination=destination_of(destination),
        dataset_name=dataset,
        pipelines_dir=pipelines_dir,  # type: ignore[arg-type] # None: dlt's own folder
    )
    feed = ChangeFeed(database, cursor)
    total = 0
    try:
        feed.open()
        while True:
            committed = pipeline.state.get("sources", {}).get("engage", {}).get(_STATE)
            if not (full_reload or pipeline.has_pending_data) and committed is not None:
                feed.advance(committed)
                if committed >= feed.state(committed).last:  # nothing new: no load
                    return total
            load = Load(feed, full_reload, max_changes, keep_open=True, hard_delete=hard_delete)
            # A load a stopped run left packaged is loaded first, as it was read: then this one is read again.
            try:
                pipeline.run(None if pipeline.has_pending_data else _source(load))
            except Exception as error:  # dlt wraps what a resource raised: the feed's own said as it is
                raise _feed_error(error) or error from None
            if not load.done:
                continue
            full_reload = False
            if not load.proof:
                return total
            total += load.proof["changes"]
            feed.advance(load.proof["last_sequence"])
            loaded(Loaded(load.proof, load.behind))
    finally:
        feed.close()
