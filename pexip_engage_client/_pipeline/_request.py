"""The request pipeline: the one `Invoker` through which every generated operation method sends.

Every wait within an attempt ends within `attempt_seconds(timeout)` of its start; the backoff between
attempts is the retry policy's (docs/errors-and-retries.md#timeouts-and-retries, docs/limits.md).
"""

from __future__ import annotations

import asyncio
import copy
import os
import sys
from asyncio import sleep as _sleep  # a module global, so tests can record backoff without waiting
from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from .._base.answer_fields import Unread
from .._base.arguments import counted, is_number, mapping
from .._configuration._config import (
    validate_correlation_id,
    validate_header_name,
    validate_header_value,
    validate_operation_header,
    validate_relative_path,
)
from .._errors import ClientClosedError, ForkedClientError, PexipEngageError, UnusableAnswerError
from .._generated.inferred_operations import INFERRED_OPERATIONS
from .._limiting._governor import Governor, default_governor
from .._limiting._limits import NoTurnInTime
from .._runtime import ApiResponse, RequestOptions, Returns
from .._runtime.pagination import current_walk, largest_pages, refuse_with
from .._senders._base import (
    AnyTimeout,
    BodyTooLarge,
    BodyTooSlow,
    OutgoingRequest,
    ReceivedResponse,
    Sender,
    SenderForkedError,
    Timeouts,
    attempt_seconds,
)
from .._telemetry._stream import ObservedInvoker, ObservedSender, observe_gave_up, observe_retry
from ._auth import Authenticator, Secret, TokenRequestFailed
from ._decode import AnswerObserver, NotJSONError, Reading, ShapeMismatchError, parse_body
from ._json_body import encode_json_body
from ._lifecycle import Lifecycle
from ._page_size import largest_page
from ._query import with_query
from ._retry import RETRYABLE_STATUSES, RetryPolicy, may_retry_error, may_retry_status

if TYPE_CHECKING:
    import httpx2

    from .._runtime.invoker import Middleware
else:
    from .._base.lazy_httpx import httpx2  # executed on first use

T = TypeVar("T")
Outermost = TypeVar("Outermost", bound="ObservedInvoker")


def _walk_refusal(unread: Unread, needed: str) -> UnusableAnswerError:
    """A walk's refusal of a page it cannot use: the client's documented error (docs/spec-drift.md)."""
    return UnusableAnswerError(
        feature="items", operation=unread.operation, pointer=unread.pointer, kind=unread.kind, needed=needed
    )


# The walks (the runtime room, which cannot import the errors) refuse with it.
refuse_with(_walk_refusal)


# Headers the client sets, or that frame the message (could smuggle a request): not for extra_headers.
_OWNED_HEADERS = frozenset(
    {
        "authorization", "x-correlation-id", "content-type", "content-length", "host", "transfer-encoding",
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "expect",
    }
)  # fmt: skip

# The spelling of the headers the client sets and a caller may replace.
_CANONICAL_NAMES = {name.lower(): name for name in ("Accept", "Accept-Encoding", "Accept-Language", "User-Agent")}


def call_chain(
    sender: Sender,
    invoker_for: Callable[[RequestPipeline], Outermost],
    pipeline_for: Callable[[Sender], RequestPipeline],
) -> tuple[RequestPipeline, Outermost]:
    """The layers every call of one client goes through; returns the pipeline and the outermost.

    From the generated method down to the wire: the client's `_Invoker` (`invoker_for` makes it: an
    `ObservedInvoker`, the call's event stream, which the facade gives its features' methods), `RequestPipeline`
    (`pipeline_for` makes it), `ObservedSender` (each attempt's events), then `sender`: the
    `PerProcessSender` over the HTTP stack's sender (`_client._choose_sender`).
    """
    pipeline = pipeline_for(ObservedSender(sender))
    return pipeline, invoker_for(pipeline)


