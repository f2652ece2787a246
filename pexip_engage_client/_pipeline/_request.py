"""The request pipeline: the one `Invoker` through which every generated operation method sends.

Every wait within an attempt ends within `attempt_seconds(timeout)` of its start; the backoff between
attempts is the retry policy's (docs/errors-and-retries.md#timeouts-and-retries, docs/limits.md).
"""

from __future__ import annotations

import asyncio
import copy
import os
from asyncio import sleep as _sleep  # a module global, so tests can record backoff without waiting
from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from .._base.lazy_httpx import httpx2
from .._configuration._config import validate_operation_header, validate_relative_path
from .._errors import ClientClosedError, ForkedClientError, PexipEngageError
from .._generated.inferred_operations import INFERRED_OPERATIONS
from .._limiting._governor import Governor, default_governor
from .._limiting._lanes import ENTERPRISE
from .._limiting._limits import NoTurnInTime
from .._runtime import ApiResponse, RequestOptions, Returns
from .._runtime.options import CallSettings, attempt_seconds, validate_header_name
from .._runtime.pagination import current_walk, largest_pages
from .._senders._base import BodyTooLarge, BodyTooSlow, OutgoingRequest, ReceivedResponse, Sender, SenderForkedError
from .._telemetry._stream import observe_gave_up, observe_retry
from ._auth import Authenticator, Secret, TokenRequestFailed
from ._decode import AnswerObserver, NotJSONError, Reading, ShapeMismatchError, parse_body
from ._lifecycle import Lifecycle
from ._page_size import largest_page
from ._retry import RETRYABLE_STATUSES, RetryPolicy, may_retry_error, may_retry_status

if TYPE_CHECKING:
    from .._runtime.options import Middleware

T = TypeVar("T")


