"""Observability of calls: OpenTelemetry spans and metrics, and event hooks, the same on every sender.

Two wrappers sit at the seam between the client and its request pipeline (`_request.py`), where a
call's operation and each attempt are known whichever sender carries it:

- `ObservedInvoker` wraps the pipeline: one INTERNAL span per call, named after the operation
  (`appointments.get_appointment_by_id`, `engage.get`), covering token renewal, retries and their
  backoff; the in-flight gauge; the error hook.
- `ObservedSender` wraps the sender: one CLIENT span per attempt (`GET /appointments/{id}`) and
  per token request, W3C `traceparent` put in its headers, the duration histogram, the request and
  response hooks. Within it the generic HTTP instrumentations are suppressed, so they
  add no second span for the same request.

The pipeline reports retries (`observe_retry`), the one thing only it knows. A call finds its
observer through a context variable, as the token request it starts (a task of its own) does.

Nothing here runs unless something listens: `Telemetry.create` returns None for a client without
hooks when OpenTelemetry is not installed, and otherwise each call first looks whether a provider
is configured (given to the client, or set globally: which needs `opentelemetry` imported, so a
look in `sys.modules` answers for programs that never import it). OpenTelemetry itself is imported
only when it is configured (`_otel.py`).
"""

from __future__ import annotations

import sys
import time
from contextvars import ContextVar
from importlib.util import find_spec
from itertools import takewhile
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from .._runtime import ApiResponse, EnsureCall, Ensured, RequestOptions, Returns
from .._runtime.pagination import current_walk
from .._senders._base import OutgoingRequest, ReceivedResponse, Sender
from ._hooks import Hooks, dispatch

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from .._runtime.invoker import Invoker
    from ._otel import Instruments

T = TypeVar("T")

_CURRENT: ContextVar[_Call | None] = ContextVar("pexip_engage_client_call", default=None)

# Query parameters whose values may be credentials: their values never reach a span or a hook.
_SECRET_WORDS = ("token", "secret", "key", "password", "passwd", "signature", "sig", "auth", "credential", "code")


class Telemetry:
    """What observes the calls of one client (and of its `with_options` siblings)."""

    def __init__(
        self, tracer_provider: Any, meter_provider: Any, hooks: Hooks | None, token_url: str | None, enterprise: str
    ) -> None:
        self._tracer_provider = tracer_provider
        self._meter_provider = meter_provider
        self.hooked = hooks is not None
        self.hooks = hooks if hooks is not None else Hooks({})  # none: each kind's callbacks are empty
        self.token_url = token_url
        self.token_template: str | None = None
        if token_url is not None:
            path = urlsplit(token_url).path
            self.token_template = path.replace(f"/realms/{quote(enterprise, safe='')}/", "/realms/{enterprise}/")
        self._instruments: Instruments | None = None

    @staticmethod
    def create(
        tracer_provider: Any, meter_provider: Any, event_hooks: object, token_url: str | None, enterprise: str
    ) -> Telemetry | None:
        """The client's telemetry, or None when nothing could ever listen to it."""
        hooks = Hooks.of(event_hooks)
        explicit = tracer_provider is not None or meter_provider is not None
        if hooks is None and not explicit and find_spec("opentelemetry") is None:
            return None
        return Telemetry(tracer_provider, meter_provider, hooks, token_url, enterprise)

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

            # Kept for good: a global provider, once set, cannot be replaced, and the API's
            # stand-in for the other one hands over to it when it is set.
            self._instruments = Instruments(self._tracer_provider, self._meter_provider)
        return self._instruments

    def count_spec_drift(self, operation: str, kind: str) -> None:
        """One difference between an answer and openapi.yaml, on the `pexip_engage.client.spec_drift` counter."""
        instruments = self.instruments()
        if instruments is not None:
            instruments.spec_drift.add(1, {"operation": operation, "kind": kind})

    async def observe_ensure(self, name: str, run: Callable[[], Awaitable[Ensured[T]]]) -> Ensured[T]:
        """An `ensure_*` call: one INTERNAL span over its look-ups and creates, and its outcome.

        The span (named after the ensure, `appointments.ensure_appointment`) carries
        `pexip_engage.ensure.outcome` (created, found or reconciled); the `ensure` hooks get an
        `EnsureEvent`. A failed ensure ends its span as an error; the `error` hooks have seen the
        failed call itself.
        """
        instruments = self.instruments()
        span = detach = None
        if instruments is not None:
            span, detach = instruments.start_call(name, {"pexip_engage.operation": name}, None)
        started = time.perf_counter()
        ended: dict[str, Any] = {}
        try:
            result = await run()
            ended["pexip_engage.ensure.outcome"] = outcome = str(result.outcome)
        except BaseException as exc:
            ended["error.type"] = _error_type(exc)
            raise
        finally:
            if instruments is not None:
                instruments.detach(detach)
                instruments.end(span, ended, failed="error.type" in ended)
        if self.hooks.ensure:
            from ._events import EnsureEvent  # noqa: PLC0415 - events are made only for a hook (see _events.py)

            resource_id = getattr(result.resource, "id", None)
            event = EnsureEvent(
                name, outcome, result.external_id, resource_id if isinstance(resource_id, str) else None,
                time.perf_counter() - started,
            )  # fmt: skip
            await dispatch(self.hooks.ensure, event)
        return result


