"""The errors of a request, which every room of the client may raise: what an answer or its absence comes to.

Users import them from `errors.py` (the public index of every error, those of the features' rooms too); all derive
from `PexipEngageError` (the tree: docs/errors-and-retries.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ._base.answer_fields import Unread, how_it_differed, json_field
from ._base.pickling import reduce_error
from ._base.timing import retry_after_seconds
from ._generated.error_codes import ErrorCode


class PexipEngageError(Exception):
    """Base class of every error raised by this client; each pickles as itself (docs/deploying.md)."""

    __reduce__ = reduce_error  # not as a call of __init__, whose arguments are keyword-only in most subclasses


@dataclass(frozen=True)
class ErrorItem:
    """One entry of the `errors` list of an error response (docs/errors-and-retries.md#errors).

    `code` is a business code for a 422 (see `ErrorCode`), `arguments` its parameters (422 only, e.g.
    `{"allowedStates": [...]}`), `status_code` the HTTP status as the API sends it (a string), `raw` the
    item exactly as received, including fields this client does not know.
    """

    message: str
    code: str
    type: str
    status_code: str
    arguments: Mapping[str, Any] | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, item: Any) -> ErrorItem | None:
        """Read one entry leniently (docs/spec-drift.md#error-bodies); `None` when it is neither an object nor text."""
        if isinstance(item, str):
            return cls(message=item, code="", type="", status_code="", raw={"message": item})
        if not isinstance(item, Mapping):
            return None
        arguments = json_field(item, "/arguments", dict, base="/errors/*")
        return cls(
            message=_text(item, "message"),
            code=_text(item, "code"),
            type=_text(item, "type"),
            status_code=_text(item, "statusCode"),
            arguments=None if isinstance(arguments, Unread) else arguments,
            raw=item,
        )


def _body_summary(body: bytes) -> str:
    """The start of a body, for a message."""
    snippet = body[:200].decode("utf-8", "replace").strip()
    return f"body: {snippet!r}" if snippet else "empty body"


def _text(item: Mapping[str, Any], name: str) -> str:
    """The member `name` of an error entry as text (see `ErrorItem.from_json`)."""
    value = json_field(item, f"/{name}", str, base="/errors/*")
    if not isinstance(value, Unread):
        return value
    return json.dumps(item[name], ensure_ascii=False, default=str) if value.kind == "type" else ""


def parse_error_items(body: bytes) -> tuple[ErrorItem, ...]:
    """The error entries of an error response body (`errors` as one object is one entry); empty when none is read."""
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return ()
    parsed = (ErrorItem.from_json(item) for item in _entries(document))
    return tuple(item for item in parsed if item is not None)


def _entries(document: Any) -> list[Any]:
    """`errors` as a list: as sent, one object as a list of it, anything else as none."""
    items = json_field(document, "/errors", list)
    if not isinstance(items, Unread):
        return items
    one = json_field(document, "/errors", dict)
    return [] if isinstance(one, Unread) else [one]


class _ResponseHeaders(Mapping[str, str]):
    """A response's headers, read-only, looked up by name whatever its case; a repeated name's values joined by ", "."""

    __slots__ = ("_by_name",)

    def __init__(self, headers: Mapping[str, str] | None) -> None:
        self._by_name: dict[str, tuple[str, str]] = {}  # lower-cased name: (name as received, value)
        for name, value in (headers or {}).items():
            first_name, values = self._by_name.get(name.lower(), (name, None))
            self._by_name[name.lower()] = (first_name, value if values is None else f"{values}, {value}")

    def __getitem__(self, name: str) -> str:
        return self._by_name[name.lower()][1]

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._by_name

    def __repr__(self) -> str:
        return f"Headers({dict(self._by_name.values())!r})"


class _AnswerError(PexipEngageError):
    """What the errors about an answer of the API keep: the answer, and the request it answered."""

    def __init__(self, *, status_code: int, body: bytes, correlation_id: str, method: str, url: str) -> None:
        self.status_code = status_code
        self.body = body
        self.correlation_id = correlation_id
        self.method = method
        self.url = url
        super().__init__(self._describe())

    def _describe(self) -> str:
        raise NotImplementedError


class APIError(_AnswerError):
    """The API answered with an error status.

    It keeps the answer whole: `status_code`, `errors` (the parsed `ErrorItem`s, empty if the body had none),
    `headers` (read-only, any case), the raw `body`, and the request's `correlation_id`, `method` and `url`
    (docs/errors-and-retries.md#errors).
    """

    def __init__(
        self,
        *,
        status_code: int,
        errors: tuple[ErrorItem, ...],
        body: bytes,
        correlation_id: str,
        method: str,
        url: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.errors = errors
        self.headers: Mapping[str, str] = _ResponseHeaders(headers)
        super().__init__(status_code=status_code, body=body, correlation_id=correlation_id, method=method, url=url)

    @property
    def codes(self) -> list[ErrorCode | str]:
        """Each entry's code as an `ErrorCode`, or the raw string for a code the enum does not list.

        Every API error has them, so `if ErrorCode.X in error.codes` needs no check of the error's class.
        """
        return [ErrorCode.parse(item.code) for item in self.errors]

    def _describe(self) -> str:
        summary = "; ".join(
            f"{item.code}: {item.message}" if item.code else item.message
            for item in self.errors
            if item.code or item.message
        )
        if not summary:
            summary = _body_summary(self.body)
        return (
            f"{self.method} {self.url} failed with HTTP {self.status_code}: {summary} "
            f"(correlation id {self.correlation_id})"
        )


class BadRequestError(APIError):
    """400: the request was malformed."""


class AuthenticationError(APIError):
    """401: the credentials are missing, invalid or expired, or not of the enterprise the request was for.

    Also raised, with the token endpoint's URL and status, when the token endpoint refuses the client
    credentials or answers without a usable token; one down or overloaded raises `AuthServerError`.
    A token, like a client, belongs to one enterprise, and one used for another is refused as a wrong
    one is: the message names the `enterprise` the request was for and says it may be the mistake.
    """

    @property
    def enterprise(self) -> str | None:
        """The enterprise the refused request was for, read from its URL (`/enterprises/<enterprise>/`, or
        the token endpoint's `/realms/<enterprise>/`); None for a URL that names none."""
        return _refused_at(self.url)[0]

    def _describe(self) -> str:
        enterprise, token_endpoint = _refused_at(self.url)
        if self.status_code not in (401, 404):  # not a refusal of who asked (a token endpoint's unusable answer)
            return super()._describe()
        named = "the enterprise" if enterprise is None else f"enterprise {enterprise!r}"
        credentials = "the client id and secret" if token_endpoint else "the token"
        return f"{super()._describe()}; refused for {named}: the enterprise may be wrong, as well as {credentials}"


# Where a request's URL names its enterprise: the API's path, or the realm in the token endpoint's.
_ENTERPRISE_IN_URL = re.compile(r"/enterprises/([^/]+)(?:/|$)|/realms/([^/]+)/protocol/openid-connect/token$")


def _refused_at(url: str) -> tuple[str | None, bool]:
    """The enterprise a request's URL names (None if none), and whether it is a token endpoint's."""
    found = _ENTERPRISE_IN_URL.findall(url.split("?", 1)[0])
    if not found:
        return None, False
    api, realm = found[-1]
    return api or realm, bool(realm)


class PermissionDeniedError(APIError):
    """403: the credentials do not grant this operation (check the token's scopes)."""


class NotFoundError(APIError):
    """404: the resource does not exist (or is not visible to these credentials)."""


class ConflictError(APIError):
    """409: the request conflicts with the resource's current state."""


class BusinessValidationError(APIError):
    """422: a business rule failed; each entry's `code` is a documented business error code."""


class _RetryLaterError(APIError):
    """An error whose response may say, in `Retry-After`, when to try again."""

    @property
    def retry_after(self) -> float | None:
        """The response's `Retry-After` in seconds (as seconds or an HTTP date, counted from now), None without one."""
        return retry_after_seconds(self.headers)


class RateLimitError(_RetryLaterError):
    """429: too many requests; `retry_after` is what the last answer asked for (docs/errors-and-retries.md)."""


class ServerError(_RetryLaterError):
    """5xx: the API failed to handle the request; `retry_after` is set when the answer (a 503, say) asked for a wait."""


_ERROR_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: BusinessValidationError,
    429: RateLimitError,
}


def error_class_for_status(status_code: int) -> type[APIError]:
    """The most specific `APIError` subclass for an error status."""
    if status_code >= 500:
        return ServerError
    return _ERROR_BY_STATUS.get(status_code, APIError)


class APIConnectionError(PexipEngageError):
    """The API could not be reached, or the connection broke before an answer arrived.

    `sent` says whether the request may have reached the API: False only when it surely never left the client (no
    connection could be made, no token, no turn among the calls in flight in time), so a write with `sent` False
    did not happen; True when it was written, or may have been, and a write may have been processed
    (docs/errors-and-retries.md).
    """

    def __init__(self, message: str, *, correlation_id: str, method: str, url: str, sent: bool = True) -> None:
        self.correlation_id = correlation_id
        self.method = method
        self.url = url
        self.sent = sent
        super().__init__(f"{method} {url}: {message} (correlation id {correlation_id})")


class APITimeoutError(APIConnectionError):
    """The API did not answer within the timeout."""


class AuthServerError(APIConnectionError):
    """The token endpoint answered a temporary failure (408, 429, 5xx) to every attempt.

    The credentials were not refused, and the API call was not sent. `status_code`, `headers` and
    `body` are the token endpoint's last answer (without the client secret or any token), `method`
    and `url` the token request's, `correlation_id` the call's.
    """

    def __init__(
        self, *, status_code: int, headers: Mapping[str, str], body: bytes, correlation_id: str, method: str, url: str
    ) -> None:
        self.status_code = status_code
        self.headers: Mapping[str, str] = _ResponseHeaders(headers)
        self.body = body
        message = f"the token request failed: the auth server answered HTTP {status_code} ({_body_summary(body)})"
        super().__init__(message, correlation_id=correlation_id, method=method, url=url, sent=False)


class MiddlewareAnswerError(APIConnectionError):
    """A middleware returned something other than an `httpx2.Response` after its `call_next` sent the request.

    The API's answer never reached the caller: `sent` is True, and a write may have been processed, as after a
    connection lost once the request was written. `answered` is what the client's send got (`HTTP 201`, or the
    failure), `returned` the name of the type the middleware returned instead (docs/middleware.md).
    """

    def __init__(self, *, answered: str, returned: str, correlation_id: str, method: str, url: str) -> None:
        self.answered = answered
        self.returned = returned
        message = (
            f"the request was sent and answered {answered}, but a middleware returned {returned}, not an "
            f"httpx2.Response, so the answer did not reach the caller"
            + ("" if method.upper() in {"GET", "HEAD", "OPTIONS"} else f"; the {method} may have been processed")
        )
        super().__init__(message, correlation_id=correlation_id, method=method, url=url, sent=True)


class UnexpectedResponseError(_AnswerError):
    """The API answered, but with something this client cannot read.

    A successful status whose body is not JSON or not the documented shape, or a 1xx or 3xx status.
    `reason` says what could not be read; `status_code`, `body`, `correlation_id`, `method` and `url` are
    as on an `APIError`.
    """

    def __init__(
        self, reason: str, *, status_code: int, body: bytes, correlation_id: str, method: str, url: str
    ) -> None:
        self.reason = reason
        super().__init__(status_code=status_code, body=body, correlation_id=correlation_id, method=method, url=url)

    def _describe(self) -> str:
        return (
            f"{self.method} {self.url} answered HTTP {self.status_code} that could not be read: {self.reason} "
            f"(correlation id {self.correlation_id})"
        )


class ClientClosedError(PexipEngageError):
    """The client was closed, before or during this call; a write it interrupted may or may not have been processed."""


class ForkedClientError(PexipEngageError):
    """The client was used in a process forked from the one that gave it its connections; nothing was sent.

    A caller's `http_client` or pooled transport holds the parent's sockets: create the client, and what it is given,
    in the child (docs/deploying.md).
    """


class WrongEventLoopError(PexipEngageError):
    """The client is used from an event loop other than the one of its first call: create one client per event loop."""


class InferredOperationWarning(UserWarning):
    """An operation was called that openapi.yaml infers from evidence: the documentation does not show it.

    Issued once per process for each such operation, the first time it is called (docs/lifecycle-actions.md).
    """


class UnusableAnswerError(PexipEngageError):
    """A feature built on reading needed a field of an answer that it could not read, and did not guess.

    The call succeeded; what the `feature` (the method that read it: `items`, ...) `needed` at `pointer` (list
    items as `*`) in `operation`'s answer ("" when not known) was `missing`, `null` or of another JSON `type` (`kind`),
    with no safe fallback (docs/spec-drift.md#what-each-feature-does-with-a-field-it-cannot-read).
    """

    def __init__(self, *, feature: str, operation: str, pointer: str, kind: str, needed: str) -> None:
        self.feature = feature
        self.operation = operation
        self.pointer = pointer
        self.kind = kind
        self.needed = needed
        what = how_it_differed(kind)
        answer = f" in {operation}'s answer" if operation else ""
        super().__init__(
            f"{feature} stopped: {pointer or 'a field'}{answer} {what}, unlike openapi.yaml, "
            f"and it is needed {needed} (docs/spec-drift.md)"
        )


class ResponseTooLargeError(UnexpectedResponseError):
    """The decoded body is larger than `max_response_size`: reading stopped there; `body` is empty. Not retried."""


class ResponseTooSlowError(UnexpectedResponseError):
    """The body did not arrive within the attempt's deadline (`connect` plus `read`); `body` is empty. Not retried."""


def listed(*errors: type) -> None:
    """Name each error as `errors` lists it, `pexip_engage_client.errors.RateLimitError`, wherever it is defined:
    in a traceback, a pickle and a span's `error.type`, as when that module defined them all."""
    for error in errors:
        error.__module__ = _LISTED_IN


_LISTED_IN = __name__.rpartition(".")[0] + ".errors"
listed(*(value for name, value in list(globals().items()) if isinstance(value, type) and value.__module__ == __name__
         and not name.startswith("_")))  # fmt: skip
