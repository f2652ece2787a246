"""What the mirror's tests share: appointments seeded with every field Engage requires, changes made through
the API, a receiver that is down, and the table read and compared with the fake's own records, by SQL,
not through the mirror under test."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client._base.shared_urls import split_url
from pexip_engage_client.testing import FakePexipEngage

from .loopback import wait_until_listening
from .postgres_server import migrated
from .waiting import wait_until

SECRET = "mirror-s3cr3t"


def wire(moment: datetime) -> str:
    """A date-time as Engage writes it: UTC, milliseconds, `Z`."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def seed_references(fake: FakePexipEngage) -> None:
    """The subject, office, employees and customers the appointments name (the fake refuses unknown ones)."""
    fake.add_subject(id="subject-1")
    fake.add_office(id="office-1")
    for number in range(1, 4):
        fake.add_employee(id=f"employee-{number}", email=f"employee-{number}@example.com")
        fake.add_customer(id=f"customer-{number}")


def seed(fake: FakePexipEngage, count: int, *, starting: datetime, status: str = "INCOMING_REQUEST") -> list[str]:
    """`count` appointments an hour apart from `starting`, each with every field Engage requires."""
    ids = []
    for number in range(count):
        begins = starting + timedelta(hours=number)
        appointment = fake.add_appointment(
            start=wire(begins),
            end=wire(begins + timedelta(minutes=30)),
            subject={"id": "subject-1"},
            office={"id": "office-1"},
            appointmentParticipants=[
                {"role": "PRIMARY", "participant": {"id": f"customer-{number % 3 + 1}"}, "type": "CUSTOMER"},
                {"role": "PRIMARY", "participant": {"id": f"employee-{number % 3 + 1}"}, "type": "EMPLOYEE"},
            ],
            status=status,
            meetingType="VIDEO",
            externalId=f"CRM-{number}",
        )
        ids.append(appointment["id"])
    return ids


def create_body(begins: datetime, external_id: str) -> dict[str, Any]:
    """A `createAppointment` body with every field Engage requires."""
    return {
        "start": wire(begins),
        "end": wire(begins + timedelta(minutes=30)),
        "subjectId": "subject-1",
        "officeId": "office-1",
        "meetingType": "VIDEO",
        "appointmentParticipants": [
            {"role": "PRIMARY", "participantId": "employee-1", "type": "EMPLOYEE"},
            {"role": "PRIMARY", "participantId": "customer-1", "type": "CUSTOMER"},
        ],
        "externalId": external_id,
    }


async def reschedule(engage: PexipEngage, appointment_id: str, begins: datetime) -> datetime:
    """Move an appointment (an event the fake delivers); its new `updatedAt`."""
    moved = await engage.appointments.reschedule_appointment(
        appointment_id, body={"start": wire(begins), "end": wire(begins + timedelta(minutes=30))}
    )
    assert isinstance(moved.updated_at, datetime)
    return moved.updated_at


def database_url(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A database of its own for one test: a SQLite file, or a schema of the session's PostgreSQL."""
    if kind == "sqlite":
        return f"sqlite:///{tmp_path}/mirror.db"
    return migrated(f"{request.getfixturevalue('postgres_url')}?schema=mirror_{uuid.uuid4().hex[:12]}")


# --- The table, read by SQL ------------------------------------------------------------------------

_COLUMNS = 'id, status, start, "end", updated_at, gone_at, document'


def table(url: str) -> dict[str, dict[str, Any]]:
    """The rows of `appointments`, by id: status, start, end, updated_at and gone_at as datetimes, document."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():  # no mirror has opened it yet
            return {}
        with closing(sqlite3.connect(path)) as db, db:
            found = db.execute(f"SELECT {_COLUMNS} FROM appointments").fetchall()  # noqa: S608 - constants
        rows = [(*row[:2], *(_moment(value) for value in row[2:6]), json.loads(row[6])) for row in found]
    else:
        import psycopg

        conninfo, schema = split_url(url)
        with psycopg.connect(conninfo) as pg:
            rows = pg.execute(f'SELECT {_COLUMNS} FROM "{schema}".appointments').fetchall()  # noqa: S608
    return {
        row[0]: {
            "status": row[1],
            "start": row[2],
            "end": row[3],
            "updated_at": row[4],
            "gone_at": row[5],
            "document": row[6],
        }
        for row in rows
    }


def execute(url: str, statement: str, params: tuple[Any, ...] = ()) -> None:
    """A statement run on the mirror's database by hand (`?` marks a parameter)."""
    if url.startswith("sqlite:///"):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db, db:
            db.execute(statement, params)
        return
    import psycopg

    conninfo, schema = split_url(url)
    with psycopg.connect(conninfo, autocommit=True) as pg:
        pg.execute(f'SET search_path TO "{schema}"')
        pg.execute(statement.replace("?", "%s"), params)


def _moment(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def stale_or_missing(url: str, fake: FakePexipEngage) -> list[str]:
    """Each appointment of the fake the table does not hold as the API has it (status, start, end,
    updatedAt), and each row the fake does not have that is not marked gone."""
    rows = table(url)
    wrong = []
    for appointment_id, appointment in fake.appointments.items():
        row = rows.pop(appointment_id, None)
        expected = {
            "status": appointment.get("status"),
            "start": _api_moment(appointment.get("start")),
            "end": _api_moment(appointment.get("end")),
            "updated_at": _api_moment(appointment.get("updatedAt")),
            "gone_at": None,
        }
        if row is None:
            wrong.append(f"{appointment_id}: missing")
        elif {name: row[name] for name in expected} != expected:
            wrong.append(f"{appointment_id}: {row} != {expected}")
    wrong += [f"{appointment_id}: not in the API" for appointment_id, row in rows.items() if row["gone_at"] is None]
    return wrong


def _api_moment(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value.replace("Z", "+00:00"))


# --- `pexip-engage mirror run` in a process of its own ---------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def start_mirror(
    database: str, base_url: str, port: int, log: Path, *options: str, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """`pexip-engage mirror run` on `port`, reading the fake at `base_url`; returned once it listens (or,
    with `--no-serve`, once started). Its log (stderr) goes to `log`."""
    command = [
        sys.executable,
        "-m",
        "pexip_engage_cli",
        "mirror",
        "run",
        "--database",
        database,
        "--port",
        str(port),
        "--base-url",
        base_url,
        "--enterprise",
        "acme",
        *options,
    ]
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PEXIP_ENGAGE_TOKEN": "t",
        "PEXIP_ENGAGE_WEBHOOK_SECRET": SECRET,
        **(env or {}),
    }
    with log.open("ab") as written:
        process = subprocess.Popen(command, env=environment, stdout=written, stderr=written, cwd=ROOT)
    try:
        if "--no-serve" in options:
            wait_until(lambda: b"mirror started" in log.read_bytes() or process.poll() is not None, 30)
        else:
            wait_until_listening(port, process, "mirror run")
    except (RuntimeError, TimeoutError):
        process.kill()
        process.wait()
        raise RuntimeError(f"mirror run did not start:\n{log.read_text(errors='replace')}") from None
    return process


def stopped(process: subprocess.Popen[bytes], signum: int = signal.SIGTERM, timeout: float = 30) -> int:
    """The process's exit status after `signum`."""
    process.send_signal(signum)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise


def equal_soon(database: str, fake: FakePexipEngage, seconds: float = 60) -> None:
    """Wait until the table holds every appointment as the fake has it; AssertionError naming what differs."""
    try:
        wait_until(lambda: not stale_or_missing(database, fake), seconds)
    except TimeoutError:
        raise AssertionError(stale_or_missing(database, fake)) from None
