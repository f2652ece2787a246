"""`ensure_*`: a create that is safe to retry, keyed by the body's `externalId`.

Why, each step and outcome: docs/safe-writes.md; a field it cannot read: docs/spec-drift.md ("`ensure_*`"); its turns:
`_ensure_lock.py`. Generated for every create the spec lets an ensure find again (templates/endpoint_init.py.jinja),
through `Invoker.ensure`; loaded by the first ensure."""

from __future__ import annotations

import time
from asyncio import sleep as _sleep  # a module global, so tests can record the backoff
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import methodcaller
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from .._base.answer_fields import Unread
from .._base.arguments import ArgumentError, escaped, number
from .._base.timing import backoff
from .._base.waiting import waited_within
from .._errors import (
    APIConnectionError,
    APIError,
    BusinessValidationError,
    DuplicateExternalIdError,
    EnsureError,
    EnsureNoAnswerError,
    EnsureRefusedError,
    EnsureTurnError,
    EnsureUnreadableAnswerError,
    ExternalIdConflictError,
    PexipEngageError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
)
from .._leasing._lease import FIRST_PAUSE, LONGEST_PAUSE, Busy, LeaseLostError, LeaseUnreachableError
from .._leasing._shared_leases import lease_seconds
from .._runtime import AtSend, EnsureCall, Ensured, EnsureOutcome, RequestOptions
from .._runtime.lenient import model_field
from .._runtime.options import attempt_seconds
from .._telemetry._stream import FeatureOutcome
from ._ensure_identity import ITEM, KINDS, EnsureKind, Sorted, compared, id_of, sort_out
from ._ensure_lock import EnsureLocks, described_holder, lease_key
from ._events import EnsureEvent

if TYPE_CHECKING:
    from .._pipeline._request import RequestPipeline
    from .._telemetry._stream import Telemetry
    from ._shared_once import SharedOnce

T = TypeVar("T")
R = TypeVar("R")
E = TypeVar("E", bound=EnsureError)

# The statuses after which a create may have landed: the gateway's answer, not the API's.
AMBIGUOUS_STATUSES = frozenset({502, 503, 504})
# How long an ensure polls the look-up after an ambiguous answer, by default (seconds).
DEFAULT_RECONCILE_WITHIN = 10.0
# The look-up's backoff while reconciling: from the first to the longest pause (seconds).
_FIRST_POLL, _LONGEST_POLL = 0.05, 1.0
# How many matches a look-up reads: one is the answer, more are duplicates to name.
LOOKUP_LIMIT = 100
# What an ensure's error says about its creates: one may have landed, or none did.
_MAY_HAVE_CREATED = (
    "A create this call sent earlier may have made it: look it up, or ensure it again (an ensure looks first)"
)
_NOTHING_CREATED = "Nothing was created by this call: it is safe to run again"
# While another holder has the turn, a waiter looks up now and then (what it made may be there):
# from the first to the longest pause between its look-ups (seconds).
_FIRST_LOOK, _LONGEST_LOOK = 0.25, 2.0


async def ensure_call(
    call: EnsureCall[T],
    options: RequestOptions,
    pipeline: RequestPipeline,
    telemetry: Telemetry,
    locks: SharedOnce[EnsureLocks],
) -> Ensured[T]:
    """A generated `ensure_*` method's call (`Invoker.ensure`), with its client's settings (`pipeline`'s, its turns
    taken in `locks`) and its start and end told to its `telemetry`: find the resource the body describes by its
    external id, or create it, once (docs/safe-writes.md)."""
    checked = pipeline.settings.for_call(options, call.name)  # refused here, before any turn is taken
    seconds = attempt_seconds(checked.timeout)
    settings = EnsureSettings(
        seconds,
        checked.max_retries,
        locks.get_or_make(EnsureLocks),
        pipeline.root,
        pipeline.governor()._shared_url,
        lease_seconds(seconds),
        pipeline.retry_policy.max_retry_after,
    )

    def outcome_of(result: Ensured[T], elapsed: float) -> FeatureOutcome:
        resource_id = getattr(result.resource, "id", None)
        return FeatureOutcome(
            {"pexip_engage.ensure.outcome": str(result.outcome)},
            "ensure",
            lambda: EnsureEvent(
                call.name,
                str(result.outcome),
                result.external_id,
                resource_id if isinstance(resource_id, str) else None,
                elapsed,
            ),
        )

    return await telemetry.feature(call.name, lambda: _ensured(call, settings, options), outcome_of)


