"""When a failed attempt may be tried again, and how long to wait first.

The rule that matters most: a request that may have changed something on the server (POST, PATCH) is never sent
twice unless the server said it did not process it."""

from __future__ import annotations

from dataclasses import dataclass

from .._base.arguments import number
from .._base.lazy_httpx import httpx2
from .._base.timing import backoff
from .._senders._base import IDEMPOTENT_METHODS, ReceivedResponse

# Statuses that mean "try later" for an idempotent request.
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """How long the client waits before a retry: exponential backoff with jitter, and `Retry-After` up to a cap.

    Before retry n the wait is `initial_delay * 2 ** (n - 1)`, at most `max_delay`, less a random part
    of up to `jitter` of it. A `Retry-After` of at most `max_retry_after` replaces it; a longer one is
    raised. Which failures are retried does not depend on the policy (docs/errors-and-retries.md).

    Attributes:
        initial_delay: Seconds before the first retry (before jitter).
        max_delay: The longest computed backoff, in seconds.
        max_retry_after: The longest `Retry-After` the client will wait, in seconds.
        jitter: The largest part of a backoff taken off at random, from 0 (none) to 1.

    Raises:
        ValueError: A value is not a finite number, is negative, or `jitter` is above 1.
    """

    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    jitter: float = 0.25

    def __post_init__(self) -> None:
        for name in ("initial_delay", "max_delay", "max_retry_after", "jitter"):
            reason = "must be a finite number of seconds, 0 or more (got {!r})"
            number(getattr(self, name), name, positive=False, finite=True, reason=reason, lead="RetryPolicy ")
        if self.jitter > 1:
            raise ValueError(f"RetryPolicy jitter must be between 0 and 1 (got {self.jitter!r})")

    def backoff(self, retry_number: int) -> float:
        """Seconds to wait before retry number `retry_number` (1-based): doubling, capped, jittered."""
        return backoff(self.initial_delay, retry_number, self.max_delay, self.jitter)


def may_retry_error(method: str, error: httpx2.TransportError) -> bool:
    """Whether a transport failure may be retried for a request with this method."""
    from .._senders._failures import TLSCertificateError  # noqa: PLC0415 - loads httpx2, which a failure has loaded already
    from ._error_mapping import never_sent  # noqa: PLC0415 - the errors' mapping, loaded by the first failure

    if isinstance(error, TLSCertificateError):
        return False  # an untrusted certificate stays untrusted: no attempt can succeed
    if never_sent(error):  # it never left the client: safe to repeat for any method
        return True
    # The request may have reached the server (a read timeout, a dropped connection).
    return method in IDEMPOTENT_METHODS


def may_retry_status(method: str, response: ReceivedResponse) -> bool:
    """Whether an error status may be retried for a request with this method."""
    status = response.status_code
    if method in IDEMPOTENT_METHODS:
        return status in RETRYABLE_STATUSES
    # A write is retried only where the server said it did not process it.
    return status == 429 or (status == 503 and "Retry-After" in response.headers)
