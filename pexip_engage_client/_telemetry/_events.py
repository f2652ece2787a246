"""The event hooks: what a client reports to callbacks of its own, without OpenTelemetry.

`PexipEngage(event_hooks={"request": [...], "response": [...], "retry": [...], "error": [...], "ensure": [...]})`
calls each callback with one of the events below and awaits what it returns (an async function's
coroutine; a plain function may return None). They are called at the same points as the spans are
made, so they see the same on every sender. None of them holds a header or a body: the token and
the client secret cannot reach a hook.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

from .._logging import logger


@dataclass(frozen=True, slots=True)
class RequestEvent:
    """One attempt is about to be sent.

    Attributes:
        operation: The call's name: `appointments.get_appointment_by_id`, or `engage.get` for a raw call.
        method: The HTTP method.
        url: The URL, with the values of query parameters that may hold secrets redacted.
        url_template: The path as the spec writes it (`/appointments/{id}`); None for a raw call.
        attempt: 0 for the first attempt of the call, 1 for the next (a retry, or a replay after a 401), ...
        correlation_id: The call's `X-Correlation-Id`.
        token_request: True for a request to the OAuth token endpoint made for this call.
    """

    operation: str
    method: str
    url: str
    url_template: str | None
    attempt: int
    correlation_id: str
    token_request: bool


@dataclass(frozen=True, slots=True)
class ResponseEvent:
    """An attempt got an answer (of any status).

    Attributes:
        operation, method, url, url_template, attempt, correlation_id, token_request: As in `RequestEvent`.
        status_code: The answer's HTTP status.
        elapsed: Seconds from sending the request to having read the answer.
    """

    operation: str
    method: str
    url: str
    url_template: str | None
    attempt: int
    correlation_id: str
    token_request: bool
    status_code: int
    elapsed: float


@dataclass(frozen=True, slots=True)
class RetryEvent:
    """The call will be tried again after `wait` seconds.

    Attributes:
        operation: The call's name.
        correlation_id: The call's `X-Correlation-Id`.
        retry: Which retry this is (1 for the first).
        max_retries: The call's retry budget.
        wait: Seconds until the next attempt.
        reason: What went wrong, as the log says it (`HTTP 429`, `ConnectError`, ...).
        retry_after: The seconds the answer's `Retry-After` asked for, which `wait` then is (as
            `RateLimitError.retry_after` reads it); None when the wait is the client's backoff
            (no answer, or one without `Retry-After`).
    """

    operation: str
    correlation_id: str
    retry: int
    max_retries: int
    wait: float
    reason: str
    retry_after: float | None


@dataclass(frozen=True, slots=True)
class ErrorEvent:
    """The call failed: `error` is the exception it raises (an `errors.PexipEngageError`, or a `ValueError`).

    Attributes:
        operation: The call's name.
        correlation_id: The call's `X-Correlation-Id`, or None when it failed before one was chosen.
        error: The exception the call raises.
    """

    operation: str
    correlation_id: str | None
    error: Exception


@dataclass(frozen=True, slots=True)
class EnsureEvent:
    """An `ensure_*` call succeeded: what it did (its look-ups and creates had events of their own).

    Attributes:
        operation: The ensure's name: `appointments.ensure_appointment`, `employees.ensure_employee`, ...
        outcome: "created", "found" or "reconciled" (`EnsureOutcome`'s values).
        external_id: The body's `externalId`.
        resource_id: The id of the resource it returns (None if the resource has none).
        elapsed: Seconds the ensure took, waiting for its turn included.
    """

    operation: str
    outcome: str
    external_id: str
    resource_id: str | None
    elapsed: float


Hook = Callable[[Any], Awaitable[None] | None]
"""A callback for one kind of event: called with the event, its result awaited when it is awaitable."""


class EventHooks(TypedDict, total=False):
    """The callbacks of `PexipEngage(event_hooks=...)`, in the order they are called.

    Attributes:
        request: Called with a `RequestEvent` before each attempt (and each token request).
        response: Called with a `ResponseEvent` after each answer.
        retry: Called with a `RetryEvent` before the wait for a retry.
        error: Called with an `ErrorEvent` when a call fails.
        ensure: Called with an `EnsureEvent` when an `ensure_*` call succeeds (created, found or reconciled).
    """

    request: Sequence[Callable[[RequestEvent], Awaitable[None] | None]]
    response: Sequence[Callable[[ResponseEvent], Awaitable[None] | None]]
    retry: Sequence[Callable[[RetryEvent], Awaitable[None] | None]]
    error: Sequence[Callable[[ErrorEvent], Awaitable[None] | None]]
    ensure: Sequence[Callable[[EnsureEvent], Awaitable[None] | None]]


HookKind = Literal["request", "response", "retry", "error", "ensure"]
_KINDS: tuple[HookKind, ...] = ("request", "response", "retry", "error", "ensure")


class Hooks:
    """The checked callbacks of one client, by kind."""

    __slots__ = ("ensure", "error", "request", "response", "retry")

    request: tuple[Hook, ...]
    response: tuple[Hook, ...]
    retry: tuple[Hook, ...]
    error: tuple[Hook, ...]
    ensure: tuple[Hook, ...]

    def __init__(self, hooks: Mapping[str, Sequence[Hook]]) -> None:
        unknown = set(hooks) - set(_KINDS)
        if unknown:
            raise ValueError(
                f"event_hooks has no kind {', '.join(map(repr, sorted(unknown)))}; the kinds are {', '.join(_KINDS)}"
            )
        for kind in _KINDS:
            callbacks = hooks.get(kind, ())
            if isinstance(callbacks, str | bytes) or not isinstance(callbacks, Sequence):
                raise ValueError(f"event_hooks[{kind!r}] must be a list of callables (got {type(callbacks).__name__})")
            for callback in callbacks:
                if not callable(callback):
                    raise ValueError(f"event_hooks[{kind!r}] holds {callback!r}, which is not callable")
            setattr(self, kind, tuple(callbacks))

    @staticmethod
    def of(hooks: object) -> Hooks | None:
        """The hooks given to a client, checked; None when there are none."""
        if hooks is None:
            return None
        if not isinstance(hooks, Mapping):
            raise ValueError(
                f"event_hooks must be a mapping of kinds to lists of callables (got {type(hooks).__name__})"
            )
        checked = Hooks(hooks)
        return checked if any(getattr(checked, kind) for kind in _KINDS) else None


async def dispatch(callbacks: tuple[Hook, ...], event: object) -> None:
    """Call each callback with `event`; one that raises is logged and the call goes on."""
    for callback in callbacks:
        try:
            result = callback(event)
            if inspect.isawaitable(result):
                await result
        except Exception:  # a hook's failure is the hook's: it must not fail the call it observes
            logger.warning("event hook %r raised on %s", callback, type(event).__name__, exc_info=True)


def dispatch_sync(callbacks: tuple[Hook, ...], event: object) -> None:
    """`dispatch` for `SyncPexipEngage`: each callback is called; an awaitable result is refused, as nothing runs it."""
    for callback in callbacks:
        try:
            result = callback(event)
            if inspect.isawaitable(result):
                close = getattr(result, "close", None)
                if close is not None:
                    close()  # a coroutine never awaited would warn later, far from its cause
                raise TypeError("SyncPexipEngage calls event hooks without an event loop: give it plain functions")
        except Exception:  # a hook's failure is the hook's: it must not fail the call it observes
            logger.warning("event hook %r raised on %s", callback, type(event).__name__, exc_info=True)
