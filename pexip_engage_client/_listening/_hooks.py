"""What listens to the calls' event stream (`Consumer`), and the event hooks, one of its consumers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

if TYPE_CHECKING:
    from .._senders._base import OutgoingRequest, ReceivedResponse
    from .._telemetry._stream import FeatureOutcome
    from ._events import RequestEvent, ResponseEvent, RetryEvent

HookResult: TypeAlias = Awaitable[None] | None
"""What an event hook returns: nothing, or what is awaited (the async client's)."""
Hook = Callable[[Any], HookResult]
"""A callback for one kind of event: called with the event, its result awaited when it is awaitable."""


class Exchange(Protocol):
    """What a consumer may read of the call an event belongs to."""

    operation: str
    correlation_id: str | None  # the last attempt's; once the call failed, its error's
    retries: int
    walk: Any  # the `items()` walk a page's call is made for (`_runtime.pagination.Walk`), or None


class Feature(Protocol):
    """What a consumer may read of the feature's call made of calls an event belongs to (`Telemetry.feature`)."""

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

    def feature_started(self, feature: Feature) -> None:
        """A feature's call made of calls starts (its own calls are calls of their own, inside it)."""

    def feature_ended(self, feature: Feature, outcome: FeatureOutcome | None, error: BaseException | None) -> Any:
        """The feature's call returned, and came to `outcome` (`error` None), or raised `error`."""


class Hooks(Consumer):
    """The checked callbacks of one client, by kind (`_client.EventHooks` names them), each called with its event by
    `dispatch`."""

    def __init__(
        self,
        hooks: Mapping[str, Sequence[Hook]],
        kinds: tuple[str, ...],
        dispatch: Callable[[tuple[Hook, ...], object], Any],
    ) -> None:
        self._dispatch = dispatch
        unknown = set(hooks) - set(kinds)
        if unknown:
            raise ValueError(
                f"event_hooks has no kind {', '.join(map(repr, sorted(unknown)))}; the kinds are {', '.join(kinds)}"
            )
        self.by_kind: dict[str, tuple[Hook, ...]] = {}
        for kind in kinds:
            callbacks = hooks.get(kind, ())
            if isinstance(callbacks, str | bytes) or not isinstance(callbacks, Sequence):
                raise ValueError(f"event_hooks[{kind!r}] must be a list of callables (got {type(callbacks).__name__})")
            for callback in callbacks:
                if not callable(callback):
                    raise ValueError(f"event_hooks[{kind!r}] holds {callback!r}, which is not callable")
            if callbacks:
                self.by_kind[kind] = tuple(callbacks)

    @staticmethod
    def of(hooks: object, kinds: tuple[str, ...], dispatch: Callable[[tuple[Hook, ...], object], Any]) -> Hooks | None:
        """The hooks given to a client, checked; None when there are none."""
        if hooks is None:
            return None
        if not isinstance(hooks, Mapping):
            raise ValueError(
                f"event_hooks must be a mapping of kinds to lists of callables (got {type(hooks).__name__})"
            )
        checked = Hooks(hooks, kinds, dispatch)
        return checked if checked.by_kind else None

    def _told(self, kind: str, event: object) -> Any:
        callbacks = self.by_kind.get(kind)
        return None if callbacks is None else self._dispatch(callbacks, event)

    def sent(self, call: Exchange, event: RequestEvent, request: OutgoingRequest) -> Any:
        return self._told("request", event)

    def answered(self, call: Exchange, event: ResponseEvent, request: OutgoingRequest, answer: ReceivedResponse) -> Any:
        return self._told("response", event)

    def retrying(
        self, call: Exchange, event: RetryEvent, request: OutgoingRequest, answer: ReceivedResponse | None
    ) -> Any:
        return self._told("retry", event)

    def ended(self, call: Exchange, error: BaseException | None) -> Any:
        if not isinstance(error, Exception) or "error" not in self.by_kind:  # not a cancellation or an exit
            return None
        from ._events import ErrorEvent  # noqa: PLC0415

        return self._told("error", ErrorEvent(call.operation, call.correlation_id, error))

    def feature_ended(self, feature: Feature, outcome: FeatureOutcome | None, error: BaseException | None) -> Any:
        if outcome is None or outcome.hook not in self.by_kind:
            return None
        return self._told(outcome.hook, outcome.event())  # events are made only for a hook (see _events.py)