class RequestPipeline:
    """Every call of one `PexipEngage` client (the runtime's `Invoker`): prepare, send with retries, result."""

    def __init__(
        self,
        sender: Sender,
        auth: Authenticator,
        *,
        lifecycle: Lifecycle,
        base_url: str,
        timeout: AnyTimeout,
        max_retries: int,
        accept_language: str | None,
        retry_policy: RetryPolicy,
        governor: Governor | None = None,
        strict_responses: bool = False,
        answers: AnswerObserver | None = None,
        middleware: tuple[Middleware, ...] = (),
    ) -> None:
        self._sender = sender
        self.middleware = middleware  # the client's, run around each attempt of every call (`_middleware.py`)
        self._strict = strict_responses  # `_decode.Reading`
        self._answers = answers  # told how each answer differs from openapi.yaml, which it records
        self._governor = governor  # shared by the pipelines `with_settings` makes
        self._auth = auth
        self._lifecycle = lifecycle
        self.root = base_url.rstrip("/")
        scheme, host = urlsplit(self.root)[:2]
        self._api_host = f"{scheme}://{host}"  # what the default governor is shared by
        self._timeout = timeout
        self._max_retries = max_retries
        self.retry_policy = retry_policy
        self._default_headers = {"Accept": "application/json"}
        if accept_language is not None:
            self._default_headers["Accept-Language"] = accept_language

    def with_settings(
        self,
        *,
        timeout: AnyTimeout | None,
        max_retries: int | None,
        retry_policy: RetryPolicy | None,
        middleware: tuple[Middleware, ...] | None = None,
    ) -> RequestPipeline:
        """A pipeline with the same sender, authenticator and lifecycle, and these settings (None: this one's)."""
        pipeline = copy.copy(self)
        if middleware is not None:
            pipeline.middleware = middleware
        if timeout is not None:
            pipeline._timeout = timeout
        if max_retries is not None:
            pipeline._max_retries = max_retries
        if retry_policy is not None:
            pipeline.retry_policy = retry_policy
        return pipeline

    async def __call__(
        self,
        request: dict[str, Any],
        returns: Returns[T] | None,
        options: RequestOptions,
    ) -> ApiResponse[T]:
        if INFERRED_OPERATIONS:  # before any await, while the caller's frames are on the stack
            _warn_if_inferred(request)
        task = self._lifecycle.enter()
        try:
            walk = current_walk.get()
            if walk is not None:  # a page of `items()`: as large as the operation allows, in a bounded window
                if walk.window is None:
                    walk.window = self.governor().walk_window
                request = largest_page(request)
            elif largest_pages.get():  # a sync list call's own page, which its first walk starts from
                request = largest_page(request)
            outgoing, correlation_id, max_retries, middleware = self._prepare(request, options)
            response = await self._send_with_retries(outgoing, correlation_id, max_retries, middleware)
            return self._result(response, returns, correlation_id, request)
        except asyncio.CancelledError:
            self._lifecycle.cancelled(task)  # ClientClosedError when close() ended the call
            raise
        finally:
            self._lifecycle.leave(task)

    def _prepare(
        self, request: dict[str, Any], options: RequestOptions
    ) -> tuple[OutgoingRequest, str, int, tuple[Middleware, ...]]:
        """The request to send (URL, headers, body, timeout), its correlation id, retry budget and middleware."""
        timeout, max_retries, correlation_id, middleware = self._timeout, self._max_retries, None, self.middleware
        if options:  # most calls have none
            operation = request.get("operation", "")  # `tag.method`, which an unknown keyword's message reads
            timeout, max_retries, correlation_id = _checked_options(options, timeout, max_retries, operation)
            if "middleware" in options:  # the call's run inside the client's
                from ._middleware import checked_middleware  # noqa: PLC0415 - loaded where middleware is given only

                middleware += checked_middleware(options["middleware"])
        if correlation_id is None:
            correlation_id = _new_correlation_id()
        params = request.get("params")
        if "extra_query" in options:
            params = _extended("extra_query", "query parameter", params, options["extra_query"])
        has_body, body = _body(request, options)
        url = with_query(self.root + validate_relative_path(request["url"]), params)
        operation_headers = request.get("headers")
        # Most calls send the client's own headers only.
        headers = (
            self._headers(operation_headers, options) if operation_headers or options else self._default_headers.copy()
        )
        headers["X-Correlation-Id"] = correlation_id
        content = None
        if has_body:
            content = encode_json_body(body)
            headers["Content-Type"] = "application/json"
        elif operation_headers:
            # The generated layer names a JSON body even when an optional one was left out; an
            # empty body must not claim to be JSON (servers may refuse that).
            headers.pop("Content-Type", None)
        outgoing = OutgoingRequest(request["method"].upper(), url, headers, content, timeout)
        return outgoing, correlation_id, max_retries, middleware

    def call_settings(self, options: RequestOptions, operation: str) -> tuple[AnyTimeout, int]:
        """A call's timeout and retry budget: its options' (checked, `operation` named in a refusal), else these."""
        timeout, max_retries, _ = _checked_options(options, self._timeout, self._max_retries, operation)
        return timeout, max_retries

    async def aclose(self) -> None:
        """Release what the calls used, once none is left (`Lifecycle.close`): a token request, the sender."""
        await self._auth.aclose()  # a token request in flight, which no call waits for now
        await self._sender.aclose()

    def _headers(self, operation_headers: Mapping[str, Any] | None, options: RequestOptions) -> dict[str, str]:
        """The client's headers with the operation's and the caller's `extra_headers`, each checked."""
        headers = self._default_headers.copy()
        if operation_headers:
            for name, value in operation_headers.items():
                headers[validate_header_name(name)] = validate_operation_header(name, value)
        if "extra_headers" in options:
            for name, value in mapping(options["extra_headers"], "extra_headers").items():
                lowered = validate_header_name(name).lower()
                if lowered in _OWNED_HEADERS:
                    raise ValueError(f"extra_headers cannot set {name}; the client sets it")
                headers[_CANONICAL_NAMES.get(lowered, name)] = validate_header_value(name, value)
        return headers

    async def _send_with_retries(
        self, request: OutgoingRequest, correlation_id: str, max_retries: int, middleware: tuple[Middleware, ...]
    ) -> ReceivedResponse:
        """Each attempt, through the call's middleware, until one gets an answer to return or the retry rules give up;
        what a middleware raises goes through as it is."""
        retries = 0
        while True:
            outcome: ReceivedResponse | httpx2.TransportError | TokenRequestFailed
            try:
                outcome = await (_through(middleware, request, self._attempt) if middleware else self._attempt(request))
            except (httpx2.TransportError, TokenRequestFailed) as exc:
                outcome = exc
            except (BodyTooLarge, BodyTooSlow, NoTurnInTime, SenderForkedError) as signal:
                raise _not_retried(signal, request, correlation_id) from None
            else:
                if outcome.status_code < 400:
                    return outcome
            wait, reason = self._retry_decision(request.method, retries, max_retries, outcome)
            if wait is not None and not self.governor().allow_retry():
                wait, reason = None, "the governor's retry budget is spent"
            if wait is None:
                return _given_up(request, outcome, reason, correlation_id)
            retries += 1
            await self._wait_to_retry(request, outcome, (retries, max_retries, wait))

    async def _wait_to_retry(
        self,
        request: OutgoingRequest,
        outcome: ReceivedResponse | httpx2.TransportError | TokenRequestFailed,
        retry: tuple[int, int, float],
    ) -> None:
        """The backoff before a retry (its number, of how many, the wait): observed, ended by `close()`."""
        await observe_retry(request, _answer_of(outcome), _failure(outcome), retry)
        await _sleep(retry[2])
        # close() ended the wait without reaching this task (something absorbed the cancellation).
        if self._lifecycle.closed:
            raise ClientClosedError("the client was closed while this call was waiting to retry")

    def governor(self) -> Governor:
        """The client's governor, or this event loop's default one for the API host."""
        return self._governor or default_governor(self._api_host)

    async def _attempt(
        self, request: OutgoingRequest, before_send: Callable[[], Awaitable[None]] | None = None
    ) -> ReceivedResponse:
        """One attempt: a token, then the request within the governor's limits, checked by `before_send` (a
        middleware's `BEFORE_SEND`, from `_runtime.invoker`) right before it is written, when nothing is left
        to wait for.

        The token comes first: calls waiting for it must not hold the API's few slots meanwhile.
        """
        token = self._auth.ready_token()
        if token is None:
            token = await self._auth.token(request, self._sender.send)
            if self._lifecycle.closed:  # by the token provider itself: the sender is closed, and must stay so
                raise ClientClosedError("the client was closed while this call was getting its token")
        return await self.governor().send(
            lambda: self._send_authorized(request, token, before_send),
            _status_and_headers,
            attempt_seconds(request.timeout),
        )

    async def _send_authorized(
        self, request: OutgoingRequest, token: Secret, before_send: Callable[[], Awaitable[None]] | None
    ) -> ReceivedResponse:
        """The request with `token`; after a 401, once more with a renewed token (not a retry: nothing was processed).

        The tokens stay `Secret`s here: this frame is in the traceback of whatever `send` raises.
        """
        send = self._sender.send
        token = self._auth.ready_token() or token  # renewed while this call waited for its turn
        request.headers["Authorization"] = f"Bearer {token.reveal()}"
        if before_send is not None:
            await before_send()  # a middleware's last word: what it raises ends the attempt, nothing sent
        response = await send(request)
        if response.status_code == 401:
            renewed = await self._auth.renew(token, request, send)
            if renewed is not None:
                request.headers["Authorization"] = f"Bearer {renewed.reveal()}"
                if before_send is not None:
                    await before_send()
                response = await send(request)
        return response

    def _retry_decision(
        self,
        method: str,
        retries: int,
        max_retries: int,
        outcome: ReceivedResponse | httpx2.TransportError | TokenRequestFailed,
    ) -> tuple[float | None, str]:
        """Seconds to wait before the next attempt, or None with the reason not to retry."""
        if retries >= max_retries:
            return None, "retries are off (max_retries=0)" if max_retries == 0 else f"no retries left ({max_retries=})"
        backoff = self.retry_policy.backoff(retries + 1)
        if isinstance(outcome, ReceivedResponse):
            if may_retry_status(method, outcome):
                return self._wait_asked_for(outcome, backoff)
            return None, _status_not_retried(method, outcome.status_code)
        if isinstance(outcome, TokenRequestFailed):
            if outcome.response is not None:  # 408, 429 or 5xx: the auth server's temporary failure
                return self._wait_asked_for(outcome.response, backoff)
            if outcome.error is None:  # no token in the attempt's time: the next attempt waits again
                return backoff, ""
            method, outcome = "GET", outcome.error
        return _error_decision(method, outcome, backoff)

    def _wait_asked_for(self, response: ReceivedResponse, backoff: float) -> tuple[float | None, str]:
        """The server's Retry-After instead of the backoff, when it sent one the client will wait for."""
        retry_after = response.retry_after
        if retry_after is None:
            return backoff, ""
        limit = self.retry_policy.max_retry_after
        if retry_after > limit:
            return None, f"Retry-After asks for {retry_after:.0f} s, beyond the client's limit of {limit:.0f} s"
        return retry_after, ""

    def _result(
        self, response: ReceivedResponse, returns: Returns[T] | None, correlation_id: str, request: Mapping[str, Any]
    ) -> ApiResponse[T]:
        status = response.status_code
        method, template = request.get("method", ""), request.get("template", "")
        answers = self._answers if "statuses" in request else None  # "statuses": an operation of openapi.yaml
        if answers is not None:
            answers.status(method, template, request["statuses"], status)
        if status >= 400:
            from ._error_mapping import status_error  # noqa: PLC0415 - loaded by the first error

            error = status_error(response, correlation_id)
            if answers is not None:  # the business codes the spec does not list
                answers.error(method, template, error)
            raise error
        if response.decoding_error is not None:
            from ._error_mapping import unreadable  # noqa: PLC0415 - loaded by the first error

            raise unreadable(response, correlation_id, f"the body could not be decoded ({response.decoding_error})")
        if not 200 <= status < 300:
            from ._error_mapping import unreadable  # noqa: PLC0415

            raise unreadable(response, correlation_id, "not a success or error status")
        data: Any = None
        if returns is not None:
            try:
                reading = Reading(self._strict, method, template if "statuses" in request else "", self._answers)
                data = parse_body(response.content, returns, reading)
            except NotJSONError as exc:
                from ._error_mapping import unreadable  # noqa: PLC0415 - loaded by the first error

                raise unreadable(response, correlation_id, f"the body is not JSON ({exc})") from None
            except ShapeMismatchError as exc:
                from ._error_mapping import unreadable  # noqa: PLC0415 - loaded by the first error

                reason = f"the body does not match the documented schema ({exc})"
                raise unreadable(response, correlation_id, reason) from exc.__cause__
        return ApiResponse(data, status, correlation_id, response)


