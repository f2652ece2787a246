"""The OpenTelemetry side: one client's instruments, and `CallSpans`, the consumer that makes a call's spans.

Imported only once a call finds OpenTelemetry configured. What it makes, with public names only:
docs/observability.md#the-spans.
"""

from __future__ import annotations

import contextlib
import sys
from itertools import takewhile
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from opentelemetry import context, metrics, propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from .._telemetry._stream import FeatureOutcome
from .._version import VERSION
from ._hooks import Consumer, Exchange, Feature

if TYPE_CHECKING:
    from .._senders._base import OutgoingRequest, ReceivedResponse
    from ._events import RequestEvent, ResponseEvent, RetryEvent

_SCOPE = "pexip_engage_client"
# Imported by every HTTP instrumentation: absent, none runs (importing it would cost a call 37 ms).
INSTRUMENTATION_UTILITIES = "opentelemetry.instrumentation.utils"
# http.client.request.duration: the buckets the semantic conventions advise for it.
_DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0)


def configured_globally() -> bool:
    """Whether a program set a global tracer or meter provider (not only the API's stand-ins)."""
    if not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider | trace.NoOpTracerProvider):
        return True
    return meter_provider_set()


def meter_provider_set() -> bool:
    """Whether a program set a global meter provider: one whose class comes from outside the API's package."""
    return not type(metrics.get_meter_provider()).__module__.startswith(metrics.__name__)


def attach_silenced(current: Any) -> contextlib.ExitStack:
    """Make `current` the context, with the generic HTTP instrumentations silent in it; closing the stack undoes it."""
    stack = contextlib.ExitStack()
    stack.callback(context.detach, context.attach(current))
    utilities = sys.modules.get(INSTRUMENTATION_UTILITIES)
    if utilities is not None:
        stack.enter_context(utilities.suppress_http_instrumentation())
    return stack


class Instruments:
    """The tracer and the metric instruments of one client."""

    def __init__(self, tracer_provider: Any, meter_provider: Any) -> None:
        tracer_provider = tracer_provider if tracer_provider is not None else trace.get_tracer_provider()
        meter_provider = meter_provider if meter_provider is not None else metrics.get_meter_provider()
        self.tracer = tracer_provider.get_tracer(_SCOPE, VERSION)
        self.meter = meter = meter_provider.get_meter(_SCOPE, VERSION)  # the features' counters too
        self.duration = meter.create_histogram(
            "http.client.request.duration",
            unit="s",
            description="Duration of HTTP client requests.",
            explicit_bucket_boundaries_advisory=_DURATION_BUCKETS,
        )
        self.retries = meter.create_counter(
            "pexip_engage.client.retries", unit="{retry}", description="Calls tried again, by reason."
        )
        self.active_calls = meter.create_up_down_counter(
            "pexip_engage.client.active_calls", unit="{call}", description="Calls in flight."
        )

    def start_call(self, name: str, attributes: dict[str, Any], parent: Any) -> tuple[Any, Any]:
        """The INTERNAL span of a call, made current until the stack it returns with is closed."""
        span = self.tracer.start_span(name, context=parent, kind=SpanKind.INTERNAL, attributes=attributes)
        stack = contextlib.ExitStack()
        stack.callback(context.detach, context.attach(trace.set_span_in_context(span)))
        return span, stack

    @staticmethod
    def end(span: Any, attributes: dict[str, Any], *, failed: bool = False, error: BaseException | None = None) -> None:
        """End `span` with these attributes, an error if `failed` or `error` (never recorded: docs/observability.md)."""
        if error is not None:
            attributes["error.type"] = error_type(error)
        span.set_attributes(attributes)
        if failed or error is not None:
            span.set_status(Status(StatusCode.ERROR))
        span.end()


