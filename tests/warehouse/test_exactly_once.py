"""Exactly once into DuckDB, in process and in seconds: a seeded mirror on three hosts (deliveries duplicated,
reordered and lost, deletions and returns) exported after each round, the loader stopped at each place a kill
can stop it; then a gap, a full reload, the hard-delete hint, and no request to Engage."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

dlt = pytest.importorskip("dlt")

from pexip_engage_client.mirror import ChangeLogGapError, dlt_source  # noqa: E402
from pexip_engage_client.mirror._change_feed import ChangeFeed  # noqa: E402
from pexip_engage_client.mirror._warehouse import _source, Load, destination_of, export  # noqa: E402

from ..support.mirror_simulation import Simulation  # noqa: E402
from ..support.warehouse import Warehouse, held_against, mirror_log  # noqa: E402


class Stopped(Exception):
    """The loader's process, as a kill leaves it: nothing after this point ran."""


def _pipeline(folder: Path) -> Any:
    return dlt.pipeline(
        pipeline_name="pexip_engage_warehouse", destination=destination_of(f"duckdb:///{folder}/w.duckdb"),
        dataset_name="engage", pipelines_dir=str(folder / "dlt"),
    )  # fmt: skip


def _killed_after_extract(folder: Path, mirror: str) -> None:
    """Read and packaged, never loaded: the package waits in dlt's folder."""
    pipeline = _pipeline(folder)
    pipeline.extract(dlt_source(mirror, max_changes=40))
    pipeline.normalize()


def _killed_before_the_cursor(folder: Path, mirror: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loaded and committed, the cursor not moved."""
    with monkeypatch.context() as patched:
        patched.setattr(ChangeFeed, "advance", lambda self, sequence: (_ for _ in ()).throw(Stopped()))
        with pytest.raises(Stopped):
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


def test_each_change_is_in_the_warehouse_once_when_the_loader_stops_after_committing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The kill that matters most: the load committed, the cursor not moved. Then one with a package left pending.
    stops = [lambda *given: _killed_before_the_cursor(*given, monkeypatch), _killed_after_extract]
    counted = _exported(tmp_path, Simulation(7, path=str(tmp_path / "mirror.db"), appointments=6), stops, 150)
    assert counted["history"] == counted["changes"] > 20 and counted["kinds"] >= 4, counted


@pytest.mark.slow
def test_each_change_is_in_the_warehouse_once_through_kills_at_every_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stops = [
        _killed_after_extract, lambda *given: _killed_before_the_cursor(*given, monkeypatch), _machine_lost_mid_load,
    ] * 2  # fmt: skip
    counted = _exported(tmp_path, Simulation(11, path=str(tmp_path / "mirror.db"), appointments=12), stops, 300)
    assert counted["history"] == counted["changes"] > 150 and counted["appointments"] == 12, counted