async def _ensured(call: EnsureCall[T], settings: EnsureSettings, options: RequestOptions) -> Ensured[T]:
    """The ensure itself: its turns, its look-ups and creates, and its errors, each naming the external id."""
    run = _Run(KINDS.get(call.operation) or EnsureKind(call.name, call.operation, "", ()), call, options, settings)
    try:
        return await _in_turns(run)
    except EnsureError:
        raise
    except PexipEngageError as error:  # whatever else ended it: said as the ensure's own, naming the id
        raise run.failed(error) from error


@dataclass(frozen=True)
class EnsureSettings:
    """What an ensure takes from its client and call: `call_seconds` (the call's time, which bounds settling
    and reconciling), `max_retries` (creates after the first when a look-up finds nothing), where turns are
    taken (`locks`; `scope`, the enterprise's API root, in every key; `shared_url`, the governor's shared
    backend, else this host's lock files), `lease_seconds` (how long a turn outlives its holder's last
    renewal) and `max_retry_after` (a 429 asking for more ends the ensure).
    """

    call_seconds: float
    max_retries: int
    locks: EnsureLocks
    scope: str
    shared_url: str | None = field(repr=False)  # it may hold a password
    lease_seconds: float
    max_retry_after: float


def external_id_of(kind: EnsureKind, body: Mapping[str, Any]) -> str:
    """The body's `externalId`, which an ensure needs; an `ArgumentError` naming `body.externalId` without one."""
    external_id = body.get("externalId")
    if not isinstance(external_id, str) or not external_id:
        why = (
            "a non-empty string: the key by which a create is found again after a lost answer "
            f"(got {external_id!r}); without one, call {kind.create} instead"
        )
        raise ArgumentError(f"{escaped(kind.method)} needs {{0}}, {escaped(why)}", "body.externalId")
    return external_id


async def _in_turns(run: _Run[T]) -> Ensured[T]:
    """The ensure's turns: this process's lock, then leases until one holds and the work is done under it."""
    turn, external_id = run.turn, run.external_id
    waits = _Waits(run)
    if not await waited_within(turn.lock.acquire, run.settings.lease_seconds):  # this process's lock for the id
        raise waits.out_of_time(described_holder(None))
    try:
        while True:
            try:
                got = await turn.take()
            except LeaseUnreachableError as error:
                got, waits.problem = None, f"{turn.backend.description} could not be reached ({error})"
            if isinstance(got, Busy) or got is None:
                found = await waits.look_while_waiting(got)
                if found is not None:
                    return Ensured(found, EnsureOutcome.FOUND, external_id)
                continue
            turn.keep_alive()
            try:
                return await _under_the_turn(run, waits)
            except (LeaseLostError, LeaseUnreachableError) as error:
                # Raised by a create's confirm, before it was sent; the next turn polls first if needed.
                waits.problem = f"the turn could not be confirmed before the create ({error})"
                await waits.pause(None)
            finally:
                await turn.leave()  # kept to run out while a create of this call may still land
    finally:
        turn.lock.release()


