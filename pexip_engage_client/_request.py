"""The request pipeline: the one `Invoker` through which every generated operation method sends.

For each call: check and complete the headers (correlation id, language), send with retries,
then either parse the successful payload or raise the typed error. Policy lives here; the wire
shapes live in the generated layer.
"""

from __future__ import annotations

import time
import uuid
from asyncio import sleep as _sleep  # a module global, so tests can record backoff without waiting
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import httpx

from ._config import validate_correlation_id, validate_header_value, validate_max_retries, validate_relative_path
from ._generated.types import ApiResponse, RequestOptions
from ._logging import logger
from ._retry import RetryPolicy, may_retry_error, may_retry_status, retry_after_seconds
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
    """Sends requests for one `PexipEngage` client; implements the generated layer's `Invoker`."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        timeout: httpx.Timeout,
        max_retries: int,
        accept_language: str | None,
        retry_policy: RetryPolicy,
    ) -> None:
        self._http = http
        self._timeout = timeout
        self._max_retries = max_retries
        self._accept_language = accept_language
        self._retry_policy = retry_policy

    async def __call__(
        self,
        request: dict[str, Any],
        parse: Callable[[Any], T] | None,
        options: RequestOptions,
    ) -> ApiResponse[T]:
        correlation_id = validate_correlation_id(
            options["correlation_id"] if "correlation_id" in options else str(uuid.uuid4())
        )
        http_request = self._http.build_request(
            request["method"].upper(),
            validate_relative_path(request["url"]),
            params=request.get("params"),
            json=request.get("json"),
            headers=self._headers(request.get("headers", {}), options, correlation_id),
            timeout=timeout_of(options["timeout"]) if "timeout" in options else self._timeout,
        )
        max_retries = validate_max_retries(options.get("max_retries", self._max_retries))
        response = await self._send_with_retries(http_request, correlation_id, max_retries)
        return self._result(response, parse, correlation_id)

    def _headers(
        self, operation_headers: Mapping[str, Any], options: RequestOptions, correlation_id: str
    ) -> dict[str, str]:
        headers: dict[str, str] = {}
        if self._accept_language is not None:
            headers["Accept-Language"] = self._accept_language
        headers.update({name: str(value) for name, value in operation_headers.items()})
        for name, value in options.get("extra_headers", {}).items():
            if name.lower() in _OWNED_HEADERS:
                raise ValueError(f"extra_headers cannot set {name}; the client sets it")
            headers[name] = value
        headers["X-Correlation-Id"] = correlation_id
        for name, value in headers.items():
            validate_header_value(name, value)
        return headers

    async def _send_with_retries(self, request: httpx.Request, correlation_id: str, max_retries: int) -> httpx.Response:
        method, path = request.method, request.url.path
        retries = 0
        while True:
            started = time.perf_counter()
            outcome: httpx.Response | httpx.TransportError
            try:
                outcome = await self._http.send(request)
            except httpx.TransportError as exc:
                outcome, failure = exc, type(exc).__name__
            else:
                failure = f"HTTP {outcome.status_code}"
                logger.debug(
                    "%s %s -> %d in %.1f ms (correlation id %s, retries %d)",
                    method, path, outcome.status_code, (time.perf_counter() - started) * 1000, correlation_id, retries,
                )  # fmt: skip
                if outcome.status_code < 400:
                    return outcome
            wait, reason = self._retry_decision(method, retries, max_retries, outcome)
            if wait is None:
                logger.debug(
                    "%s %s: %s, not retried: %s (correlation id %s)", method, path, failure, reason, correlation_id
                )
                if isinstance(outcome, httpx.TransportError):
                    raise _connection_error(outcome, method, str(request.url), correlation_id) from outcome
                return outcome
            retries += 1
            logger.info(
                "%s %s: %s; retry %d of %d in %.2fs (correlation id %s)",
                method, path, failure, retries, max_retries, wait, correlation_id,
            )  # fmt: skip
            await _sleep(wait)

    def _retry_decision(
        self, method: str, retries: int, max_retries: int, outcome: httpx.Response | httpx.TransportError
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
        self, response: httpx.Response, parse: Callable[[Any], T] | None, correlation_id: str
    ) -> ApiResponse[T]:
        status, request = response.status_code, response.request
        context = {"correlation_id": correlation_id, "method": request.method, "url": str(request.url)}
        if status >= 400:
            raise error_class_for_status(status)(
                status_code=status, errors=parse_error_items(response.content), body=response.content, **context
            )
        if not 200 <= status < 300:
            raise UnexpectedResponseError(
                "not a success or error status", status_code=status, body=response.content, **context
            )
        data: Any = None
        if parse is not None:
            try:
                payload = response.json()
            except ValueError as exc:  # json.JSONDecodeError and UnicodeDecodeError are ValueErrors
                raise UnexpectedResponseError(
                    f"the body is not JSON ({exc})", status_code=status, body=response.content, **context
                ) from None
            try:
                data = parse(payload)
            # The generated parser signals a shape it does not expect with whatever Python raises
            # (KeyError, TypeError, ValueError, AttributeError, ...); all of them mean the same here.
            except Exception as exc:
                raise UnexpectedResponseError(
                    f"the body does not match the documented schema ({type(exc).__name__}: {exc})",
                    status_code=status,
                    body=response.content,
                    **context,
                ) from exc
        return ApiResponse(
            data=data,
            status_code=status,
            headers=response.headers,
            correlation_id=correlation_id,
            http_response=response,
        )


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


def _connection_error(exc: httpx.TransportError, method: str, url: str, correlation_id: str) -> APIConnectionError:
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(
            f"no answer in time ({type(exc).__name__})", correlation_id=correlation_id, method=method, url=url
        )
    return APIConnectionError(
        f"connection failed ({type(exc).__name__}: {exc})", correlation_id=correlation_id, method=method, url=url
    )
