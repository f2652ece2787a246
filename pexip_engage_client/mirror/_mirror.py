"""`AppointmentMirror`: Engage's appointments as a table in your database, fed by webhooks, made whole by reads.

It composes its parts, each with one job: a `WebhookReceiver` whose events are kept beside the table and
whose one handler notes which appointment an event named (`_tables.notice`), the reader that reads them a page at a
time (`_reading.py`), the catch-ups (`_catching_up.py`), the change hooks (`_hooks.py`), the check
(`_checking.py`), the ASGI face and `run` (`_serving.py`). The guide: docs/mirror.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar, overload

from .. import lane
from .._base.arguments import counted, is_engage_id, number
from .._base.timing import aware_window  # the window reconcile reads, checked as reconcile checks it
from .._leasing._holders import CATCH_UP
from .._shared.health import readiness_answer
from .._shared.metrics import Reading, queue_readings
from ..errors import UnreadableFieldError
from ..webhooks import AppointmentWebhookEvent, Delivery, ReconciledAppointmentEvent, WebhookReceiver
from . import _tables
from ._catching_up import CatchUpResult, catch_up
from ._checking import CheckResult, check
from ._database import Database, database_from_url
from ._hooks import ChangeHook, HookRunner, checked_cursor, checked_hook
from ._reading import Reader, failure_log, shown_id, spawn
from ._rows import MirroredAppointment, row_from
from ._tables import ChangeCursor

if TYPE_CHECKING:
    from .. import PexipEngage
    from .._shared.health import ASGIApp
    from ..webhooks import Answer

logger = logging.getLogger("pexip_engage_client.mirror")

_H = TypeVar("_H", bound=ChangeHook)
DEFAULT_WINDOW = (timedelta(days=-1), timedelta(days=90))


@dataclass(frozen=True)
class MirrorStatus:
    """How the table stands, and what waits (`pexip-engage mirror status`).

    Attributes:
        rows: Rows in the table (gone ones included).
        gone: Rows that read as gone (404).
        unreadable: Rows with a column stored as NULL because the answer's field could not be read.
        newest_updated_at: The newest `updated_at` of the table.
        waiting_reads: Appointments events named that wait for a read.
        refused: Ids events named that the client or the API refuses to read (a URL too long, a 400, a 422),
            set aside each with a WARNING naming it, never read from an event again (`mirror_refused`).
        waiting_events: Events the receiver stored that wait for their handler (due now).
        failed_events: Events whose handler failed every attempt (see `WebhookReceiver.failed`).
        last_change: The number of the latest change.
        cursors: Each change hook's cursor: the number of the last change it was handed.
        stale_cursors: The cursors not held for longer than the change retention (their hook renamed,
            removed or stopped): they no longer hold back pruning (`cursors()`, `forget_cursor`).
        last_catch_up: The last catch-up that finished, or None.
        last_error: The last failure of a process running the mirror on this table (a catch-up refused, say):
            `{"at": ISO time, "what": what failed, "error": the error, "inARow": failures in a row}`, kept
            after it works again (compare `at` with the last catch-up's end), or None.
        refused_deliveries: Deliveries the mirror's receiver refused (401 without the secret, 400, 413, ...), counted
            by every process on the table and kept after they stop: a wrong secret in Engage's webhook URL shows here.
        last_refused_at: When the last one was refused, or None.
        last_refusal: Why, in a few words ("wrong or missing key"), or None.
        processes: The processes that ran the mirror on this table lately (seen at their start and each catch-up), by
            `host:pid:token`: `{"at": ISO time, "sharedLimits": whether PEXIP_ENGAGE_LIMITS was set}`.
    """

    rows: int
    gone: int
    unreadable: int
    newest_updated_at: datetime | None
    waiting_reads: int
    refused: int
    waiting_events: int
    failed_events: int
    last_change: int
    cursors: dict[str, int]
    stale_cursors: list[str]
    last_catch_up: CatchUpResult | None
    last_error: dict[str, Any] | None = None
    refused_deliveries: int = 0
    last_refused_at: datetime | None = None
    last_refusal: str | None = None
    processes: dict[str, Any] = field(default_factory=dict)

    @property
    def unshared_limits(self) -> list[str]:
        """Where several processes ran the mirror lately, those without shared limits."""
        return unshared_limits(self.processes)


def unshared_limits(processes: dict[str, Any]) -> list[str]:
    """Where several processes run the mirror on one database, those without shared limits (`host:pid:token`)."""
    return sorted(name for name, seen in processes.items() if not seen["sharedLimits"]) if len(processes) > 1 else []


class AppointmentMirror:
    """Engage's appointments as the table `appointments` in your database, equal to the API after any outage.

    Fed by webhooks (each event's appointment read, a page of them at a time) and made whole by
    catch-ups (the window's appointments, and every other row read again); its changes handed to
    hooks once each, in each appointment's order. The guide: docs/mirror.md.

    Args:
        database: `sqlite:///path/to/mirror.db` (the default: a file, its tables made on first use) or
            `postgresql://user@host/db?schema=name` (several hosts; the `postgres` extra; tables made at
            deploy by `pexip-engage postgres migrate`, never by the mirror). The receiver's events are kept beside the
            table (`events`).
        secret: The webhook secret deliveries carry as `key` (or several while it is rotated), as
            `WebhookReceiver` takes it.
        client: The `PexipEngage` client the mirror reads with (or give one to `catch_up`, `check`).
        window: The catch-ups' window around now, as (start, end) offsets: a day ago to 90 days ahead.
        catch_up_every: Seconds between catch-ups while the mirror runs; None: none, not even at start.
        everything_every: Seconds between catch-ups of every appointment rather than the window's (the
            first at start, after whatever outage the mirror had); None: only at start.
        page_size: Appointments read per request, by id or in a window's listing (1 to 1000).
        quiet: Seconds an appointment's events are left to come in before it is read: a burst of
            events makes one read.
        poll_interval: Seconds between looks at the database for work other processes left.
        change_retention: Seconds a change is kept in the log once every cursor held within them has
            passed it; a cursor not held for longer is stale (`cursors()`).
        horizon: Seconds back from now within which a window's catch-up reads again, by id, the rows
            outside its listing: those whose `start` is from `horizon` ago to the window's end, or whose
            `updated_at` is within `horizon`. The rest are read again by the catch-up of everything.

    Attributes:
        receiver: The mirror's `WebhookReceiver`: its store is `events`, its handler `notice`.
        events: Where the receiver keeps its events: a SQLite file beside the table's
            (`mirror.events.db` for `mirror.db`), or the same PostgreSQL schema.
        client: The client reads go through; set it before `start()` when it is made later (on the
            server's event loop, say).
    """

    def __init__(
        self,
        database: str = "sqlite:///pexip-engage-mirror.db",
        *,
        secret: str | Sequence[str] | Callable[[], str | Sequence[str]],
        client: PexipEngage | None = None,
        window: tuple[timedelta, timedelta] = DEFAULT_WINDOW,
        catch_up_every: float | None = 600.0,
        everything_every: float | None = 24 * 3600.0,
        page_size: int = 100,
        quiet: float = 0.2,
        poll_interval: float = 1.0,
        change_retention: float = 7 * 24 * 3600.0,
        horizon: float = 7 * 24 * 3600.0,
    ) -> None:
        self._database: Database = database_from_url(database)
        self.client: PexipEngage | None = client
        first, last = window
        if not (isinstance(first, timedelta) and isinstance(last, timedelta) and first < last):
            raise ValueError("window must be two timedeltas, (start, end), the start before the end")
        self.window: tuple[timedelta, timedelta] = (first, last)
        self.catch_up_every: float | None = None if catch_up_every is None else number(catch_up_every, "catch_up_every")
        self.everything_every: float | None = (
            None if everything_every is None else number(everything_every, "everything_every")
        )
        self.page_size: int = counted(page_size, "page_size")
        if self.page_size > 1000:
            raise ValueError(f"page_size must be from 1 to 1000 (got {page_size!r})")
        self.quiet: float = number(quiet, "quiet", positive=False)
        self.poll_interval: float = number(poll_interval, "poll_interval")
        self.change_retention: timedelta = timedelta(seconds=number(change_retention, "change_retention"))
        self.horizon: timedelta = timedelta(seconds=number(horizon, "horizon"))
        self.events: str = self._database.events_url
        self.receiver: WebhookReceiver = WebhookReceiver(self.events, secret=secret, poll_interval=poll_interval)
        self.receiver.on(AppointmentWebhookEvent)(self._delivered)
        self.receiver.on(ReconciledAppointmentEvent)(self._reconciled)
        self._hooks: dict[str, ChangeHook] = {}
        self._runners: list[HookRunner] = []
        self._reader = Reader(
            self._database,
            self._client,
            page_size=self.page_size,
            quiet=self.quiet,
            poll_interval=poll_interval,
            on_applied=self._applied,
        )
        self._tasks: list[asyncio.Task[None]] = []
        self._starting: asyncio.Future[None] | None = None
        self._caught_up: asyncio.Event | None = None  # set by the first catch-up of a start that schedules them
        # From 10 s, doubling, at most 5,120 s (and never longer than the catch-ups' period).
        self._unshared_warned: list[str] = []
        self._catch_up_failures = failure_log("catching up", first=10.0, cap=5.0 * 2**10, jitter=0.0)
        self._started_at = time.monotonic()

    def __repr__(self) -> str:
        return f"AppointmentMirror(database={self._database.shown!r}, secret=<redacted>)"

    # --- Change hooks --------------------------------------------------------------------------

    @overload
    def on_change(self, hook: _H, *, cursor: str = "default") -> _H: ...

    @overload
    def on_change(self, hook: None = None, *, cursor: str = "default") -> Callable[[_H], _H]: ...

    def on_change(self, hook: ChangeHook | None = None, *, cursor: str = "default") -> Any:
        """Register `hook(before, after)`, called for each change applied, once, in each appointment's order.

        `before` is the row before the change (None for an appointment new to the table), `after` the
        row after it (`after.gone_at` set when it read as gone); `after.sequence` numbers the change.
        An `async def` hook is awaited; a plain one runs in a thread. Where it stands is kept in the
        table `mirror_cursors` under `cursor`, so that a restart goes on after the last change it was
        handed (a new cursor starts at the first change kept). A hook that raises is called again with
        the same change (the later ones wait). What "once" means when the process is killed: the
        module docstring of `_hooks.py` and docs/mirror.md, "Changes". Usable as `@mirror.on_change`.

        Raises:
            TypeError: `hook` cannot be called as `hook(before, after)`.
            ValueError: A hook is registered under `cursor` already, or `cursor` is not a name.
            RuntimeError: The mirror is started: hooks are registered before.
        """

        def register(given: _H) -> _H:
            if self._starting is not None:
                raise RuntimeError("register change hooks before the mirror starts: it hands changes to those it had")
            name = checked_cursor(cursor)
            if name in self._hooks:
                raise ValueError(f"a change hook is registered under cursor {name!r} already")
            self._hooks[name] = checked_hook(given)
            return given

        return register if hook is None else register(hook)

    # --- Lifecycle ----------------------------------------------------------------------------

    @property
    def started(self) -> bool:
        """Whether the mirror runs in this process (started, and not stopped since)."""
        return self._starting is not None and self._starting.done() and not self._starting.cancelled()

    async def __aenter__(self) -> AppointmentMirror:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def start(self) -> None:
        """Open the database (SQLite's tables made on first use; PostgreSQL's version checked), start the
        receiver's handler, the reader, the catch-ups (`catch_up_every`) and the change hooks. Needs `client`."""
        if self._starting is not None:
            await asyncio.shield(self._starting)
            return
        self._starting = asyncio.get_running_loop().create_future()
        try:
            if self.client is None:
                raise ValueError(
                    "the mirror needs a client to read with: AppointmentMirror(..., client=PexipEngage(...))"
                )
            await self._database.run(_tables.waiting)  # tables made, or the failure said now
            await self._seen()
            await self.receiver.start()
        except BaseException as error:
            if isinstance(error, Exception):  # kept where the database takes it: `mirror status` shows it
                await self._record_error("starting", error, 1)
            self._starting.set_exception(error)
            self._starting.exception()  # retrieved: raised here
            self._starting = None
            raise
        self._runners = [
            HookRunner(self._database, hook, name, self.poll_interval) for name, hook in self._hooks.items()
        ]
        self._tasks = [spawn(self._reader.run(), "reader")]
        self._tasks += [spawn(runner.run(), f"hook {runner.cursor}") for runner in self._runners]
        if self.catch_up_every is not None:
            self._caught_up = asyncio.Event()
            self._tasks.append(spawn(self._catching_up(self.catch_up_every, self._caught_up), "catch-ups"))
        self._started_at = time.monotonic()
        self._starting.set_result(None)
        logger.info("the appointment mirror started on %s", self._database.shown)

    async def _seen(self) -> None:
        """This process kept in the database as running (seen again at each catch-up), and a warning naming the
        processes without shared limits where several run: each would take the whole of the API's allowance."""
        within = 3 * (self.catch_up_every or 300.0)
        processes = await self._database.run(
            partial(
                _tables.running,
                holder=self._reader.holder,
                shared_limits=bool(os.environ.get("PEXIP_ENGAGE_LIMITS", "").strip()),
                within=within,
            )
        )
        alone = unshared_limits(processes)
        if alone and alone != self._unshared_warned:
            logger.warning(
                "%d processes run the mirror on this database, and %s keep the API's limits alone: together they go"
                " past them (set PEXIP_ENGAGE_LIMITS to one Redis or PostgreSQL URL on every host)",
                len(processes),
                ", ".join(alone),
            )
        self._unshared_warned = alone

    async def stop(self, *, grace: float = 10.0) -> None:
        """Stop with nothing half-applied: no delivery is taken any more, the receiver's handlers and the
        hooks running finish (within `grace` seconds), the read or catch-up in flight ends after the
        transaction it is in, and the database is closed. What is not done waits in the database.

        Call it too after `status()`, `check()` or `catch_up()` on a mirror never started: it closes the
        database they opened (its connection and thread)."""
        if self._starting is None:  # never started, but a status, check or catch-up may have opened the database
            await self._database.close()
            return
        starting, self._starting = self._starting, None
        with contextlib.suppress(BaseException):
            await starting
        await self.receiver.stop(grace=grace)
        self._reader.stop_soon()
        for runner in self._runners:
            runner.stop_soon()
        finishing = [task for task in self._tasks if not task.get_name().endswith("catch-ups")]
        await asyncio.wait(finishing, timeout=grace)  # the page read and the hook call in hand
        for runner in self._runners:
            if runner.in_hand is not None:  # a plain hook's thread cannot be interrupted: it finishes on its own
                logger.warning(
                    "the change hook of cursor %r still runs change %d after the %g s grace: left to finish, its"
                    " cursor not moved, so it is handed change %d again at the next start",
                    runner.cursor,
                    runner.in_hand,
                    grace,
                    runner.in_hand,
                )
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks, self._runners = [], []
        await self._database.close()
        logger.info("the appointment mirror stopped")

    async def join(self) -> None:
        """Wait until the catch-up at start is done, every event stored is handled, every appointment they
        named read and applied, and every change handed to the hooks running here (for tests and scripts:
        bound it with `asyncio.timeout`)."""
        if self._caught_up is not None:
            await self._caught_up.wait()
        # Asked twice in a row (nothing came in between); the state is other tasks' and the database's.
        while not await self._idle() or not await self._idle():  # noqa: ASYNC110 - no event tells it
            await asyncio.sleep(0.01)

    async def _idle(self) -> bool:
        """Whether nothing waits: no event in the receiver, no read, no change for a hook running here."""
        dialect = self._database.dialect
        try:
            await self.receiver.join()
            state = await self._database.run(lambda statements: _tables.counts(dialect, statements))
        except Exception:  # the database down for a moment (a restart): not idle, asked again
            return False
        hooks_done = all(state.cursors.get(runner.cursor, 0) >= state.last_change for runner in self._runners)
        return not state.waiting and not self._reader.busy and hooks_done

    # --- Events ---------------------------------------------------------------------------------

    async def _delivered(self, event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        await self.notice(event)

    async def _reconciled(self, event: ReconciledAppointmentEvent, delivery: Delivery) -> None:
        await self.notice(event)

    async def notice(self, event: AppointmentWebhookEvent | ReconciledAppointmentEvent) -> None:
        """Take in an event: its appointment is read (with others, a page at a time) once its events
        are quiet, unless the table holds it as new already. A `ReconciledAppointmentEvent` carries
        the appointment as the API gave it: applied as it is.

        The mirror's own receiver calls it; beside a receiver of your own, call it from your handler
        (docs/mirror.md, "Beside a receiver you have").
        """
        if isinstance(event, ReconciledAppointmentEvent):
            row = row_from(event.appointment, datetime.now(UTC))
            if row is not None:
                dialect = self._database.dialect
                # When reconcile read it is not kept: it read no earlier than the appointment's updatedAt (and
                # a row without one is read again instead), which orders it against a gone mark.
                asked_at = row.updated_at
                if asked_at is None:
                    if await self._database.run(lambda statements: _tables.notice(dialect, statements, row.id, None)):
                        self._reader.wake()
                    return
                self._applied(
                    await self._database.run(
                        lambda statements: _tables.apply(
                            dialect, statements, [row], asked_at=asked_at, origin="catch-up"
                        )
                    )
                )
            return
        appointment = event.data.appointment
        try:
            appointment_id = appointment.id
        except UnreadableFieldError:
            logger.warning("an appointment event without a readable appointment id was left: %s", event.id)
            return
        dialect = self._database.dialect
        if not is_engage_id(appointment_id):  # never asked for: its URL could fail every page it is in
            reason = "not an id Engage gives"
            await self._database.run(
                lambda statements: _tables.set_aside(dialect, statements, {appointment_id: reason})
            )
            logger.warning(
                "the mirror set aside appointment %s, which event %s named: %s; counted as refused in `mirror status`",
                shown_id(appointment_id),
                event.id,
                reason,
            )
            return
        try:
            updated_at = appointment.updated_at
        except UnreadableFieldError:
            updated_at = None
        newest = None
        if isinstance(updated_at, datetime):  # else read whatever the API has now
            newest = updated_at if updated_at.tzinfo is not None else updated_at.replace(tzinfo=UTC)
        if await self._database.run(lambda statements: _tables.notice(dialect, statements, appointment_id, newest)):
            self._reader.wake()

    def _applied(self, applied: _tables.Applied) -> None:
        if applied.changes:
            for runner in self._runners:
                runner.wake()
        if applied.repaired_ids:
            logger.warning(
                "the mirror repaired %d row(s) that differed from the API at the same updatedAt (changes of their"
                " own kind, `repaired`, handed to the hooks): %s",
                len(applied.repaired_ids),
                ", ".join(applied.repaired_ids[:20]),
            )

    def _client(self) -> PexipEngage:
        if self.client is None:
            raise ValueError("the mirror needs a client to read with: AppointmentMirror(..., client=PexipEngage(...))")
        return self.client

    # --- Catching up and checking ---------------------------------------------------------------

    async def catch_up(
        self,
        engage: PexipEngage | None = None,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        everything: bool = False,
    ) -> CatchUpResult:
        """Make the table equal to the API: read the window's appointments (`start` to `end`, by default
        the mirror's `window` around now; with `everything`, every appointment) and then, by id, the
        rows the table holds that were not read since the catch-up began, applying each page as it is
        read: for a window, those within the `horizon` (a `start` from `horizon` ago to the window's
        end, or an `updated_at` within it: moved out of the window, a past one completed late); for
        everything, every one (gone ones too).

        The window's costs what is near and what changed recently, not what the table holds. What
        it leaves (an appointment the table never held whose time is outside the window, a far one
        changed far off, one back after a 404) is found by a catch-up of `everything`, which the
        mirror runs at start and when `everything_every` seconds passed since the last one any host
        finished, one host at a time (docs/mirror.md, "No window trap").

        Raises:
            ValueError: `start` or `end` is not a timezone-aware datetime, or not in order; or
                `everything` with a window.
            PexipEngageError: A read failed (what `getAppointments` raises); the pages applied before stay.
        """
        first: datetime | None = None
        last: datetime | None = None
        if everything:
            if start is not None or end is not None:
                raise ValueError("a catch-up of everything takes no window: give start and end, or everything=True")
        else:
            now = datetime.now(UTC)
            first, last = aware_window(
                now + self.window[0] if start is None else start, now + self.window[1] if end is None else end
            )
        with lane("background"):
            return await catch_up(
                self._database,
                engage or self._client(),
                first,
                last,
                page_size=self.page_size,
                retention=self.change_retention,
                on_applied=self._applied,
                horizon=self.horizon,
            )

    async def _catching_up(self, every: float, caught_up: asyncio.Event) -> None:
        """A catch-up of everything now, then one of the window every `every` seconds, and of everything
        when `everything_every` seconds have passed since the last one any host finished; one host at a
        time runs those (a lease in `mirror_state`). A failed one logged and tried again sooner."""
        at_start = True
        dialect, holder = self._database.dialect, self._reader.holder
        while True:
            try:
                if not at_start:
                    await self._seen()
                everything = await self._database.run(
                    partial(
                        _tables.claim_everything,
                        dialect,
                        holder=holder,
                        lease=CATCH_UP.seconds,
                        every=self.everything_every,
                        at_start=at_start,
                    )
                )
                try:
                    result = await self.catch_up(everything=everything)
                except BaseException:
                    if everything:
                        with contextlib.suppress(Exception):
                            await asyncio.shield(
                                self._database.run(partial(_tables.everything_done, holder=holder, finished=False))
                            )
                    raise
                if everything:
                    await self._database.run(partial(_tables.everything_done, holder=holder, finished=True))
            except Exception as error:
                wait = self._catch_up_failures.failed(error)
                streak = self._catch_up_failures.streak()
                await self._record_error("catching up", error, 0 if streak is None else streak.in_a_row)
                await asyncio.sleep(min(every, wait))
                continue
            self._catch_up_failures.worked()
            caught_up.set()
            at_start = False
            logger.info(
                "the mirror caught up on %s: %d read (%d listed, %d read again), %d changed, %d repaired",
                "every appointment" if everything else "the window",
                result.read,
                result.listed,
                result.reread,
                result.changed,
                result.repaired,
            )
            await asyncio.sleep(every)

    async def _record_error(self, what: str, error: BaseException, in_a_row: int) -> None:
        """Keep the failure in the database, for `mirror status` in another process to show (`last_error`)."""
        summary = {
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "what": what,
            "error": f"{type(error).__name__}: {error}",
            "inARow": in_a_row,
        }
        with contextlib.suppress(Exception):  # the database may be what failed: the log says it then
            await self._database.run(partial(_tables.record_error, summary=summary))

    async def health(self) -> tuple[bool, dict[str, Any]]:
        """Whether this process's mirror is ready, and why not: what `GET /readyz` answers (200, else 503).

        Failing when the database cannot be read, when the catch-ups are refused for the credentials or
        the enterprise (or fail otherwise), when the last catch-up finished more than two periods ago
        (`catch_up_every`), or when a hook of this process fails while changes wait for it. Deliveries refused
        are counted (`refusedDeliveries`), never a failure: a stranger can send them. Names no secret: errors by
        their class (and status) only, the database with its password redacted.
        """
        refused = self.receiver.refused_deliveries
        dialect = self._database.dialect
        try:
            state = await self._database.run(lambda statements: _tables.counts(dialect, statements))
        except Exception as error:  # any failure to read is the answer
            return readiness_answer([f"database unreachable: {_named(error)} on {self._database.shown}"], {}, refused)
        failures: list[str] = []
        failing = self._catch_up_failures.streak()
        if failing is not None:
            kind = "credentials refused" if _refused_credentials(failing.last) else "catch-ups failing"
            failures.append(f"{kind}: {_named(failing.last)}, {failing.in_a_row} in a row")
        finished = None if state.catch_up is None else CatchUpResult.from_json(state.catch_up).finished_at
        if self.catch_up_every is not None and self.started:
            since = (datetime.now(UTC) - finished).total_seconds() if finished is not None else None
            alive = time.monotonic() - self._started_at
            if (since if since is not None else alive) > 2 * self.catch_up_every:
                failures.append(
                    f"catch-up overdue: the last finished {'never' if since is None else f'{since:.0f} s ago'},"
                    f" one is due every {self.catch_up_every:g} s"
                )
        for runner in self._runners:
            behind = state.last_change - state.cursors.get(runner.cursor, 0)
            if behind > 0 and runner.failing is not None:
                failures.append(f"hook {runner.cursor!r} behind by {behind} change(s): {_named(runner.failing)}")
        document = {
            "lastCatchUp": None if finished is None else finished.isoformat(),
            "hooksBehind": {name: state.last_change - at for name, at in sorted(state.cursors.items())},
        }
        return readiness_answer(failures, document, refused)

    async def _readings(self) -> list[Reading]:
        """What `/metrics` reads when scraped (`MirrorApp`): the tables' counts, as `status()` shows them, and the
        receiver's queue, through the database and the store this process holds."""
        dialect, now = self._database.dialect, datetime.now(UTC)
        state = await self._database.read(lambda statements: _tables.counts(dialect, statements))
        tallies = await self.receiver.tallies()
        read = queue_readings(tallies.waiting, tallies.failed)

        def reading(name: str, documentation: str, value: float, **labels: str) -> None:
            read.append(Reading(f"pexip_engage_mirror_{name}", documentation, value, labels, total=name == "changes"))

        reading("rows", "Rows in the table, gone ones included.", state.rows)
        reading("pending_reads", "Appointments named by events, waiting for a read.", state.waiting)
        reading("refused_events", "Ids named by events that cannot be read, set aside.", state.refused)
        reading("changes", "Changes logged to the table.", state.last_change)
        for cursor, at in sorted(state.cursors.items()):
            reading("cursor_behind", "Changes logged after a hook's cursor.", state.last_change - at, cursor=cursor)
        if state.newest_updated_at is not None:
            age = (now - state.newest_updated_at).total_seconds()
            reading("newest_change_age_seconds", "Age of the newest updatedAt applied.", age)
        if state.catch_up is not None:
            age = (now - CatchUpResult.from_json(state.catch_up).finished_at).total_seconds()
            reading("last_catch_up_age_seconds", "Since the last catch-up finished.", age)
        if self.catch_up_every is not None:
            reading("catch_up_period_seconds", "How often a catch-up is due.", self.catch_up_every)
        return read

    async def check(self, engage: PexipEngage | None = None) -> CheckResult:
        """Compare the table with a consistent listing of the API (every appointment, no window); each
        appointment that differs is named in the result's `differences` (read again before it is)."""
        with lane("background"):
            return await check(self._database, engage or self._client(), self.page_size)

    async def status(self) -> MirrorStatus:
        """The rows, the last catch-up, what waits and the newest `updated_at`."""
        dialect = self._database.dialect
        state = await self._database.read(lambda statements: _tables.counts(dialect, statements))
        held = await self.cursors()
        # The receiver's store read through a store of its own, opened for this call: the receiver's may be running.
        store = WebhookReceiver(self.events, secret=secrets.token_hex(16)).store  # it checks no delivery
        self._database.refuse_missing_events()  # the events' file, beside the table's, is not made either
        await store.open()
        try:
            due = len(await store.due(time.time(), 100_000))
            failed = len(await store.failed(100_000))
            tallies = await store.tallies()
        finally:
            await store.close()
        refused_at = tallies.last_refused_at
        return MirrorStatus(
            rows=state.rows,
            gone=state.gone,
            unreadable=state.unreadable,
            newest_updated_at=state.newest_updated_at,
            waiting_reads=state.waiting,
            refused=state.refused,
            waiting_events=due,
            failed_events=failed,
            last_change=state.last_change,
            cursors=state.cursors,
            stale_cursors=[cursor.name for cursor in held if cursor.stale],
            last_catch_up=None if state.catch_up is None else CatchUpResult.from_json(state.catch_up),
            last_error=state.last_error,
            refused_deliveries=tallies.refused,
            last_refused_at=None if refused_at is None else datetime.fromtimestamp(refused_at, UTC),
            last_refusal=tallies.last_refused,
            processes=state.processes,
        )

    async def cursors(self) -> list[ChangeCursor]:
        """The change hooks' cursors: where each stands, when it was last held, and whether it is stale (not held
        for longer than `change_retention`: it no longer holds back pruning)."""
        dialect, retention = self._database.dialect, self.change_retention
        return await self._database.read(lambda statements: _tables.cursors(dialect, statements, retention))

    async def forget_cursor(self, name: str) -> bool:
        """Drop the cursor `name` (a hook renamed or removed for good): whether there was one. A hook registered
        under it later starts at the first change kept.

        Raises:
            ValueError: A running process holds the cursor (its hook runs): stop it first.
        """
        dialect, cursor = self._database.dialect, checked_cursor(name)
        dropped = await self._database.run(lambda statements: _tables.forget_cursor(dialect, statements, cursor))
        if dropped is None:
            raise ValueError(f"name: the cursor {cursor!r} is held by a running mirror; stop its hook first")
        return dropped

    async def get(self, appointment_id: str) -> MirroredAppointment | None:
        """The row of one appointment, or None."""
        dialect = self._database.dialect
        found = await self._database.read(partial(_tables.rows_of, dialect, ids=[appointment_id]))
        return found.get(appointment_id)

    # --- Faces ----------------------------------------------------------------------------------

    def asgi_app(self) -> ASGIApp:
        """The receiver as an ASGI application whose lifespan starts and stops the whole mirror (served
        by uvicorn, or routed in Starlette/FastAPI with `Route(path, app)` as docs/webhooks.md shows)."""
        from ._serving import MirrorApp  # noqa: PLC0415 - the face loads when used

        return MirrorApp(self)

    def wsgi_app(self) -> Any:
        """The receiver's WSGI face (`WebhookReceiver.wsgi_app`): it checks and stores each delivery; a
        process running the mirror on the same database (`pexip-engage mirror run --no-serve`) reads them."""
        return self.receiver.wsgi_app()

    async def receive(self, body: bytes, *, key: str | None, content_type: str | None = "application/json") -> Answer:
        """One delivery, checked, stored and answered as the receiver does (`WebhookReceiver.receive`)."""
        if not self.started:
            await self.start()
        return await self.receiver.receive(body, key=key, content_type=content_type)

    async def run(self, *, port: int | None = 8000, host: str = "127.0.0.1", grace: float = 10.0) -> None:
        """Serve the receiver on `host:port` (None: serve nothing; deliveries reach the database through
        your own server) and run the mirror until SIGTERM or SIGINT, then stop with nothing half-applied.
        Needs uvicorn (the `mirror` extra)."""
        from ._serving import run  # noqa: PLC0415

        await run(self, port=port, host=host, grace=grace)


def _named(error: BaseException) -> str:
    """An error as the health check may show it: its class, and an API error's status; never its text."""
    status = getattr(error, "status_code", None)
    return type(error).__name__ + (f" ({status})" if isinstance(status, int) else "")


def _refused_credentials(error: BaseException) -> bool:
    from ..errors import AuthenticationError, NotFoundError, PermissionDeniedError  # noqa: PLC0415

    return isinstance(error, AuthenticationError | PermissionDeniedError | NotFoundError)