class RequestPipeline:
    """Every call of one `PexipEngage` client (the runtime's `Invoker`): prepare, send with retries, result."""

    def __init__(
        self,
        sender: Sender,
        auth: Authenticator,
        *,
        lifecycle: Lifecycle,
        base_url: str,
        settings: CallSettings,
        accept_language: str | None,
        retry_policy: RetryPolicy,
        governor: Governor | None = None,
        enterprise: str = "",
        strict_responses: bool = False,
        answers: AnswerObserver | None = None,
    ) -> None:
        self._sender = sender
        # The client's timeout, retry budget and middleware, which a call's options replace or add to (`options.py`).
        self.settings = settings
        self._strict = strict_responses  # `_decode.Reading`
        self._answers = answers  # told how each answer differs from openapi.yaml, which it records
        self._governor = governor  # shared by the pipelines `with_settings` makes
        self._enterprise = enterprise  # whose calls: the governor's part of them (`weights=`)
        self._auth = auth
        self._lifecycle = lifecycle
        self.root = base_url.rstrip("/")
        scheme, host = urlsplit(self.root)[:2]
        self._api_host = f"{scheme}://{host}"  # what the default governor is shared by
        self.retry_policy = retry_policy
        self._default_headers = {"Accept": "application/json"}
        if accept_language is not None:
            self._default_headers["Accept-Language"] = accept_language

    def with_settings(self, settings: CallSettings, retry_policy: RetryPolicy | None) -> RequestPipeline:
        """A pipeline with the same sender, authenticator and lifecycle, and these settings (`retry_policy` None: this
        one's)."""
        pipeline = copy.copy(self)
        pipeline.settings = settings
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
            outgoing, correlation_id, settings = self._prepare(request, options)
            response = await self._send_with_retries(outgoing, correlation_id, settings)
            return self._result(response, returns, correlation_id, request)
        except asyncio.CancelledError:
            self._lifecycle.cancelled(task)  # ClientClosedError when close() ended the call
            raise
        finally:
            self._lifecycle.leave(task)

    def _prepare(self, request: dict[str, Any], options: RequestOptions) -> tuple[OutgoingRequest, str, CallSettings]:
        """The request to send (URL, headers, body, timeout), its correlation id, and the call's settings: the client's
        with the call's `options` in them, which are read here once (`options.py` checks them)."""
        settings = self.settings
        if options:  # most calls have none
            settings = settings.for_call(options, request.get("operation", ""))
        correlation_id = settings.correlation_id or _new_correlation_id()
        has_body, body = settings.body_with_extra(request)
        url = settings.url_with_query(self.root + validate_relative_path(request["url"]), request.get("params"))
        operation_headers = request.get("headers")
        headers = self._default_headers.copy()
        if operation_headers:
            for name, value in operation_headers.items():
                headers[validate_header_name(name)] = validate_operation_header(name, value)
        headers.update(settings.extra_headers)
        headers["X-Correlation-Id"] = correlation_id
        content = None
        if has_body:
            from ._json_body import encode_json_body  # noqa: PLC0415 - a read sends no body: loaded by the first write

            content = encode_json_body(body)
            headers["Content-Type"] = "application/json"
        elif operation_headers:
            # The generated layer names a JSON body even when an optional one was left out; an
            # empty body must not claim to be JSON (servers may refuse that).
            headers.pop("Content-Type", None)
        outgoing = OutgoingRequest(request["method"].upper(), url, headers, content, settings.timeout)
        return outgoing, correlation_id, settings

    async def aclose(self) -> None:
        """Release what the calls used, once none is left (`Lifecycle.close`): a token request, the sender."""
        await self._auth.aclose()  # a token request in flight, which no call waits for now
        await self._sender.aclose()

    async def _send_with_retries(
        self, request: OutgoingRequest, correlation_id: str, settings: CallSettings
    ) -> ReceivedResponse:
        """Each attempt, through the call's middleware, until one gets an answer to return or the retry rules give up;
        what a middleware raises goes through as it is."""
        retries, max_retries, around, at_send = 0, settings.max_retries, settings.around, settings.at_send
        while True:
            outcome: ReceivedResponse | httpx2.TransportError | TokenRequestFailed
            try:
                outcome = await (
                    _through(around, request, lambda sent: self._attempt(sent, at_send))
                    if around
                    else self._attempt(request, at_send)
                )
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

    async def _attempt(self, request: OutgoingRequest, at_send: tuple[Middleware, ...] = ()) -> ReceivedResponse:
        """One attempt: a token, then the request within the governor's limits, each write through the middleware at
        the send position (`at_send`: `AtSend`, docs/middleware.md), when nothing is left to wait for.

        The token comes first: calls waiting for it must not hold the API's few slots meanwhile.
        """
        token = self._auth.ready_token()
        if token is None:
            token = await self._auth.token(request, self._sender.send)
            if self._lifecycle.closed:  # by the token provider itself: the sender is closed, and must stay so
                raise ClientClosedError("the client was closed while this call was getting its token")
        whose = ENTERPRISE.set(self._enterprise)
        try:
            return await self.governor().send(
                lambda: self._send_authorized(request, token, at_send),
                _status_and_headers,
                attempt_seconds(request.timeout),
            )
        finally:
            ENTERPRISE.reset(whose)

    async def _send_authorized(
        self, request: OutgoingRequest, token: Secret, at_send: tuple[Middleware, ...]
    ) -> ReceivedResponse:
        """The request with `token`; after a 401, once more with a renewed token (not a retry: nothing was processed).

        The tokens stay `Secret`s here: this frame is in the traceback of whatever `send` raises.
        """
        plain = self._sender.send
        send = (lambda sent: _through(at_send, sent, plain)) if at_send else plain
        token = self._auth.ready_token() or token  # renewed while this call waited for its turn
        request.headers["Authorization"] = f"Bearer {token.reveal()}"
        response = await send(request)
        if response.status_code == 401:
            renewed = await self._auth.renew(token, request, plain)
            if renewed is not None:
                request.headers["Authorization"] = f"Bearer {renewed.reveal()}"
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
        if response.decoding_error is not None or not 200 <= status < 300:
            from ._error_mapping import unreadable  # noqa: PLC0415 - loaded by the first error

            why = "not a success or error status"
            if response.decoding_error is not None:
                why = f"the body could not be decoded ({response.decoding_error})"
            raise unreadable(response, correlation_id, why)
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
    middleware: tuple[Middleware, ...],
    request: OutgoingRequest,
    attempt: Callable[[OutgoingRequest], Awaitable[ReceivedResponse]],
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
