"""A call's options, the one place they are checked: `RequestOptions`, the client's settings they replace or add to
(`CallSettings`), the timeout (its type, its default and its check), the middleware and its send position (`AtSend`),
and the header fields a call may send.

A call hands its options here once (`CallSettings.for_call`) and gets back checked settings; nothing else reads them.
Every check of a call's options is written in this module, so following them never leaves it: the refusals of
`ArgumentError` are raised, and the base room's checks of counts and mappings are not called for them.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeAlias, TypedDict, TypeVar

from .._base.arguments import ArgumentError, counted, returns_coroutine
from .._base.lazy_httpx import httpx2
from .query import with_query

M = TypeVar("M")

CallNext: TypeAlias = Callable[["httpx2.Request"], Awaitable["httpx2.Response"]]
"""The rest of an attempt, which a middleware awaits: the middleware after it, then the client's send."""
Middleware: TypeAlias = Callable[["httpx2.Request", CallNext], Awaitable["httpx2.Response"]]
"""`async (request, call_next) -> response`, run once per attempt of every call (docs/middleware.md)."""
SyncCallNext: TypeAlias = Callable[["httpx2.Request"], "httpx2.Response"]
"""`CallNext` for `SyncPexipEngage`."""
SyncMiddleware: TypeAlias = Callable[["httpx2.Request", SyncCallNext], "httpx2.Response"]
"""`(request, call_next) -> response` for `SyncPexipEngage`: `Middleware` without an event loop."""


@dataclass(frozen=True, slots=True)
class AtSend(Generic[M]):
    """A middleware run at the send position (docs/middleware.md#the-send-position): inside the attempt, after the
    token and the governor's turn, around each write of the request (the one that follows a renewed token too).

    Its `call_next` writes the request, so what it raises before calling it ends the attempt with nothing sent, and
    reaches the caller; it holds one of the API's slots while it runs, so it should be quick. Given in `middleware`
    like any other: `middleware=[log_calls, AtSend(check_quota)]`.
    """

    middleware: M


# The client's defaults: 30 s for each attempt, 5 s of it to connect (the generated client's is none: never hang).
DEFAULT_TIMEOUT_SECONDS = 30.0
DEFAULT_CONNECT_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class Timeouts:
    """An attempt's limits in seconds, named as httpx2's `Timeout` names them, which run no httpx2.

    A caller's `httpx2.Timeout` is used as it is: everything reads either kind (`AnyTimeout`) by name.
    """

    connect: float
    read: float
    write: float
    pool: float

    @classmethod
    def seconds(cls, seconds: float, *, connect: float | None = None) -> Timeouts:
        """`seconds` for every limit (or `connect` for the connection), as `httpx2.Timeout(seconds, connect=...)`."""
        return cls(connect=seconds if connect is None else connect, read=seconds, write=seconds, pool=seconds)


AnyTimeout: TypeAlias = "Timeouts | httpx2.Timeout"

DEFAULT_TIMEOUT = Timeouts.seconds(DEFAULT_TIMEOUT_SECONDS, connect=DEFAULT_CONNECT_SECONDS)


def attempt_seconds(timeout: AnyTimeout) -> float:
    """Seconds one attempt may take, once its turn has come: connect plus read timeouts."""
    return (timeout.connect or 0.0) + (timeout.read or 0.0)


class RequestOptions(TypedDict, total=False):
    """Per-call settings accepted by every operation method as keyword arguments.

    Attributes:
        correlation_id: Sent as `X-Correlation-Id` (1..36 characters); a fresh UUID when absent.
        timeout: Seconds, or an `httpx2.Timeout`, for this call instead of the client's.
        max_retries: Retries allowed for this call instead of the client's.
        extra_headers: More headers for this call; they cannot replace the ones the client owns.
        extra_query: More query parameters (wire names, values as the query takes them: text,
            numbers, lists of them); one the call already sets is refused, not replaced.
        extra_body: More fields for the JSON object body (wire names, JSON values), or the body
            of an operation that sends none; a field the body already has is refused, not replaced.
        middleware: More middleware for this call, run inside the client's (docs/middleware.md).
    """

    correlation_id: str
    timeout: float | httpx2.Timeout
    max_retries: int
    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, object]
    extra_body: Mapping[str, object]
    middleware: Sequence[Middleware | SyncMiddleware | AtSend[Middleware] | AtSend[SyncMiddleware]]


