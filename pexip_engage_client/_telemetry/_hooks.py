"""The event hooks: the callbacks a client calls with its events (`_events.py`), without OpenTelemetry.

`PexipEngage(event_hooks={"request": [...], "response": [...], "retry": [...], "error": [...], "ensure": [...]})`
calls each callback with an event and awaits what it returns (an async function's coroutine; a
plain function may return None). They are called at the same points as the spans are made, so
they see the same on every sender.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from .._logging import logger

if TYPE_CHECKING:
    from . import Consumer
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


# What this process listens with besides each client's own consumers (the command line's `--debug`),
# for the async and the sync client alike.
LISTENERS: list[Consumer] = []

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
