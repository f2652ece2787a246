"""The events a client reports to its event hooks (`_hooks.py`), without OpenTelemetry.

None holds a header or a body, so no secret reaches a hook. Loaded only for a kind of event that has
a callback (it costs a command line call a fiftieth of its start-up).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RequestEvent:
    """One attempt is about to be sent.

    Attributes:
        operation: The call's name: `appointments.get_appointment_by_id`, or `engage.get` for a raw call.
        method: The HTTP method.
        url: The URL, with the values of query parameters that may hold secrets redacted.
        url_template: The path as the spec writes it (`/appointments/{id}`); None for a raw call.
        attempt: 0 for the first attempt of the call, 1 for the next (a retry, or a replay after a 401), ...
        correlation_id: The call's `X-Correlation-Id`.
        token_request: True for a request to the OAuth token endpoint made for this call.
    """

    operation: str
    method: str
    url: str
    url_template: str | None
    attempt: int
    correlation_id: str
    token_request: bool


@dataclass(frozen=True, slots=True)
class ResponseEvent:
    """An attempt got an answer (of any status).

    Attributes:
        operation, method, url, url_template, attempt, correlation_id, token_request: As in `RequestEvent`.
        status_code: The answer's HTTP status.
        elapsed: Seconds from sending the request to having read the answer.
    """

    operation: str
    method: str
    url: str
    url_template: str | None
    attempt: int
    correlation_id: str
    token_request: bool
    status_code: int
    elapsed: float


@dataclass(frozen=True, slots=True)
class RetryEvent:
    """The call will be tried again after `wait` seconds.

    Attributes:
        operation: The call's name.
        correlation_id: The call's `X-Correlation-Id`.
        retry: Which retry this is (1 for the first).
        max_retries: The call's retry budget.
        wait: Seconds until the next attempt.
        reason: What went wrong, as the log says it (`HTTP 429`, `ConnectError`, ...).
        retry_after: The seconds the answer's `Retry-After` asked for, which `wait` then is (as
            `RateLimitError.retry_after` reads it); None when the wait is the client's backoff
            (no answer, or one without `Retry-After`).
    """

    operation: str
    correlation_id: str
    retry: int
    max_retries: int
    wait: float
    reason: str
    retry_after: float | None


@dataclass(frozen=True, slots=True)
class ErrorEvent:
    """The call failed: `error` is the exception it raises (an `errors.PexipEngageError`, or a `ValueError`).

    Attributes:
        operation: The call's name.
        correlation_id: The call's `X-Correlation-Id`, or None when it failed before one was chosen.
        error: The exception the call raises.
    """

    operation: str
    correlation_id: str | None
    error: Exception
