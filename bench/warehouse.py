"""The mirror's change log into DuckDB through dlt: the time per 100,000 changes, the requests made to Engage
(none), and what a connector rescanning by `updated_at` would have held of the same history.

    python -m bench.warehouse [--changes 100000] [--appointments 10000] [--scans 20] [--results PATH]

A SQLite mirror is written with `--changes` changes (about a tenth of them deletions, some of those
coming back) of `--appointments` appointments, through the mirror's own `apply`; then `export` loads it
into a new DuckDB file, every HTTP send of the process counted. The rescanning connector is replayed
from the same log: `--scans` scans spread over it, each listing the appointments present then (a
deleted one is a 404, not listed) and keeping those whose `updated_at` moved since its last scan.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import httpx2

from pexip_engage_client.mirror import _tables, export
from pexip_engage_client.mirror._database import SQLITE_MIGRATIONS, SQLiteDatabase
from pexip_engage_client.mirror._rows import MirroredAppointment

from ._harness import add_results_argument, record, row

_START = datetime(2026, 12, 1, 9, tzinfo=UTC)
_BATCH = 500


def _version(appointment_id: str, moment: datetime, rng: random.Random) -> MirroredAppointment:
    starts = moment + timedelta(days=rng.randint(1, 60))
    status = rng.choice(["ACCEPTED", "COMPLETED", "NO_SHOW", "CANCELLED"])
    document = {"id": appointment_id, "status": status, "updatedAt": moment.isoformat()}
    return MirroredAppointment(
        id=appointment_id,
        status=status,
        start=starts,
        end=starts + timedelta(minutes=30),
        updated_at=moment,
        office_id=f"office-{rng.randint(1, 20)}",
        subject_id="subject-1",
        employee_ids=(f"adviser-{rng.randint(1, 200)}",),
        customer_ids=(),
        external_id=None,
        document=document,
        unreadable=(),
        gone_at=None,
        read_at=moment,
        sequence=0,
    )


async def written(path: Path, changes: int, appointments: int) -> None:
    """A mirror of `changes` changes, applied `_BATCH` reads at a time as a catch-up would."""
    rng = random.Random(106)  # noqa: S311 - a benchmark's, seeded to be repeated
    database = SQLiteDatabase(str(path), SQLITE_MIGRATIONS)
    moment, done = _START, 0
    try:
        while done < changes:
            moment += timedelta(seconds=1)
            reads: list[MirroredAppointment | str] = []
            for appointment_id in rng.sample(range(appointments), min(_BATCH, changes - done)):
                key = f"appointment-{appointment_id}"
                reads.append(key if rng.random() < 0.1 else _version(key, moment, rng))
            applied = await database.run(
                partial(_tables.apply, database.dialect, reads=reads, asked_at=moment, origin="catch-up")
            )
            done += applied.changes
    finally:
        await database.close()


def rescanned(path: Path, scans: int) -> dict[str, int]:
    """What a connector rescanning by `updated_at` holds of the log: the versions it saw, the deletions."""
    with sqlite3.connect(path) as connection:
        log = [
            json.loads(after)
            for (after,) in connection.execute("SELECT after FROM appointment_changes ORDER BY sequence")
        ]
    every = max(1, len(log) // scans)
    current: dict[str, dict[str, Any]] = {}
    seen: dict[str, str] = {}
    versions = 0
    for index, after in enumerate(log, 1):
        current[after["id"]] = after
        if index % every and index != len(log):
            continue
        for key, state in current.items():  # the listing: present ones only, a deleted one is a 404
            if state["gone_at"] is None and seen.get(key) != state["updated_at"]:
                seen[key] = state["updated_at"]
                versions += 1
    gone = sum(1 for after in log if after["gone_at"] is not None and after["change"] == "gone")
    return {"changes": len(log), "versions": versions, "deletions": gone}


def main(changes: int, appointments: int, scans: int, results: Path | None) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-warehouse-") as name:
        measured(Path(name), changes, appointments, scans, results)


def measured(folder: Path, changes: int, appointments: int, scans: int, results: Path | None) -> None:
    started = time.perf_counter()
    asyncio.run(written(folder / "mirror.db", changes, appointments))
    print(f"mirror: {changes} changes written in {time.perf_counter() - started:.1f} s")
    sent = 0
    original = (httpx2.Client.send, httpx2.AsyncClient.send)

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal sent
        sent += 1
        raise AssertionError("the warehouse's source made a request")

    httpx2.Client.send, httpx2.AsyncClient.send = counted, counted  # type: ignore[method-assign]
    try:
        started = time.perf_counter()
        loaded = export(
            f"sqlite:///{folder}/mirror.db", f"duckdb:///{folder}/warehouse.duckdb", pipelines_dir=str(folder / "dlt")
        )
        seconds = time.perf_counter() - started
    finally:
        httpx2.Client.send, httpx2.AsyncClient.send = original  # type: ignore[method-assign]
    per = seconds * 100_000 / loaded
    load = " ".join(f"{average:.1f}" for average in os.getloadavg())
    print(f"export: {loaded} changes in {seconds:.1f} s: {per:.1f} s per 100,000 changes; requests to Engage: {sent}")
    print(f"load average (1, 5, 15 minutes) after the export: {load}")
    scanned = rescanned(folder / "mirror.db", scans)
    print(
        f"rescanning by updated_at, {scans} scans: {scanned['versions']} of {scanned['changes']} changes seen,"
        f" 0 of {scanned['deletions']} deletions; the change log: {loaded} of {scanned['changes']},"
        f" {scanned['deletions']} of {scanned['deletions']}"
    )
    record(
        results,
        "warehouse",
        [
            row("warehouse", "export 100,000 changes into DuckDB", "mirror export", "s", [per]),
            row("warehouse", "requests to Engage", "mirror export", "requests", [float(sent)]),
            row(
                "warehouse",
                "changes held of the history",
                "mirror export",
                "changes",
                [float(loaded)],
                higher_is_better=True,
            ),
            row(
                "warehouse",
                "changes held of the history",
                "rescans by updated_at",
                "changes",
                [float(scanned["versions"])],
                higher_is_better=True,
            ),
        ],
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--appointments", type=int, default=10_000)
    parser.add_argument("--scans", type=int, default=20)
    add_results_argument(parser)
    arguments = parser.parse_args()
    main(arguments.changes, arguments.appointments, arguments.scans, arguments.results)
