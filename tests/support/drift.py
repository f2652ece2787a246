"""The drift fuzzer (issue 75, point 4): every field a feature reads, planted absent, null and of another type.

For each (feature, operation, pointer) of docs/feature-fields.yaml and each kind of difference, the
fake's answers to that operation are rewritten at that pointer (`DriftingTransport`), the feature's
scenario runs, and the run is classified:

- `works`: the feature did its job, as its scenario's oracle checks (every item once, the one
  appointment ensured, every change handed over, no busy minute shown free, every row printed);
- `refused`: the feature's documented error (`errors.UnusableAnswerError` or a subclass, an
  `errors.EnsureError` subclass, or a command's non-zero exit without "unexpected") naming the
  planted pointer, and nothing wrong done before it;
- `wrong`: anything else (another exception, a wrong result, a refusal that names nothing), or a
  pair no scenario plants (`never planted`) or a feature without a scenario (`no scenario`).

A new feature adds one scenario to `SCENARIOS`: an async function given a `Run` that raises `Wrong`
when its oracle fails and returns when the feature did its job. `python -m tests.support.drift`
prints the counts (`--sample N` for the fixed sample of `make check`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import json
import os
import random
import re
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx2

from pexip_engage_cli import _table
from pexip_engage_client import PexipEngage, errors
from pexip_engage_client._limiting._governor import Governor
from pexip_engage_client._pipeline._retry import RetryPolicy
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing import _resources as resources
from pexip_engage_client.testing import _schemas as schemas
from pexip_engage_client.testing._spec import spec
from scripts.generate.feature_fields import ANY_OPERATION, Read, listed

from .clients import TOKEN
from .ensure_bodies import APPOINTMENT, seed_references
from .rewriting import Rewriting, plant
from .spec import ROOT

KINDS = ("missing", "null", "type")
NOW = "2030-01-07T09:00:00.000Z"
_API_PATH = re.compile(r"/enterprises/(?P<enterprise>[^/]+)(?P<path>.*)")
_TOKEN_PATH = re.compile(r".*/realms/(?P<enterprise>[^/]+)/protocol/openid-connect/token")


# --- Planting a difference ---------------------------------------------------------------------------


def operation_of(request: httpx2.Request) -> str:
    """The operationId a request calls, `token` for the OAuth token endpoint, "" for anything else."""
    if _TOKEN_PATH.fullmatch(request.url.path):
        return "token"
    match = _API_PATH.fullmatch(request.url.path)
    if match is None:
        return ""
    op, _, _ = spec().route(request.method, match["path"])
    return "" if op is None else op.operation_id


class DriftingTransport(Rewriting):
    """The fake, its answers to `operation` changed at `pointer` (`kind`; None: unchanged).

    An operation that is not one of the spec (`token`, or however a feature names the token
    answer) is the OAuth token endpoint's; `*` (a read whose operation its reader did not know) is
    every answer's. Served like the fake (`testing._server.serve`) for the command line. `planted`
    counts the places changed.
    """

    def __init__(self, fake: FakePexipEngage, operation: str = "", pointer: str = "", kind: str | None = None) -> None:
        super().__init__(fake, self._drift)
        self.operation = operation
        self.pointer = pointer
        self.kind = kind
        self.planted = 0
        self._token_answer = operation not in spec().by_id

    def _drift(self, request: httpx2.Request, document: Any) -> None:
        called = operation_of(request)
        aimed = self.operation in (called, ANY_OPERATION) or (called == "token" and self._token_answer)
        if self.kind is not None and aimed:
            self.planted += plant(document, self.pointer, self.kind)


# --- A run --------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Pair:
    """One field a feature reads, and one kind of difference planted there."""

    feature: str
    operation: str
    pointer: str
    kind: str

    def shown(self) -> str:
        return f"{self.feature} {self.operation} {self.pointer} {self.kind}"


class Wrong(Exception):  # noqa: N818 - the outcome's name
    """The feature ended without doing its job, and without refusing: what was wrong."""


class Refused(Exception):  # noqa: N818 - the outcome's name
    """The feature refused in its documented way (a command's exit), its message given."""


# For a read listed under `*` (its reader did not know the operation), the operation a feature's
# scenario calls to meet it: by (feature, pointer), else by (feature, "").
STAND_INS: dict[tuple[str, str], str] = {
    ("ensure", ""): "getAppointments",
    ("ensure", "/data/*/email"): "getEmployees",
    ("cli", ""): "getEmployees",
    ("mcp", ""): "getEmployees",
}


@dataclass
class Run:
    """What a scenario is given: the pair, a fake of its own, and the transports to reach it."""

    pair: Pair
    fake: FakePexipEngage = field(default_factory=lambda: FakePexipEngage(max_in_flight=None, per_minute=None))
    undrifted: DriftingTransport = field(init=False)
    drifted: DriftingTransport = field(init=False)

    @property
    def operation(self) -> str:
        """The operation the scenario calls: the pair's, or for a read whose reader did not know it (`*`:
        planted in every answer), one that answers the field (`STAND_INS`)."""
        if self.pair.operation != ANY_OPERATION:
            return self.pair.operation
        return STAND_INS.get((self.pair.feature, self.pair.pointer), STAND_INS.get((self.pair.feature, ""), ""))

    def __post_init__(self) -> None:
        self.undrifted = DriftingTransport(self.fake)
        self.drifted = DriftingTransport(self.fake, self.pair.operation, self.pair.pointer, self.pair.kind)

    @contextlib.asynccontextmanager
    async def client(
        self, *, drifted: bool = True, transport: DriftingTransport | None = None
    ) -> AsyncIterator[PexipEngage]:
        """A client reading leniently (as in use), through the drifting transport, the fake (`drifted=False`)
        or `transport`."""
        chosen = transport or (self.drifted if drifted else self.undrifted)
        async with PexipEngage(
            "acme",
            token=TOKEN,
            transport=chosen,
            strict_responses=False,
            governor=Governor.unlimited(),
            retry=RetryPolicy(initial_delay=0.001, max_delay=0.001),
        ) as engage:
            yield engage


@dataclass(frozen=True)
class Outcome:
    pair: Pair
    outcome: str  # works, refused, wrong
    why: str = ""


Scenario = Callable[[Run], Awaitable[None]]


def _names_the_pointer(error: BaseException, pointer: str) -> bool:
    named = getattr(error, "pointer", "")
    return named == pointer or pointer in str(error)


def classified(pair: Pair, run: Run, failure: BaseException | None) -> Outcome:
    """The outcome of a run that ended with `failure` (None: the oracle held)."""
    if isinstance(failure, Wrong):
        return Outcome(pair, "wrong", str(failure))
    if run.drifted.planted == 0:
        ended = "" if failure is None else f" (it ended with {type(failure).__name__}: {failure})"
        return Outcome(pair, "wrong", f"never planted: the scenario met no answer with that field{ended}")
    if failure is None:
        return Outcome(pair, "works")
    documented = (errors.UnusableAnswerError, errors.EnsureError, Refused)
    if isinstance(failure, documented):
        if _names_the_pointer(failure, pair.pointer):
            return Outcome(pair, "refused", f"{type(failure).__name__}: {failure}")
        return Outcome(pair, "wrong", f"refused without naming {pair.pointer}: {type(failure).__name__}: {failure}")
    return Outcome(pair, "wrong", f"{type(failure).__name__}: {failure}")


async def run_pair(pair: Pair) -> Outcome:
    scenario = SCENARIOS.get(pair.feature)
    if scenario is None:
        return Outcome(pair, "wrong", f"no scenario runs the feature {pair.feature!r}: add one to SCENARIOS")
    run = Run(pair)
    failure: BaseException | None = None
    try:
        async with asyncio.timeout(60):
            await scenario(run)
    except Exception as error:  # whatever it is, it is classified
        failure = error
    return classified(pair, run, failure)


def pairs(reads: set[Read] | None = None) -> list[Pair]:
    """Every pair of the list, each kind of difference, in a fixed order."""
    return [Pair(*read, kind) for read in sorted(listed() if reads is None else reads) for kind in KINDS]


def sample(count: int, seed: int = 75) -> list[Pair]:
    """A fixed sample of the pairs (the same for an unchanged list): `make check`'s."""
    every = pairs()
    return sorted(random.Random(seed).sample(every, min(count, len(every))))  # noqa: S311 - a fixed sample


# --- The scenarios -------------------------------------------------------------------------------------


def _command(operation: str) -> tuple[str, Any]:
    """The resource (namespace) and the command table's entry of an operation."""
    [found] = [
        (group["namespace"], command)
        for group in _table.load().values()
        for command in group["commands"].values()
        if command["operation"] == operation and "ensures" not in command
    ]
    return found


def _concrete(template: str) -> str:
    """A path template with each parameter `x`."""
    return re.sub(r"\{[^}]+\}", "x", template)


def seed_parents(fake: FakePexipEngage, operation: str) -> None:
    """Each item a path parameter of `operation` names, as `x` (`/appointments/{id}`: an appointment `x`)."""
    segments = spec().operation(operation).path.strip("/").split("/")
    for index, segment in enumerate(segments):
        if segment.startswith("{"):
            parent = "/" + "/".join(_concrete(s) for s in segments[:index])
            with contextlib.suppress(ValueError):  # a parent that is no collection: the fake does not check it
                if not any(item.get("id") == "x" for item in fake.items(parent).values()):
                    fake.add(parent, id="x")


def seed_list(fake: FakePexipEngage, operation: str, count: int = 5) -> None:
    """`count` items that `operation` (a list operation) answers, under the items its path names
    (`seed_parents`). A list the fake keeps as one document (no collection) is set whole."""
    op = spec().operation(operation)
    seed_parents(fake, operation)
    try:
        for _ in range(count):
            fake.add(_concrete(op.path))
    except ValueError:
        item = schemas.default_value(f"{resources.data_ref(op)}/items", NOW)
        items = [{**item, "id": f"item-{n}"} if isinstance(item, dict) else item for n in range(count)]
        fake.set_data(operation, items, **dict.fromkeys(op.path_parameter_names, "x"))


def list_call(engage: PexipEngage, operation: str, **extra: Any) -> Any:
    """A list operation called with the plainest arguments the spec allows, and `extra` it takes."""
    namespace, command = _command(operation)
    op = spec().operation(operation)
    arguments = ["x" for parameter in command["parameters"] if parameter["positional"]]
    keywords = {
        parameter["python"]: schemas.default_value(_parameter_ref(op, parameter["name"]), NOW)
        for parameter in command["parameters"]
        if parameter["required"] and not parameter["positional"]
    }
    names = {parameter["python"] for parameter in command["parameters"]}
    keywords |= {name: value for name, value in extra.items() if name in names}
    return getattr(getattr(engage, namespace), command["method"])(*arguments, **keywords)


def _parameter_ref(op: Any, name: str) -> str:
    from .spec_calls import _parameter_refs  # one place that finds a parameter's schema

    return _parameter_refs(op.path, op.method.lower())[name]


def _ids(items: list[Any]) -> list[str]:
    """Each item whole, as JSON text, sorted: items compared without reading a field the test planted."""
    return sorted(json.dumps(item.to_dict(), sort_keys=True, default=str) for item in items)


async def walks(run: Run) -> None:
    """Every item of a list, walked in pages of 2, once: as the undrifted walk yields them."""
    seed_list(run.fake, run.operation)
    async with run.client(drifted=False) as engage:
        expected = _ids([item async for item in list_call(engage, run.operation, limit=2)])
    async with run.client() as engage:
        got = _ids([item async for item in list_call(engage, run.operation, limit=2)])
    if got != expected:
        raise Wrong(f"the walk yielded {len(got)} items ({len(set(got))} different), not the {len(expected)} there are")


# The ensure of each resource (the namespace of the operations its look-up and create call), and a body it creates.
ENSURES: dict[str, tuple[str, dict[str, Any]]] = {
    "appointments": ("ensure_appointment", APPOINTMENT),
    "employees": ("ensure_employee", {"email": "grace@example.com", "externalId": "HR-1"}),
    "meeting_rooms": ("ensure_meeting_room", {"externalId": "MR-1", "email": "room@example.com", "name": "Room 1"}),
    "subject_groups": (
        "ensure_subject_group",
        {"externalId": "SG-1", "translations": {"name": [{"language": "en", "value": "Loans"}]}},
    ),
}


# A create operation whose ensure is not its namespace's first: an invite (an appointment without its times).
ENSURES_BY_CREATE: dict[str, tuple[str, dict[str, Any]]] = {
    "createAppointmentInvite": (
        "ensure_appointment_invite",
        {k: v for k, v in APPOINTMENT.items() if k not in ("start", "end")} | {"externalId": "INV-1"},
    ),
}


async def ensure(run: Run) -> None:
    """Ensured twice: one resource created, the second call finding it (or a refusal, with at most one made)."""
    namespace = _command(run.operation)[0]
    method, body = ENSURES_BY_CREATE.get(run.operation) or ENSURES[namespace]
    seed_references(run.fake)
    create = "/" + spec().operation(run.operation).path.strip("/").split("/")[0]
    before = len(run.fake.items(create))
    ids: list[str] = []
    try:
        async with run.client() as engage:
            for _ in range(2):
                result = await getattr(getattr(engage, namespace), method)(dict(body))
                ids.append(str(result.resource.to_dict().get("id")))
                # the resource found, its own `id` planted unreadable: known by its external id instead
                if run.pair.pointer.endswith("/id") and not isinstance(result.resource.to_dict().get("id"), str):
                    ids[-1] = str(result.resource.to_dict().get("externalId"))
    finally:
        made = [item for item in run.fake.items(create).values() if item.get("externalId") == body["externalId"]]
        if len(run.fake.items(create)) - before > 1 or len(made) > 1:
            raise Wrong(f"{len(made)} resources made with externalId {body['externalId']}, not one")
    if len(made) != 1 or not set(ids) <= {made[0]["id"], made[0]["externalId"]}:
        raise Wrong(f"ensured {ids}, but the fake holds {[item['id'] for item in made]}")


RECONCILE_START = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)