@dataclass(frozen=True, slots=True)
class CallSettings:
    """A call's settings, checked: the client's (`client_settings`), with a call's options in them (`for_call`).

    `middleware` as given (`AtSend`s kept), of which `around` runs around each attempt and `at_send` around each
    write; `asynchronous` says which kind of function the client calls. `extra_headers`, `extra_query` and
    `extra_body` are the call's, each checked.
    """

    timeout: AnyTimeout
    max_retries: int
    asynchronous: bool = True
    middleware: tuple[Any, ...] = ()
    around: tuple[Any, ...] = ()
    at_send: tuple[Any, ...] = ()
    correlation_id: str | None = None  # None: a new one
    extra_headers: tuple[tuple[str, str], ...] = ()
    extra_query: Mapping[str, object] | None = None
    extra_body: Mapping[str, object] | None = None

    def with_client(
        self, timeout: object = None, max_retries: object = None, middleware: object = None
    ) -> CallSettings:
        """These settings with a client's `timeout`, `max_retries` or `middleware` (None: this one's), checked."""
        given, around, at_send = self.middleware, self.around, self.at_send
        if middleware is not None:
            given, around, at_send = _middleware(middleware, (), (), (), asynchronous=self.asynchronous)
        return CallSettings(
            timeout=self.timeout if timeout is None else _timeout(timeout),
            max_retries=self.max_retries if max_retries is None else _retries(max_retries),
            asynchronous=self.asynchronous,
            middleware=given,
            around=around,
            at_send=at_send,
        )

    def for_call(self, options: RequestOptions, operation: str) -> CallSettings:
        """These settings with a call's `options`, each checked; `operation` (`tag.method`) names a misspelled one.

        The call's middleware runs inside the client's, nearest to the send.
        """
        unknown = options.keys() - RequestOptions.__optional_keys__
        if unknown:
            raise ValueError(_unknown_keywords_message(unknown, RequestOptions.__optional_keys__, operation))
        given, around, at_send = self.middleware, self.around, self.at_send
        if "middleware" in options:
            given, around, at_send = _middleware(
                options["middleware"], given, around, at_send, asynchronous=self.asynchronous
            )
        return CallSettings(
            timeout=_timeout(options["timeout"]) if "timeout" in options else self.timeout,
            max_retries=_retries(options["max_retries"]) if "max_retries" in options else self.max_retries,
            asynchronous=self.asynchronous,
            middleware=given,
            around=around,
            at_send=at_send,
            correlation_id=_correlation_id(options["correlation_id"]) if "correlation_id" in options else None,
            extra_headers=_extra_headers(options["extra_headers"]) if "extra_headers" in options else (),
            extra_query=_extra("extra_query", options["extra_query"]) if "extra_query" in options else None,
            extra_body=_extra("extra_body", options["extra_body"]) if "extra_body" in options else None,
        )

    def url_with_query(self, url: str, params: Mapping[str, Any] | None) -> str:
        """`url` with the operation's query `params` and the call's `extra_query` (none replacing one of the
        operation's) as its query string (`query.py`)."""
        if self.extra_query is not None:
            params = _merged("extra_query", "query parameter", params, self.extra_query)
        return with_query(url, params)

    def body_with_extra(self, request: Mapping[str, Any]) -> tuple[bool, Any]:
        """Whether the call sends a body, and which: the operation's (`request["json"]`), with the call's
        `extra_body` fields."""
        has_body, body = "json" in request, request.get("json")
        if self.extra_body is None:
            return has_body, body
        if has_body and not isinstance(body, dict):
            raise ValueError(f"extra_body adds fields to a JSON object; this call's body is {type(body).__name__}")
        return True, _merged("extra_body", "body field", body, self.extra_body)


_SYNC_GIVEN_ASYNC = "an async function: SyncPexipEngage calls plain ones"

Split = tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]


def _middleware(given: object, *before: tuple[Any, ...], asynchronous: bool) -> Split:
    """The middleware `given` after those `before` (as given, around each attempt, at the send position), each checked
    to be a function of the kind the client calls (`asynchronous`): the three lists, each longer."""
    if given is None:
        return before[0], before[1], before[2]
    if isinstance(given, str | bytes) or not isinstance(given, Sequence):
        raise ArgumentError.of("middleware", f"must be a list of functions (got {type(given).__name__})")
    around, at_send = list(before[1]), list(before[2])
    for item in given:
        function = item.middleware if isinstance(item, AtSend) else item
        if not callable(function):
            raise ArgumentError.of("middleware", f"holds {function!r:.100}, which is not callable")
        if returns_coroutine(function) != asynchronous:
            wrong = "which is not an async function" if asynchronous else _SYNC_GIVEN_ASYNC
            raise ArgumentError.of("middleware", f"holds {function!r:.100}, {wrong}")
        (at_send if isinstance(item, AtSend) else around).append(function)
    return (*before[0], *given), tuple(around), tuple(at_send)