def _through(
    middleware: tuple[Middleware, ...], request: OutgoingRequest, attempt: Callable[..., Awaitable[ReceivedResponse]]
) -> Awaitable[ReceivedResponse]:
    """`_middleware.through`, loaded by the first call of a client with middleware (a command-line call has none)."""
    from ._middleware import through  # noqa: PLC0415

    return through(middleware, request, attempt)


def _warn_if_inferred(request: Mapping[str, Any]) -> None:
    """`InferredOperationWarning` when the request is an operation openapi.yaml infers (`_inferred.py`)."""
    key = f"{request['method'].upper()} {request.get('template')}"  # raw calls have no template: never one
    if key in INFERRED_OPERATIONS:
        from ._inferred import warn_once  # noqa: PLC0415 - loaded by the first such call only

        warn_once(key, request.get("operation", key))


def _new_correlation_id() -> str:
    """`str(uuid.uuid4())` at a third of its cost; unique across threads and forks (os.urandom)."""
    hexed = os.urandom(16).hex()
    variant = "89ab"[int(hexed[16], 16) & 3]
    return f"{hexed[:8]}-{hexed[8:12]}-4{hexed[13:16]}-{variant}{hexed[17:20]}-{hexed[20:]}"


def _checked_options(
    options: RequestOptions, timeout: AnyTimeout, max_retries: int, operation: str
) -> tuple[AnyTimeout, int, str | None]:
    """A call's timeout, retry budget and correlation id (None: a new one), from its options or the defaults.

    A misspelled option or parameter, which would otherwise be ignored, is refused (`_unknown_arguments.py`).
    """
    unknown = options.keys() - RequestOptions.__optional_keys__
    if unknown:
        from ._unknown_arguments import unknown_keywords_message  # noqa: PLC0415 - loaded by a refused call only

        raise ValueError(unknown_keywords_message(unknown, RequestOptions.__optional_keys__, operation))
    return (
        timeout_of(options["timeout"]) if "timeout" in options else timeout,
        counted(options["max_retries"], "max_retries", 0) if "max_retries" in options else max_retries,
        validate_correlation_id(options["correlation_id"]) if "correlation_id" in options else None,
    )


