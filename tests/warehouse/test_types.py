"""The warehouse's values as the mirror holds them: a document byte for byte (its timestamps and numbers as
the mirror has them, never rewritten), times as instants with a time zone, an empty text never NULL; and the
files dlt loads each destination with (parquet into DuckDB, INSERT statements into PostgreSQL, never CSV)."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest

dlt = pytest.importorskip("dlt")
duckdb = pytest.importorskip("duckdb")

from pexip_engage_client.mirror import _tables, dlt_source  # noqa: E402
from pexip_engage_client.mirror._database import SQLITE_MIGRATIONS, SQLiteDatabase  # noqa: E402
from pexip_engage_client.mirror._rows import MirroredAppointment  # noqa: E402
from pexip_engage_client.mirror._warehouse import destination_of, export  # noqa: E402

from ..support.postgres_server import postgres_server  # noqa: E402

T0 = datetime(2026, 12, 1, 9, tzinfo=UTC)
DOCUMENT = {  # what DuckDB's JSON reader and a float's round trip would each rewrite
    "id": "a-1",
    "updatedAt": "2026-12-01T09:00:00.000+00:00",
    "start": "2026-12-03 10:00:00",
    "ratio": 1.0,
    "big": 12345678901234567890,
    "hybrid": False,
    "internalNotes": 'é \u2028 "quoted" \\',
    "answers": [],
    "office": {"id": "o-1", "since": "2026-01-01T00:00:00Z"},
    "listing": None,
}
TIMES = ("start", "end", "updated_at", "gone_at", "changed_at")


def _mirror(path: Path) -> str:
    """A SQLite mirror of two appointments: one with the document above and an empty `external_id`, one with
    every optional column NULL; then the first changed and the second gone."""

    def version(key: str, minute: int, document: dict[str, Any], external_id: str | None) -> MirroredAppointment:
        moment = T0 + timedelta(minutes=minute)
        start = None if external_id is None else moment + timedelta(days=2, hours=1)
        return MirroredAppointment(
            id=key,
            status="ACCEPTED",
            start=start,
            end=None,
            updated_at=moment,
            office_id="o-1",
            subject_id=None,
            employee_ids=("adviser-ø",) if external_id is not None else None,
            customer_ids=(),
            external_id=external_id,
            document=document,
            unreadable=(),
            gone_at=None,
            read_at=moment,
            sequence=0,
        )

    async def write() -> None:
        database = SQLiteDatabase(str(path), SQLITE_MIGRATIONS)
        try:
            batches: list[list[MirroredAppointment | str]] = [
                [version("a-1", 1, DOCUMENT, ""), version("b-1", 1, {"id": "b-1"}, None)],
                [version("a-1", 2, DOCUMENT | {"status": "CANCELLED"}, ""), "b-1"],
            ]
            for minute, reads in enumerate(batches, 1):
                apply = partial(_tables.apply, database.dialect, reads=reads, asked_at=T0 + timedelta(minutes=minute))
                await database.run(partial(apply, origin="event"))
        finally:
            await database.close()

    asyncio.run(write())
    return f"sqlite:///{path}"


def _held(query: Any) -> dict[str, tuple[Any, ...]]:
    rows = query("SELECT id, document, external_id, employee_ids, start, gone_at FROM engage.appointments")
    return {row[0]: row[1:] for row in rows}


@pytest.mark.slow
def test_a_document_arrives_byte_for_byte_with_times_as_instants_and_an_empty_text_kept(tmp_path: Path) -> None:
    mirror = _mirror(tmp_path / "mirror.db")
    export(mirror, f"duckdb:///{tmp_path}/w.duckdb", pipelines_dir=str(tmp_path / "dlt"))
    with sqlite3.connect(tmp_path / "mirror.db") as connection:
        documents = dict(connection.execute("SELECT id, document FROM appointments"))
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as warehouse:
        held = _held(lambda sql: warehouse.sql(sql).fetchall())
        kinds = warehouse.sql(
            "SELECT json_type(document), json_type(employee_ids) FROM engage.appointments WHERE id = 'a-1'"
        ).fetchall()
        types = dict(
            warehouse.sql(
                "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns"
                " WHERE table_schema = 'engage' AND column_name NOT LIKE '\\_dlt%' ESCAPE '\\'"
            ).fetchall()
        )
    assert held["a-1"][0] == documents["a-1"]  # the mirror's own text, byte for byte
    assert json.loads(held["a-1"][0]) == DOCUMENT | {"status": "CANCELLED"}
    assert kinds == [("OBJECT", "ARRAY")]  # JSON, not a JSON string holding it
    assert held["a-1"][1:] == ("", '["adviser-ø"]', T0 + timedelta(minutes=2, days=2, hours=1), None)
    assert held["b-1"][1:] == (None, None, None, T0 + timedelta(minutes=2))
    for table, columns in {
        "appointments": (*TIMES, "document", "employee_ids"),
        "appointment_history": ("valid_from", "valid_to"),
        "_engage_load_proof": ("loaded_at", "mirror_caught_up_at", "mirror_checked_at"),
    }.items():
        for column in columns:
            wanted = "JSON" if column in ("document", "employee_ids") else "TIMESTAMP WITH TIME ZONE"
            assert types[f"{table}.{column}"] == wanted, (table, column)


@pytest.mark.slow
def test_the_hard_delete_hint_holds_on_the_first_load_into_a_new_table(tmp_path: Path) -> None:
    export(
        _mirror(tmp_path / "mirror.db"),
        f"duckdb:///{tmp_path}/w.duckdb",
        pipelines_dir=str(tmp_path / "dlt"),
        hard_delete=True,
    )
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as warehouse:
        assert warehouse.sql("SELECT id FROM engage.appointments").fetchall() == [("a-1",)]  # b-1 gone: removed


def _loaded_as(folder: Path, destination: str) -> set[tuple[str, str]]:
    """The tables and file formats dlt would load `destination` with (normalized, not loaded: no server)."""
    folder.mkdir()
    pipeline = dlt.pipeline(
        pipeline_name="formats",
        destination=destination_of(destination),
        dataset_name="engage",
        pipelines_dir=str(folder / "dlt"),
    )
    pipeline.extract(dlt_source(_mirror(folder / "mirror.db")))
    package = pipeline.get_load_package_info(pipeline.normalize().loads_ids[0])
    return {
        (job.job_file_info.table_name, job.job_file_info.file_format)
        for job in package.jobs["new_jobs"]
        if not job.job_file_info.table_name.startswith("_dlt")
    }


def test_each_destination_is_loaded_from_arrow_without_csv(tmp_path: Path) -> None:
    tables = ("appointments", "appointment_history", "_engage_load_proof")
    into_duckdb = _loaded_as(tmp_path / "duckdb", f"duckdb:///{tmp_path}/w.duckdb")
    assert into_duckdb == {(table, "parquet") for table in tables}
    # PostgreSQL's CSV (dlt's choice for arrow) reads an empty text as NULL: its INSERT statements keep it.
    postgres = _loaded_as(tmp_path / "postgres", "postgresql://loader:unused@localhost:1/warehouse")
    assert postgres == {(table, "insert_values") for table in tables}


@pytest.mark.end_to_end
@pytest.mark.slow
def test_into_postgresql_a_document_arrives_value_for_value_and_an_empty_text_kept(tmp_path: Path) -> None:
    psycopg = pytest.importorskip("psycopg")
    mirror = _mirror(tmp_path / "mirror.db")
    with postgres_server() as server:
        loader = server.url.replace("postgres@", "postgres:unused@", 1)  # dlt asks for a password; the server trusts
        export(mirror, loader, pipelines_dir=str(tmp_path / "dlt"))
        with psycopg.connect(server.url) as connection:
            held = _held(lambda sql: connection.execute(sql).fetchall())
            text = connection.execute("SELECT document::text FROM engage.appointments WHERE id = 'a-1'").fetchone()
    assert held["a-1"][0] == DOCUMENT | {"status": "CANCELLED"}  # jsonb: keys in its own order, values as they were
    assert json.loads(text[0], parse_float=str)["ratio"] == "1.0"
    assert held["a-1"][1:] == ("", ["adviser-ø"], T0 + timedelta(minutes=2, days=2, hours=1), None)
    assert held["b-1"][1:] == (None, None, None, T0 + timedelta(minutes=2))