async def reconcile(run: Run) -> None:
    """Every appointment changed in the window handed over at least once, as undrifted."""
    from pexip_engage_client.webhooks import Delivery, ReconciledAppointmentEvent, WebhookReceiver

    for number in range(5):
        begins = RECONCILE_START + datetime.timedelta(hours=1 + number)
        run.fake.add_appointment(
            id=f"r-{number}", status="INCOMING_REQUEST", start=_wire(begins), end=_wire(begins + _HALF_HOUR)
        )
    end = RECONCILE_START + datetime.timedelta(days=2)

    async def handed(drifted: bool) -> list[tuple[object, object]]:
        seen: list[tuple[object, object]] = []  # (id, start) as sent: either may be the planted field
        receiver = WebhookReceiver("memory://", secret="drift-s3cr3t", poll_interval=0.01)

        @receiver.on(ReconciledAppointmentEvent)
        async def caught_up(event: ReconciledAppointmentEvent, delivery: Delivery) -> None:
            sent = event.appointment.to_dict()
            seen.append((sent.get("id"), sent.get("start")))

        async with receiver, run.client(drifted=drifted) as engage:
            await receiver.reconcile(engage, start=RECONCILE_START, end=end)
            async with asyncio.timeout(10):
                await receiver.join()
        return seen

    expected = await handed(False)
    got = await handed(True)
    # a change counts as handed over when what came names it: by its id, or by its start where the id was planted
    missed = [(ident, start) for ident, start in expected if not any(ident == g[0] or start == g[1] for g in got)]
    if missed:
        raise Wrong(f"handed over {got}, missing the changes {missed}")


