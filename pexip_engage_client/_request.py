"""The request pipeline: the one `Invoker` through which every generated operation method sends.

For each call: build the URL, headers (correlation id, language, token) and body, send with
retries through the sender (`_wire.py`), then either parse the successful payload or raise the
typed error. Policy lives here; the wire shapes live in the generated layer.
"""

from __future__ import annotations

import json
import logging
import random
import time
from asyncio import sleep as _sleep  # a module global, so tests can record backoff without waiting
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from ._auth import Authenticator
from ._config import validate_correlation_id, validate_header_value, validate_max_retries, validate_relative_path
from ._logging import logger
from ._retry import RetryPolicy, may_retry_error, may_retry_status, retry_after_seconds
from ._runtime import ApiResponse, RequestOptions
from ._wire import OutgoingRequest, ReceivedResponse, Sender
from .errors import (
    APIConnectionError,
    APITimeoutError,
    UnexpectedResponseError,
    error_class_for_status,
    parse_error_items,
)

T = TypeVar("T")

# Headers the client sets itself; a caller's extra_headers may not replace them.
_OWNED_HEADERS = frozenset({"authorization", "x-correlation-id", "content-type", "host", "content-length"})


class RequestSender:
    """Sends requests for one `PexipEngage` client; implements the runtime's `Invoker` (`_runtime/invoker.py`)."""

    def __init__(
        self,
        sender: Sender,
        auth: Authenticator,
        *,
        base_url: str,
        timeout: httpx.Timeout,
        max_retries: int,
        accept_language: str | None,
        retry_policy: RetryPolicy,
    ) -> None:
        self._sender = sender
        self._auth = auth
        self._root = base_url.rstrip("/")
        self._timeout = timeout
        self._max_retries = max_retries
        self._retry_policy = retry_policy
        self._default_headers = {"Accept": "application/json"}
        if accept_language is not None:
            self._default_headers["Accept-Language"] = accept_language

    async def __call__(
        self,
        request: dict[str, Any],
        parse: Callable[[Any], T] | None,
        options: RequestOptions,
    ) -> ApiResponse[T]:
        if "correlation_id" in options:
            correlation_id = validate_correlation_id(options["correlation_id"])
        else:
            correlation_id = new_correlation_id()
        url = self._root + validate_relative_path(request["url"])
        if request.get("params"):
            url += "?" + str(httpx.QueryParams(request["params"]))
        headers = self._headers(request.get("headers"), options, correlation_id)
        content = None
        if "json" in request:
            # As httpx encodes JSON; NaN and infinities are not JSON and raise ValueError.
            content = json.dumps(request["json"], ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
            headers["Content-Type"] = "application/json"
        else:
            # The generated layer names a JSON body even when an optional one was left out; an
            # empty body must not claim to be JSON (servers may refuse that).
            headers.pop("Content-Type", None)
        outgoing = OutgoingRequest(
            request["method"].upper(),
            url,
            headers,
            content,
            timeout_of(options["timeout"]) if "timeout" in options else self._timeout,
        )
        max_retries = validate_max_retries(options["max_retries"]) if "max_retries" in options else self._max_retries
        response = await self._send_with_retries(outgoing, correlation_id, max_retries)
        return self._result(response, parse, correlation_id)

    def _headers(
        self, operation_headers: Mapping[str, Any] | None, options: RequestOptions, correlation_id: str
    ) -> dict[str, str]:
        headers = self._default_headers.copy()
        if operation_headers:
            for name, value in operation_headers.items():
                headers[name] = validate_header_value(name, str(value))
        if "extra_headers" in options:
            for name, value in options["extra_headers"].items():
                if name.lower() in _OWNED_HEADERS:
                    raise ValueError(f"extra_headers cannot set {name}; the client sets it")
                headers[name] = validate_header_value(name, value)
        headers["X-Correlation-Id"] = correlation_id
        return headers

    async def _send_with_retries(
        self, request: OutgoingRequest, correlation_id: str, max_retries: int
    ) -> ReceivedResponse:
        retries = 0
        while True:
            started = time.perf_counter()
            outcome: ReceivedResponse | httpx.TransportError
            try:
                outcome = await self._send_authorized(request)
            except httpx.TransportError as exc:
                outcome = exc
            else:
                if logger.isEnabledFor(logging.DEBUG):
                    logger.debug(
                        "%s -> %d in %.1f ms (correlation id %s, retries %d)",
                        _described(request), outcome.status_code, (time.perf_counter() - started) * 1000,
                        correlation_id, retries,
                    )  # fmt: skip
                if outcome.status_code < 400:
                    return outcome
            failure = (
                type(outcome).__name__ if isinstance(outcome, httpx.TransportError) else f"HTTP {outcome.status_code}"
            )
            wait, reason = self._retry_decision(request.method, retries, max_retries, outcome)
            if wait is None:
                logger.debug(
                    "%s: %s, not retried: %s (correlation id %s)", _described(request), failure, reason, correlation_id
                )
                if isinstance(outcome, httpx.TransportError):
                    raise _connection_error(outcome, request.method, request.url, correlation_id) from outcome
                return outcome
            retries += 1
            logger.info(
                "%s: %s; retry %d of %d in %.2fs (correlation id %s)",
                _described(request), failure, retries, max_retries, wait, correlation_id,
            )  # fmt: skip
            await _sleep(wait)

    async def _send_authorized(self, request: OutgoingRequest) -> ReceivedResponse:
        """One attempt with a token; after a 401, one more with a renewed token if there is one.

        The replay is not a retry: the server refused the request without processing it.
        """
        send = self._sender.send
        token = await self._auth.token(request, send)
        request.headers["Authorization"] = f"Bearer {token}"
        response = await send(request)
        if response.status_code == 401:
            renewed = await self._auth.renew(token, request, send)
            if renewed is not None:
                request.headers["Authorization"] = f"Bearer {renewed}"
                response = await send(request)
        return response

    def _retry_decision(
        self, method: str, retries: int, max_retries: int, outcome: ReceivedResponse | httpx.TransportError
    ) -> tuple[float | None, str]:
        """Seconds to wait before the next attempt, or None with the reason not to retry."""
        if retries >= max_retries:
            return None, f"{max_retries} retries allowed"
        wait = self._retry_policy.backoff(retries + 1)
        if isinstance(outcome, httpx.TransportError):
            allowed, reason = may_retry_error(method, outcome), f"the {method} may have reached the server"
        else:
            allowed, reason = may_retry_status(method, outcome), f"not retried for {method}"
            retry_after = retry_after_seconds(outcome)
            if retry_after is not None:
                wait = retry_after
                if retry_after > self._retry_policy.max_retry_after:
                    allowed, reason = False, f"Retry-After {retry_after:.0f}s is beyond the client's limit"
        return (wait, "") if allowed else (None, reason)

    def _result(
        self, response: ReceivedResponse, parse: Callable[[Any], T] | None, correlation_id: str
    ) -> ApiResponse[T]:
        status, request = response.status_code, response.request
        if status >= 400:
            raise error_class_for_status(status)(
                status_code=status, errors=parse_error_items(response.content), body=response.content,
                correlation_id=correlation_id, method=request.method, url=request.url,
            )  # fmt: skip
        if response.decoding_error is not None:
            raise _unreadable(response, correlation_id, f"the body could not be decoded ({response.decoding_error})")
        if not 200 <= status < 300:
            raise _unreadable(response, correlation_id, "not a success or error status")
        data: Any = None
        if parse is not None:
            try:
                payload = json.loads(response.content)
            except ValueError as exc:  # json.JSONDecodeError and UnicodeDecodeError are ValueErrors
                raise _unreadable(response, correlation_id, f"the body is not JSON ({exc})") from None
            try:
                data = parse(payload)
            # The generated parser signals a shape it does not expect with whatever Python raises
            # (KeyError, TypeError, ValueError, AttributeError, ...); all of them mean the same here.
            except Exception as exc:
                reason = f"the body does not match the documented schema ({type(exc).__name__}: {exc})"
                raise _unreadable(response, correlation_id, reason) from exc
        return ApiResponse(data, status, correlation_id, response)


# Version 4 (bits 76-79) and the RFC 9562 variant (bits 62-63) of a random UUID.
_UUID4_CLEAR = ~((0xF << 76) | (0x3 << 62))
_UUID4_SET = (0x4 << 76) | (0x2 << 62)


def new_correlation_id() -> str:
    """A random UUID (version 4) in its usual text form.

    Built from `random.getrandbits`, not `uuid.uuid4()`: a correlation id must be unique, not
    unguessable, and uuid4's system call and UUID object cost more than the rest of preparing a
    request. (`random` reseeds itself in a forked child, so forked workers do not repeat ids.)
    """
    digits = f"{random.getrandbits(128) & _UUID4_CLEAR | _UUID4_SET:032x}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def timeout_of(value: float | httpx.Timeout) -> httpx.Timeout:
    """An `httpx.Timeout` from seconds or a Timeout; refuses what would never time out."""
    if isinstance(value, httpx.Timeout):
        limits = (value.connect, value.read, value.write, value.pool)
        if any(limit is None for limit in limits):
            raise ValueError("timeout must set every limit (connect, read, write, pool); None would never time out")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"timeout must be a positive number of seconds or an httpx.Timeout (got {value!r})")
    return httpx.Timeout(float(value))


def _unreadable(response: ReceivedResponse, correlation_id: str, reason: str) -> UnexpectedResponseError:
    request = response.request
    return UnexpectedResponseError(
        reason, status_code=response.status_code, body=response.content, correlation_id=correlation_id,
        method=request.method, url=request.url,
    )  # fmt: skip


def _described(request: OutgoingRequest) -> str:
    """ "GET /enterprises/acme/appointments/1": method and path, as the logs name a request."""
    return f"{request.method} {urlsplit(request.url).path}"


def _connection_error(exc: httpx.TransportError, method: str, url: str, correlation_id: str) -> APIConnectionError:
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(
            f"no answer in time ({type(exc).__name__})", correlation_id=correlation_id, method=method, url=url
        )
    return APIConnectionError(
        f"connection failed ({type(exc).__name__}: {exc})", correlation_id=correlation_id, method=method, url=url
    )