def _body(request: Mapping[str, Any], options: RequestOptions) -> tuple[bool, Any]:
    """Whether the call sends a body, and which: the operation's, with the caller's `extra_body` fields."""
    has_body, body = "json" in request, request.get("json")
    if "extra_body" not in options:
        return has_body, body
    if has_body and not isinstance(body, dict):
        raise ValueError(f"extra_body adds fields to a JSON object; this call's body is {type(body).__name__}")
    return True, _extended("extra_body", "body field", body, options["extra_body"])


def _extended(option: str, what: str, owned: Mapping[str, Any] | None, extra: object) -> dict[str, Any]:
    """`owned` (the call's query or body) with the caller's `extra` entries, none replacing one; names checked only."""
    merged = dict(owned or {})
    for name, value in mapping(extra, option).items():
        if not isinstance(name, str):
            raise ValueError(f"{option} names must be strings (got {type(name).__name__}: {name!r:.100})")
        if name in merged:
            raise ValueError(f"{option} cannot set {what} {name}: the call sets it already")
        merged[name] = value
    return merged


def timeout_of(value: float | httpx2.Timeout) -> AnyTimeout:
    """`Timeouts` from seconds, or an `httpx2.Timeout` as it is (httpx's warned); refuses what never times out."""
    if is_number(value) and value > 0:
        return Timeouts.seconds(float(value))
    if not is_number(value):
        if "httpx" in sys.modules and not isinstance(value, httpx2.Timeout):  # code written for httpx
            from .._senders._stacks import legacy_timeout  # noqa: PLC0415 - the legacy path, loaded only for it

            value = legacy_timeout(value) or value
        if isinstance(value, httpx2.Timeout):
            if None in (value.connect, value.read, value.write, value.pool):
                raise ValueError("timeout must set every limit (connect, read, write, pool); None would never time out")
            return value
    raise ValueError(
        "timeout must be a positive number of seconds or an httpx2.Timeout "
        f"(got {type(value).__name__}: {value!r:.100})"
    )