async def mirror(run: Run) -> None:
    """Each appointment of the API in the table after a catch-up of everything and after its rows are read
    again one by one (an API that ignores the `id` filter), its columns as undrifted but where the
    planted field's is stored as NULL and named in `unreadable`, or is what the API sent (its own null);
    one without a readable id is counted, never stored under a guess (docs/mirror.md, "The table")."""
    import tempfile

    from pexip_engage_client.mirror import AppointmentMirror

    for number in range(5):
        begins = RECONCILE_START + datetime.timedelta(hours=1 + number)
        run.fake.add_appointment(
            id=f"m-{number}", status="INCOMING_REQUEST", start=_wire(begins), end=_wire(begins + _HALF_HOUR)
        )

    async def mirrored(drifted: bool) -> list[tuple[dict[str, Any], int]]:
        database = f"sqlite:///{tempfile.mkdtemp()}/mirror.db"
        phases = []
        async with run.client(drifted=drifted) as engage:
            copy = AppointmentMirror(database, secret="drift-s3cr3t", client=engage, catch_up_every=None)
            async with copy:
                caught = await copy.catch_up(everything=True)
                phases.append(({f"m-{n}": await copy.get(f"m-{n}") for n in range(5)}, caught.unidentified))
                # Read again by id, from an API that ignores the filter: each is read alone (getAppointment).
                run.fake.insert("/appointments", 0, id=f"other-{drifted}", status="INCOMING_REQUEST")
                for transport in (run.drifted, run.undrifted):
                    transport.ignored = ("id",)
                try:
                    again = await copy.catch_up(start=_FAR_PAST, end=_FAR_PAST + _HALF_HOUR)
                finally:
                    for transport in (run.drifted, run.undrifted):
                        transport.ignored = ()
                unidentified = caught.unidentified + again.unidentified  # never stored, so never read again
                phases.append(({f"m-{n}": await copy.get(f"m-{n}") for n in range(5)}, unidentified))
        return phases

    for (expected, _), (got, unidentified) in zip(await mirrored(False), await mirrored(True), strict=True):
        for appointment_id, row in expected.items():
            found = got[appointment_id]
            if found is None:
                if unidentified:  # its id could not be read: counted, not stored
                    continue
                raise Wrong(f"{appointment_id} is not in the table, and no appointment was counted unidentified")
            differing = set(found.differs(row)) - {"document", "unreadable"}
            wrong = [name for name in differing if not _faithful(found, name)]
            if wrong:
                raise Wrong(f"{appointment_id}: {sorted(wrong)} differ, {found.unreadable} said unreadable")