async def _under_the_turn(run: _Run[T], waits: _Waits) -> Ensured[T]:
    """With the turn held: settle if the backend's state is new, look up, and create when nothing is found."""
    turn = run.turn
    needed = turn.settle_seconds()
    if needed > 0 and needed > waits.deadline - time.monotonic():
        raise waits.out_of_time(
            f"{turn.backend.description} has a new lease state (its first use, or its state was lost), so a create "
            f"sent under the old one may still be in flight for {needed:.1f} s, longer than this call has left"
        )
    await turn.settle()
    if not run.may_have_created:  # else `create` polls first: a create of an earlier turn may land
        try:
            found = await run.find()
        except (APIConnectionError, ServerError) as error:
            if not unanswered(error):
                raise
            raise run.no_answer(error, "its look-up got no answer") from error
        if found is not None:
            return Ensured(found, EnsureOutcome.FOUND, run.external_id)
    resource, outcome = await run.create()
    return Ensured(resource, outcome, run.external_id)


class _Waits:
    """An ensure's waits for a turn: within one lease of its own (outlasting a dead holder's), looking up meanwhile."""

    def __init__(self, run: _Run[Any]) -> None:
        self._run, self._started = run, time.monotonic()
        self.deadline = self._started + run.settings.call_seconds  # what a settling wait may take
        self._turn_deadline = self._started + run.settings.lease_seconds
        self._pause, self._next_look, self._look_pause = FIRST_PAUSE, self._started, _FIRST_LOOK
        self.problem = ""  # why the last try did not hold the turn, for the message (set before every pause)

    async def look_while_waiting(self, busy: Busy | None) -> Any:
        """While another holder has the turn (or the backend cannot be asked): look up when due, then pause."""
        # The holder's lease ends this long after its answer, however long the look below takes.
        lease_ends = None if busy is None or busy.left_seconds is None else time.monotonic() + busy.left_seconds
        if busy is not None:
            self.problem = described_holder(busy)
        if time.monotonic() >= self._next_look:
            found = await self._run.poll(0.0)  # one look; the API unable to answer either, the wait goes on
            if found is not None:
                return found
            self._next_look = time.monotonic() + self._look_pause
            self._look_pause = backoff(self._look_pause, 2, _LONGEST_LOOK)
        await self.pause(lease_ends)
        return None

    async def pause(self, lease_ends: float | None) -> None:
        """The pause before the next try at the turn, ending no later than the busy holder's lease (`lease_ends`, on
        the monotonic clock, when known); `EnsureTurnError` once a lease's time is spent."""
        now = time.monotonic()
        left = self._turn_deadline - now
        if left <= 0:
            raise self.out_of_time(self.problem)
        wait = min(self._pause, left)
        if lease_ends is not None:
            wait = min(wait, max(lease_ends - now, 0.001))
        await _sleep(wait)
        self._pause = backoff(self._pause, 2, LONGEST_PAUSE)

    def out_of_time(self, why: str) -> EnsureTurnError:
        waited, lease = time.monotonic() - self._started, self._run.settings.lease_seconds
        return self._run.ended(
            EnsureTurnError,
            f"no sure turn to create it ({waited:.1f} s waited of one lease, {lease:g} s): {why}",
            may_have=self._run.may_have_created,
            after=". If this repeats, check the lease's backend, or give the call a longer timeout",
        )


def unanswered(error: APIConnectionError | ServerError) -> bool:
    """Whether a failed request got no answer of the API's own: no connection, none in time, a gateway's 502/503/504."""
    return isinstance(error, APIConnectionError) or error.status_code in AMBIGUOUS_STATUSES


def may_have_landed(error: APIConnectionError | ServerError) -> bool:
    """Whether a failed create may have created the resource all the same. A gateway's 502/503/504, a read timeout or a
    connection broken after the request was written may hide an answer; a failure before anything was sent may not."""
    if isinstance(error, ServerError):
        return error.status_code in AMBIGUOUS_STATUSES
    return error.sent  # False: no connection, no token, no turn in time; nothing left the client