def _status_and_headers(response: ReceivedResponse) -> tuple[int, Mapping[str, str]]:
    return response.status_code, _HeadersWhenRead(response)


class _HeadersWhenRead(Mapping[str, str]):
    """An answer's headers for the governor, made (httpx2 run) only if it reads them, after a throttling status."""

    __slots__ = ("_response",)

    def __init__(self, response: ReceivedResponse) -> None:
        self._response = response

    def __getitem__(self, name: str) -> str:
        return self._response.headers[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._response.headers)

    def __len__(self) -> int:
        return len(self._response.headers)


def _not_retried(
    signal: BodyTooLarge | BodyTooSlow | NoTurnInTime | SenderForkedError, request: OutgoingRequest, correlation_id: str
) -> PexipEngageError:
    """The error of an attempt that no retry would mend."""
    from ._error_mapping import no_turn_error, undelivered  # noqa: PLC0415 - loaded by the first error

    if isinstance(signal, NoTurnInTime):  # not sent: the governor's wait would outlast the call's time
        within = attempt_seconds(request.timeout)
        return no_turn_error(signal, within, request.method, request.url, correlation_id)
    if isinstance(signal, SenderForkedError):  # a caller's connections, in a forked child: nothing was sent
        return ForkedClientError(str(signal))
    return undelivered(signal)  # the API's answer or the token endpoint's was too large or too slow