def client_settings(timeout: object, max_retries: object, middleware: object, *, asynchronous: bool) -> CallSettings:
    """A client's settings, checked: `timeout` (None: `DEFAULT_TIMEOUT`), `max_retries`, `middleware` (None: none);
    `asynchronous`: whether the client calls async functions (`PexipEngage`) or plain ones."""
    return CallSettings(DEFAULT_TIMEOUT, 0, asynchronous=asynchronous).with_client(timeout, max_retries, middleware)


def _retries(value: object) -> int:
    return counted(value, "max_retries", 0)


def _timeout(value: object) -> AnyTimeout:
    """`Timeouts` from seconds, or an `httpx2.Timeout` as it is (httpx's warned); refuses what never times out."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value > 0:  # NaN is not
            return Timeouts.seconds(float(value))
    else:
        if "httpx" in sys.modules and not isinstance(value, httpx2.Timeout):  # code written for httpx
            value = _legacy_timeout(value) or value
        if isinstance(value, httpx2.Timeout):
            if None in (value.connect, value.read, value.write, value.pool):
                raise ArgumentError.of(
                    "timeout", "must set every limit (connect, read, write, pool); None would never time out"
                )
            return value
    raise ArgumentError.of(
        "timeout",
        f"must be a positive number of seconds or an httpx2.Timeout (got {type(value).__name__}: {value!r:.100})",
    )


LEGACY_TIMEOUT_WARNING = (
    "timeout is an httpx.Timeout: this client now takes an httpx2.Timeout (`import httpx2`: the same "
    "class) or a number of seconds. It is read as httpx2.Timeout(connect=..., read=..., write=..., pool=...) "
    "with the same values. See docs/migrating-to-httpx2.md."
)


def _legacy_timeout(value: object) -> httpx2.Timeout | None:
    """httpx's `Timeout` as httpx2's, after a `DeprecationWarning`; None when `value` is not httpx's."""
    httpx = sys.modules.get("httpx")
    if httpx is None or not isinstance(value, httpx.Timeout):
        return None
    from .._base.caller_warnings import warn_at_caller  # noqa: PLC0415 - the legacy path only

    warn_at_caller(LEGACY_TIMEOUT_WARNING, DeprecationWarning)
    return httpx2.Timeout(connect=value.connect, read=value.read, write=value.write, pool=value.pool)


# RFC 9110 section 5.1: a field name is a token (no spaces, no ':', no separators).
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
# RFC 9110 section 5.5: visible ASCII, spaces or tabs inside only; no `obs-text` (senders differ on it).
_FIELD_VALUE = re.compile(r"(?:[!-~](?:[ \t!-~]*[!-~])?)?")
_CORRELATION_ID_MAX = 36

# Headers the client sets, or that frame the message (could smuggle a request): not for extra_headers.
_OWNED_HEADERS = frozenset(
    {
        "authorization", "x-correlation-id", "content-type", "content-length", "host", "transfer-encoding",
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "expect",
    }
)  # fmt: skip

# The spelling of the headers the client sets and a caller may replace.
_CANONICAL_NAMES = {name.lower(): name for name in ("Accept", "Accept-Encoding", "Accept-Language", "User-Agent")}


def validate_header_name(name: object) -> str:
    """A header name must be an RFC 9110 token (so "Authorization:Bearer x" or "X-A\\r\\n" cannot pass)."""
    if not isinstance(name, str) or not _TOKEN.fullmatch(name):
        raise ValueError(
            f"header name {name!r} is not a valid HTTP field name (letters, digits and !#$%&'*+-.^_`|~ only)"
        )
    return name


def validate_header_value(name: str, value: object) -> str:
    """A header value must be visible ASCII with inner spaces or tabs: no CR, LF, NUL or other controls."""
    if not isinstance(value, str):
        raise ValueError(f"header {name} must be a string, not {type(value).__name__}")
    if not _FIELD_VALUE.fullmatch(value):
        raise ValueError(
            f"header {name} is not a valid HTTP field value: only visible ASCII characters, with spaces or tabs "
            "between them (no CR, LF, NUL or other control characters, no leading or trailing whitespace)"
        )
    return value


def _correlation_id(correlation_id: object) -> str:
    """A correlation id is sent as `X-Correlation-Id`: 1..36 characters, no control characters."""
    checked = validate_header_value("X-Correlation-Id", correlation_id)
    if not 1 <= len(checked) <= _CORRELATION_ID_MAX:
        raise ValueError(f"correlation_id must be 1 to {_CORRELATION_ID_MAX} characters long (got {len(checked)})")
    return checked


