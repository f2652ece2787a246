"""`pexip-engage mirror run` in a process of its own, as the issue's probe drives it: the fake served on
loopback and delivering to it with duplicates and reordering at a hundredth of Engage's retry timings;
live changes; a stop (SIGTERM), an outage in which deliveries are lost for good (a reschedule 200 days
out among them), a restart; the table compared with the API; `mirror status`; `mirror check` before and
after a row is changed by hand. And SIGKILL in the middle of applying, with the CRM recipe's hook."""

from __future__ import annotations

import json
import signal
import sqlite3
import uuid
from collections import Counter
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2
import pytest

from pexip_engage_client import SyncPexipEngage
from pexip_engage_client.testing import FakePexipEngage, appointment_event

from ..support.cli import Cli
from ..support.loopback import free_port
from ..support.mirror import (
    ROOT,
    SECRET,
    create_body,
    equal_soon,
    execute,
    seed,
    seed_references,
    start_mirror,
    stopped,
    table,
    wire,
)
from ..support.postgres_server import migrated
from ..support.waiting import wait_until

pytestmark = [pytest.mark.end_to_end, pytest.mark.slow]

NOW = datetime.now(UTC)
# A hook of the test's: each call logged as it comes (to count calls), then the CRM recipe's hook.
HOOK = f"""
import json, os, sys
sys.path.insert(0, {str(ROOT / "examples")!r})
import mirror_crm

def changed(before, after):
    with open(os.environ["MIRROR_CALLS"], "a") as calls:
        calls.write(json.dumps([after.sequence, after.id, str(after.updated_at), after.gone_at is not None]) + "\\n")
    mirror_crm.changed(before, after)
"""


def hook_env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "probe_hooks.py").write_text(HOOK, encoding="utf-8")
    return {"MIRROR_CALLS": str(tmp_path / "calls.jsonl"), "CRM_DATABASE": str(tmp_path / "crm.db")}


def calls(tmp_path: Path) -> list[list[Any]]:
    """The calls the hook logged: its complete lines (read while the mirror runs, the last may be half written)."""
    path = tmp_path / "calls.jsonl"
    return [json.loads(line) for line in path.read_text().split("\n")[:-1]] if path.exists() else []


def crm(tmp_path: Path) -> dict[str, str]:
    with closing(sqlite3.connect(tmp_path / "crm.db")) as db, db:
        return dict(db.execute("SELECT id, status FROM meetings").fetchall())


def change(engage: SyncPexipEngage, fake: FakePexipEngage, ids: list[str], rounds: int) -> None:
    """Live changes through the API: accepts, reschedules, details."""
    for round_ in range(rounds):
        for number, appointment_id in enumerate(ids):
            fake.clock.advance(1)
            if (round_ + number) % 3 == 0 and fake.appointments[appointment_id]["status"] == "INCOMING_REQUEST":
                engage.appointments.accept_appointment(appointment_id)
            elif (round_ + number) % 3 == 1:
                begins = NOW + timedelta(days=3 + round_, hours=number)
                engage.appointments.reschedule_appointment(
                    appointment_id, body={"start": wire(begins), "end": wire(begins + timedelta(minutes=30))}
                )
            else:
                engage.appointments.update_appointment_details(appointment_id, body={"answers": []})


