"""Shared types of the generated layer, and the seam the hand-written facade plugs into.

The stock openapi-python-client types come first. After them (custom template
`templates/types.py.jinja`): `Invoker`, the one function through which every generated resource
method sends its request, `ApiResponse`, what it returns, and `RequestOptions`, the per-call keyword
arguments; `AsyncPages` and `Page` for list operations; and the `coerce_*` helpers, which check
and convert what callers pass (wire-form JSON bodies, enum and date parameters) before anything is
sent.
"""

import asyncio
import datetime
from collections import deque
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Generator,
    Mapping,
    MutableMapping,
    Sequence,
)
from enum import StrEnum
from http import HTTPStatus
from itertools import islice
from typing import IO, Any, BinaryIO, Generic, Literal, Protocol, TypedDict, TypeVar

import httpx
from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


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


class ReceivedHttp(Protocol):
    """What the sender received: the HTTP details behind an `ApiResponse`, made on demand."""

    @property
    def headers(self) -> httpx.Headers: ...

    @property
    def http_response(self) -> httpx.Response: ...


class ApiResponse(Generic[T_co]):
    """A successful response: the parsed payload with the HTTP details around it.

    Attributes:
        data: The payload: the `data` member of the response envelope, parsed into models.
        status_code: The HTTP status code.
        headers: The response headers.
        correlation_id: The `X-Correlation-Id` the request carried.
        http_response: The underlying `httpx.Response`, already read (with the fast transport,
            made when first asked for).
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
    def headers(self) -> httpx.Headers:
        return self._received.headers

    @property
    def http_response(self) -> httpx.Response:
        return self._received.http_response

    def __repr__(self) -> str:
        return (
            f"ApiResponse(status_code={self.status_code}, correlation_id={self.correlation_id!r}, data={self.data!r})"
        )


class Invoker(Protocol):
    """Sends one operation's request and parses its successful response.

    `request` holds the keyword arguments built by the operation module's `_get_kwargs` (method,
    url relative to the enterprise, params, json, headers). `parse` turns the decoded JSON of a
    2xx response into the operation's result; `None` means the operation returns no content.
    """

    async def __call__(
        self,
        request: dict[str, Any],
        parse: Callable[[Any], T] | None,
        options: RequestOptions,
    ) -> ApiResponse[T]: ...


class _SpecEnum(Protocol):
    @property
    def is_known(self) -> bool: ...


E = TypeVar("E", bound=_SpecEnum)


def coerce_enums(enum: Callable[[str], E], value: Any, name: str) -> Any:
    """A parameter's enum value(s) from the enum or its plain string; refuses values the spec does not list.

    `value` is one value, a sequence of values, or UNSET (returned as it is).
    """
    if isinstance(value, Unset):
        return value
    values = [value] if isinstance(value, str) else list(value)
    members = []
    for item in values:
        member = enum(item) if isinstance(item, str) else None
        if member is None or not member.is_known:
            raise ValueError(f"{name}: {item!r} is not a value the API defines")
        members.append(member)
    return members[0] if isinstance(value, str) else members


def coerce_datetime(value: Any, name: str) -> Any:
    """A date-time parameter from a `datetime` or ISO 8601 text (UNSET passes through)."""
    if isinstance(value, Unset | datetime.datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{name} must be a datetime.datetime or ISO 8601 text (got {value!r})")


def coerce_date(value: Any, name: str) -> Any:
    """A date parameter from a `date` or ISO 8601 text (UNSET passes through)."""
    if isinstance(value, Unset) or (isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{name} must be a datetime.date or ISO 8601 text (got {value!r})")


def check_json_type(value: object, expected: type | tuple[type, ...], name: str, description: str) -> None:
    """Raise TypeError naming the field when a JSON value is not of the expected kind.

    A function rather than an inline isinstance check, so that type checkers keep the value's
    declared type for the generated code that follows.
    """
    if not isinstance(value, expected):
        raise TypeError(f"{name} must be {description}, not {type(value).__name__}")


class PageMeta(Protocol):
    """The `meta` object of a list response: where the page sits in the whole result set."""

    @property
    def offset(self) -> int: ...
    @property
    def limit(self) -> int: ...
    @property
    def total_count(self) -> int: ...


class PageEnvelope(Protocol[T]):
    """A list response: one page of `data` and its `meta`."""

    @property
    def data(self) -> list[T]: ...
    @property
    def meta(self) -> PageMeta: ...


@define
class Page(Generic[T]):
    """One page of a list operation.

    Attributes:
        data: The items of this page.
        meta: `offset`, `limit` and `total_count` as the server reported them.
    """

    data: list[T]
    meta: PageMeta
    _fetch: Callable[[int], Awaitable[PageEnvelope[T]]]

    @property
    def has_next_page(self) -> bool:
        return self.meta.offset + len(self.data) < self.meta.total_count and len(self.data) > 0

    async def next_page(self) -> "Page[T] | None":
        """The page after this one, or None after the last."""
        if not self.has_next_page:
            return None
        envelope = await self._fetch(self.meta.offset + len(self.data))
        return Page(envelope.data, envelope.meta, self._fetch)


class AsyncPages(Generic[T]):
    """What a list operation returns: await it for the first page, or `async for` every item.

    `async for item in pages` walks every item across pages once and in order. Because the first
    page tells the total, the later pages are fetched concurrently (16 at a time by default; see
    `items(concurrency=...)`) while the items are still handed out in order.
    """

    def __init__(self, fetch: Callable[[int], Awaitable[PageEnvelope[T]]], offset: int) -> None:
        self._fetch = fetch
        self._offset = offset

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self.first_page().__await__()

    async def first_page(self) -> Page[T]:
        envelope = await self._fetch(self._offset)
        return Page(envelope.data, envelope.meta, self._fetch)

    def __aiter__(self) -> AsyncIterator[T]:
        return self.items()

    async def items(self, concurrency: int = 16) -> AsyncGenerator[T, None]:
        """Every item from the starting offset to the end, with up to `concurrency` pages in flight."""
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        first = await self._fetch(self._offset)
        for item in first.data:
            yield item
        size = first.meta.limit or len(first.data)
        if size <= 0 or not first.data:
            return
        offsets = iter(range(first.meta.offset + size, first.meta.total_count, size))
        in_flight: deque[asyncio.Task[PageEnvelope[T]]] = deque(
            asyncio.ensure_future(self._fetch(offset)) for offset in islice(offsets, concurrency)
        )
        try:
            while in_flight:
                envelope = await in_flight.popleft()
                in_flight.extend(asyncio.ensure_future(self._fetch(offset)) for offset in islice(offsets, 1))
                for item in envelope.data:
                    yield item
        finally:  # the caller stopped early, or a page failed: do not leave fetches running
            for task in in_flight:
                task.cancel()
            await asyncio.gather(*in_flight, return_exceptions=True)


class _Model(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


M = TypeVar("M", bound=_Model)


def coerce_body(model: Callable[[Mapping[str, Any]], M], value: M | Mapping[str, Any], name: str) -> M:
    """Return `value` as a request model, accepting the wire-form (camelCase) JSON object too.

    Requests go out exactly as the spec says. A mapping is converted with the model's `from_dict`;
    whatever cannot be represented (a missing required field, a value of the wrong type) raises
    `ValueError` naming it. For a mapping and a model alike, a field the schema does not define or
    an enum value it does not list raises `ValueError` too, so a typo is never sent silently.
    """
    if isinstance(value, Mapping):
        try:
            converted = model(value)
        except KeyError as exc:
            raise ValueError(f"{name} is missing the required field {exc}") from None
        except (TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"{name} is not valid: {exc}") from None
        unknown = _keys_lost(value, converted.to_dict())
    else:
        expected = getattr(model, "__self__", None)  # the model class, `model` being its from_dict
        if expected is not None and not isinstance(value, expected):
            raise ValueError(f"{name} must be a {expected.__name__} or its JSON object (got {type(value).__name__})")
        converted, unknown = value, []
    unknown += _not_in_spec(converted)
    if unknown:
        raise ValueError(f"{name} has fields or values the API does not define: {', '.join(sorted(unknown))}")
    return converted


def coerce_bodies(model: Callable[[Mapping[str, Any]], M], value: Any, name: str) -> list[M]:
    """A list request body: each item as `coerce_body` takes it; anything but a list is refused."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence):
        raise ValueError(f"{name} must be a list (got {type(value).__name__})")
    return [coerce_body(model, item, f"{name}[{index}]") for index, item in enumerate(value)]