class CallSpans(Consumer):
    """The spans and metrics of one call (docs/observability.md#the-spans)."""

    def __init__(self, instruments: Instruments) -> None:
        self.instruments = instruments
        self._attempts: dict[int, tuple[Any, Any, dict[str, Any]]] = {}  # by request: span, detach, common

    def start(self, call: Exchange) -> None:
        parent = None
        walk = call.walk
        if walk is not None:  # a page of an `items()` walk: under the walk's span, made by its first page
            if walk.observer is None:
                walk.observer = self.instruments.tracer.start_span(f"{call.operation} pages", kind=SpanKind.INTERNAL)
            parent = trace.set_span_in_context(walk.observer)
        self.operation = {"pexip_engage.operation": call.operation}
        self.span, self._detach = self.instruments.start_call(call.operation, dict(self.operation), parent)
        self.instruments.active_calls.add(1, self.operation)

    def sent(self, call: Exchange, event: RequestEvent, request: OutgoingRequest) -> None:
        parts = urlsplit(request.url)
        common: dict[str, Any] = {
            "http.request.method": event.method,
            "server.address": parts.hostname or "",
            "server.port": parts.port or (443 if parts.scheme == "https" else 80),
        }
        if event.url_template is not None:
            common["url.template"] = event.url_template
        attributes = {
            **common,
            "url.full": event.url,
            "http.request.resend_count": event.attempt,
            "pexip_engage.correlation_id": event.correlation_id,
        }
        name = event.method if event.url_template is None else f"{event.method} {event.url_template}"
        span = self.instruments.tracer.start_span(name, kind=SpanKind.CLIENT, attributes=attributes)
        current = trace.set_span_in_context(span)
        propagate.inject(request.headers, context=current)  # `traceparent`
        self._attempts[id(request)] = (span, attach_silenced(current), common)

    def answered(
        self, call: Exchange, event: ResponseEvent, request: OutgoingRequest, answer: ReceivedResponse
    ) -> None:
        status = event.status_code
        outcome: dict[str, Any] = {"http.response.status_code": status}
        if status >= 400:
            outcome["error.type"] = str(status)
        # The error codes go on the span only: the metric leaves out what has many values.
        codes = {"pexip_engage.error_codes": _error_codes(answer)} if status == 422 else {}
        self._end_attempt(request, event.elapsed, outcome, codes)

    def unanswered(
        self, call: Exchange, event: RequestEvent, request: OutgoingRequest, error: BaseException, elapsed: float
    ) -> None:
        self._end_attempt(request, elapsed, {"error.type": error_type(error)})

    def _end_attempt(
        self, request: OutgoingRequest, elapsed: float, outcome: dict[str, Any], span_only: Any = ()
    ) -> None:
        span, detach, common = self._attempts.pop(id(request))
        detach.close()
        self.instruments.duration.record(elapsed, {**common, **outcome, **self.operation})
        self.instruments.end(span, {**outcome, **dict(span_only)}, failed="error.type" in outcome)

    def retrying(
        self, call: Exchange, event: RetryEvent, request: OutgoingRequest, answer: ReceivedResponse | None
    ) -> None:
        self.span.add_event(
            "pexip_engage.retry",
            {
                "pexip_engage.retry.number": event.retry,
                "pexip_engage.retry.reason": event.reason,
                "pexip_engage.retry.wait": event.wait,
                "pexip_engage.retry.wait_source": "Retry-After" if event.retry_after is not None else "backoff",
            },
        )
        # Few values, for a metric: the status, the exception's class, or a token request that got no answer.
        if answer is not None:
            category = str(answer.status_code)
        else:
            category = "token_request" if event.reason.startswith("token request") else event.reason
        self.instruments.retries.add(1, {**self.operation, "pexip_engage.retry.reason": category})

    def ended(self, call: Exchange, error: BaseException | None) -> None:
        attributes: dict[str, Any] = {"pexip_engage.retries": call.retries}
        if call.correlation_id:
            attributes["pexip_engage.correlation_id"] = call.correlation_id
        codes = getattr(error, "codes", None)
        if codes:
            attributes["pexip_engage.error_codes"] = [str(code) for code in codes]
        self._detach.close()
        self.instruments.active_calls.add(-1, self.operation)
        self.instruments.end(self.span, attributes, error=error)

    def feature_started(self, feature: Feature) -> None:
        name = feature.operation
        self.span, self._detach = self.instruments.start_call(name, {"pexip_engage.operation": name}, None)

    def feature_ended(self, feature: Feature, outcome: FeatureOutcome | None, error: BaseException | None) -> None:
        self._detach.close()
        self.instruments.end(self.span, {} if outcome is None else dict(outcome.attributes), error=error)


def error_type(error: BaseException) -> str:
    """The exception's class as `error.type` names it: qualified by the public part of its module."""
    cls = type(error)
    if cls.__module__ == "builtins":
        return cls.__qualname__
    # Up to the first private module: httpx2.ConnectError, pexip_engage_client.errors.RateLimitError.
    public = takewhile(lambda part: not part.startswith("_"), cls.__module__.split("."))
    return ".".join([*public, cls.__qualname__])


def _error_codes(answer: ReceivedResponse) -> list[str]:
    from .._errors import parse_error_items  # noqa: PLC0415 - only for a 422 observed

    return [item.code for item in parse_error_items(answer.content) if item.code]