def test_the_probe_deliveries_with_duplicates_and_reordering_an_outage_a_restart_status_and_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", "t")  # for `mirror check`, run here
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 12, starting=NOW + timedelta(days=2))
    ids += seed(fake, 3, starting=NOW + timedelta(days=400))  # outside any window: found by the start's catch-up
    database, port, log = f"sqlite:///{tmp_path}/mirror.db", free_port(), tmp_path / "mirror.log"
    options = ("--app-dir", str(tmp_path), "--on-change", "probe_hooks:changed", "--catch-up-every", "1h")
    env = hook_env(tmp_path)
    cli = Cli(capsys)
    deliveries: dict[str, Any] = {"duplicates": 2, "reorder_window": 0.05, "time_scale": 0.01, "seed": 89}
    with (
        fake.serve() as base_url,
        SyncPexipEngage("acme", token="t", transport=fake) as engage,
        closing(fake.deliver_webhooks(f"http://127.0.0.1:{port}/?key={SECRET}", **deliveries)) as sender,
    ):
        mirror = start_mirror(database, base_url, port, log, *options, env=env)
        try:
            equal_soon(database, fake)
            change(engage, fake, ids[:12], rounds=3)
            engage.appointments.create_appointment(body=create_body(NOW + timedelta(days=6), "CRM-live"))
            sender.wait()
            equal_soon(database, fake)
        finally:
            assert stopped(mirror) == 0  # SIGTERM: stopped with nothing half-applied
        assert "is stopping" in log.read_text()
        assert "mirror stopped" in log.read_text()

        # The outage: every delivery refused, each event lost after Engage's three attempts.
        fake.clock.advance(1)
        moved = ids[0]
        engage.appointments.reschedule_appointment(
            moved, body={"start": wire(NOW + timedelta(days=200)), "end": wire(NOW + timedelta(days=200, hours=1))}
        )
        change(engage, fake, ids[1:6], rounds=1)
        far = engage.appointments.create_appointment(body=create_body(NOW + timedelta(days=300), "CRM-far"))
        sender.wait()
        assert len(sender.lost) >= 7
        assert far.id not in table(database)

        mirror = start_mirror(database, base_url, port, log, *options, env=env)  # the restart: it catches up
        try:
            equal_soon(database, fake)
            assert table(database)[moved]["start"] == datetime.fromisoformat(
                fake.appointments[moved]["start"].replace("Z", "+00:00")
            )
            wait_until(lambda: len(crm(tmp_path)) == len(fake.appointments), 30)
            status = cli("mirror", "status", "--database", database, "-o", "json")
            checked = cli("mirror", "check", "--database", database, "--base-url", base_url, "--enterprise", "acme")
            execute(database, "UPDATE appointments SET status = 'CANCELLED' WHERE id = ?", (ids[2],))
            by_hand = cli("mirror", "check", "--database", database, "--base-url", base_url, "--enterprise", "acme")
        finally:
            assert stopped(mirror) == 0
    assert status.code == 0, status.err
    shown = json.loads(status.out)
    assert (shown["rows"], shown["waitingReads"], shown["waitingEvents"]) == (len(fake.appointments), 0, 0)
    assert shown["lastCatchUp"]["window"] == "everything"
    assert shown["hooksBehind"] == {"default": 0}
    assert (checked.code, by_hand.code) == (0, 1), checked.err + by_hand.err
    assert "the table equals the API" in checked.out
    assert by_hand.out.splitlines() == [f"{ids[2]}: the table differs from the API at the same updatedAt (status)"]
    handed = calls(tmp_path)
    assert [entry[0] for entry in handed] == sorted({entry[0] for entry in handed})  # none twice, in order
    assert crm(tmp_path) == {appointment_id: row["status"] for appointment_id, row in fake.appointments.items()}


