"""With a real PostgreSQL: the exporter as a role that may only read the mirror and move its cursor; the
publication recipe of docs/warehouse.md read through logical decoding; and the big proof, into DuckDB and
into PostgreSQL, with `pexip-engage mirror export` killed mid-load several times."""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

pytest.importorskip("dlt")
psycopg = pytest.importorskip("psycopg")

from pexip_engage_client.mirror import _tables, export  # noqa: E402
from pexip_engage_client.mirror._database import MIGRATIONS, PostgresDatabase  # noqa: E402
from pexip_engage_client.mirror._rows import MirroredAppointment  # noqa: E402

from ..support.mirror_simulation import Simulation  # noqa: E402
from ..support.postgres_server import PostgresServer, application_role, migrated, postgres_server  # noqa: E402
from ..support.warehouse import Warehouse, held_against, mirror_log  # noqa: E402

pytestmark = [pytest.mark.end_to_end, pytest.mark.slow]
GUIDE = Path(__file__).parents[2] / "docs" / "warehouse.md"
T0 = datetime(2026, 12, 1, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def logical() -> Iterator[PostgresServer]:
    with postgres_server("wal_level=logical", "max_replication_slots=4", "max_wal_senders=4") as server:
        yield server


def _guide_block(marker: str, language: str) -> str:
    found = re.search(rf"<!-- {marker}[^>]*-->\n```{language}\n(.*?)```", GUIDE.read_text(), re.S)
    assert found is not None, marker
    return found.group(1)


def _applied(url: str, batches: list[list[MirroredAppointment | str]]) -> None:
    async def work() -> None:
        database = PostgresDatabase(url, MIGRATIONS)
        try:
            for number, reads in enumerate(batches, 1):
                asked_at = T0 + timedelta(seconds=number)
                await database.run(
                    partial(_tables.apply, database.dialect, reads=reads, asked_at=asked_at, origin="event")
                )
        finally:
            await database.close()

    asyncio.run(work())


def _version(key: str, minute: int) -> MirroredAppointment:
    moment = T0 + timedelta(minutes=minute)
    return MirroredAppointment(
        id=key,
        status="ACCEPTED",
        start=moment + timedelta(days=3),
        end=None,
        updated_at=moment,
        office_id="o-1",
        subject_id=None,
        employee_ids=("adviser-1",),
        customer_ids=(),
        external_id=None,
        document={"id": key},
        unreadable=(),
        gone_at=None,
        read_at=moment,
        sequence=0,
    )


def test_the_exporter_may_only_read_the_mirror_and_move_its_cursor(logical: PostgresServer, tmp_path: Path) -> None:
    owner = migrated(f"{logical.url}?schema=pexip_engage")
    _applied(owner, [[_version("a-1", 1), _version("b-1", 1)], [_version("a-1", 2), "b-1"]])
    exporter = application_role(logical, "exporter")
    grants = re.findall(r"^GRANT .*;$", GUIDE.read_text(), re.M)  # the guide's own
    with psycopg.connect(logical.url, autocommit=True) as connection:
        for grant in grants:
            connection.execute(grant)
    url = f"{exporter}?schema=pexip_engage"
    assert export(url, f"duckdb:///{tmp_path}/w.duckdb", pipelines_dir=str(tmp_path / "dlt")) == 4
    with psycopg.connect(exporter) as connection:
        for statement in (
            "INSERT INTO pexip_engage.appointment_changes VALUES (99, 'x', NULL, '{}', now())",
            "DELETE FROM pexip_engage.appointments",
            "UPDATE pexip_engage.mirror_sequence SET last = 0",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)
            connection.rollback()
        held = connection.execute("SELECT sequence FROM pexip_engage.mirror_cursors WHERE name = 'warehouse'")
        assert held.fetchone() == (4,)


def test_the_publication_recipe_streams_each_change_once_in_each_appointments_order(logical: PostgresServer) -> None:
    owner = migrated(f"{logical.url}?schema=published")
    recipe = _guide_block("publication recipe", "sql").replace("pexip_engage.", "published.")
    with psycopg.connect(logical.url, autocommit=True) as connection:
        for statement in filter(str.strip, recipe.split(";")):
            connection.execute(statement)
        connection.execute("SELECT pg_create_logical_replication_slot('engage_text', 'test_decoding')")
    rng = random.Random(6)  # noqa: S311 - a test's, seeded
    keys = [f"a-{number}" for number in range(5)]
    batches: list[list[MirroredAppointment | str]] = [
        [_version(key, minute) for key in rng.sample(keys, 3)] for minute in range(1, 12)
    ]
    _applied(owner, batches)
    with psycopg.connect(logical.url, autocommit=True) as connection:
        connection.execute("DELETE FROM published.appointment_changes WHERE sequence <= 3")  # pruned: not published
        logged = connection.execute("SELECT max(sequence) FROM published.appointment_changes").fetchone()
        text: list[tuple[str]] = []
        binary: list[tuple[bytes]] = []
        deadline = time.monotonic() + 10  # the test server commits asynchronously: decoding reads what is flushed
        while (
            f"sequence[bigint]:{logged[0]} " not in " ".join(line for (line,) in text) and time.monotonic() < deadline
        ):
            text += connection.execute(
                "SELECT data FROM pg_logical_slot_get_changes('engage_text', NULL, NULL)"
            ).fetchall()
            binary += connection.execute(
                "SELECT data FROM pg_logical_slot_get_binary_changes('engage_changes', NULL, NULL,"
                " 'proto_version', '1', 'publication_names', 'engage_changes')"
            ).fetchall()
            time.sleep(0.1)
    inserts = [
        (int(found[1]), found[2])
        for (line,) in text
        if (
            found := re.search(
                r"appointment_changes: INSERT: sequence\[bigint\]:(\d+) appointment_id\[text\]:'([^']*)'", line
            )
        )
    ]
    numbers = [number for number, _ in inserts]
    assert numbers == list(range(1, logged[0] + 1))  # each once, in the log's order: each appointment's too
    kinds = [bytes(data)[:1] for (data,) in binary]
    assert kinds.count(b"I") == len(inserts)
    assert b"D" not in kinds  # pruning is not published


def _killed_exports(mirror: str, destination: str, folder: Path, rng: random.Random, kills: int) -> None:
    """`mirror export` started and SIGKILLed `kills` times, each as soon as it tells its first, second or third
    load (seeded): then in the middle of its next one, with loads of 25 changes still to go, so the kill always
    lands while it runs, however slowly the machine runs it."""
    for _ in range(kills):
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pexip_engage_cli",
                "mirror",
                "export",
                "--database",
                mirror,
                "--to",
                destination,
                "--pipelines-dir",
                str(folder / "dlt"),
                "--max-changes",
                "25",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PEXIP_ENGAGE_CLIENT_ID": ""},
        )
        assert process.stderr is not None
        loads, told = rng.randint(1, 3), list[str]()
        for line in process.stderr:
            told.append(line)
            if line.startswith("loaded") and (loads := loads - 1) == 0:
                break
        left = re.search(r"(\d+) change\(s\) left", told[-1]) if told else None
        assert left is not None, told
        assert int(left[1]) >= 100, told  # four loads to go: it is still running when killed
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
        process.stderr.close()


