"""A deterministic, seeded simulation of the mirror on several hosts, in one process (issue 96, point 6).

The mirror's own parts (`_tables.notice`, `take`, `prepare` and `finish` of `apply`, `let_go_of`;
`_rows.row_from` and `decide`) run on one SQLite database, on a virtual clock, driven by a seeded random
walk of steps:

- the API changes: appointments made, changed, deleted (read as 404 after), and made again with the same id;
  each change sends events that are duplicated, delayed (so reordered) or lost;
- an event delivered: noticed;
- a host's reader takes what waits and asks the API for it; a host's catch-up asks for every
  appointment (the listing, and the rows it lacks by id), a page at a time;
- a host applies a page it asked for, in two steps as a database may interleave them: `prepare` (the
  appointments' locks, their rows read, each read decided) and, later, `finish` (written); between them
  other hosts run, as on PostgreSQL, and a host that finds an appointment's lock taken waits;
- a host restarts: what it asked for and had not written is lost, and its claims are let go.

After every step the table and the log are held against the API: no appointment's creation logged
twice, each row what its last change logged, and no row going back to an older state of its appointment
than it held (an older version, or present again from a read asked before it read as gone). At the end,
once every event is delivered and a full catch-up applied, the table equals the API.
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from pexip_engage_client._shared.databases import Statements, _SQLiteDialect
from pexip_engage_client._shared.sqlite import connect
from pexip_engage_client.mirror import _tables
from pexip_engage_client.mirror._database import SQLITE_MIGRATIONS
from pexip_engage_client.mirror._rows import MirroredAppointment, row_from
from pexip_engage_client.models import Appointment

_START = datetime(2026, 12, 1, 9, tzinfo=UTC)
# What every appointment document holds besides what the simulation sets (as the fake makes one).
_REQUIRED: dict[str, Any] = {
    "externalId": None,
    "subject": {"id": "subject-1"},
    "office": {"id": "office-1"},
    "appointmentParticipants": [],
    "answers": [],
    "callbackRequest": None,
    "listing": None,
    "leadSegment": None,
    "meetingRoom": None,
    "meetingType": "VIDEO",
    "hybrid": False,
    "trailingBufferTime": 0,
    "internalNotes": None,
    "messageForCustomer": None,
    "createdBy": None,
    "createdByType": "OTHER",
    "createdFrom": "OTHER",
    "updatedBy": None,
    "updatedByType": "OTHER",
    "updatedFrom": "OTHER",
    "location": None,
}


class BlockedError(Exception):
    """An appointment's lock is held by another host's transaction: this one waits (its step tried later)."""


class SimulationFailedError(AssertionError):
    """What the simulation found, with its seed and step."""


class _Locks:
    """The appointments' locks of the transactions in flight, as PostgreSQL's advisory locks hold them."""

    def __init__(self) -> None:
        self.held: dict[str, object] = {}
        self.current: object | None = None  # the transaction taking them


class SimulatedDialect(_SQLiteDialect):
    """SQLite's values; `lock_ids` takes the simulation's locks, as PostgreSQL's does its advisory ones."""

    def __init__(self, locks: _Locks) -> None:
        self.locks = locks

    def lock_ids(self, statements: Statements, ids: Sequence[str]) -> None:
        owner = self.locks.current
        if any(self.locks.held.get(appointment_id, owner) is not owner for appointment_id in ids):
            raise BlockedError
        for appointment_id in ids:
            self.locks.held[appointment_id] = owner


class _Statements:
    def __init__(self, connection: sqlite3.Connection, now: datetime) -> None:
        self._connection = connection
        self.now = now

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._connection.execute(sql, params).fetchall()

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._connection.execute(sql, params).rowcount

    def many(self, sql: str, params: Any) -> None:
        self._connection.executemany(sql, params)


