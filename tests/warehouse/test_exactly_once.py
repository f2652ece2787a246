"""Exactly once into DuckDB, in process and in seconds: a seeded mirror on three hosts (deliveries duplicated,
reordered and lost, deletions and returns) exported after each round, the loader stopped at each place a kill
can stop it; then a gap, a full reload, the hard-delete hint, and no request to Engage."""

from __future__ import annotations

import shutil
import sqlite3
from functools import partial
from pathlib import Path
from typing import Any

import pytest

dlt = pytest.importorskip("dlt")

from pexip_engage_client.mirror import ChangeLogGapError, dlt_source  # noqa: E402
from pexip_engage_client.mirror._change_feed import ChangeFeed  # noqa: E402
from pexip_engage_client.mirror._warehouse import destination_of, export  # noqa: E402

from ..support.mirror_simulation import Simulation  # noqa: E402
from ..support.warehouse import Warehouse, held_against, mirror_log  # noqa: E402


class StoppedError(Exception):
    """The loader's process, as a kill leaves it: nothing after this point ran."""


def _pipeline(folder: Path) -> Any:
    return dlt.pipeline(
        pipeline_name="pexip_engage_warehouse",
        destination=destination_of(f"duckdb:///{folder}/w.duckdb"),
        dataset_name="engage",
        pipelines_dir=str(folder / "dlt"),
    )


def _killed_after_extract(folder: Path, mirror: str) -> None:
    """Read and packaged, never loaded: the package waits in dlt's folder."""
    pipeline = _pipeline(folder)
    pipeline.extract(dlt_source(mirror, max_changes=40))
    pipeline.normalize()


