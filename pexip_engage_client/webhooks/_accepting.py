"""Taking a delivery in: the secret compared, the body checked and parsed (`_parse.py`), the event stored, and
the answer (`Answer`), the rules every face applies in one order: `before_body`, the body read up to the limit,
then `Acceptor.accept` (the event loop) or `Acceptor.accept_sync` (a thread, through `_shared/bridge.py`). A refusal
is counted, kept in the store for `webhooks status`, and logged once per cause and source.

What each answer is: docs/webhooks.md, "What happens to a delivery".
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import threading
import time
import weakref
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar
from urllib.parse import parse_qsl

from .._base.arguments import ENGAGE_ID_MAX_LENGTH, is_engage_id
from .._base.processes import PerProcess, generation, per_process
from .._shared.bridge import run, start_loop, stop_loop
from .._shared.failures import FailureLog
from .._shared.metrics import Instrument
from ._handlers import Arrival, Handlers
from ._parse import EventOrder, InvalidWebhookError, WebhookEvent, order_of, read_event
from ._replaying import own_store
from ._scheduling import Scheduler
from ._settings import Settings
from ._stores import WebhookStore, note_quietly
from ._stores._contract import RECONCILED

logger = logging.getLogger("pexip_engage_client.webhooks")
_T = TypeVar("_T")
DELIVERIES = Instrument(
    "counter",
    "pexip_engage.webhooks.deliveries",
    "{delivery}",
    "Deliveries answered: accepted, duplicate or refused (by cause).",
)


@dataclass(frozen=True)
class Answer:
    """The HTTP answer to one delivery: `status` and a short `reason` (never a secret).

    A refusal also says its `cause` in a few words (the log names it: "wrong or missing key",
    "body too large", ...), and `event_id`, the refused event's id when the body was read and held one.
    """

    status: int
    reason: str
    cause: str = field(default="", compare=False)
    event_id: str | None = field(default=None, compare=False)

    @property
    def body(self) -> bytes:
        """The JSON body: `{"status": reason}` for a success, `{"error": reason}` for a refusal."""
        return json.dumps({"status" if self.status < 400 else "error": self.reason}).encode()

    @property
    def headers(self) -> list[tuple[str, str]]:
        """The headers to answer with: the body's type and length, and `Allow: POST` on a 405."""
        headers = [("content-type", "application/json"), ("content-length", str(len(self.body)))]
        return [*headers, ("allow", "POST")] if self.status == 405 else headers


UNAUTHENTIC = Answer(
    401, "the request must carry the shared secret as the query parameter `key`", cause="wrong or missing key"
)
NOT_POST = Answer(405, "webhook deliveries are POSTed", cause="not a POST")
UNSUPPORTED_TYPE = Answer(415, "the body must be sent as application/json", cause="not application/json")
STORE_UNREACHABLE = Answer(503, "the receiver's store cannot be reached; retry later")
NOT_STORED = Answer(503, "the event could not be stored; retry later")
ACCEPTED = Answer(202, "accepted")
DUPLICATE = Answer(200, "duplicate: already received")
NOT_AN_EVENT = "not a webhook event"


def key_of(query: str) -> str | None:
    """The `key` parameter of a query string (latin-1 text, as ASGI and WSGI servers give it)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    return next((value for name, value in pairs if name == "key"), None)


def too_large(limit: int) -> Answer:
    return Answer(413, f"the body is larger than {limit} bytes", cause="body too large")


def before_body(method: str, authentic: bool, content_length: str | None, limit: int) -> Answer | None:
    """The refusal owed before the body is read, if any: an unauthenticated sender, or one declaring
    too large a body, costs nothing but its headers."""
    if method != "POST":
        return NOT_POST
    if not authentic:
        return UNAUTHENTIC
    declared = (content_length or "").strip()
    if declared.isdigit() and int(declared) > limit:
        return too_large(limit)
    return None


@dataclass(frozen=True)
class Storable:
    """A delivery that passed every check: its event, and where it sits in its appointment's order."""

    event: WebhookEvent
    order: EventOrder


