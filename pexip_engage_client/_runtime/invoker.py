"""The seam between the generated operation methods and the facade's request pipeline.

Every generated resource method builds its request (the wire shape) and hands it to an `Invoker`
together with the parser for a successful payload and the caller's `RequestOptions`. The facade's
`RequestSender` is the one implementation; the generated layer knows only this protocol.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypedDict, TypeVar

from .response import ApiResponse

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")


class RequestOptions(TypedDict, total=False):
    """Per-call settings accepted by every operation method as keyword arguments.

    Attributes:
        correlation_id: Sent as `X-Correlation-Id` (1..36 characters); a fresh UUID when absent.
        timeout: Seconds, or an `httpx.Timeout`, for this call instead of the client's.
        max_retries: Retries allowed for this call instead of the client's.
        extra_headers: More headers for this call; they cannot replace the ones the client owns.
    """

    correlation_id: str
    timeout: float | httpx.Timeout
    max_retries: int
    extra_headers: Mapping[str, str]


class Invoker(Protocol):
    """Sends one operation's request and parses its successful response.

    `request` holds what the operation module's `build_request` returned (method, url relative to
    the enterprise, params, json, headers). `parse` turns the decoded JSON of a 2xx response into
    the operation's result; `None` means the operation returns no content.
    """

    async def __call__(
        self,
        request: dict[str, Any],
        parse: Callable[[Any], T] | None,
        options: RequestOptions,
    ) -> ApiResponse[T]: ...