def _killed_before_the_cursor(folder: Path, mirror: str, *, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loaded and committed, the cursor not moved."""
    with monkeypatch.context() as patched:
        patched.setattr(ChangeFeed, "advance", lambda self, sequence: (_ for _ in ()).throw(StoppedError()))
        with pytest.raises(StoppedError):
            export(mirror, f"duckdb:///{folder}/w.duckdb", pipelines_dir=str(folder / "dlt"), max_changes=40)


def _machine_lost_mid_load(folder: Path, mirror: str) -> None:
    """Packaged, then the machine and its dlt folder lost: only the destination's committed state is left."""
    _killed_after_extract(folder, mirror)
    shutil.rmtree(folder / "dlt")


def _exported(folder: Path, simulation: Simulation, rounds: list[Any], steps: int) -> dict[str, int]:
    """The simulation's mirror exported after each round of steps, the loader first stopped as the round says;
    the warehouse then held against the log and the API."""
    simulation.connection.execute("PRAGMA synchronous=OFF")  # a test's file: no power cut to survive
    mirror = f"sqlite:///{folder}/mirror.db"
    for stop in rounds:
        simulation._steps(steps)
        stop(folder, mirror)
        export(mirror, f"duckdb:///{folder}/w.duckdb", pipelines_dir=str(folder / "dlt"))
    simulation.settle()
    export(mirror, f"duckdb:///{folder}/w.duckdb", pipelines_dir=str(folder / "dlt"))
    simulation.connection.close()
    _, log = mirror_log(str(folder / "mirror.db"))
    counted = held_against(Warehouse.duckdb(str(folder / "w.duckdb")), log, simulation.api.current)
    with sqlite3.connect(folder / "mirror.db") as connection:  # the cursor stands where the warehouse does
        cursor = connection.execute("SELECT sequence FROM mirror_cursors WHERE name = 'warehouse'").fetchone()
    assert cursor == (log[-1][0],)
    return counted | {"changes": len(log), "kinds": len({row.change for _, row in log})}


def test_each_change_is_in_the_warehouse_once_after_a_committed_load_and_engage_is_never_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import httpx2

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("the source made a request")

    monkeypatch.setattr(httpx2.AsyncClient, "send", refused)
    monkeypatch.setattr(httpx2.Client, "send", refused)
    # The kill that matters most: the load committed, the cursor not moved. Then one with a package left pending.
    stops = [partial(_killed_before_the_cursor, monkeypatch=monkeypatch), _killed_after_extract]
    counted = _exported(tmp_path, Simulation(7, path=str(tmp_path / "mirror.db"), appointments=6), stops, 150)
    assert counted["history"] == counted["changes"] > 20, counted
    assert counted["kinds"] >= 4, counted


@pytest.mark.slow
def test_each_change_is_in_the_warehouse_once_through_kills_at_every_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stops = [
        _killed_after_extract,
        partial(_killed_before_the_cursor, monkeypatch=monkeypatch),
        _machine_lost_mid_load,
    ] * 2
    counted = _exported(tmp_path, Simulation(11, path=str(tmp_path / "mirror.db"), appointments=12), stops, 300)
    assert counted["history"] == counted["changes"] > 150, counted
    assert counted["appointments"] == 12, counted


def test_a_gap_fails_naming_the_range_and_a_full_reload_ends_where_the_loads_would(tmp_path: Path) -> None:
    simulation = Simulation(5, path=str(tmp_path / "mirror.db"), appointments=6)
    simulation.connection.execute("PRAGMA synchronous=OFF")
    simulation._steps(200)
    simulation.settle()
    simulation.connection.execute("DELETE FROM appointment_changes WHERE sequence <= 5")  # pruned before loaded
    simulation.connection.close()
    mirror, first = f"sqlite:///{tmp_path}/mirror.db", f"duckdb:///{tmp_path}/first.duckdb"
    with pytest.raises(ChangeLogGapError, match=r"changes 1 to 5,.* run a full reload") as gap:
        export(mirror, first, pipelines_dir=str(tmp_path / "dlt"))
    assert (gap.value.first, gap.value.last) == (1, 5)
    with duckdb_tables(tmp_path / "first.duckdb") as tables:
        assert "appointments" not in tables  # nothing loaded
    export(mirror, first, pipelines_dir=str(tmp_path / "dlt"), full_reload=True)
    table, _ = mirror_log(str(tmp_path / "mirror.db"))
    held = Warehouse.duckdb(str(tmp_path / "first.duckdb"))
    rows = held.table("appointments", ["id", "sequence", "status", "gone_at"])
    assert {row["id"]: row["sequence"] for row in rows} == {key: row.sequence for key, row in table.items()}
    history = held.table("appointment_history", ["appointment_id", "sequence", "valid_to"])
    assert sorted((row["appointment_id"], row["sequence"]) for row in history) == sorted(
        (key, row.sequence) for key, row in table.items()
    )  # each appointment's history starts again from its current version, open
    assert all(row["valid_to"] is None for row in history)


@pytest.mark.slow
def test_the_hard_delete_hint_removes_a_gone_appointment(tmp_path: Path) -> None:
    simulation = Simulation(0, path=str(tmp_path / "mirror.db"), appointments=6)  # 3 gone at the end
    simulation.connection.execute("PRAGMA synchronous=OFF")
    mirror, warehouse = f"sqlite:///{tmp_path}/mirror.db", f"duckdb:///{tmp_path}/w.duckdb"
    for steps in (100, 150):  # into the new table, then merged
        simulation._steps(steps)
        export(mirror, warehouse, hard_delete=True, pipelines_dir=str(tmp_path / "dlt"))
    simulation.settle()
    simulation.connection.close()
    export(mirror, warehouse, hard_delete=True, pipelines_dir=str(tmp_path / "dlt"))
    table, _ = mirror_log(str(tmp_path / "mirror.db"))
    rows = Warehouse.duckdb(str(tmp_path / "w.duckdb")).table("appointments", ["id"])
    present = {key for key, row in table.items() if row.gone_at is None}
    assert {row["id"] for row in rows} == present != set(table)


class duckdb_tables:  # noqa: N801 - a context manager read as a function
    def __init__(self, path: Path) -> None:
        import duckdb

        self.connection = duckdb.connect(str(path))

    def __enter__(self) -> set[str]:
        return {name for (name,) in self.connection.sql("SELECT table_name FROM information_schema.tables").fetchall()}

    def __exit__(self, *exc_info: object) -> None:
        self.connection.close()