def check(body: bytes, content_type: str | None, settings: Settings) -> Storable | Answer:
    """The event a body holds, or the refusal it is owed (415, 413, 400 with the reason); one unlike
    openapi.yaml is kept unless strict (Engage drops an event after its third refusal)."""
    if (content_type or "").split(";", 1)[0].strip().lower() != "application/json":
        return UNSUPPORTED_TYPE
    if len(body) > settings.max_body_size:
        return too_large(settings.max_body_size)
    try:
        event = read_event(body, strict=settings.strict_responses, spec_drift=settings.spec_drift)
    except InvalidWebhookError as error:
        return Answer(400, str(error), cause=NOT_AN_EVENT)
    order = order_of(event)
    refusal = _unstorable(event.id, order, settings.future_tolerance)
    if refusal is not None:
        return Answer(400, f"invalid webhook event: {refusal[1]}", cause=refusal[0], event_id=_shown_id(event.id))
    return Storable(event, order)


# Engage's event ids are UUIDs; openapi.yaml bounds no id, but its longest string fields take 255 characters. A
# store keys on the id, so one longer than that is refused at the door rather than kept and indexed.
EVENT_ID_MAX_LENGTH = 255


def _unstorable(event_id: str, order: EventOrder, future_tolerance: float) -> tuple[str, str] | None:
    """Why an event cannot be kept (the cause, the reason), or None: no store can key on a lone surrogate,
    and a far-future updatedAt would silence its appointment (docs/webhooks.md, "Order")."""
    subject, updated_at = order.subject, order.updated_at
    if event_id.startswith(RECONCILED):  # the ids reconcile gives its changes: a delivery must not take one
        return NOT_AN_EVENT, f"id starts with {RECONCILED!r}, which only reconciled changes carry"
    if len(event_id) > EVENT_ID_MAX_LENGTH:
        return NOT_AN_EVENT, f"id has {len(event_id):,} characters; an event id has at most {EVENT_ID_MAX_LENGTH}"
    for name, value in (("id", event_id), ("data.appointment.id", subject)):
        if value is not None and _shown_id(value) is None:
            return NOT_AN_EVENT, f"{name} holds a lone surrogate character (an escape such as \\ud800 that is not text)"
    if subject is not None and not is_engage_id(subject):  # one that names no appointment must not wait for a read
        return "not an appointment id", (
            f"data.appointment.id is not an id Engage gives (1 to {ENGAGE_ID_MAX_LENGTH} letters, digits, - or _;"
            f" this one has {len(subject):,} characters)"
        )
    if updated_at is not None and updated_at > (time.time() + future_tolerance) * 1_000_000:
        return "updatedAt ahead of this clock", (
            f"data.appointment.updatedAt is more than {future_tolerance:g} s ahead of this receiver's"
            " clock; an event from the future would make every later change of its appointment stale"
        )
    return None


def _shown_id(text: str) -> str | None:
    """`text` as a log may show it: None for one that is not text (a lone surrogate)."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return None
    return text


# How many (cause, source) pairs the refusals' log remembers at once: a scan from many addresses cannot grow it.
MAX_OPEN = 1024


@dataclass
class _Window:
    """One (cause, source)'s refusals since its last line: when that was, and how many since."""

    started: float
    count: int = 0