def _not_in_spec(model: Any, prefix: str = "") -> list[str]:
    """Dotted paths of a model's fields beyond its schema, and of enum values the spec does not list."""
    if isinstance(model, StrEnum):
        return [] if getattr(model, "is_known", True) else [f"{prefix.rstrip('.')}={model.value!r}"]
    found = (
        []
        if getattr(model, "ADDITIONAL_PROPERTIES_ALLOWED", True)
        else [f"{prefix}{key}" for key in getattr(model, "additional_properties", {})]
    )
    for attribute in getattr(type(model), "__attrs_attrs__", ()):
        if attribute.name != "additional_properties":
            value = getattr(model, attribute.name)
            for item in value if isinstance(value, list) else [value]:
                found.extend(_not_in_spec(item, f"{prefix}{attribute.name}."))
    return found


def _keys_lost(given: Any, kept: Any, prefix: str = "") -> list[str]:
    """Dotted paths of the mapping keys in `given` that did not survive into `kept`."""
    lost: list[str] = []
    if isinstance(given, Mapping) and isinstance(kept, Mapping):
        for key, value in given.items():
            path = f"{prefix}{key}"
            if key not in kept:
                lost.append(path)
            else:
                lost.extend(_keys_lost(value, kept[key], path + "."))
    elif isinstance(given, list) and isinstance(kept, list):
        for index, (item, kept_item) in enumerate(zip(given, kept)):
            lost.extend(_keys_lost(item, kept_item, f"{prefix.rstrip('.')}[{index}]."))
    return lost


__all__ = [
    "UNSET",
    "ApiResponse",
    "AsyncPages",
    "File",
    "FileTypes",
    "Invoker",
    "Page",
    "ReceivedHttp",
    "RequestFiles",
    "RequestOptions",
    "Response",
    "Unset",
    "check_json_type",
    "coerce_bodies",
    "coerce_body",
    "coerce_date",
    "coerce_datetime",
    "coerce_enums",
]