class ObservedInvoker:
    """The pipeline, with each call observed while something listens."""

    def __init__(self, pipeline: Invoker, telemetry: Telemetry) -> None:
        self._pipeline = pipeline
        self._telemetry = telemetry

    async def __call__(
        self, request: dict[str, Any], returns: Returns[T] | None, options: RequestOptions
    ) -> ApiResponse[T]:
        telemetry = self._telemetry
        instruments = telemetry.instruments()
        if instruments is None and not telemetry.hooked:
            return await self._pipeline(request, returns, options)
        call = _Call(telemetry, instruments, request)
        reset = _CURRENT.set(call)
        try:
            response = await self._pipeline(request, returns, options)
        except BaseException as exc:
            _CURRENT.reset(reset)
            await call.failed(exc)
            raise
        _CURRENT.reset(reset)
        call.succeeded(response.correlation_id)
        return response

    async def ensure(self, call: EnsureCall[T], options: RequestOptions) -> Ensured[T]:
        return await self._telemetry.observe_ensure(call.name, lambda: self._pipeline.ensure(call, options))


class ObservedSender:
    """The sender, with each attempt of an observed call observed."""

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
    retry: int, max_retries: int, wait: float, reason: str, response: ReceivedResponse | None
) -> None:
    """The pipeline will try the current call again after `wait` seconds (`reason`: as the log says it)."""
    call = _CURRENT.get()
    if call is not None:
        await call.retrying(retry, max_retries, wait, reason, response)


class _Call:
    """One observed call: its INTERNAL span and the CLIENT spans of its attempts."""

    def __init__(self, telemetry: Telemetry, instruments: Instruments | None, request: dict[str, Any]) -> None:
        self.telemetry = telemetry
        self.instruments = instruments
        self.operation: str = request.get("operation") or f"engage.{request['method'].lower()}"
        self.template: str | None = request.get("template")
        self.correlation_id: str | None = None
        self.attempts = 0
        self.retries = 0
        self.span: Any = None
        self._detach: Any = None
        if instruments is not None:
            walk = current_walk.get()
            parent = None
            if walk is not None:  # a page of an `items()` walk: under the walk's span, made by its first page
                if walk.observer is None:
                    walk.observer = _WalkSpan(instruments, f"{self.operation} pages")
                parent = walk.observer.context if isinstance(walk.observer, _WalkSpan) else None
            self._operation_attributes = {"pexip_engage.operation": self.operation}
            self.span, self._detach = instruments.start_call(self.operation, dict(self._operation_attributes), parent)
            instruments.active_calls.add(1, self._operation_attributes)

    async def attempt(
        self, send: Callable[[OutgoingRequest], Awaitable[ReceivedResponse]], request: OutgoingRequest
    ) -> ReceivedResponse:
        token_request = request.url == self.telemetry.token_url and "Authorization" not in request.headers
        correlation_id = request.headers.get("X-Correlation-Id", "")
        if token_request:
            template, attempt = self.telemetry.token_template, 0
        else:
            template, attempt = self.template, self.attempts
            self.attempts += 1
            self.correlation_id = correlation_id
        url = redacted(request.url)
        hooks = self.telemetry.hooks
        if hooks.request:  # the event is made only when someone listens: once per attempt
            from ._events import RequestEvent  # noqa: PLC0415

            event = RequestEvent(self.operation, request.method, url, template, attempt, correlation_id, token_request)
            await dispatch(hooks.request, event)
        span = _AttemptSpan(
            self.instruments, request, url=url, template=template, attempt=attempt, correlation_id=correlation_id
        )
        started = time.perf_counter()
        try:
            response = await send(request)
        except BaseException as exc:
            span.failed(time.perf_counter() - started, exc)
            raise
        elapsed = time.perf_counter() - started
        span.answered(elapsed, response)
        if hooks.response:
            from ._events import ResponseEvent  # noqa: PLC0415

            answered = ResponseEvent(
                self.operation, request.method, url, template, attempt, correlation_id, token_request,
                response.status_code, elapsed,
            )  # fmt: skip
            await dispatch(hooks.response, answered)
        return response

    async def retrying(
        self, retry: int, max_retries: int, wait: float, reason: str, response: ReceivedResponse | None
    ) -> None:
        from .._retry import retry_after_seconds  # noqa: PLC0415

        self.retries = retry
        retry_after = None if response is None else retry_after_seconds(response.headers)
        if self.instruments is not None:
            self.span.add_event(
                "pexip_engage.retry",
                {
                    "pexip_engage.retry.number": retry,
                    "pexip_engage.retry.reason": reason,
                    "pexip_engage.retry.wait": wait,
                    "pexip_engage.retry.wait_source": "Retry-After" if retry_after is not None else "backoff",
                },
            )
            # Few values, for a metric: the status, the exception's class, or a token request that got no answer.
            if response is not None:
                category = str(response.status_code)
            else:
                category = "token_request" if reason.startswith("token request") else reason
            self.instruments.retries.add(1, {**self._operation_attributes, "pexip_engage.retry.reason": category})
        if self.telemetry.hooks.retry:
            from ._events import RetryEvent  # noqa: PLC0415

            event = RetryEvent(self.operation, self.correlation_id or "", retry, max_retries, wait, reason, retry_after)
            await dispatch(self.telemetry.hooks.retry, event)

    def succeeded(self, correlation_id: str) -> None:
        self._end({"pexip_engage.correlation_id": correlation_id, "pexip_engage.retries": self.retries})

    async def failed(self, error: BaseException) -> None:
        correlation_id = getattr(error, "correlation_id", None) or self.correlation_id
        attributes: dict[str, Any] = {"pexip_engage.retries": self.retries, "error.type": _error_type(error)}
        if correlation_id:
            attributes["pexip_engage.correlation_id"] = correlation_id
        codes = getattr(error, "codes", None)
        if codes:
            attributes["pexip_engage.error_codes"] = [str(code) for code in codes]
        self._end(attributes, failed=True)
        if isinstance(error, Exception) and self.telemetry.hooks.error:  # not a cancellation or an exit
            from ._events import ErrorEvent  # noqa: PLC0415

            await dispatch(self.telemetry.hooks.error, ErrorEvent(self.operation, correlation_id, error))

    def _end(self, attributes: dict[str, Any], *, failed: bool = False) -> None:
        if self.instruments is not None:
            self.instruments.detach(self._detach)
            self.instruments.active_calls.add(-1, self._operation_attributes)
            self.instruments.end(self.span, attributes, failed=failed)