class Api:
    """The API: each appointment's document now (None: deleted, 404), and every state it has had, in order."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.now = _START
        self.current: dict[str, dict[str, Any] | None] = {}
        self.history: dict[str, list[tuple[bool, datetime]]] = {}

    def tick(self) -> datetime:
        self.now += timedelta(milliseconds=self.rng.randint(1, 40))
        return self.now

    def _document(self, appointment_id: str, status: str) -> dict[str, Any]:
        begins = _START + timedelta(days=self.rng.randint(1, 30), hours=self.rng.randint(0, 23))
        return {
            **_REQUIRED,
            "id": appointment_id,
            "status": status,
            "start": _wire(begins),
            "end": _wire(begins + timedelta(minutes=30)),
            "createdAt": _wire(_START),
            "updatedAt": _wire(self.now),
        }

    def create(self, appointment_id: str) -> None:
        self.tick()
        self.current[appointment_id] = self._document(appointment_id, "INCOMING_REQUEST")
        self.history.setdefault(appointment_id, []).append((True, _moment(self.now)))

    def change(self, appointment_id: str) -> None:
        self.tick()
        self.current[appointment_id] = self._document(appointment_id, self.rng.choice(["ACCEPTED", "COMPLETED"]))
        self.history[appointment_id].append((True, _moment(self.now)))

    def delete(self, appointment_id: str) -> None:
        self.tick()
        self.current[appointment_id] = None
        self.history[appointment_id].append((False, _moment(self.now)))

    def read(self, appointment_id: str) -> MirroredAppointment | str:
        """One appointment, by id: its row, or its id when it reads as gone (404)."""
        document = self.current.get(appointment_id)
        if document is None:
            return appointment_id
        row = row_from(Appointment.from_dict(dict(document)), self.now)
        assert row is not None
        return row

    def listing(self) -> list[MirroredAppointment]:
        return [row for row in map(self.read, sorted(self.current)) if isinstance(row, MirroredAppointment)]


def _wire(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _moment(moment: datetime) -> datetime:
    return datetime.fromisoformat(_wire(moment).replace("Z", "+00:00"))


@dataclass
class Batch:
    """A page a host asked the API for, when, and (once prepared) its decisions under its locks."""

    reads: list[MirroredAppointment | str]
    asked_at: datetime
    taken: dict[str, int] | None
    prepared: _tables.Prepared | None = None


@dataclass
class Host:
    name: str
    batches: list[Batch] = field(default_factory=list)


class Simulation:
    """One seeded run: `run(steps)` raises `SimulationFailedError` naming what broke, the seed and the step."""

    def __init__(
        self, seed: int, *, hosts: int = 3, appointments: int = 8, page: int = 3, path: str = ":memory:"
    ) -> None:
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311 - a simulation's, seeded to be repeated
        self.api = Api(self.rng)
        self.locks = _Locks()
        self.dialect = SimulatedDialect(self.locks)
        self.connection = connect(path, SQLITE_MIGRATIONS)  # a file: for other processes to read too
        self.hosts = [Host(f"host-{number}") for number in range(hosts)]
        self.page = page
        self.events: list[tuple[str, datetime | None]] = []
        self.ids = [f"appointment-{number}" for number in range(appointments)]
        self.held_index: dict[str, int] = {}  # each row's place in its appointment's history, as last seen
        self.step = 0
        self.seen = 0  # the log read up to this change
        self.created: dict[str, int] = {}  # `added` changes logged, by appointment
        self.last: dict[str, MirroredAppointment] = {}  # each appointment's last change logged

    # --- The database -----------------------------------------------------------------------------

    def transaction(self, work: Any, owner: object | None = None) -> Any:
        """`work(statements)` as one transaction (rolled back if it raises), `owner` taking the locks."""
        self.locks.current = owner
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            result = work(_Statements(self.connection, self.api.now))
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")
        return result

    # --- Steps ------------------------------------------------------------------------------------

    def _api_changes(self) -> None:
        appointment_id = self.rng.choice(self.ids)
        document = self.api.current.get(appointment_id, "never")
        if document == "never":
            self.api.create(appointment_id)
        elif document is None:
            if self.rng.random() < 0.5:
                self.api.create(appointment_id)  # made again under its id: it reappears
        elif self.rng.random() < 0.2:
            self.api.delete(appointment_id)
        else:
            self.api.change(appointment_id)
        if self.rng.random() < 0.2:  # lost for good
            return
        newest = None if self.api.current.get(appointment_id) is None else self.api.now
        for _ in range(1 + self.rng.choice([0, 0, 1, 2])):  # duplicated
            self.events.append((appointment_id, newest))

    def _deliver(self) -> None:
        if self.events:  # any of those sent: reordered
            appointment_id, newest = self.events.pop(self.rng.randrange(len(self.events)))
            self.transaction(lambda statements: _tables.notice(self.dialect, statements, appointment_id, newest))

    def _read_waiting(self, host: Host) -> None:
        taken, asked_at = self.transaction(
            lambda statements: _tables.take(
                self.dialect, statements, limit=self.page, quiet=0, lease=60, holder=host.name
            )
        )
        if taken:
            host.batches.append(Batch([self.api.read(appointment_id) for appointment_id in taken], asked_at, taken))

    def _catch_up(self, host: Host) -> None:
        """The listing and, by id, every row it lacks, asked now, applied a page at a time later."""
        asked_at = self.api.now
        listed: list[MirroredAppointment | str] = list(self.api.listing())
        held = self.transaction(lambda statements: _tables.rows_after(self.dialect, statements, after="", limit=1000))
        seen = {read.id for read in listed if isinstance(read, MirroredAppointment)}
        listed += [self.api.read(row.id) for row in held if row.id not in seen]
        for first in range(0, len(listed), self.page):
            host.batches.append(Batch(listed[first : first + self.page], asked_at, None))

    def _prepare(self, host: Host) -> None:
        waiting = [batch for batch in host.batches if batch.prepared is None]
        if not waiting:
            return
        batch = self.rng.choice(waiting)
        with contextlib.suppress(BlockedError):  # it waits for the lock: tried again at a later step
            batch.prepared = self.transaction(
                lambda statements: _tables.prepare(
                    self.dialect,
                    statements,
                    batch.reads,
                    batch.asked_at,
                    origin="catch-up" if batch.taken is None else "event",
                ),
                batch,
            )

    def _finish(self, host: Host) -> None:
        ready = [batch for batch in host.batches if batch.prepared is not None]
        if not ready:
            return
        batch = self.rng.choice(ready)
        host.batches.remove(batch)
        prepared = batch.prepared
        assert prepared is not None
        try:
            self.transaction(
                lambda statements: _tables.finish(self.dialect, statements, prepared, taken=batch.taken), batch
            )
        except _tables.RaceLostError:
            if batch.taken:  # rolled back: what it had taken is read again
                self.transaction(lambda statements: _tables.let_go_of(statements, ids=list(batch.taken or {})))
        finally:
            self._unlock(batch)

    def _restart(self, host: Host) -> None:
        for batch in host.batches:
            self._unlock(batch)
        host.batches.clear()
        # What it claimed is let go at once, as the next take on its host does for a process that no longer runs.
        release = "UPDATE mirror_pending SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?"
        self.transaction(lambda statements: statements.run(release, [host.name]))

    def _unlock(self, batch: Batch) -> None:
        for appointment_id in [key for key, owner in self.locks.held.items() if owner is batch]:
            del self.locks.held[appointment_id]

    def run(self, steps: int) -> None:
        """`steps` steps, then the in-memory database closed, whatever they came to (Python 3.13 warns of a
        connection collected unclosed, in whichever test the collector then runs)."""
        try:
            self._steps(steps)
        finally:
            self.connection.close()

    def _steps(self, steps: int) -> None:
        for self.step in range(steps):
            self.api.tick()
            host = self.rng.choice(self.hosts)
            action = self.rng.choices(
                ["api", "deliver", "read", "catch_up", "prepare", "finish", "restart"], [6, 6, 3, 1, 5, 5, 0.3]
            )[0]
            {
                "api": lambda _: self._api_changes(),
                "deliver": lambda _: self._deliver(),
                "read": self._read_waiting,
                "catch_up": self._catch_up,
                "prepare": self._prepare,
                "finish": self._finish,
                "restart": self._restart,
            }[action](host)
            self.check()
        self.settle()

    def settle(self) -> None:
        """Every event delivered, every page in hand written, then a full catch-up: the table equals the API."""
        while self.events:
            self._deliver()
        for host in self.hosts:  # those prepared first: they hold locks the others wait for
            while any(batch.prepared is not None for batch in host.batches):
                self._finish(host)
        for host in self.hosts:
            self._drain(host)
        host = self.hosts[0]
        for _ in range(100):
            self._read_waiting(host)
            if not host.batches:
                break
            self._drain(host)
        self.api.tick()
        self._catch_up(host)
        self._drain(host)
        self.check()
        rows = self._rows()
        for appointment_id, document in self.api.current.items():
            row = rows.get(appointment_id)
            if document is None:
                self._require(
                    row is None or row.gone_at is not None, f"{appointment_id} is deleted, the table holds it"
                )
            else:
                self._require(
                    row is not None
                    and row.gone_at is None
                    and row.updated_at is not None
                    and _wire(row.updated_at) == document["updatedAt"],
                    f"{appointment_id}: the table holds {row}, the API {document['updatedAt']}",
                )

    def _drain(self, host: Host) -> None:
        """Every page of `host` written, one after another (no other host holds a lock now)."""
        for _ in range(10_000):
            if not host.batches:
                return
            self._prepare(host)
            self._finish(host)
        self._require(False, f"{host.name} could not write its pages")

    # --- The checks -------------------------------------------------------------------------------

    def _require(self, condition: bool, what: str) -> None:
        if not condition:
            raise SimulationFailedError(f"seed {self.seed}, step {self.step}: {what}")

    def _rows(self) -> dict[str, MirroredAppointment]:
        return self.transaction(lambda statements: _tables.rows_of(self.dialect, statements, self.ids))  # type: ignore[no-any-return]

    def check(self) -> None:
        """The table and the log against the API and each other."""
        log = self.transaction(
            lambda statements: _tables.changes_after(self.dialect, statements, sequence=self.seen, limit=1_000_000)
        )
        created, last = self.created, self.last
        for change in log:
            if change.before is None:
                created[change.after.id] = created.get(change.after.id, 0) + 1
                self._require(created[change.after.id] == 1, f"{change.after.id}: its creation logged twice")
            last[change.after.id] = change.after
            self.seen = change.sequence
        for appointment_id, row in self._rows().items():
            logged = last.get(appointment_id)
            self._require(
                logged is not None
                and (logged.sequence, logged.updated_at, logged.gone_at is None)
                == (row.sequence, row.updated_at, row.gone_at is None),
                f"{appointment_id}: the row is not what its last change logged",
            )
            index = self._index(row)
            self._require(index >= 0, f"{appointment_id}: the row holds no state the API had: {row}")
            before = self.held_index.get(appointment_id, -1)
            self._require(
                index >= before,
                f"{appointment_id}: the row went back from state {before} to {index} of"
                f" {self.api.history[appointment_id]} ({'gone' if row.gone_at else 'present'})",
            )
            self.held_index[appointment_id] = index

    def _index(self, row: MirroredAppointment) -> int:
        """The row's place in its appointment's history: the state it holds (a gone row: the first deletion
        after the state it last held)."""
        history = self.api.history.get(row.id, [])
        held = next((index for index, (present, at) in enumerate(history) if present and at == row.updated_at), -1)
        if held < 0 or row.gone_at is None:
            return held
        return next((index for index in range(held + 1, len(history)) if not history[index][0]), -1)
