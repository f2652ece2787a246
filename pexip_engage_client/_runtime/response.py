"""What a successful call returns: `ApiResponse` (the parsed payload with the HTTP details around it),
and `Ensured` (what an `ensure_*` method returns: the resource, and how it came to be)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    import httpx2


T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class ReceivedHttp(Protocol):
    """What the sender received: the HTTP details behind an `ApiResponse`, made on demand."""

    @property
    def headers(self) -> httpx2.Headers: ...

    @property
    def http_response(self) -> httpx2.Response: ...


class ApiResponse(Generic[T_co]):
    """A successful response: the parsed payload with the HTTP details around it.

    Attributes:
        data: The payload: the `data` member of the response envelope, parsed into models.
        status_code: The HTTP status code.
        headers: The response headers.
        correlation_id: The `X-Correlation-Id` the request carried.
        http_response: The answer as an `httpx2.Response`, already read, with the request that was
            sent, its `http_version` and `elapsed`; built when first asked for where the client
            streamed the body or the one-shot sender sent it.
    """

    # Read-only, as a result should be (and as a covariant type must be).
    __slots__ = ("_correlation_id", "_data", "_received", "_status_code")

    def __init__(self, data: T_co, status_code: int, correlation_id: str, received: ReceivedHttp) -> None:
        self._data = data
        self._status_code = status_code
        self._correlation_id = correlation_id
        self._received = received

    @property
    def data(self) -> T_co:
        return self._data

    @property
    def status_code(self) -> int:
        return self._status_code

    @property
    def correlation_id(self) -> str:
        return self._correlation_id

    @property
    def headers(self) -> httpx2.Headers:
        return self._received.headers

    @property
    def http_response(self) -> httpx2.Response:
        return self._received.http_response

    def __repr__(self) -> str:
        return (
            f"ApiResponse(status_code={self.status_code}, correlation_id={self.correlation_id!r}, data={self.data!r})"
        )


class EnsureOutcome(enum.Enum):
    """What an `ensure_*` call did.

    Attributes:
        CREATED: Nothing had the external id; the create succeeded.
        FOUND: A resource with the external id, matching the body, existed before the call.
        RECONCILED: A create's answer was lost (a timeout, a dropped connection, a 502/503/504),
            and the look-up found what it had created.
    """

    CREATED = "created"
    FOUND = "found"
    RECONCILED = "reconciled"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Ensured(Generic[T]):
    """The result of an `ensure_*` call: the resource, and how it came to be.

    Attributes:
        resource: The resource with the body's external id (an `Appointment`, an `Employee`, ...).
        outcome: `EnsureOutcome.CREATED`, `FOUND` or `RECONCILED`.
        external_id: The body's `externalId`.
    """

    resource: T
    outcome: EnsureOutcome
    external_id: str