class RefusalLog:
    """Refused deliveries, counted by cause in this process (`counts`) and logged: once per cause and source at
    WARNING, the rest summed up per interval. A wrong secret in Engage fails every delivery with 401, which a
    receiver without an access log would never tell (docs/webhooks.md, "Authenticity"). Never the key a sender
    gave: it may be the secret mistyped."""

    # Per process: a forked child counts its own, and a parent thread may have held the lock at the fork. The WSGI
    # face reports from its server's threads, beside the event loop's reports.
    _open: per_process[dict[tuple[str, str], _Window]] = per_process(lambda _: {})
    _counts: per_process[dict[str, int]] = per_process(lambda _: {})
    _lock = per_process(lambda _: threading.Lock())

    def __init__(
        self, logger: logging.Logger, interval: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._logger = logger
        self._interval = interval
        self._clock = clock

    def counts(self) -> dict[str, int]:
        """The deliveries this process refused since it started, by cause."""
        with self._lock:
            return dict(self._counts)

    def refused(self, answer: Answer, source: str | None, event_id: str | None = None) -> None:
        """One more delivery refused with `answer` from `source`; logged unless its pair was logged lately."""
        if not answer.cause:
            return
        DELIVERIES(1, {"outcome": "refused", "cause": answer.cause})
        key = (answer.cause, source or "an unknown source")
        now = self._clock()
        with self._lock:
            self._counts[answer.cause] = self._counts.get(answer.cause, 0) + 1
            summed_up = self._open_window(key, now)
        if summed_up is None:
            return
        for (cause, where), window in summed_up:
            self._logger.warning(
                "webhook deliveries were refused (%s) from %s %d more times in the last %.1f s",
                cause,
                where,
                window.count,
                now - window.started,
            )
        self._logger.warning(
            "a webhook delivery was refused with %d (%s) from %s; event id %s; further refusals of this cause "
            "from this source are counted, one line every %g s",
            answer.status,
            answer.cause,
            key[1],
            "unknown" if event_id is None else repr(event_id),
            self._interval,
        )

    def _open_window(self, key: tuple[str, str], now: float) -> list[tuple[tuple[str, str], _Window]] | None:
        """None when a refusal of `key` is counted in its open window; else the windows it closes (to sum up), and
        it is logged as the first of a new one."""
        window = self._open.get(key)
        if window is not None and now - window.started < self._interval:
            window.count += 1
            return None
        closed = []
        if window is not None:
            closed.append((key, self._open.pop(key)))
        elif len(self._open) >= MAX_OPEN:
            oldest = next(iter(self._open))
            closed.append((oldest, self._open.pop(oldest)))
        self._open[key] = _Window(now)
        return [(pair, window) for pair, window in closed if window.count]


class Acceptor:
    """One receiver's intake: what both faces and `receive`/`receive_sync` call."""

    def __init__(
        self,
        settings: Settings,
        secret: Callable[[], tuple[bytes, ...]],
        scheduler: Scheduler,
        handlers: Handlers,
        failures: FailureLog,
    ) -> None:
        self._settings = settings
        self._secret = secret
        self._scheduler = scheduler
        self._handlers = handlers
        self._failures = failures
        self.refusals = RefusalLog(logger)
        self._intake = PerProcess(lambda: ThreadIntake(settings))  # a forked child opens its own

    def authentic(self, key: str | None) -> bool:
        """Whether `key` is one of the secrets, each compared in constant time.

        Every secret is compared, whichever matches: how long the check takes tells nothing of which
        one a key was close to."""
        if key is None:
            return False
        given = key.encode("utf-8", "surrogateescape")
        matches = [hmac.compare_digest(given, secret) for secret in self._secret()]
        return any(matches)

    def close_intake(self) -> None:
        """Close the store the sync face opened in this process, if any (a later delivery opens one again)."""
        intake = self._intake.clear()
        if intake is not None:
            intake.close()

    async def refused(self, answer: Answer, source: str | None, *, start: Callable[[], Awaitable[None]]) -> Answer:
        """`answer`, a refusal, once counted and logged (`RefusalLog`) and kept in the store by its cause (`start()`
        first if not started), so that `webhooks status` shows it."""
        self.refusals.refused(answer, source, answer.event_id)
        if answer.cause:
            try:
                if not self._scheduler.started:
                    await start()
            except Exception:  # the store cannot be opened: the next accepted delivery reports it
                return answer
            await note_quietly(self._settings.store, "refused", answer.cause, time.time())
        return answer

    def refused_sync(self, answer: Answer, source: str | None) -> Answer:
        """`refused`, from a thread without an event loop: kept in the thread's store (`ThreadIntake`)."""
        self.refusals.refused(answer, source, answer.event_id)
        if answer.cause:
            intake = self._intake.get()
            try:
                store = intake.opened()
            except Exception:  # as in `refused`
                return answer
            intake.run(note_quietly(store, "refused", answer.cause, time.time()))
        return answer

    async def accept(
        self, body: bytes, content_type: str | None, *, start: Callable[[], Awaitable[None]], source: str | None
    ) -> Answer:
        """Check, store and answer a delivery whose key was found authentic; `start()` first if not started."""
        checked = check(body, content_type, self._settings)
        if isinstance(checked, Answer):
            return await self.refused(checked, source, start=start)
        if not self._scheduler.started:
            try:
                await start()
            except Exception as error:
                return self._store_failed("opening", error)
        try:
            position = await self._add(self._settings.store, body, checked)
        except Exception as error:
            return self._store_failed("storing an event", error)
        if position is not None:
            self._scheduler.enqueue(checked.event.id)
        return self._stored(checked.event, position)

    def accept_sync(self, body: bytes, content_type: str | None, *, source: str | None) -> Answer:
        """`accept` up to the answer, from a thread without an event loop: no handler."""
        checked = check(body, content_type, self._settings)
        if isinstance(checked, Answer):
            return self.refused_sync(checked, source)
        intake = self._intake.get()
        try:
            store = intake.opened()
        except Exception as error:
            return self._store_failed("opening", error)
        try:
            position = intake.run(self._add(store, body, checked))
        except Exception as error:
            return self._store_failed("storing an event", error)
        return self._stored(checked.event, position)

    @staticmethod
    async def _add(store: WebhookStore, body: bytes, checked: Storable) -> int | None:
        order = checked.order
        return await store.add(
            checked.event.id, body, subject=order.subject, updated_at=order.updated_at, now=time.time()
        )

    def _store_failed(self, step: str, error: Exception) -> Answer:
        """The store failed at `step` (opening, or storing an event): counted in the failure log, and answered 503
        so that Engage retries."""
        self._failures.failed(error, step)
        return STORE_UNREACHABLE if step == "opening" else NOT_STORED

    def _stored(self, event: WebhookEvent, position: int | None) -> Answer:
        """The store has the event (`position` None: it had it already): told to the observers, answered 202 or 200."""
        self._failures.worked("storing an event")
        self._handlers.notify(Arrival(event, position, position is None))
        DELIVERIES(1, {"outcome": "accepted" if position is not None else "duplicate"})
        return DUPLICATE if position is None else ACCEPTED


class Face(Protocol):
    """What a web face calls on the receiver behind it (`WebhookReceiver` is one): its intake, and its
    start and stop. The faces know the receiver only through it (none imports it)."""

    max_body_size: int
    _acceptor: Acceptor

    async def start(self, *, handle: bool = True) -> None: ...

    async def stop(self) -> None: ...


class ThreadIntake:
    """The store a thread's deliveries go to (the receiver's own kind, `own_store`), opened on first
    use on a loop thread of this process (the bridge) and used there; closed with its receiver."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._loop = start_loop("pexip-engage-webhook-intake")
        self._store: list[WebhookStore] = []  # once opened
        self._opening = threading.Lock()
        # Not at exit: the store's own threads are shut down first (each write is committed already).
        self._finalizer = weakref.finalize(self, _close, generation(), self._loop, self._store)
        self._finalizer.atexit = False

    def opened(self) -> WebhookStore:
        """The store, opened now if not yet (not kept when opening fails)."""
        with self._opening:
            if not self._store:
                store = own_store(self._settings)
                self.run(store.open())
                self._store.append(store)
            return self._store[0]

    def run(self, work: Coroutine[Any, Any, _T]) -> _T:
        return run(work, self._loop)

    def close(self) -> None:
        """Close the store now and end the loop thread, waiting for both (the receiver's `close`)."""
        if not self._finalizer.detach():
            return  # closed already, or by its collection
        try:
            if self._store:
                self.run(self._store[0].close())
        finally:
            stop_loop(self._loop)


def _close(made_in: int, loop: asyncio.AbstractEventLoop, opened: list[WebhookStore]) -> None:
    """Close the store on its loop, then stop the loop; not waited for: a collection may run in a
    thread that holds what the closing needs. Not in a forked child: the parent's store and loop."""
    if generation() == made_in:
        asyncio.run_coroutine_threadsafe(_close_then_stop(opened), loop)


async def _close_then_stop(opened: list[WebhookStore]) -> None:
    try:
        if opened:
            await opened[0].close()
    finally:
        asyncio.get_running_loop().stop()
