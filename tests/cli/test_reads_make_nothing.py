"""A read makes nothing (issue 95): `mirror status`, `mirror check`, `mirror cursors`, `webhooks status` and
`webhooks failed` on a SQLite file that holds no mirror or webhook store (a mistyped path to another database's
file) exit 1 naming what is missing, and leave the file as it was: no table made, as a PostgreSQL schema
missing is refused (tests/cli/test_application_role.py)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from pexip_engage_client.mirror import AppointmentMirror

from ..support.cli import Cli

READS = [
    (("mirror", "status", "--database"), "has no mirror tables (`mirror run` makes them)"),
    (("mirror", "check", "--database"), "has no mirror tables (`mirror run` makes them)"),
    (("mirror", "cursors", "--database"), "has no mirror tables (`mirror run` makes them)"),
    (("webhooks", "status", "--store"), "holds no webhook store (a receiver makes it)"),
    (("webhooks", "failed", "--store"), "holds no webhook store (a receiver makes it)"),
]


def tables(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [name for (name,) in connection.execute("SELECT name FROM sqlite_master ORDER BY name")]


@pytest.mark.parametrize(("command", "said"), READS, ids=[" ".join(command[:2]) for command, _ in READS])
def test_a_read_of_a_sqlite_file_without_its_tables_makes_none_and_exits_1(
    command: tuple[str, ...],
    said: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", "t")
    other = tmp_path / "crm.db"  # another application's database, named by mistake
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    extra = ["--base-url", "http://127.0.0.1:9", "--enterprise", "acme"] if command[1] == "check" else []
    run = Cli(capsys)(*command, f"sqlite:///{other}", *extra)
    assert run.code == 1
    assert f"the SQLite {'database' if command[0] == 'mirror' else 'file'} at {other} {said}" in run.err
    assert tables(other) == ["customers"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["crm.db"]  # nor a file beside it


def test_mirror_status_with_the_events_file_missing_exits_1_naming_it_and_makes_it_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mirror = tmp_path / "mirror.db"
    events = tmp_path / "mirror.events.db"  # the receiver's, beside the table's: removed, or never copied over
    made = AppointmentMirror(f"sqlite:///{mirror}", secret="s", catch_up_every=None)

    async def write() -> None:  # a write makes the table's file, as `mirror run` does
        assert await made.forget_cursor("none") is False
        await made.stop()

    asyncio.run(write())
    assert "appointments" in tables(mirror)
    assert not events.exists()
    run = Cli(capsys)("mirror", "status", "--database", f"sqlite:///{mirror}")
    assert run.code == 1
    assert f"TablesMissingError: no SQLite database at {events}: nothing was made" in run.err
    assert not events.exists()