# A column of the mirror's table, and where the appointment as sent holds it.
_MIRRORED_AT = {
    "status": ("status",),
    "start": ("start",),
    "end": ("end",),
    "updated_at": ("updatedAt",),
    "external_id": ("externalId",),
    "office_id": ("office", "id"),
    "subject_id": ("subject", "id"),
}


def _faithful(row: Any, column: str) -> bool:
    """Whether a column that differs from the undrifted run's says what the API sent: NULL and named
    unreadable, or the API's own value (a null it sent, a number read as text)."""
    value = getattr(row, column)
    if column in row.unreadable:
        return value is None
    sent: Any = row.document
    for key in _MIRRORED_AT.get(column, ("-",)):
        sent = sent.get(key) if isinstance(sent, dict) else None
    if value is None or sent is None:
        return value is None and sent is None
    return str(sent) == (value.value if hasattr(value, "value") else str(value)) or _same_instant(sent, value)


def _same_instant(sent: Any, value: Any) -> bool:
    try:
        return bool(datetime.datetime.fromisoformat(str(sent).replace("Z", "+00:00")) == value)
    except ValueError:
        return False


_HALF_HOUR = datetime.timedelta(minutes=30)
_FAR_PAST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def _wire(moment: datetime.datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _seed_free_busy(fake: FakePexipEngage) -> None:
    fake.add_employee(
        id="emp-1", timeZone="Europe/Amsterdam", officeRelations=[{"role": "AGENT", "office": {"id": "office-1"}}]
    )
    place = {"office": {"id": "office-1"}, "subject": {"id": "subject-1"}, "meetingType": "VIDEO"}
    blocks = [("2026-06-01T07:00:00Z", "2026-06-01T12:00:00Z"), ("2026-06-01T13:00:00Z", "2026-06-01T17:00:00Z")]
    fake.seed(
        {
            "defined_availability": [
                {"start": s, "end": e, "employee": {"id": "emp-1"}, **place, "maxConcurrentAppointments": 1}
                for s, e in blocks
            ]
        }
    )
    people = [
        {"role": "PRIMARY", "participant": {"id": "customer-1"}, "type": "CUSTOMER"},
        {"role": "PRIMARY", "participant": {"id": "emp-1"}, "type": "EMPLOYEE"},
    ]
    for hour, buffer in ((8, 15), (14, 0)):
        fake.add_appointment(
            start=f"2026-06-01T{hour:02}:00:00Z",
            end=f"2026-06-01T{hour:02}:30:00Z",
            status="ACCEPTED",
            appointmentParticipants=people,
            trailingBufferTime=buffer,
            subject={"id": "subject-1"},
            office={"id": "office-1"},
        )
    for hour in (10, 15):
        fake.add_external_calendar_event(
            "emp-1", start=f"2026-06-01T{hour}:00:00Z", end=f"2026-06-01T{hour}:45:00Z", showAs="BUSY"
        )


Spans = list[tuple[datetime.datetime, datetime.datetime]]


def _shown(spans: Spans) -> str:
    return ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in spans) or "none"


