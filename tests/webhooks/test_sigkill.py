"""A receiver process killed (SIGKILL) while it holds acknowledged, unhandled events loses none:
started again on the same store (a SQLite file, or PostgreSQL), it handles each of them once."""

from __future__ import annotations

import signal
import sqlite3
import time
import uuid
from collections import Counter
from contextlib import closing
from pathlib import Path

import httpx2
import psycopg
import pytest

from pexip_engage_client._base.shared_urls import split_url
from pexip_engage_client.testing import appointment_event

from ..support.postgres_server import migrated
from ..support.receiver_process import SECRET, start_receiver

# Starts servers, processes or redis-server: left out of `make check`.
pytestmark = pytest.mark.end_to_end

EVENTS = 40


def counted(store: str) -> dict[str, int]:
    """How many of the store's events are in each status, read from its file or its tables."""
    if store.startswith("sqlite:///"):
        with closing(sqlite3.connect(store.removeprefix("sqlite:///"))) as db, db:
            return dict(db.execute("SELECT status, count(*) FROM events GROUP BY status").fetchall())
    conninfo, schema = split_url(store)
    with psycopg.connect(conninfo) as pg:
        query = f'SELECT status, count(*) FROM "{schema}".webhook_events GROUP BY status'  # noqa: S608 - a checked name
        rows = pg.execute(query).fetchall()
    return {status: int(count) for status, count in rows}


@pytest.mark.slow
@pytest.mark.main_python_only
@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_events_acknowledged_before_a_sigkill_are_each_handled_once_after_restart(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    record, block = tmp_path / "runs.txt", tmp_path / "block"
    if kind == "sqlite":
        store = f"sqlite:///{tmp_path / 'events.db'}"
    else:
        store = migrated(f"{request.getfixturevalue('postgres_url')}?schema=sigkill_{uuid.uuid4().hex}")
    block.touch()  # handlers wait while it exists: the events are acknowledged and held
    bodies = {
        f"event-{n}": appointment_event({"id": f"appointment-{n % 7}"}, event_id=f"event-{n}") for n in range(EVENTS)
    }
    process, url = start_receiver(store, record, block=block, lease=1.0)
    try:
        for body in bodies.values():
            response = httpx2.post(
                url, params={"key": SECRET}, content=body, headers={"Content-Type": "application/json"}
            )
            assert response.status_code == 202
        deadline = time.monotonic() + 20
        while True:  # until some handlers are running (and blocked): acknowledged, claimed, unhandled
            held = counted(store)
            if held.get("handling", 0) > 0 or time.monotonic() > deadline:
                break
            time.sleep(0.02)
        assert held.get("handling", 0) > 0
        assert sum(held.values()) == EVENTS
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert not record.exists()  # nothing was handled before the kill
    block.unlink()
    process, _ = start_receiver(store, record, lease=1.0)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            statuses = counted(store)
            if statuses == {"handled": EVENTS}:
                break
            time.sleep(0.05)
    finally:
        process.terminate()
        process.wait()
    assert statuses == {"handled": EVENTS}
    handled = Counter(line.split()[0] for line in record.read_text().splitlines())
    assert handled == Counter(dict.fromkeys(bodies, 1))