def test_a_mirror_killed_in_the_middle_of_applying_leaves_no_change_half_applied_and_none_handed_to_the_crm_twice(
    tmp_path: Path,
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    # 500 appointments: each start's catch-up applies pages of them, and each kill below lands mid-way.
    ids = seed(fake, 500, starting=NOW + timedelta(days=2))
    database, port, log = f"sqlite:///{tmp_path}/mirror.db", free_port(), tmp_path / "mirror.log"
    options = ("--app-dir", str(tmp_path), "--on-change", "probe_hooks:changed", "--catch-up-every", "1h")
    env = hook_env(tmp_path)
    kills = 0
    # Stopped (SIGTERM) and killed (SIGKILL) as the start's catch-up applies its pages (more rows written), and
    # as the hook is handed changes.
    moments = [
        (signal.SIGTERM, rows, 75),
        (signal.SIGKILL, rows, 100),
        (signal.SIGKILL, rows, 125),
        (signal.SIGKILL, calls_made, 38),
        (signal.SIGKILL, calls_made, 75),
        (signal.SIGKILL, calls_made, 125),
    ]
    with (
        fake.serve() as base_url,
        SyncPexipEngage("acme", token="t", transport=fake) as engage,
        closing(fake.deliver_webhooks(f"http://127.0.0.1:{port}/?key={SECRET}", duplicates=1, time_scale=0.01)),
    ):
        for signum, counted, more in moments:
            target = min(counted(tmp_path) + more, len(ids) if counted is rows else 2 * len(ids))
            mirror = start_mirror(database, base_url, port, log, *options, env=env)
            wait_until(lambda counted=counted, target=target: counted(tmp_path) >= target, 120)  # type: ignore[misc]
            assert stopped(mirror, signum) == (0 if signum == signal.SIGTERM else -signal.SIGKILL)
            kills += signum == signal.SIGKILL
            consistent(database)
            for appointment_id in ids[kills * 10 : kills * 10 + 5]:  # changes whose deliveries find it dead
                fake.clock.advance(1)
                engage.appointments.update_appointment_details(appointment_id, body={"answers": []})
        mirror = start_mirror(database, base_url, port, log, *options, env=env)
        try:
            equal_soon(database, fake, 120)
            wait_until(lambda: len(crm(tmp_path)) == len(fake.appointments), 120)
        finally:
            assert stopped(mirror) == 0
    handed = Counter(entry[0] for entry in calls(tmp_path))
    # Only the change whose hook was running at a kill is handed again: one call more per kill at most (a SIGTERM
    # lets the hook in hand finish and its cursor be written: none).
    assert sum(count - 1 for count in handed.values()) <= kills
    assert sorted(handed) == list(range(1, max(handed) + 1))  # and none is skipped
    with closing(sqlite3.connect(tmp_path / "crm.db")) as db, db:
        assert db.execute("SELECT max(sequence) FROM applied").fetchone()[0] == max(handed)
    assert crm(tmp_path) == {appointment_id: row["status"] for appointment_id, row in fake.appointments.items()}


def rows(tmp_path: Path) -> int:
    if not (tmp_path / "mirror.db").exists():
        return 0
    with closing(sqlite3.connect(tmp_path / "mirror.db")) as db, db:
        found = db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'appointments'").fetchone()[0]
        return int(db.execute("SELECT count(*) FROM appointments").fetchone()[0]) if found else 0


def calls_made(tmp_path: Path) -> int:
    return len(calls(tmp_path))


def consistent(database: str) -> None:
    """Each row's change is in the log, and each change of the log is a row's or was passed by a later one:
    the row and its change were written in one transaction, or neither."""
    with closing(sqlite3.connect(database.removeprefix("sqlite:///"))) as db, db:
        orphans = db.execute(
            "SELECT count(*) FROM appointments AS a"
            " WHERE NOT EXISTS (SELECT 1 FROM appointment_changes AS c WHERE c.sequence = a.sequence)"
        ).fetchone()[0]
        unwritten = db.execute(
            "SELECT count(*) FROM appointment_changes AS c WHERE NOT EXISTS"
            " (SELECT 1 FROM appointments AS a WHERE a.id = c.appointment_id AND a.sequence >= c.sequence)"
        ).fetchone()[0]
        last = db.execute("SELECT last FROM mirror_sequence").fetchone()[0]
        logged = db.execute("SELECT coalesce(max(sequence), 0) FROM appointment_changes").fetchone()[0]
    assert (orphans, unwritten, last) == (0, 0, logged)


def test_a_delivery_without_the_secret_is_refused_by_the_served_mirror(tmp_path: Path) -> None:
    fake = FakePexipEngage()
    database, port, log = f"sqlite:///{tmp_path}/mirror.db", free_port(), tmp_path / "mirror.log"
    with fake.serve() as base_url:
        mirror = start_mirror(database, base_url, port, log)
        try:
            headers = {"Content-Type": "application/json"}
            body = appointment_event({"id": "a-1"}, "CREATE")
            refused = httpx2.post(f"http://127.0.0.1:{port}/?key=wrong", content=body, headers=headers)
            unreadable = httpx2.post(f"http://127.0.0.1:{port}/?key={SECRET}", content=b"{", headers=headers)
        finally:
            assert stopped(mirror) == 0
    assert (refused.status_code, unreadable.status_code) == (401, 400)
    assert SECRET not in log.read_text()
    with closing(sqlite3.connect(tmp_path / "mirror.events.db")) as db, db:
        assert db.execute("SELECT count(*) FROM events").fetchone() == (0,)
    with closing(sqlite3.connect(tmp_path / "mirror.db")) as db, db:
        assert db.execute("SELECT count(*) FROM mirror_pending").fetchone() == (0,)


def test_mirror_run_on_postgresql_takes_deliveries_and_says_so_in_status(
    tmp_path: Path, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 5, starting=NOW + timedelta(days=2))
    database = migrated(f"{request.getfixturevalue('postgres_url')}?schema=mirror_run_{uuid.uuid4().hex[:12]}")
    port, log = free_port(), tmp_path / "mirror.log"
    with (
        fake.serve() as base_url,
        SyncPexipEngage("acme", token="t", transport=fake) as engage,
        closing(fake.deliver_webhooks(f"http://127.0.0.1:{port}/?key={SECRET}", duplicates=1, time_scale=0.1)),
    ):
        mirror = start_mirror(database, base_url, port, log, "--catch-up-every", "1h")
        try:
            equal_soon(database, fake)
            fake.clock.advance(1)
            engage.appointments.accept_appointment(ids[0])
            equal_soon(database, fake)
            shown = Cli(capsys)("mirror", "status", "--database", database, "-o", "json")
        finally:
            assert stopped(mirror) == 0
    status = json.loads(shown.out)
    assert (status["rows"], status["lastChange"], status["waitingReads"]) == (5, 6, 0)
    assert "password" not in log.read_text()
