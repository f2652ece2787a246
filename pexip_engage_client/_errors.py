"""Every error the client raises, listed for users by `errors.py` (the tree: docs/errors-and-retries.md).

One module on the ground floor (`_base` and the business codes alone), so that every room may raise any of them; each
pickles as itself.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import InitVar, dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ._base.answer_fields import Unread, how_it_differed, json_field
from ._base.pickling import reduce_error
from ._base.redaction import redacted_url
from ._base.timing import retry_after_seconds
from ._generated.error_codes import ErrorCode

if TYPE_CHECKING:  # what booking tried, for type checkers only (architecture.toml: `types_from`)
    from ._scheduling._candidates import Candidate, CandidateReason


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
        self.url: str = redacted_url(url)  # what `--debug` hides, a message, repr and log line hide too
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
        self.url: str = redacted_url(url)  # what `--debug` hides, a message, repr and log line hide too
        self.sent = sent
        super().__init__(f"{method} {self.url}: {message} (correlation id {correlation_id})")


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


class UnreadableFieldError(AttributeError):
    """A field of a model read from an answer the spec did not foresee, which could not be read as its type.

    Raised when the attribute is read; an `AttributeError`, so that `getattr(model, name, default)`
    and `hasattr` treat the field as absent (docs/spec-drift.md).

    Attributes:
        model: The model's class name (`Appointment`).
        field: The attribute's Python name (`trailing_buffer_time`).
        json_name: The field's name in the answer (`trailingBufferTime`).
        pointer: Where the field was in the answer's body, a JSON Pointer with list items as `*`
            (`/data/*/trailingBufferTime`); empty when not known.
        operation: The operationId as openapi.yaml spells it (`getAppointments`), or "" when not known.
        kind: `missing` (absent), `null`, or `type` (a value of another JSON type).
    """

    def __init__(self, *, model: str, field: str, json_name: str, pointer: str, operation: str, kind: str) -> None:
        self.model = model
        self.field = field
        self.json_name = json_name
        self.pointer = pointer
        self.operation = operation
        self.kind = kind
        what = how_it_differed(kind)
        where = f" at {pointer}" if pointer else ""
        answer = f" in {operation}'s body" if operation else ""
        raw = "" if kind == "missing" else f"; the value as sent is in additional_properties[{json_name!r}]"
        super().__init__(
            f"{model}.{field} cannot be read: `{json_name}`{where}{answer} {what}, unlike openapi.yaml{raw}"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_error(self)


class ProvisioningAnswerError(UnusableAnswerError):
    """`plan_employees` or `apply_plan` could not read the list of employees it was given.

    An answer of `getEmployees` without readable `data` (one employee's unreadable field leaves that one alone).
    """


class TablesMissingError(PexipEngageError):
    """A call that only reads found nothing to read, and made nothing: the SQLite file at `path` is missing, or
    holds no `room` tables (`mirror`, `webhooks`). They are made by what writes there (`made_by`: `mirror run`, a
    receiver storing deliveries): a mistyped path would otherwise read as empty and be left behind as a new file.
    A PostgreSQL schema missing is refused likewise, as psycopg's `ProgrammingError` naming `postgres migrate`."""

    def __init__(self, path: str, room: str, made_by: str) -> None:
        self.path: str = path
        self.room: str = room
        self.made_by: str = made_by
        missing = "no SQLite database" if not os.path.isfile(path) else f"no {room} tables in the SQLite database"
        super().__init__(f"{missing} at {path}: nothing was made ({made_by} makes them): is the path right?")


# The ensure errors are dataclasses, so that each subclass only declares what it adds to the keywords of its base;
# not compared by value (`eq=False`: an exception stays hashable), and shown as an exception is (`repr=False`).
@dataclass(eq=False, repr=False, kw_only=True)
class EnsureError(APIError):
    """An `ensure_*` call ended without its resource, for a reason of its own (no error status was answered).

    An `APIError` with `.codes` (one code of its own), the ensure's `operation`
    (`appointments.ensure_appointment`), the body's `external_id`, and `may_have_created`: whether a create
    this call sent may have made the resource (False: running it again is safe). `status_code` is the HTTP status
    that best describes it; `url` is the API's root, `body` and `correlation_id` empty
    (docs/safe-writes.md#what-each-outcome-means).
    """

    code: ClassVar[str] = "ENSURE_FAILED"
    status: ClassVar[int] = 409
    message: InitVar[str] = field(kw_only=False)
    operation: str
    external_id: str
    may_have_created: bool = False
    url: str = ""
    method: str = "POST"

    def __post_init__(self, message: str) -> None:
        self._message = message
        item = ErrorItem(message=message, code=self.code, type="ENSURE", status_code=str(self.status))
        APIError.__init__(
            self, status_code=self.status, errors=(item,), body=b"", correlation_id="", method=self.method, url=self.url
        )

    def _describe(self) -> str:
        return self._message


@dataclass(eq=False, repr=False, kw_only=True)
class ExternalIdConflictError(EnsureError):
    """An `ensure_*` call found a resource with the body's `externalId` that the body does not describe; nothing sent.

    `existing_id` is the id of the resource that has it, `differences` what identifies it and differs, e.g.
    `("start", "office")` (docs/safe-writes.md).
    """

    code: ClassVar[str] = "EXTERNAL_ID_CONFLICT"
    existing_id: str
    differences: tuple[str, ...]


@dataclass(eq=False, repr=False, kw_only=True)
class DuplicateExternalIdError(EnsureError):
    """An `ensure_*` call found several resources with the body's `externalId`; nothing was sent.

    `ids` are those of the look-up's first page that have it: resolve them, then ensure again.
    """

    code: ClassVar[str] = "DUPLICATE_EXTERNAL_ID"
    ids: tuple[str, ...]


class EnsureTurnError(EnsureError):
    """An `ensure_*` call could not be sure that it alone creates the external id's resource, within its time.

    Another holder kept the turn, or the lease's backend could not be reached or lost its state
    (docs/safe-writes.md#concurrent-ensures-of-one-id).
    """

    code: ClassVar[str] = "ENSURE_NO_TURN"
    status: ClassVar[int] = 503


class EnsureNoAnswerError(EnsureError):
    """An `ensure_*` call got no answer it could act on: its look-up or its create failed for want of one.

    `__cause__` is that failure (an `APIConnectionError` or a gateway's `ServerError`) on every attempt the call's
    retries allowed; `may_have_created` True means a create's answer was lost and the look-ups could not find it.
    """

    code: ClassVar[str] = "ENSURE_NO_ANSWER"
    status: ClassVar[int] = 504


class EnsureRefusedError(EnsureError):
    """An `ensure_*` call's look-up or create was refused: `__cause__` is the error it got.

    The API's own refusal (a 4xx, a 500), a 429 past the call's time or the retry policy's `max_retry_after`
    (`retry_after`: the wait it asked for, in seconds, else None), or an unreadable answer. `status_code` is that
    answer's status, and `.codes` begin with `ENSURE_REFUSED`, followed by the API's (docs/safe-writes.md).
    """

    code: ClassVar[str] = "ENSURE_REFUSED"
    status: ClassVar[int] = 502

    def __init__(  # written out: a dataclass would type `status_code` as its own keyword, not `APIError`'s attribute
        self,
        message: str,
        *,
        operation: str,
        external_id: str,
        may_have_created: bool = False,
        url: str = "",
        status_code: int | None = None,
        refusal: tuple[ErrorItem, ...] = (),
        retry_after: float | None = None,
    ) -> None:
        super().__init__(
            message, operation=operation, external_id=external_id, may_have_created=may_have_created, url=url
        )
        if status_code is not None:
            self.status_code = status_code
        self.errors: tuple[ErrorItem, ...] = (*self.errors, *refusal)
        self.retry_after = retry_after


@dataclass(eq=False, repr=False, kw_only=True)
class EnsureUnreadableAnswerError(EnsureError):
    """An `ensure_*` call relied on a field of an answer that it could not read, and did not guess.

    What the ensure `needed` at `pointer` (list items as `*`) in `answer_operation`'s answer was `missing`, `null`
    or of another JSON `type`, or the API ignored the filter (`kind` "ignored"): docs/spec-drift.md#ensure_.
    """

    code: ClassVar[str] = "ENSURE_UNREADABLE_ANSWER"
    status: ClassVar[int] = 502
    answer_operation: str = ""
    pointer: str = ""
    kind: str = ""
    needed: str = ""


@dataclass(frozen=True)
class RefusedCandidate:
    """A candidate that `book_first` tried and Engage refused as taken: the candidate, and the ensure's
    error (`EnsureRefusedError`, whose `codes` say why)."""

    candidate: Candidate
    error: EnsureRefusedError


@dataclass(eq=False, repr=False, kw_only=True)
class NoSlotBookedError(EnsureError):
    """`engage.availability.book_first` booked nothing: Engage refused every candidate as taken, or there was none.

    Nothing was created: propose times again and book from those, with the same `external_id` (docs/booking.md).
    `refused` holds each candidate tried, in order, `reasons` why there were none (when `Candidates` were given).
    """

    code: ClassVar[str] = "NO_SLOT_BOOKED"
    status: ClassVar[int] = 422
    operation: str = "availability.book_first"
    refused: tuple[RefusedCandidate, ...] = ()
    reasons: tuple[CandidateReason, ...] = ()


class FreeBusyError(UnusableAnswerError):
    """`availability.free_busy` needed a field of an answer that it could not read, and has no safe view without it.

    The employee's `officeRelations` could not be read and no `office_id=` was given, so which offices'
    availability to read cannot be known (docs/free-busy.md). Passing `office_id=` avoids it.
    """

    def __init__(self, *, operation: str, pointer: str, kind: str, needed: str) -> None:
        super().__init__(feature="free_busy", operation=operation, pointer=pointer, kind=kind, needed=needed)


# Each error named as users import it, `pexip_engage_client.errors.RateLimitError`: in a traceback, a pickle and a
# span's `error.type`.
for _error in [
    value
    for name, value in globals().items()
    if isinstance(value, type) and value.__module__ == __name__ and not name.startswith("_")
]:
    _error.__module__ = __name__.rpartition(".")[0] + ".errors"