def _covered(inner: Spans, outer: Spans) -> bool:
    """Whether every instant of `inner` is in `outer` (both merged, sorted)."""
    return all(any(s <= a and b <= e for s, e in outer) for a, b in inner)


def _merged(spans: Spans) -> Spans:
    merged: Spans = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _overlap(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


async def free_busy(run: Run) -> None:
    """Every minute busy undrifted still busy, no free time offered over it, none beyond the undrifted
    free time; and a view that differs from the undrifted one says why in its `notes`."""
    _seed_free_busy(run.fake)
    start, end = "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z"
    async with run.client(drifted=False) as engage:
        expected = await engage.availability.free_busy("emp-1", start=start, end=end)
    async with run.client() as engage:
        got = await engage.availability.free_busy("emp-1", start=start, end=end)
    busy = _merged([(b.start, b.end) for b in expected.busy])
    got_busy = _merged([(b.start, b.end) for b in got.busy])
    if not _covered(busy, got_busy):
        raise Wrong(f"busy time shown as not busy: undrifted {_shown(busy)}, drifted {_shown(got_busy)}")
    free = _merged([(f.start, f.end) for f in got.free])
    if _overlap(free, busy):
        raise Wrong(f"busy time shown as free: free {_shown(free)}, busy {_shown(busy)}")
    truly_free = _merged([(f.start, f.end) for f in expected.free])
    if not _covered(free, truly_free):
        raise Wrong(f"free time offered that is not: free {_shown(free)}, undrifted {_shown(truly_free)}")
    if (got_busy != busy or free != truly_free) and not got.notes:
        raise Wrong(f"the view differs from the undrifted one ({run.pair.pointer} unread), but has no note saying so")
    await _team_free_busy(run, start, end)


async def _team_free_busy(run: Run, start: str, end: str) -> None:
    """The branch's view (`team_free_busy`, which walks `getEmployees`): no free time beyond the undrifted
    adviser's, none over busy time, and a branch that differs from the undrifted one says why in its notes."""
    async with run.client(drifted=False) as engage:
        expected = (await engage.availability.team_free_busy("office-1", start=start, end=end)).view("emp-1")
    async with run.client() as engage:
        team = await engage.availability.team_free_busy("office-1", start=start, end=end)
    busy = _merged([(b.start, b.end) for b in expected.busy])
    truly_free = _merged([(f.start, f.end) for f in expected.free])
    free = _merged([(f.start, f.end) for view in team.views for f in view.free])
    if _overlap(free, busy) or not _covered(free, truly_free):
        raise Wrong(f"the branch offers free time that is not: free {_shown(free)}, undrifted {_shown(truly_free)}")
    if free != truly_free and not team.notes:
        raise Wrong(f"the branch differs from the undrifted one ({run.pair.pointer} unread), but has no note saying so")


@contextlib.contextmanager
def _lenient_command_line(root: str) -> Iterator[None]:
    """The command line's variables for the served transport, reading leniently as in use."""
    saved = dict(os.environ)
    os.environ.update(
        PEXIP_ENGAGE_ENTERPRISE="acme",
        PEXIP_ENGAGE_BASE_URL=root,
        PEXIP_ENGAGE_TOKEN=TOKEN,
        PEXIP_ENGAGE_STRICT_RESPONSES="0",
    )
    for name in ("PEXIP_ENGAGE_PROFILE", "PEXIP_ENGAGE_CLIENT_ID", "PEXIP_ENGAGE_CLIENT_SECRET", "PEXIP_ENGAGE_LOG"):
        os.environ.pop(name, None)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def command(transport: DriftingTransport, *argv: str) -> tuple[int, str, str]:
    """`pexip-engage ARGV` in this process against the served transport: exit code, stdout, stderr."""
    import io

    from pexip_engage_cli import main
    from pexip_engage_client.testing._server import serve

    out, err = io.StringIO(), io.StringIO()
    with (
        serve(transport) as root,
        _lenient_command_line(root),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _judged_exit(ending: str, err: str, pair: Pair) -> None:
    """A command's failure (or a tool's error): Refused when it names the field and says nothing
    "unexpected", else Wrong. `ending`: how it ended (`exit 1`)."""
    field_name = pair.pointer.rsplit("/", 1)[-1]
    last = err.strip()[-300:]
    if "unexpected" in err.lower() or "Traceback" in err:
        raise Wrong(f"{ending}: {last}")
    if pair.pointer in err or field_name in err:
        raise Refused(f"{ending}: {pair.pointer}: {last}")
    raise Wrong(f"{ending} without naming {pair.pointer}: {last}")


async def cli(run: Run) -> None:
    """The operation's command: a list `--all --progress` (every row the undrifted run prints) and as
    a table (as many rows); any other command exits 0. Or a documented exit naming the field."""
    group, name, paged, positional = _cli_command(run.operation)
    (seed_list if paged else seed_parents)(run.fake, run.operation)
    runs = [[*positional, "--limit", "2", "--all", "--progress"], [*positional, "--limit", "2", "-o", "table"]]
    for extra in runs if paged else [positional]:
        argv = [group, name, *extra]
        expected = await asyncio.to_thread(command, run.undrifted, *argv)
        if expected[0] != 0:
            raise Wrong(f"the undrifted command {argv} exited {expected[0]}: {expected[2][-300:]}")
        code, out, err = await asyncio.to_thread(command, run.drifted, *argv)
        if code != 0:
            _judged_exit(f"exit {code}", err, run.pair)
        if "table" in extra and len(out.splitlines()) != len(expected[1].splitlines()):
            raise Wrong(f"the table has {len(out.splitlines())} lines, not {len(expected[1].splitlines())}")
        if "--all" in extra and _rows(out) != _rows(expected[1]):
            raise Wrong(f"printed {len(_rows(out))} rows, not the {len(_rows(expected[1]))} there are")


def _cli_command(operation: str) -> tuple[str, str, bool, list[str]]:
    """The command of an operation: its group, its name, whether it pages, and its positional values."""
    for group_name, group in _table.load().items():
        for name, entry in group["commands"].items():
            if entry["operation"] == operation and "ensures" not in entry:
                positional = ["x" for parameter in entry["parameters"] if parameter["positional"]]
                return group_name, name, bool(entry["pages"]), positional
    raise KeyError(operation)


def _rows(out: str) -> list[Any]:
    """The ids of the rows a command printed as JSON (one document, or one per line)."""
    try:
        documents = [json.loads(out)]
    except ValueError:
        documents = [json.loads(line) for line in out.splitlines() if line.strip()]
    rows: list[Any] = []
    for document in documents:
        items = document if isinstance(document, list) else document.get("data", [document])
        rows += [item.get("id") if isinstance(item, dict) else item for item in items]
    return sorted(map(str, rows))


async def spec_check(run: Run) -> None:
    """`pexip-engage spec check --json`: it completes (exit 0 or 1, its differences) and names the one planted."""
    for _ in range(2):
        run.fake.add_appointment()
    run.fake.add_subject()
    run.fake.add_employee(email="drift@example.com")  # its reads by id are sampled from the list's ids
    code, out, err = await asyncio.to_thread(command, run.drifted, "spec", "check", "--json")
    if code not in (0, 1):
        _judged_exit(f"exit {code}", err, run.pair)
    records = json.loads(out).get("records", [])
    if not run.drifted.planted:
        return  # nothing to name (an undrifted run)
    named = {(record.get("operation"), record.get("pointer"), record.get("kind")) for record in records}
    if (run.operation, run.pair.pointer, run.pair.kind) not in named:
        raise Wrong(f"spec check did not name {run.operation} {run.pair.pointer} {run.pair.kind}: {sorted(named)}")


async def provisioning(run: Run) -> None:
    """A branch's plan, scoped to its offices, of one create, one update that moves an adviser to another
    office, and one removal, applied: Engage ends as the undrifted run leaves it."""
    from pexip_engage_client.provisioning import apply_plan, plan_employees

    from .employees import adviser, seed_branch

    conflicts: list[str] = []

    async def provisioned(fake: FakePexipEngage, transport: DriftingTransport) -> list[str]:
        directory = seed_branch(fake, "branch-a", 6, "A")
        fake.add_office(id="branch-b")
        moved = {**directory[1], "lastName": "Married", "officeRelations": [{"role": "AGENT", "officeId": "branch-b"}]}
        desired = [*directory[2:], moved, adviser("A", 99, "branch-a")]
        try:
            async with run.client(transport=transport) as engage:
                plan = await plan_employees(engage, desired, scope=["branch-a", "branch-b"], missing="deactivate")
                conflicts[:] = [conflict.reason for conflict in plan.conflicts]
                await apply_plan(engage, plan)
        finally:
            keys = [e["externalId"] for e in fake.employees.values()]
            if len(keys) != len(set(keys)):
                raise Wrong(f"an employee made twice: {sorted(keys)}")
        return sorted(
            str((e.get("externalId"), e.get("lastName"), e.get("status"), e.get("officeRelations")))
            for e in fake.employees.values()
        )

    baseline = FakePexipEngage(max_in_flight=None, per_minute=None)
    expected = await provisioned(baseline, DriftingTransport(baseline))
    got = await provisioned(run.fake, run.drifted)
    if got != expected:
        # its documented refusal: the employees it cannot tell apart left alone, each a conflict naming the field
        if any(run.pair.pointer in reason for reason in conflicts):
            raise Refused(f"{run.pair.pointer}: the plan's conflicts: {conflicts}")
        raise Wrong(f"Engage left as {got}, not {expected}")


# The MCP tool (and its arguments) that reads an operation's answer, where `call_read_operation` is not it.
MCP_CALLS: dict[str, tuple[str, dict[str, Any]]] = {
    "getExternalCalendarEvents": (
        "call_read_operation",
        {
            "operation_id": "getExternalCalendarEvents",
            "max_items": 50,
            "path_params": {"id": "x"},
            "query": {"from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z"},
        },
    ),
}


def _mcp_call(operation: str) -> tuple[str, dict[str, Any]]:
    if operation in MCP_CALLS:
        return MCP_CALLS[operation]
    arguments: dict[str, Any] = {"operation_id": operation, "max_items": 50}
    names = spec().operation(operation).path_parameter_names
    return "call_read_operation", arguments | ({"path_params": dict.fromkeys(names, "x")} if names else {})


async def mcp(run: Run) -> None:
    """The MCP tool that reads the operation (`MCP_CALLS`, else `call_read_operation`): the items the
    undrifted call gives, or a tool error naming the field (never "unexpected")."""
    from mcp import Client

    from pexip_engage_cli._mcp import build_server

    paged = _cli_command(run.operation)[2]
    (seed_list if paged else seed_parents)(run.fake, run.operation)
    tool, arguments = _mcp_call(run.operation)

    async def called(drifted: bool) -> Any:
        async with run.client(drifted=drifted) as engage, Client(build_server(engage)) as session:
            return await session.call_tool(tool, arguments)

    expected = await called(False)
    got = await called(True)
    if got.is_error:
        text = " ".join(getattr(part, "text", "") for part in got.content)
        _judged_exit("a tool error", text, run.pair)
    if (got.structured_content or {}).get("items") != (expected.structured_content or {}).get("items"):
        raise Wrong("the tool gave other items than the undrifted call")


def error_status(operation: str) -> int:
    """The first error status the operation documents that no retry or token renewal follows (else 400)."""
    documented = sorted(int(s) for s in spec().operation(operation).responses if s.isdigit() and int(s) >= 400)
    return next((status for status in documented if status not in (401, 429) and status < 500), 400)


async def error_bodies(run: Run) -> None:
    """An operation answered with a documented error status: the typed status error, with that status."""
    from .spec_calls import spec_call

    operation = run.pair.operation if run.pair.operation in spec().by_id else "getAppointments"
    if run.pair.pointer.endswith("/arguments"):  # only a business error (422) carries arguments
        status = 422
        run.fake.fail(operation, code="APPOINTMENT_STATUS_INVALID", arguments={"allowedStates": ["ACCEPTED"]})
    else:
        status = error_status(operation)
        run.fake.fail(operation, status=status)
    async with run.client() as engage:
        try:
            result = spec_call(operation)(engage)
            if isinstance(result, Awaitable):
                await result
        except errors.APIError as error:
            if error.status_code != status:
                raise Wrong(f"{type(error).__name__} with status {error.status_code}, not {status}") from error
            return
    raise Wrong("the call succeeded, though the API answered an error status")


async def oauth(run: Run) -> None:
    """Client credentials against the served fake: a token used for a call, or the token endpoint's
    documented errors (`errors.AuthenticationError`, `errors.AuthServerError`) naming the field."""
    from pexip_engage_client.testing._server import serve

    run.fake.add_client("drift-app", "drift-secret")
    appointment = run.fake.add_appointment()["id"]
    with serve(run.drifted) as root:
        try:
            async with PexipEngage(
                "acme",
                base_url=root,
                auth_url=root,
                client_id="drift-app",
                client_secret="drift-secret",
                strict_responses=False,
                retry=RetryPolicy(initial_delay=0.001, max_delay=0.001),
                max_retries=0,
            ) as engage:
                got = await engage.appointments.get_appointment_by_id(appointment)
        except (errors.AuthServerError, errors.AuthenticationError) as error:
            field_name = run.pair.pointer.rsplit("/", 1)[-1]
            if run.pair.pointer in str(error) or field_name in str(error):
                raise Refused(f"{run.pair.pointer}: {error}") from error
            raise
    if got.to_dict().get("id") != appointment:
        raise Wrong("the call with the token read another appointment")


# One scenario per feature (the feature names of tests/support/feature_fields.py's FEATURES).
SCENARIOS: dict[str, Scenario] = {
    "walks": walks,
    "ensure": ensure,
    "reconcile": reconcile,
    "mirror": mirror,
    "free_busy": free_busy,
    "cli": cli,
    "spec_check": spec_check,
    "provisioning": provisioning,
    "mcp": mcp,
    "errors": error_bodies,
    "oauth": oauth,
}


# --- The whole run -------------------------------------------------------------------------------------


async def run_pairs(chosen: list[Pair]) -> list[Outcome]:
    return [await run_pair(pair) for pair in chosen]


def counts(outcomes: list[Outcome]) -> dict[str, int]:
    found = {"pairs": len(outcomes), "works": 0, "refused": 0, "wrong": 0}
    for outcome in outcomes:
        found[outcome.outcome] += 1
    return found


def report(outcomes: list[Outcome]) -> str:
    """The counts, then each wrong pair and why."""
    lines = [" ".join(f"{name} {number}" for name, number in counts(outcomes).items())]
    lines += [f"wrong: {o.pair.shown()}: {o.why}" for o in outcomes if o.outcome == "wrong"]
    return "\n".join(lines)


DOCS = ROOT / "docs" / "spec-drift.md"
_DOCS_MARK = "<!-- drift-fuzz: written by `python -m tests.support.drift --docs` -->"
_DOCS_END = "<!-- /drift-fuzz -->"


def counts_line(found: dict[str, int]) -> str:
    """The counts as docs/spec-drift.md shows them."""
    return (
        f"| pairs | works | refused | wrong |\n|---|---|---|---|\n"
        f"| {found['pairs']} | {found['works']} | {found['refused']} | {found['wrong']} |\n\n"
        "(every pair of docs/feature-fields.yaml)\n"
    )


def write_docs(found: dict[str, int]) -> None:
    """The counts written between their two marks in docs/spec-drift.md, in place of the last ones."""
    text = DOCS.read_text(encoding="utf-8")
    before, mark, rest = text.partition(_DOCS_MARK)
    _, end, after = rest.partition(_DOCS_END)
    if not (mark and end):
        raise SystemExit(f"{DOCS}: no lines {_DOCS_MARK!r} and {_DOCS_END!r} to write the counts between")
    table = counts_line(found)
    DOCS.write_text(f"{before}{mark}\n\n{table}\n{end}{after}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The drift fuzzer's counts (issue 75, point 4).")
    parser.add_argument("--sample", type=int, default=None, help="the fixed sample of N pairs, not all")
    parser.add_argument("--feature", default=None, help="only this feature's pairs")
    parser.add_argument("--all-outcomes", action="store_true", help="print every pair's outcome")
    parser.add_argument("--docs", action="store_true", help="write the counts of every pair into docs/spec-drift.md")
    args = parser.parse_args(argv)
    chosen = pairs() if args.sample is None else sample(args.sample)
    if args.feature:
        chosen = [pair for pair in chosen if pair.feature == args.feature]
    os.environ.setdefault("PEXIP_ENGAGE_STRICT_RESPONSES", "0")
    began = time.monotonic()
    outcomes = asyncio.run(run_pairs(chosen))
    if args.all_outcomes:
        for outcome in outcomes:
            if outcome.outcome != "wrong":
                print(f"{outcome.outcome}: {outcome.pair.shown()}: {outcome.why}")
    print(report(outcomes))
    if args.docs and args.sample is None and not args.feature:
        write_docs(counts(outcomes))
    print(f"({time.monotonic() - began:.1f} s)", file=sys.stderr)
    return 0 if counts(outcomes)["wrong"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