class _AttemptSpan:
    """The CLIENT span and the duration of one attempt (nothing when OpenTelemetry is not configured)."""

    def __init__(
        self,
        instruments: Instruments | None,
        request: OutgoingRequest,
        *,
        url: str,
        template: str | None,
        attempt: int,
        correlation_id: str,
    ) -> None:
        self._instruments = instruments
        if instruments is None:
            return
        parts = urlsplit(request.url)
        # What the span and the duration metric share (the metric leaves out what has many values).
        self._common: dict[str, Any] = {
            "http.request.method": request.method,
            "server.address": parts.hostname or "",
            "server.port": parts.port or (443 if parts.scheme == "https" else 80),
        }
        if template is not None:
            self._common["url.template"] = template
        attributes = {
            **self._common,
            "url.full": url,
            "http.request.resend_count": attempt,
            "pexip_engage.correlation_id": correlation_id,
        }
        name = request.method if template is None else f"{request.method} {template}"
        self._span, self._detach = instruments.start_attempt(name, attributes, request.headers)

    def answered(self, elapsed: float, response: ReceivedResponse) -> None:
        if self._instruments is None:
            return
        status = response.status_code
        outcome: dict[str, Any] = {"http.response.status_code": status}
        if status >= 400:
            outcome["error.type"] = str(status)
        # The error codes go on the span only: the metric leaves out what has many values.
        codes = {"pexip_engage.error_codes": _error_codes(response)} if status == 422 else {}
        self._end(elapsed, outcome, codes, failed=status >= 400)

    def failed(self, elapsed: float, error: BaseException) -> None:
        if self._instruments is not None:
            self._end(elapsed, {"error.type": _error_type(error)}, {}, failed=True)

    def _end(self, elapsed: float, outcome: dict[str, Any], span_only: dict[str, Any], *, failed: bool) -> None:
        instruments = cast("Instruments", self._instruments)
        instruments.detach(self._detach)
        instruments.duration.record(elapsed, {**self._common, **outcome})
        instruments.end(self._span, {**outcome, **span_only}, failed=failed)


class _WalkSpan:
    """The span that the pages of one `items()` walk share; ended with the walk."""

    def __init__(self, instruments: Instruments, name: str) -> None:
        self.span, self.context = instruments.start_walk(name)

    def end(self) -> None:
        self.span.end()


def redacted(url: str) -> str:
    """`url` without user info, and with the values of query parameters that may be credentials replaced."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(_may_be_secret(name) for name, _ in pairs):
            query = urlencode([(name, "REDACTED" if _may_be_secret(name) else value) for name, value in pairs])
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def _may_be_secret(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in _SECRET_WORDS)


def _error_type(error: BaseException) -> str:
    """The exception's class as `error.type` names it: qualified by the public part of its module."""
    cls = type(error)
    if cls.__module__ == "builtins":
        return cls.__qualname__
    # Up to the first private module: httpx2.ConnectError, pexip_engage_client.errors.RateLimitError.
    public = takewhile(lambda part: not part.startswith("_"), cls.__module__.split("."))
    return ".".join([*public, cls.__qualname__])


def _error_codes(response: ReceivedResponse) -> list[str]:
    from ..errors import parse_error_items  # noqa: PLC0415 - only for a 422 observed

    return [item.code for item in parse_error_items(response.content) if item.code]


__all__ = ["Telemetry", "observe_retry"]