class _Run(Generic[T]):
    """One ensure's look-ups and creates: what they found, judged against the body; what the creates did.

    `call`: the generated method's look-up (the first page of resources with the external id) and create.
    """

    def __init__(
        self, kind: EnsureKind, call: EnsureCall[T], options: RequestOptions, settings: EnsureSettings
    ) -> None:
        self.kind, self._call, self.settings = kind, call, settings
        self._body: Mapping[str, Any] = call.body.to_dict()
        self.external_id = external_id_of(kind, self._body)
        asked = DEFAULT_RECONCILE_WITHIN if call.reconcile_within is None else call.reconcile_within
        self._window = min(number(asked, "reconcile_within", positive=False, finite=True), settings.call_seconds)
        key = lease_key(settings.scope, kind.create, self.external_id)
        self.turn = settings.locks.turn(key, settings.shared_url, lease_seconds=settings.lease_seconds)
        # The look-ups' options: the call's time, retries, headers and middleware (its body and query are the create's).
        kept: Any = {
            name: options[name] for name in ("timeout", "max_retries", "extra_headers", "middleware") if name in options
        }
        self._options = cast(RequestOptions, kept)
        # The create's: the caller's, and the turn's at the send position, last: it confirms the turn right before
        # each write, after every wait (the token, the governor's turn), and sees the request as sent.
        guarded: Any = {**options, "middleware": (*options.get("middleware", ()), AtSend(self.turn.guard))}
        self._guarded = cast(RequestOptions, guarded)
        self.saw_nothing = False  # whether the last look-up of `poll` answered, and found nothing
        # The creates whose answer was lost, across turns, and the last such failure.
        self.lost_answers = 0
        self._lost: APIConnectionError | ServerError | None = None

    def ended(self, error: type[E], why: str, *, may_have: bool, after: str = "", **fields: Any) -> E:
        """The `error` that ends this ensure for `why`, saying whether a create of it may have landed."""
        return error(
            f"{self.kind.method}: externalId {self.external_id!r} was neither found nor created: {why}. "
            f"{_MAY_HAVE_CREATED if may_have else _NOTHING_CREATED}{after}",
            operation=self.kind.method,
            external_id=self.external_id,
            may_have_created=may_have,
            url=self.settings.scope,
            **fields,
        )

    @property
    def may_have_created(self) -> bool:
        """Whether a create of this call was sent and its answer lost."""
        return self.lost_answers > 0

    async def _lookup(self, options: RequestOptions) -> Sequence[T] | Unread:
        """The first page's resources with the external id; an `Unread` without readable `data`."""
        page = (await self._call.page(self.external_id, options)).data
        # What the page holds is counted (`find`): its `meta.totalCount` is never read.
        return model_field(lambda: page.data, pointer="/data", operation=self.kind.lookup_operation)

    async def find(self) -> T | None:
        """The one resource with the external id, if it agrees with the body; None without one (`sort_out`)."""
        items = await self._with_turn(self._lookup, self._options.copy())
        if isinstance(items, Unread):
            raise self.unreadable(items, "to know whether a resource has the external id")
        found = sort_out(items, methodcaller("to_dict"), self.external_id)  # each in wire form, as the body is
        if found.others and found.unechoed:  # the filter was ignored: an item without its id is anyone's
            raise self.unreadable(
                found.unechoed[0], "to tell which resource of a look-up that ignored its filter is the id's"
            )
        if len(found.ours) != 1:  # none, else several
            if found.ours:
                raise self._several(found)
            if found.others and len(items) >= LOOKUP_LIMIT:  # a later page may hold it
                raise self._filter_ignored(len(items))
            return None
        resource, wired = found.ours[0]
        differences, unread = compared(self.kind.identity, self._body, wired)
        if differences:
            raise self._conflict(id_of(wired), differences)
        if unread is not None:
            raise self.unreadable(unread, "to tell whether the resource found is the one the body describes")
        return resource

    def _conflict(self, existing_id: str, differences: tuple[str, ...]) -> ExternalIdConflictError:
        return ExternalIdConflictError(
            f"{self.kind.method}: {existing_id or 'a resource (its id unreadable)'} already has externalId "
            f"{self.external_id!r} and differs from the body in {', '.join(differences)} (nothing was sent)",
            operation=self.kind.method,
            external_id=self.external_id,
            existing_id=existing_id,
            differences=differences,
            url=self.settings.scope,
        )

    def _several(self, found: Sorted[T]) -> EnsureError:
        """Several with the external id; or several, some not saying theirs (duplicates, or an ignored filter)."""
        if found.unechoed:
            return self.unreadable(
                found.unechoed[0],
                f"to tell whether the {len(found.ours)} resources the look-up found are duplicates of the external "
                "id, or other resources a look-up that ignored its filter returned",
            )
        ids = tuple(id_of(wired) for _, wired in found.ours)
        shown = ", ".join(ident or "(id unreadable)" for ident in ids)
        return DuplicateExternalIdError(
            f"{self.kind.method}: {len(ids)} resources have externalId {self.external_id!r} "
            f"({shown}); resolve the duplicates first (nothing was sent)",
            operation=self.kind.method,
            external_id=self.external_id,
            ids=ids,
            url=self.settings.scope,
        )

    def unreadable(self, unread: Unread, needed: str, why: str = "") -> EnsureUnreadableAnswerError:
        """The error that ends this ensure for a field of an answer it relies on and could not read (`why`: by default,
        what `unread` describes)."""
        unread = Unread(unread.pointer, unread.kind, unread.operation or self.kind.lookup_operation)
        why = why or f"{unread.describe()}, unlike openapi.yaml, and it is needed {needed}"
        return self.ended(
            EnsureUnreadableAnswerError,
            f"{why} (docs/spec-drift.md)",
            may_have=self._in_doubt(),
            answer_operation=unread.operation,
            pointer=unread.pointer,
            kind=unread.kind,
            needed=needed,
        )

    def _filter_ignored(self, held: int) -> EnsureUnreadableAnswerError:
        """A full page of resources with other external ids: the filter was ignored, and the one may be further on."""
        unread = Unread(ITEM + "/externalId", "ignored", self.kind.lookup_operation)
        needed = "to know that no resource has the external id"
        why = (
            f"{unread.operation}'s answer held {held} resources (a full page), each with another externalId at "
            f"{unread.pointer}: the API ignored the look-up's filter, and a resource with it may be on a later "
            f"page; it is needed {needed}"
        )
        return self.unreadable(unread, needed, why)

    def _in_doubt(self) -> bool:
        """Whether a create of this call may have landed: its answer lost, or none yet."""
        return self.may_have_created or self.turn.create_in_doubt

    async def create(self) -> tuple[T, EnsureOutcome]:
        """Create; after each lost answer, find what landed (`poll`), or create again within `max_retries`."""
        while True:
            if self._lost is not None:
                landed = await self._landed(self._lost)
                if landed is not None:
                    return landed, EnsureOutcome.RECONCILED
            try:
                resource = await self._with_turn(self._call.create, self._guarded)
            except BusinessValidationError as error:
                return await self._refused(error)
            except (APIConnectionError, ServerError) as error:
                if may_have_landed(error):
                    self.lost_answers, self._lost = self.lost_answers + 1, error
                    continue
                self._answered_without_creating()
                if isinstance(error, APIConnectionError):  # it never left: no connection, no token, no turn in time
                    raise self.no_answer(error, "its create could not be sent") from error
                raise  # the API's own answer (a 500): nothing made
            except APIError:  # the API's own refusal (4xx): nothing made
                self._answered_without_creating()
                raise
            self.turn.create_answered()
            return resource, EnsureOutcome.CREATED

    async def _landed(self, lost: APIConnectionError | ServerError) -> T | None:
        """What a create whose answer was lost made (polled for); None when another may be sent, else raised."""
        landed = await self.poll(self._window)
        if landed is not None:
            self.turn.create_answered()
            return landed
        # Sent again only when nothing landed, within the retry budget.
        if self.lost_answers > self.settings.max_retries or not (self.saw_nothing or self.kind.taken_codes):
            raise self.no_answer(lost, self._lost_and_not_found()) from lost
        return None

    async def _refused(self, error: BusinessValidationError) -> tuple[T, EnsureOutcome]:
        """What holds what the refused create asked for: our create whose answer was lost (polled for), or a
        concurrent caller's (one look); else the refusal raised again."""
        self._answered_without_creating()
        holder = None
        if set(self.kind.taken_codes) & set(error.codes):
            holder = await self.poll(self._window if self.lost_answers else 0.0)
        if holder is None:
            raise error
        self.turn.create_answered()
        return holder, EnsureOutcome.RECONCILED if self.lost_answers else EnsureOutcome.FOUND

    def no_answer(self, error: APIConnectionError | ServerError, what: str) -> EnsureNoAnswerError:
        """The error that ends this ensure for want of an answer (`error`, its cause)."""
        return self.ended(EnsureNoAnswerError, f"{what} ({error})", may_have=self.may_have_created)

    def failed(self, error: PexipEngageError) -> EnsureError:
        """The error that ends this ensure for `error` (its cause), which is not an ensure's own."""
        if isinstance(error, APIConnectionError | ServerError) and unanswered(error):
            return self.no_answer(error, "a request got no answer")
        if not isinstance(error, APIError | UnexpectedResponseError):
            return self.ended(EnsureError, str(error), may_have=self._in_doubt())
        why, retry_after = self._refused_for(error)
        return self.ended(
            EnsureRefusedError,
            f"{why} ({error})",
            may_have=self._in_doubt(),
            status_code=error.status_code,
            refusal=error.errors if isinstance(error, APIError) else (),
            retry_after=retry_after,
        )

    def _refused_for(self, error: APIError | UnexpectedResponseError) -> tuple[str, float | None]:
        """Why a refusal ended the ensure, and the wait a 429 asked for."""
        if not isinstance(error, RateLimitError):
            return "it was refused", None
        asked, limit = error.retry_after, self.settings.max_retry_after
        if asked is not None and asked > limit:
            return f"Retry-After asks for {asked:g} s, beyond the client's max_retry_after of {limit:g} s", asked
        return "a 429 lasted past the call's time", asked

    def _lost_and_not_found(self) -> str:
        creates = "its create" if self.lost_answers == 1 else f"{self.lost_answers} creates"
        looked = "found nothing" if self.saw_nothing else "got no answer either"
        after = f"the look-ups of the next {self._window:g} s" if self._window > 0 else "the look-up right after it"
        return f"the answer to {creates} was lost, and {after} {looked}"

    def _answered_without_creating(self) -> None:
        """A create refused: known to have made nothing, unless an earlier one's answer was lost (it may land)."""
        if not self.lost_answers:
            self.turn.create_answered()

    async def _with_turn(self, call: Callable[[RequestOptions], Awaitable[R]], options: RequestOptions) -> R:
        """`call(options)` while the turn is held (`Turn.keep_alive` renews its lease meanwhile). A 429 processed
        nothing: sent again after its wait while the call's time lasts, as the pipeline does for a plain call."""
        deadline = time.monotonic() + self.settings.call_seconds  # 429s are ridden out within the call's time
        pause = _FIRST_POLL
        while True:
            try:
                return await call(options)
            except RateLimitError as refusal:
                asked = refusal.retry_after
                wait = max(asked or 0.0, pause)
                if (asked is not None and asked > self.settings.max_retry_after) or time.monotonic() + wait > deadline:
                    raise
            pause = backoff(pause, 2, _LONGEST_POLL)
            await _sleep(wait)

    async def poll(self, window: float) -> T | None:
        """`find` again with backoff until found or `window` passed; a failed look-up counts as seeing nothing yet."""
        deadline = time.monotonic() + window
        pause = _FIRST_POLL
        while True:
            try:
                found = await self.find()
            except (APIConnectionError, ServerError):
                self.saw_nothing = False
            else:
                if found is not None:
                    return found
                self.saw_nothing = True
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            await _sleep(min(pause, left))
            pause = backoff(pause, 2, _LONGEST_POLL)
