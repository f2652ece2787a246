"""What listens to the calls' event stream (`Consumer`), and the event hooks, one of its consumers."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypedDict

if TYPE_CHECKING:
    from .._runtime import Ensured
    from .._senders._base import OutgoingRequest, ReceivedResponse
    from ._events import EnsureEvent, ErrorEvent, RequestEvent, ResponseEvent, RetryEvent

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


class Exchange(Protocol):
    """What a consumer may read of the call an event belongs to."""

    operation: str
    correlation_id: str | None  # the last attempt's; once the call failed, its error's
    retries: int
    walk: Any  # the `items()` walk a page's call is made for (`_runtime.pagination.Walk`), or None


class Ensuring(Protocol):
    """What a consumer may read of the `ensure_*` call an event belongs to."""

    operation: str
    started: float  # `time.perf_counter()` as it started


class Consumer:
    """What listens to the calls' event stream: a method per kind of event; what one returns (not None) is awaited."""

    def start(self, call: Exchange) -> None:
        """A call starts, before any attempt."""

    def sent(self, call: Exchange, event: RequestEvent, request: OutgoingRequest) -> Any:
        """An attempt (or a token request) is about to be sent: `request` may still be changed."""

    def answered(self, call: Exchange, event: ResponseEvent, request: OutgoingRequest, answer: ReceivedResponse) -> Any:
        """The attempt got an answer, of any status."""

    def unanswered(
        self, call: Exchange, event: RequestEvent, request: OutgoingRequest, error: BaseException, elapsed: float
    ) -> None:
        """The attempt got no answer: `error`, after `elapsed` seconds."""

    def retrying(
        self, call: Exchange, event: RetryEvent, request: OutgoingRequest, answer: ReceivedResponse | None
    ) -> Any:
        """The call will be tried again after `event.wait`; `answer` is the last attempt's, if it had one."""

    def gave_up(self, call: Exchange, request: OutgoingRequest, failure: str, reason: str) -> None:
        """The last attempt's `failure` is not retried, for `reason`."""

    def ended(self, call: Exchange, error: BaseException | None) -> Any:
        """The call returned (`error` None) or raised `error`."""

    def ensure_started(self, ensure: Ensuring) -> None:
        """An `ensure_*` call starts (its look-ups and creates are calls of their own, inside it)."""

    def ensured(self, ensure: Ensuring, result: Ensured[Any] | None, error: BaseException | None) -> Any:
        """The ensure returned `result` (`error` None) or raised `error`."""


_KINDS = tuple(EventHooks.__annotations__)


class Hooks(Consumer):
    """The checked callbacks of one client, by kind, each kind called with its event by `dispatch`."""

    request: tuple[Hook, ...]
    response: tuple[Hook, ...]
    retry: tuple[Hook, ...]
    error: tuple[Hook, ...]
    ensure: tuple[Hook, ...]

    def __init__(
        self, hooks: Mapping[str, Sequence[Hook]], dispatch: Callable[[tuple[Hook, ...], object], Any]
    ) -> None:
        self._dispatch = dispatch
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
    def of(hooks: object, dispatch: Callable[[tuple[Hook, ...], object], Any]) -> Hooks | None:
        """The hooks given to a client, checked; None when there are none."""
        if hooks is None:
            return None
        if not isinstance(hooks, Mapping):
            raise ValueError(
                f"event_hooks must be a mapping of kinds to lists of callables (got {type(hooks).__name__})"
            )
        checked = Hooks(hooks, dispatch)
        return checked if any(getattr(checked, kind) for kind in _KINDS) else None

    def sent(self, call: Exchange, event: RequestEvent, request: OutgoingRequest) -> Any:
        return self._dispatch(self.request, event) if self.request else None

    def answered(self, call: Exchange, event: ResponseEvent, request: OutgoingRequest, answer: ReceivedResponse) -> Any:
        return self._dispatch(self.response, event) if self.response else None

    def retrying(
        self, call: Exchange, event: RetryEvent, request: OutgoingRequest, answer: ReceivedResponse | None
    ) -> Any:
        return self._dispatch(self.retry, event) if self.retry else None

    def ended(self, call: Exchange, error: BaseException | None) -> Any:
        if not isinstance(error, Exception) or not self.error:  # not a cancellation or an exit
            return None
        from ._events import ErrorEvent  # noqa: PLC0415

        return self._dispatch(self.error, ErrorEvent(call.operation, call.correlation_id, error))

    def ensured(self, ensure: Ensuring, result: Ensured[Any] | None, error: BaseException | None) -> Any:
        if result is None or not self.ensure:
            return None
        from ._events import EnsureEvent  # noqa: PLC0415 - events are made only for a hook (see _events.py)

        resource_id = getattr(result.resource, "id", None)
        event = EnsureEvent(
            ensure.operation, str(result.outcome), result.external_id,
            resource_id if isinstance(resource_id, str) else None, time.perf_counter() - ensure.started,
        )  # fmt: skip
        return self._dispatch(self.ensure, event)
