"""Every error the library raises about an exchange, built in one place from what the exchange came to.

The pipeline and the authenticator turn each outcome a sender or the token endpoint reported into
its `errors` class here, so that one outcome reads the same wherever it was met.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .._base.lazy_httpx import httpx2
from .._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    AuthServerError,
    ErrorItem,
    RateLimitError,
    ResponseTooLargeError,
    ResponseTooSlowError,
    UnexpectedResponseError,
    error_class_for_status,
    parse_error_items,
)
from .._senders._base import BodyTooLarge

if TYPE_CHECKING:
    from .._limiting._limits import NoTurnInTime
    from .._senders._base import BodyTooSlow, ReceivedResponse
    from ._auth import TokenRequestFailed


def status_error(response: ReceivedResponse, correlation_id: str) -> APIError:
    """The error of an answer with an error status (400 or more), with the error items its body holds."""
    request = response.request
    return error_class_for_status(response.status_code)(
        status_code=response.status_code,
        errors=parse_error_items(response.content),
        body=response.content,
        correlation_id=correlation_id,
        method=request.method,
        url=request.url,
        headers=response.text_headers(),
    )


def unreadable(response: ReceivedResponse, correlation_id: str, reason: str) -> UnexpectedResponseError:
    """The error of an answer the client cannot read, for `reason`."""
    request = response.request
    return UnexpectedResponseError(
        reason,
        status_code=response.status_code,
        body=response.content,
        correlation_id=correlation_id,
        method=request.method,
        url=request.url,
    )


def undelivered(signal: BodyTooLarge | BodyTooSlow) -> UnexpectedResponseError:
    """The error of an answer whose body a sender did not deliver: too large, or too slow to arrive."""
    if isinstance(signal, BodyTooLarge):
        kind: type[UnexpectedResponseError] = ResponseTooLargeError
        reason = f"the body is larger than max_response_size ({signal.limit} bytes once decoded); reading stopped there"
    else:
        kind = ResponseTooSlowError
        reason = (
            f"the body did not arrive within the attempt's deadline ({signal.seconds:g} s: "
            "the connect and read timeouts)"
        )
    return kind(
        reason,
        status_code=signal.status,
        body=b"",
        correlation_id=signal.correlation_id,
        method=signal.method,
        url=signal.url,
    )


def connection_error(
    exc: httpx2.TransportError,
    method: str,
    url: str,
    correlation_id: str,
    context: str = "",
    *,
    sent: bool | None = None,
) -> APIConnectionError:
    """The error of a request that got no answer: `APITimeoutError` when it ran out of time. `sent`: whether the request
    may have left (`APIConnectionError.sent`), by default told by `exc`; False for a token request's failure."""
    if sent is None:
        sent = not never_sent(exc)
    if isinstance(exc, httpx2.TimeoutException):
        return APITimeoutError(
            f"{context}no answer in time ({type(exc).__name__})",
            correlation_id=correlation_id,
            method=method,
            url=url,
            sent=sent,
        )
    return APIConnectionError(
        f"{context}connection failed ({type(exc).__name__}: {exc})",
        correlation_id=correlation_id,
        method=method,
        url=url,
        sent=sent,
    )


def never_sent(exc: httpx2.TransportError) -> bool:
    """Whether a transport failure happened before the request left the client: no connection was made (refused, timed
    out, its certificate not trusted) or none came free in the pool. Anything else may have been written."""
    return isinstance(exc, httpx2.ConnectError | httpx2.ConnectTimeout | httpx2.PoolTimeout)


def token_request_error(failure: TokenRequestFailed, correlation_id: str) -> APIConnectionError:
    """The error of a call that got no token: it names the token endpoint, and never blames the credentials."""
    if failure.error is not None:
        return connection_error(
            failure.error, "POST", failure.url, correlation_id, "the token request failed: ", sent=False
        )  # the API call was not sent: it waited for its token
    answer = failure.response
    if answer is None:
        return APITimeoutError(
            f"no token in time: the token request had not succeeded within the attempt's deadline "
            f"({failure.waited:g} s: the connect and read timeouts)",
            correlation_id=correlation_id,
            method="POST",
            url=failure.url,
            sent=False,
        )
    return AuthServerError(
        status_code=answer.status_code,
        headers=answer.headers,
        body=answer.content,
        correlation_id=correlation_id,
        method="POST",
        url=failure.url,
    )


def token_refused(status: int, item: ErrorItem, correlation_id: str, token_url: str) -> AuthenticationError:
    """The error of a call whose token request the token endpoint refused, as one OAuth error item."""
    return AuthenticationError(
        status_code=status,
        errors=(item,),
        body=json.dumps(item.raw).encode(),
        correlation_id=correlation_id,
        method="POST",
        url=token_url,
    )


def no_turn_error(
    signal: NoTurnInTime, within: float, method: str, url: str, correlation_id: str
) -> RateLimitError | APITimeoutError:
    """The error of a call, not sent, whose governor turn would not come in time."""
    if signal.paused_for is not None:
        left = max(signal.paused_for, 0.0)
        reason = (
            f"not sent: the API asked every caller to wait {left:.1f} s more (a 429's Retry-After), longer than "
            f"this call's time allows ({within:g} s: the connect and read timeouts)"
        )
        return RateLimitError(
            status_code=429,
            errors=(ErrorItem(message=reason, code="", type="", status_code="429"),),
            body=b"",
            correlation_id=correlation_id,
            method=method,
            url=url,
            headers={"Retry-After": f"{left:.3f}"},
        )
    return APITimeoutError(
        f"not sent: no turn among the calls in flight and the per-minute budget within the call's time "
        f"({within:g} s: the connect and read timeouts)",
        correlation_id=correlation_id,
        method=method,
        url=url,
        sent=False,
    )
