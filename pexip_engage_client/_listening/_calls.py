"""A call's event stream, and a feature's, told to their consumers: loaded with the first call something listens to.

`_telemetry/_stream.py` decides whether something may listen, and finds the current call's stream (a `Call` there);
`_listeners.py` says what listens to a call; what each consumer reads of a call is `_hooks.Exchange`."""

from __future__ import annotations

import inspect
import time
from typing import TYPE_CHECKING, Any, Protocol

from .._base.is_async import is_async
from .._base.loggers import logger
from .._runtime.pagination import current_walk

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from .._senders._base import OutgoingRequest, ReceivedResponse
    from ._hooks import Consumer, Hook


class TokenRequests(Protocol):
    """What a call's stream reads of the client's listeners (`_listeners.Listeners`): its token requests' URL and
    path."""

    token_url: str | None
    token_template: str | None


class _Stream:
    """What the event streams of a call and of a feature's call share: their consumers, and telling them an event."""

    consumers: list[Consumer]

    async def tell(self, kind: str, *event: Any) -> None:
        """Each consumer's `kind` method with the event; what one returns is awaited."""
        for consumer in self.consumers if kind == "sent" else reversed(self.consumers):  # answers: inner first
            told = getattr(consumer, kind)(self, *event)
            if told is not None:
                await told


class FeatureStream(_Stream):
    """The event stream of a feature's call made of calls: its start and its end (its own calls have theirs)."""

    def __init__(self, consumers: list[Consumer], operation: str) -> None:
        self.consumers = consumers
        self.operation = operation
        for consumer in consumers:
            consumer.feature_started(self)
        self.started = time.perf_counter()


class CallStream(_Stream):
    """The event stream of one call, and what its consumers read of it."""

    def __init__(self, tokens: TokenRequests, consumers: list[Consumer], request: dict[str, Any]) -> None:
        self.tokens = tokens
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

        token_request = request.url == self.tokens.token_url and "Authorization" not in request.headers
        correlation_id = request.headers.get("X-Correlation-Id", "")
        if token_request:
            template, attempt = self.tokens.token_template, 0
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

    async def retrying(
        self, request: OutgoingRequest, answer: ReceivedResponse | None, failure: str, retry: tuple[int, int, float]
    ) -> None:
        """The call will be tried again: its last attempt's `answer` (None without one) and `failure` (in words),
        then `retry`: its number, of how many, and the wait (the answer's `Retry-After`, or a backoff)."""
        from ._events import RetryEvent  # noqa: PLC0415

        self.retries = retry[0]
        asked = None if answer is None else answer.retry_after
        event = RetryEvent(self.operation, request.headers.get("X-Correlation-Id", ""), *retry, failure, asked)
        await self.tell("retrying", event, request, answer)

    def gave_up(self, request: OutgoingRequest, failure: str, reason: str) -> None:
        """The call will not be tried again after its last attempt's `failure`, for `reason`."""
        for consumer in self.consumers:
            consumer.gave_up(self, request, failure, reason)

    async def ended(self, error: BaseException | None, correlation_id: str | None) -> None:
        """The call returned (`error` None; `correlation_id` its answer's) or raised `error` (with its own, if any)."""
        if error is None or correlation_id:
            self.correlation_id = correlation_id
        await self.tell("ended", error)


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
