"""The event stream of each call, told to what listens to it (`_hooks.Consumer`), while something does.

A call's stream (`_Call`) is found through a context variable by `ObservedSender` (each attempt and
token request) and by the pipeline's `observe_retry` and `observe_gave_up`; a feature's call made of
calls (`Telemetry.feature`) tells its start and its end to the same consumers. Nothing is built unless
something listens (docs/observability.md#cost). What happened is told as facts (an answer, a failure's
words), so that this room knows nothing of the pipeline that reports them.
"""

from __future__ import annotations

import inspect
import logging
import sys
import time
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from urllib.parse import quote, urlsplit

from .._base.is_async import is_async
from .._base.loggers import TRACE, exchanges_logger, logger
from .._runtime import ApiResponse, RequestOptions, Returns
from .._runtime.pagination import current_walk
from .._senders._base import OutgoingRequest, ReceivedResponse, Sender
from ._hooks import Consumer, Hook, Hooks, Told
from ._logging import LogLines

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from ._otel import Instruments

T = TypeVar("T")

_CURRENT: ContextVar[_Call | None] = ContextVar("pexip_engage_client_call", default=None)


class Telemetry:
    """What observes the calls of one client (and of its `with_options` siblings)."""

    def __init__(
        self,
        tracer_provider: Any,
        meter_provider: Any,
        event_hooks: object,
        token_url: str | None,
        enterprise: str,
        *,
        hook_kinds: tuple[str, ...],
        log_bodies: bool = False,
    ) -> None:
        self.hooks = Hooks.of(event_hooks, hook_kinds, dispatch)
        self._tracer_provider = tracer_provider
        self._meter_provider = meter_provider
        self._log = LogLines(log_bodies)
        self.token_url = token_url
        self.token_template: str | None = None
        if token_url is not None:
            path = urlsplit(token_url).path
            self.token_template = path.replace(f"/realms/{quote(enterprise, safe='')}/", "/realms/{enterprise}/")
        self._instruments: Instruments | None = None

    def consumers(self) -> list[Consumer]:
        """What listens to a call starting now (each call's own OpenTelemetry spans among them); often nothing."""
        consumers: list[Consumer] = [] if self.hooks is None else [self.hooks]
        instruments = self.instruments()
        if instruments is not None:
            from ._otel import CallSpans  # noqa: PLC0415

            consumers.append(CallSpans(instruments))
        if logger.isEnabledFor(logging.INFO) or exchanges_logger.isEnabledFor(TRACE):
            consumers.append(self._log)
        return consumers

    def instruments(self) -> Instruments | None:
        """The tracer and meters for a call now, or None while OpenTelemetry is not configured."""
        if self._instruments is None:
            if self._tracer_provider is None and self._meter_provider is None:
                if "opentelemetry.trace" not in sys.modules and "opentelemetry.metrics" not in sys.modules:
                    return None  # no program sets a provider without importing these
                from ._otel import configured_globally  # noqa: PLC0415 - only for programs that use OpenTelemetry

                if not configured_globally():
                    return None
            from ._otel import Instruments  # noqa: PLC0415

            # Kept for good: a global provider, once set, cannot be replaced.
            self._instruments = Instruments(self._tracer_provider, self._meter_provider)
        return self._instruments

    async def feature(self, operation: str, run: Callable[[], Awaitable[T]], told: Callable[[T, float], Told]) -> T:
        """`run()`, a feature's call made of calls, its start and its end told to the consumers while something listens:
        `told(result, seconds it took)` says what the span records of it and what the event hooks are told."""
        consumers = self.consumers()
        if not consumers:
            return await run()
        feature = _Feature(consumers, operation)
        try:
            result = await run()
        except BaseException as exc:
            await feature.tell("feature_ended", None, exc)
            raise
        await feature.tell("feature_ended", told(result, time.perf_counter() - feature.started), None)
        return result


class Calls(Protocol):
    """What sends a call and reads its answer (the pipeline): the `Invoker`'s `__call__`."""

    async def __call__(
        self, request: dict[str, Any], returns: Returns[T] | None, options: RequestOptions
    ) -> ApiResponse[T]: ...