def _given_up(
    request: OutgoingRequest,
    outcome: ReceivedResponse | httpx2.TransportError | TokenRequestFailed,
    reason: str,
    correlation_id: str,
) -> ReceivedResponse:
    """The last answer, to be read as the result, or the error of the last failure (observed with `reason`)."""
    observe_gave_up(request, _failure(outcome), reason)
    if isinstance(outcome, TokenRequestFailed):
        from ._error_mapping import token_request_error  # noqa: PLC0415 - loaded by the first error

        raise token_request_error(outcome, correlation_id) from outcome.error
    if isinstance(outcome, ReceivedResponse):  # asked first: an answer reads no httpx2 class
        return outcome
    from ._error_mapping import connection_error, token_request_error  # noqa: PLC0415 - loaded by the first error

    raise connection_error(outcome, request.method, request.url, correlation_id) from outcome


def _answer_of(outcome: ReceivedResponse | httpx2.TransportError | TokenRequestFailed) -> ReceivedResponse | None:
    """The answer an attempt got, the token endpoint's included; None without one."""
    if isinstance(outcome, ReceivedResponse):  # asked first: an answer reads no httpx2 class
        return outcome
    return outcome.response if isinstance(outcome, TokenRequestFailed) else None


def _failure(outcome: ReceivedResponse | httpx2.TransportError | TokenRequestFailed) -> str:
    """What went wrong with one attempt, as the logs and the retry events say it."""
    if isinstance(outcome, ReceivedResponse):  # asked first: an answer reads no httpx2 class
        return f"HTTP {outcome.status_code}"
    if isinstance(outcome, TokenRequestFailed):
        return f"token request to {outcome.url} failed ({outcome.reason})"
    return type(outcome).__name__


def _error_decision(method: str, error: httpx2.TransportError, backoff: float) -> tuple[float | None, str]:
    """`_retry_decision` for a request of this method that got no answer."""
    if may_retry_error(method, error):
        return backoff, ""
    if not may_retry_error("GET", error):
        return None, f"{type(error).__name__} would fail again on another attempt"
    return None, f"the {method} may have reached the server, and a {method} is not sent twice"


def _status_not_retried(method: str, status: int) -> str:
    """Why an error status is not retried, in words that fit after "not retried: "."""
    if status not in RETRYABLE_STATUSES:
        return f"{status} is not a temporary failure"
    return f"the {method} may have been processed; a {method} is retried only after 429, or 503 with Retry-After"