def _extra_headers(given: object) -> tuple[tuple[str, str], ...]:
    """A call's `extra_headers`, each checked, named as the client spells the ones it sets; none the client owns."""
    headers = []
    for name, value in _extra("extra_headers", given).items():
        lowered = validate_header_name(name).lower()
        if lowered in _OWNED_HEADERS:
            raise ValueError(f"extra_headers cannot set {name}; the client sets it")
        headers.append((_CANONICAL_NAMES.get(lowered, name), validate_header_value(name, value)))
    return tuple(headers)


def _extra(option: str, given: object) -> Mapping[str, object]:
    """`given` if it is a mapping whose names are strings, else `ArgumentError` naming `option`."""
    if not isinstance(given, Mapping):
        raise ArgumentError.of(option, f"must be a mapping of names to values (got {type(given).__name__})")
    for name in given:
        if not isinstance(name, str):
            raise ValueError(f"{option} names must be strings (got {type(name).__name__}: {name!r:.100})")
    return given


def _merged(option: str, what: str, owned: Mapping[str, Any] | None, extra: Mapping[str, object]) -> dict[str, Any]:
    """`owned` (the call's query or body) with the caller's `extra` entries, none replacing one."""
    merged = dict(owned or {})
    for name, value in extra.items():
        if name in merged:
            raise ValueError(f"{option} cannot set {what} {name}: the call sets it already")
        merged[name] = value
    return merged


# A misspelled parameter (`start=` for `from_=`) lands among the `**options`; named as an unknown request option, it
# would point away from its fix. What an operation takes is read from its generated method (signature and `Args:`),
# only when a call is refused.

# One parameter of the `Args:` section of a generated method's docstring (after `inspect.getdoc`).
_ARG_LINE = re.compile(r"^ {4}(\w+): (.*)$", re.MULTILINE)


def _unknown_keywords_message(unknown: Collection[str], options: Collection[str], operation: str) -> str:
    """The message refusing `unknown` keywords of a call; `operation` is its `tag.method` ("" for none)."""
    words = sorted(unknown)
    plural = "s" if len(words) > 1 else ""
    quoted = ", ".join(map(repr, words))
    listed = ", ".join(sorted(options))
    parameters = operation_parameters(operation)
    hint = _nearest_hint(words, parameters, options)
    if not parameters:
        return f"unknown request option{plural} {quoted};{hint} the options are {listed}"
    method = operation.rpartition(".")[2]
    return (
        f"unknown argument{plural} {quoted} to {method}();{hint} parameters: {', '.join(parameters)}; "
        f"request options: {listed}"
    )


def operation_parameters(operation: str) -> dict[str, str]:
    """The keyword parameters of the operation's method, in order, each with its description's first line."""
    method = _method(operation)
    if method is None:
        return {}
    described = dict(_ARG_LINE.findall(inspect.getdoc(method) or ""))
    kinds = (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)  # `**options` left out
    keywords = [name for name, parameter in inspect.signature(method).parameters.items() if parameter.kind in kinds]
    return {name: described.get(name, "") for name in keywords if name != "self"}


def _method(operation: str) -> Callable[..., Any] | None:
    """The generated resource method `tag.method` names (`AppointmentsResource.get_appointments`), or None."""
    tag, _, name = operation.partition(".")
    try:
        module = importlib.import_module(f"pexip_engage_client._generated.api.{tag}")
    except ImportError:  # not a tag of the spec (or no operation named at all)
        return None
    # The tag's resource class, as its module exports it beside the raw-response one.
    resources = [getattr(module, exported) for exported in getattr(module, "__all__", ()) if "Raw" not in exported]
    method = getattr(resources[0], name, None) if resources else None
    return method if callable(method) else None


def _nearest_hint(unknown: list[str], parameters: Mapping[str, str], options: Collection[str]) -> str:
    """` did you mean 'x'?` (for several: `'x' for 'y', ...`), for the unknown keywords with a near one."""
    found = [(word, nearest) for word in unknown if (nearest := _nearest(word, parameters, options))]
    if not found:
        return ""
    if len(unknown) == 1:
        return f" did you mean {found[0][1]!r}?"
    return f" did you mean {', '.join(f'{nearest!r} for {word!r}' for word, nearest in found)}?"


def _nearest(word: str, parameters: Mapping[str, str], options: Collection[str]) -> str | None:
    """The known keyword nearest to `word`: the one parameter its description starts with, else by spelling.

    The spec's descriptions lead `start` to `from_` with no hand-kept aliases; spelling would say `status`.
    """
    lowered = word.lower().strip("_")
    described = [name for name, text in parameters.items() if text.lower().partition(" ")[0] == lowered]
    if len(described) == 1:
        return described[0]
    import difflib  # noqa: PLC0415 - only when a call is refused: a command's start-up never needs it

    close = difflib.get_close_matches(word, [*parameters, *options], n=1)
    return close[0] if close else None