class ObservedInvoker:
    """The pipeline, with each call's event stream told to its consumers while something listens."""

    def __init__(self, pipeline: Calls, telemetry: Telemetry) -> None:
        self._pipeline = pipeline
        self._telemetry = telemetry

    async def __call__(
        self, request: dict[str, Any], returns: Returns[T] | None, options: RequestOptions
    ) -> ApiResponse[T]:
        consumers = self._telemetry.consumers()
        if not consumers:
            return await self._pipeline(request, returns, options)
        call = _Call(self._telemetry, consumers, request)
        reset = _CURRENT.set(call)
        try:
            response = await self._pipeline(request, returns, options)
        except BaseException as exc:
            _CURRENT.reset(reset)
            call.correlation_id = getattr(exc, "correlation_id", None) or call.correlation_id
            await call.tell("ended", exc)
            raise
        _CURRENT.reset(reset)
        call.correlation_id = response.correlation_id
        await call.tell("ended", None)
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
    if call is None:
        return
    from ._events import RetryEvent  # noqa: PLC0415

    call.retries = retry[0]
    asked = None if answer is None else answer.retry_after
    event = RetryEvent(call.operation, request.headers.get("X-Correlation-Id", ""), *retry, failure, asked)
    await call.tell("retrying", event, request, answer)


def observe_gave_up(request: OutgoingRequest, failure: str, reason: str) -> None:
    """The current call will not be tried again after its last attempt's `failure`, for `reason`."""
    call = _CURRENT.get()
    if call is not None:
        for consumer in call.consumers:
            consumer.gave_up(call, request, failure, reason)


class _Stream:
    """What the event streams of a call and of a feature's call share: their consumers, and telling them an event."""

    consumers: list[Consumer]

    async def tell(self, kind: str, *event: Any) -> None:
        """Each consumer's `kind` method with the event; what one returns is awaited."""
        for consumer in self.consumers if kind == "sent" else reversed(self.consumers):  # answers: inner first
            told = getattr(consumer, kind)(self, *event)
            if told is not None:
                await told


class _Feature(_Stream):
    """The event stream of a feature's call made of calls: its start and its end (its own calls have theirs)."""

    def __init__(self, consumers: list[Consumer], operation: str) -> None:
        self.consumers = consumers
        self.operation = operation
        for consumer in consumers:
            consumer.feature_started(self)
        self.started = time.perf_counter()


class _Call(_Stream):
    """The event stream of one call, and what its consumers read of it."""

    def __init__(self, telemetry: Telemetry, consumers: list[Consumer], request: dict[str, Any]) -> None:
        self.telemetry = telemetry
        self.consumers = consumers
        self.operation: str = request.get("operation") or f"engage.{request['method'].lower()}"
        self.template: str | None = request.get("template")
        self.correlation_id: str | None = None
        self.attempts = 0
        self.retries = 0
        self.walk = current_walk.get()
        for consumer in consumers:
            consumer.start(self)

    async def attempt(
        self, send: Callable[[OutgoingRequest], Awaitable[ReceivedResponse]], request: OutgoingRequest
    ) -> ReceivedResponse:
        from .._base.redaction import redacted_url  # noqa: PLC0415 - loaded only while something listens
        from ._events import RequestEvent, ResponseEvent  # noqa: PLC0415

        token_request = request.url == self.telemetry.token_url and "Authorization" not in request.headers
        correlation_id = request.headers.get("X-Correlation-Id", "")
        if token_request:
            template, attempt = self.telemetry.token_template, 0
        else:
            template, attempt = self.template, self.attempts
            self.attempts += 1
            self.correlation_id = correlation_id
        url = redacted_url(request.url, mark="REDACTED")
        fields = (self.operation, request.method, url, template, attempt, correlation_id, token_request)
        event = RequestEvent(*fields)
        await self.tell("sent", event, request)
        started = time.perf_counter()
        try:
            response = await send(request)
        except BaseException as exc:
            await self.tell("unanswered", event, request, exc, time.perf_counter() - started)
            raise
        answered = ResponseEvent(*fields, response.status_code, time.perf_counter() - started)
        await self.tell("answered", answered, request, response)
        return response


async def dispatch(callbacks: tuple[Hook, ...], event: object) -> None:
    """Call each callback with `event`; one that raises is logged (the sync client refuses an awaitable)."""
    for callback in callbacks:
        try:
            result = callback(event)
            if inspect.isawaitable(result):
                if is_async():
                    await result
                else:
                    getattr(result, "close", lambda: None)()  # a coroutine never awaited would warn later
                    raise TypeError("SyncPexipEngage calls event hooks without an event loop: give it plain functions")
        except Exception:  # a hook's failure is the hook's: it must not fail the call it observes
            logger.warning("event hook %r raised on %s", callback, type(event).__name__, exc_info=True)


__all__ = ["Telemetry", "observe_gave_up", "observe_retry"]