@pytest.mark.soak  # minutes: thousands of changes, each load of 25 through dlt, six exports killed
@pytest.mark.timeout(1200)
@pytest.mark.parametrize("warehouse", ["duckdb", "postgres"])
def test_thousands_of_changes_from_three_hosts_held_once_through_kills(
    warehouse: str, logical: PostgresServer, tmp_path: Path
) -> None:
    rng = random.Random(106)  # noqa: S311 - a test's, seeded
    simulation = Simulation(106, path=str(tmp_path / "mirror.db"), appointments=80)
    simulation.connection.execute("PRAGMA synchronous=OFF")
    mirror = f"sqlite:///{tmp_path}/mirror.db"
    # dlt's PostgreSQL destination asks for a password; the test server trusts loopback and ignores it.
    loader = logical.url.replace("postgres@", "postgres:unused@", 1)
    destination = f"duckdb:///{tmp_path}/w.duckdb" if warehouse == "duckdb" else loader
    for _ in range(3):
        simulation._steps(3000)
        _killed_exports(mirror, destination, tmp_path, rng, 2)
    simulation.settle()
    simulation.connection.close()
    export(mirror, destination, pipelines_dir=str(tmp_path / "dlt"), dataset="engage")
    _, log = mirror_log(str(tmp_path / "mirror.db"))
    held = Warehouse.duckdb(str(tmp_path / "w.duckdb")) if warehouse == "duckdb" else Warehouse.postgres(logical.url)
    counted = held_against(held, log, simulation.api.current)
    print(f"{warehouse}: {len(log)} changes, 6 kills mid-run, {counted}", file=sys.stderr)
    assert len(log) > 1000
