"""The event stream of each call, told to what listens to it (`_hooks.Consumer`), while something does.

Whether something listens is decided here; the streams themselves (`_calls.py`), the log and the event hooks load
with the first call something listens to: nothing is built unless something listens (docs/observability.md#cost).
A call's stream (`_calls.CallStream`) is found through a context variable by `ObservedSender` (each attempt and
token request) and by the pipeline's `observe_retry` and `observe_gave_up`; a feature's call made of calls
(`Telemetry.feature`) tells its start and its end to the same consumers. What happened is told as facts (an
answer, a failure's words), so that this room knows nothing of the pipeline that reports them.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from urllib.parse import quote, urlsplit

from .._base.loggers import TRACE, exchanges_logger, logger
from .._runtime import ApiResponse, RequestOptions, Returns
from .._senders._base import OutgoingRequest, ReceivedResponse, Sender

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from ._calls import CallStream
    from ._hooks import Consumer, Hooks, Told
    from ._logging import LogLines
    from ._otel import Instruments

T = TypeVar("T")

_CURRENT: ContextVar[CallStream | None] = ContextVar("pexip_engage_client_call", default=None)


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
        log_bodies: bool | None = None,
    ) -> None:
        self.hooks: Hooks | None = None
        if event_hooks is not None:
            from ._calls import dispatch  # noqa: PLC0415 - the streams, loaded with the first hooks
            from ._hooks import Hooks  # noqa: PLC0415

            self.hooks = Hooks.of(event_hooks, hook_kinds, dispatch)
        self._tracer_provider = tracer_provider
        self._meter_provider = meter_provider
        if log_bodies is None and os.environ.get("PEXIP_ENGAGE_LOG"):  # its words are the log's to read
            from ._logging import bodies_requested  # noqa: PLC0415

            log_bodies = bodies_requested(None)
        self._log_bodies = bool(log_bodies)
        self._log: LogLines | None = None
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
            consumers.append(self._log or self._log_lines())
        return consumers

    def _log_lines(self) -> LogLines:
        """The log's consumer, made by the first call a logger listens to."""
        from ._logging import LogLines  # noqa: PLC0415

        self._log = LogLines(self._log_bodies)
        return self._log

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
        from ._calls import FeatureStream  # noqa: PLC0415 - the streams load with the first one

        feature = FeatureStream(consumers, operation)
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
        from ._calls import CallStream  # noqa: PLC0415 - the streams load with the first call something listens to

        call = CallStream(self._telemetry, consumers, request)
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


__all__ = ["Telemetry", "observe_gave_up", "observe_retry"]
