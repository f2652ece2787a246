"""The event stream of each call: whether something listens to it, and the facts told to what does.

Whether something may listen is decided here at the cost of a few checks (hooks given, a logger enabled,
OpenTelemetry given or imported); only then are the listeners made (`Listeners`, which the facade hands in: this
room never imports `_listening`), and nothing is built for a call nothing listens to (docs/observability.md#cost).
What happened is told as facts, so that this room knows nothing of the pipeline that reports them.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any, NamedTuple, Protocol, TypeVar

from .._base.loggers import TRACE, exchanges_logger, logger
from .._runtime import ApiResponse, RequestOptions, Returns
from .._senders._base import OutgoingRequest, ReceivedResponse, Sender

T = TypeVar("T")


class FeatureOutcome(NamedTuple):
    """What a feature's call came to: its span's `attributes`, and for the event hooks of kind `hook`, the event
    `event` makes (only when one listens)."""

    attributes: dict[str, Any]
    hook: str
    event: Callable[[], object]


class Call(Protocol):
    """The event stream of one call something listens to (`_listening._calls.CallStream`)."""

    async def attempt(
        self, send: Callable[[OutgoingRequest], Awaitable[ReceivedResponse]], request: OutgoingRequest
    ) -> ReceivedResponse: ...  # `send(request)` (an attempt, or a token request), told before and after

    async def retrying(
        self, request: OutgoingRequest, answer: ReceivedResponse | None, failure: str, retry: tuple[int, int, float]
    ) -> None: ...  # as `observe_retry` says

    def gave_up(self, request: OutgoingRequest, failure: str, reason: str) -> None: ...  # as `observe_gave_up` says

    async def ended(self, error: BaseException | None, correlation_id: str | None) -> None: ...  # returned or raised


class Listeners(Protocol):
    """What listens to one client's calls (`_listening._listeners.Listeners`), handed in by the facade."""

    def call(self, request: dict[str, Any]) -> Call | None: ...  # the stream of a call starting now, if one listens

    async def feature(
        self, operation: str, run: Callable[[], Awaitable[T]], outcome_of: Callable[[T, float], FeatureOutcome]
    ) -> T: ...

    def instruments(self) -> Any: ...  # OpenTelemetry's tracer and meters for a call now (`_otel.Instruments`), or None


_CURRENT: ContextVar[Call | None] = ContextVar("pexip_engage_client_call", default=None)


class Telemetry:
    """Whether something listens to the calls of one client (and of its `with_options` siblings), and what does."""

    def __init__(self, listeners: Callable[[], Listeners], *, now: bool, traced: bool) -> None:
        """`listeners()` makes what listens (the facade's: it loads `_listening`): at once when `now` (the event hooks
        are checked as the client is made), else with the first call something may listen to; `traced`: a tracer or
        meter provider was given."""
        self._make = listeners
        self._traced = traced
        self._listeners = listeners() if now else None

    def listeners(self) -> Listeners | None:
        """What listens to this client's calls; None until something may (then made, and kept)."""
        if self._listeners is None:
            otel = "opentelemetry.trace" in sys.modules or "opentelemetry.metrics" in sys.modules  # imported to be set
            if not (self._traced or otel or logger.isEnabledFor(logging.INFO) or exchanges_logger.isEnabledFor(TRACE)):
                return None
            self._listeners = self._make()
        return self._listeners

    def instruments(self) -> Any:
        """OpenTelemetry's tracer and meters for a call now, or None while it is not configured."""
        listeners = self.listeners()
        return None if listeners is None else listeners.instruments()

    async def feature(
        self, operation: str, run: Callable[[], Awaitable[T]], outcome_of: Callable[[T, float], FeatureOutcome]
    ) -> T:
        """`run()`, a feature's call made of calls, its start and its end told to what listens, if anything does:
        `outcome_of(result, seconds it took)` says what the span records of it and what the event hooks are told."""
        listeners = self.listeners()
        if listeners is None:
            return await run()
        return await listeners.feature(operation, run, outcome_of)


class Calls(Protocol):
    """What sends a call and reads its answer (the pipeline): the `Invoker`'s `__call__`."""

    async def __call__(
        self, request: dict[str, Any], returns: Returns[T] | None, options: RequestOptions
    ) -> ApiResponse[T]: ...


class ObservedInvoker:
    """The pipeline, with each call's event stream told to what listens, while something does."""

    def __init__(self, pipeline: Calls, telemetry: Telemetry) -> None:
        self._pipeline = pipeline
        self._telemetry = telemetry

    async def __call__(
        self, request: dict[str, Any], returns: Returns[T] | None, options: RequestOptions
    ) -> ApiResponse[T]:
        listeners = self._telemetry.listeners()
        call = None if listeners is None else listeners.call(request)
        if call is None:
            return await self._pipeline(request, returns, options)
        reset = _CURRENT.set(call)
        try:
            response = await self._pipeline(request, returns, options)
        except BaseException as exc:
            _CURRENT.reset(reset)
            await call.ended(exc, getattr(exc, "correlation_id", None))
            raise
        _CURRENT.reset(reset)
        await call.ended(None, response.correlation_id)
        return response


class ObservedSender:
    """The sender, with each attempt of an observed call told to its stream."""

    def __init__(self, sender: Sender) -> None:
        self._sender = sender

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        call = _CURRENT.get()
        if call is None:
            return await self._sender.send(request)
        return await call.attempt(self._sender.send, request)

    async def aclose(self) -> None:
        await self._sender.aclose()


async def observe_retry(
    request: OutgoingRequest, answer: ReceivedResponse | None, failure: str, retry: tuple[int, int, float]
) -> None:
    """The current call will be tried again: its last attempt's `answer` (None without one) and `failure` (in
    words), then `retry`: its number, of how many, and the wait (the answer's `Retry-After`, or a backoff)."""
    call = _CURRENT.get()
    if call is not None:
        await call.retrying(request, answer, failure, retry)


def observe_gave_up(request: OutgoingRequest, failure: str, reason: str) -> None:
    """The current call will not be tried again after its last attempt's `failure`, for `reason`."""
    call = _CURRENT.get()
    if call is not None:
        call.gave_up(request, failure, reason)


__all__ = ["Telemetry", "observe_gave_up", "observe_retry"]
