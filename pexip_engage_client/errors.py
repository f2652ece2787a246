"""Every error the client raises. All of them derive from `PexipEngageError`::

    PexipEngageError
    ├── APIError                      the API answered with an error status; `.codes` on every one
    │   ├── BadRequestError           400
    │   ├── AuthenticationError       401
    │   ├── PermissionDeniedError     403
    │   ├── NotFoundError             404
    │   ├── ConflictError             409
    │   ├── BusinessValidationError   422: a business rule failed; its `.codes` are `ErrorCode`s
    │   ├── RateLimitError            429
    │   ├── ServerError               5xx
    │   └── EnsureError               ensure_*: ended without its resource (`.external_id`, `.may_have_created`)
    │       ├── ExternalIdConflictError   the external id names a resource unlike the body; nothing sent
    │       ├── DuplicateExternalIdError  several resources have the external id; nothing sent
    │       ├── EnsureTurnError           no sure turn to create within the call's time (a holder, the lease's backend)
    │       ├── EnsureNoAnswerError       no answer to its look-up or create (`__cause__`): says if one may have landed
    │       ├── EnsureRefusedError        its look-up or create refused (`__cause__`): a 4xx, a 500, a 429 past its time
    │       ├── EnsureUnreadableAnswerError  a field of an answer it relies on could not be read; nothing guessed
    │       └── NoSlotBookedError         book_first: every candidate refused as taken, or none; nothing made
    ├── APIConnectionError            no answer: the connection failed or broke
    │   ├── APITimeoutError           no answer in time
    │   └── AuthServerError           the token endpoint failed (408, 429, 5xx) on every attempt
    ├── UnusableAnswerError           a feature (free/busy, reconcile, ...) needed a field it could not read
    │   ├── FreeBusyError             free_busy: which offices to read could not be known (docs/free-busy.md)
    │   └── ProvisioningAnswerError   plan_employees/apply_plan: the employees' page or its `data` unreadable
    ├── UnexpectedResponseError       an answer the client cannot read (not JSON, wrong shape, ...)
    │   ├── ResponseTooLargeError     the body is larger than `max_response_size`
    │   └── ResponseTooSlowError      the body did not arrive within the attempt's deadline
    ├── ClientClosedError             the client was closed (before or during the call)
    ├── ForkedClientError             used in a forked child with connections the parent opened
    └── WrongEventLoopError           the client is used from an event loop other than its own

`UnreadableFieldError` stands apart, an `AttributeError`: a call returned a model whose answer
differed from openapi.yaml, and one of its fields that could not be read as its type was read.

`InferredOperationWarning`, a `UserWarning` and no error, is issued once per process for each
operation that openapi.yaml infers rather than copies from the documentation (the appointment
life-cycle actions: cancel, complete, ...), the first time it is called; filter it to silence it.

An error status outside the list above raises a plain `APIError`. Every error that comes from a
response keeps the status, the headers, the raw body and the request's correlation id, so nothing
the server said is lost. Messages never contain credentials.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._base.answer_fields import Unread, how_it_differed, json_field
from ._base.pickling import reduce_error
from ._error_codes import ErrorCode
from ._runtime.lenient import UnreadableFieldError

if TYPE_CHECKING:
    from ._candidates import Candidate, CandidateReason

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AuthServerError",
    "AuthenticationError",
    "BadRequestError",
    "BusinessValidationError",
    "ClientClosedError",
    "ConflictError",
    "DuplicateExternalIdError",
    "EnsureError",
    "EnsureNoAnswerError",
    "EnsureRefusedError",
    "EnsureTurnError",
    "EnsureUnreadableAnswerError",
    "ErrorItem",
    "ExternalIdConflictError",
    "ForkedClientError",
    "FreeBusyError",
    "InferredOperationWarning",
    "NoSlotBookedError",
    "NotFoundError",
    "PermissionDeniedError",
    "PexipEngageError",
    "ProvisioningAnswerError",
    "RateLimitError",
    "RefusedCandidate",
    "ResponseTooLargeError",
    "ResponseTooSlowError",
    "ServerError",
    "UnexpectedResponseError",
    "UnreadableFieldError",
    "UnusableAnswerError",
    "WrongEventLoopError",
]


class PexipEngageError(Exception):
    """Base class of every error raised by this client.

    Every one pickles as itself, with its message and attributes (status, error items and codes,
    correlation id, method, URL, headers, body): raised in a `ProcessPoolExecutor` worker or a
    Celery task with the pickle serializer, it is caught in the parent as the same class.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # Not as a call of __init__, whose arguments are keyword-only in most subclasses.
        return reduce_error(self)


@dataclass(frozen=True)
class ErrorItem:
    """One entry of the `errors` list of an error response.

    Attributes:
        message: Human-readable explanation.
        code: Machine-readable code; for a 422, one of the business codes (see `ErrorCode`).
        type: The error's category, as the API names it.
        status_code: The HTTP status, as the API sends it: a string.
        arguments: The code's parameters (422 only), e.g. `{"allowedStates": [...]}`.
        raw: The item exactly as received, including fields this client does not know.
    """

    message: str
    code: str
    type: str
    status_code: str
    arguments: Mapping[str, Any] | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, item: Any) -> ErrorItem | None:
        """Read one error entry leniently; `None` when it is neither an object nor text.

        Each of `message`, `code`, `type` and `statusCode` is read as text: absent or null gives
        "", a value of another JSON type its JSON text (`statusCode` 404 gives "404"). `arguments`
        that is not an object gives None. An entry that is text is read as its message. The entry as
        sent stays in `raw` (docs/spec-drift.md, "error bodies").
        """
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
    """The member `name` of an error entry as text: "" when absent or null, JSON text when of another type."""
    value = json_field(item, f"/{name}", str, base="/errors/*")
    if not isinstance(value, Unread):
        return value
    return json.dumps(item[name], ensure_ascii=False, default=str) if value.kind == "type" else ""


def parse_error_items(body: bytes) -> tuple[ErrorItem, ...]:
    """The error entries of an error response body; empty when the body holds none it can read.

    `errors` as one object (not a list of them) is read as that one entry; anything else that is
    not a list, as none. The status decides the error's class whatever the body holds.
    """
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
    """A response's headers, read-only, looked up by name whatever its case.

    A name the response repeated holds its values joined by ", ", as HTTP allows.
    """

    __slots__ = ("_by_name",)

    def __init__(self, headers: Iterable[tuple[str, str]] = ()) -> None:
        by_name: dict[str, tuple[str, str]] = {}  # lower-cased name: (name as received, value)
        for name, value in headers:
            key = name.lower()
            if key in by_name:
                first_name, values = by_name[key]
                by_name[key] = (first_name, f"{values}, {value}")
            else:
                by_name[key] = (name, value)
        self._by_name = by_name

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


def _read_only(headers: Mapping[str, str] | None) -> Mapping[str, str]:
    return headers if isinstance(headers, _ResponseHeaders) else _ResponseHeaders((headers or {}).items())


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

    Attributes:
        status_code: The HTTP status code.
        errors: The parsed entries of the documented error body (empty if the body had none).
        headers: The response's headers: read-only, looked up whatever the name's case
            (`error.headers.get("retry-after")`).
        body: The raw response body, whatever it was.
        correlation_id: The `X-Correlation-Id` the request carried.
        method: The request's HTTP method.
        url: The request's URL.
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
        self.headers: Mapping[str, str] = _read_only(headers)
        super().__init__(status_code=status_code, body=body, correlation_id=correlation_id, method=method, url=url)

    @property
    def codes(self) -> list[ErrorCode | str]:
        """Each entry's code as an `ErrorCode`, or the raw string for a code the enum does not list.

        Every API error has them (`NOT_FOUND` on a 404 is a string, a 422's business codes are
        `ErrorCode`s), so `if ErrorCode.X in error.codes` needs no check of the error's class.
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
    """401: the credentials are missing, invalid or expired.

    Also raised, with the token endpoint's URL and status (400 or 401 with an OAuth `error` such as
    `invalid_client`), when the token endpoint refuses the client credentials or answers without a
    usable token. A token endpoint that is down or overloaded raises `AuthServerError` instead.
    """


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
        """The response's `Retry-After` in seconds (sent as seconds or as an HTTP date), None without one.

        A date is counted from now, each time this is read.
        """
        from ._retry import retry_after_seconds  # noqa: PLC0415 - the retry module loads the senders' types

        return retry_after_seconds(self.headers)


class RateLimitError(_RetryLaterError):
    """429: too many requests; slow down.

    The client already honoured `Retry-After` if it retried; `retry_after` is what the last answer
    asked for (a wait beyond the retry policy's `max_retry_after` is not retried, and lands here).
    """


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
    """The API could not be reached, or the connection broke before an answer arrived."""

    def __init__(self, message: str, *, correlation_id: str, method: str, url: str) -> None:
        self.correlation_id = correlation_id
        self.method = method
        self.url = url
        super().__init__(f"{method} {url}: {message} (correlation id {correlation_id})")


class APITimeoutError(APIConnectionError):
    """The API did not answer within the timeout."""


class AuthServerError(APIConnectionError):
    """The token endpoint answered a temporary failure (408, 429, 5xx) to every attempt.

    The auth server is down or overloaded: the credentials were not refused (that would be an
    `AuthenticationError`), and the API call itself was not sent. The token request was retried as
    an idempotent request is (`max_retries`, honouring `Retry-After`).

    Attributes:
        status_code: The token endpoint's last status.
        headers: Its headers (a `Retry-After` among them, say).
        body: Its body, without the client secret or any token it held.
        correlation_id: The `X-Correlation-Id` of the call.
        method: "POST".
        url: The token endpoint's URL.
    """

    def __init__(
        self, *, status_code: int, headers: Mapping[str, str], body: bytes, correlation_id: str, method: str, url: str
    ) -> None:
        self.status_code = status_code
        self.headers: Mapping[str, str] = _read_only(headers)
        self.body = body
        message = f"the token request failed: the auth server answered HTTP {status_code} ({_body_summary(body)})"
        super().__init__(message, correlation_id=correlation_id, method=method, url=url)


class UnexpectedResponseError(_AnswerError):
    """The API answered, but with something this client cannot read.

    Raised for a successful status whose body is not JSON or does not match the documented shape,
    and for statuses no HTTP API should answer with here (1xx, 3xx).

    Attributes:
        status_code: The HTTP status code.
        body: The raw response body.
        correlation_id: The `X-Correlation-Id` the request carried.
        method: The request's HTTP method.
        url: The request's URL.
        reason: What could not be read.
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


class EnsureError(APIError):
    """An `ensure_*` call ended without its resource, for a reason of its own (no error status was answered).

    One `except errors.APIError` catches these with the API's answers. Every one has `.codes` (one
    code of its own, a plain string), the ensure's `operation` and `external_id`, and says in
    `may_have_created` whether a create this call sent may have made the resource all the same:
    False means nothing was created by this call, and running it again is safe; True means look
    it up first (`get_appointments(external_id=...)`), or ensure again, which looks first.

    `status_code` is the HTTP status that best describes the refusal (409: the id is taken;
    503: no turn to create could be had; 504: the API gave no answer), `url` is the API's root the
    ensure was for, `method` the create's, `body` empty and `correlation_id` empty: no request of
    this call was answered so.

    Attributes:
        operation: The ensure, e.g. `appointments.ensure_appointment`.
        external_id: The body's `externalId`.
        may_have_created: Whether a create this call sent may have made the resource.
    """

    code: str = "ENSURE_FAILED"
    status: int = 409

    def __init__(
        self,
        message: str,
        *,
        operation: str,
        external_id: str,
        may_have_created: bool = False,
        url: str = "",
        method: str = "POST",
    ) -> None:
        self.operation = operation
        self.external_id = external_id
        self.may_have_created = may_have_created
        self._message = message
        item = ErrorItem(message=message, code=self.code, type="ENSURE", status_code=str(self.status))
        super().__init__(status_code=self.status, errors=(item,), body=b"", correlation_id="", method=method, url=url)

    def _describe(self) -> str:
        return self._message


class ExternalIdConflictError(EnsureError):
    """An `ensure_*` call found a resource with the body's `externalId` that the body does not describe.

    The resource differs from the body in what identifies it (an appointment's start, end, subject,
    office, meeting type or primary participants; an employee's email): the external id is reused
    for something else, or the body changed since the resource was made. Nothing was sent. Update
    the resource, or give the body another external id. Its code: `EXTERNAL_ID_CONFLICT`.

    Attributes:
        operation: The ensure, e.g. `appointments.ensure_appointment`.
        external_id: The body's `externalId`.
        existing_id: The id of the resource that has it.
        differences: What differs, e.g. `("start", "office")`.
    """

    code: str = "EXTERNAL_ID_CONFLICT"

    def __init__(
        self,
        message: str,
        *,
        operation: str,
        external_id: str,
        existing_id: str,
        differences: tuple[str, ...],
        url: str = "",
    ) -> None:
        super().__init__(message, operation=operation, external_id=external_id, url=url)
        self.existing_id = existing_id
        self.differences = differences


class DuplicateExternalIdError(EnsureError):
    """An `ensure_*` call found several resources with the body's `externalId`; nothing was sent.

    Which one the body means cannot be told, and creating another would make things worse: resolve
    the duplicates (cancel or delete all but one), then ensure again. Its code: `DUPLICATE_EXTERNAL_ID`.

    Attributes:
        operation: The ensure, e.g. `appointments.ensure_appointment`.
        external_id: The body's `externalId`.
        ids: The ids of the resources that have it (those of the look-up's first page).
    """

    code: str = "DUPLICATE_EXTERNAL_ID"

    def __init__(self, message: str, *, operation: str, external_id: str, ids: tuple[str, ...], url: str = "") -> None:
        super().__init__(message, operation=operation, external_id=external_id, url=url)
        self.ids = ids


class EnsureTurnError(EnsureError):
    """An `ensure_*` call could not be sure that it alone creates the external id's resource, within its time.

    Another holder kept the turn (a process still creating it, or one that died holding a lease
    that has not expired yet), or the shared lease's backend (Redis, PostgreSQL) could not be
    reached or lost its state. The message names the external id, the time waited, and what to
    do; `may_have_created` says whether a create of this call may have landed (usually False:
    the create is sent only after the turn is confirmed). Its code: `ENSURE_NO_TURN`.
    """

    code: str = "ENSURE_NO_TURN"
    status: int = 503


class EnsureNoAnswerError(EnsureError):
    """An `ensure_*` call got no answer it could act on: its look-up or its create failed for want of one.

    The API could not be reached, the connection broke, the call timed out, or a gateway answered
    502, 503 or 504, on every attempt the call's retries allowed. `__cause__` is that failure (an
    `APIConnectionError` or a `ServerError`), with its correlation id. `may_have_created` is True
    when a create of this call was sent and its answer lost, and the look-ups after it could not
    find it within the reconcile window: it may have landed, so look it up, or ensure again (an
    ensure looks first). False: nothing was created by this call (its look-up failed before any
    create, or its create surely never left), and running it again is safe. Its code: `ENSURE_NO_ANSWER`.
    """

    code: str = "ENSURE_NO_ANSWER"
    status: int = 504


class EnsureRefusedError(EnsureError):
    """An `ensure_*` call's look-up or create was refused: `__cause__` is the error it got.

    The API's own refusal (a 4xx, a 500), a 429 that lasted past the call's time (an ensure rides
    a 429 out while its time lasts), or an answer the client could not read. `status_code` is
    that answer's status, and `.codes` begins with this error's own code, `ENSURE_REFUSED`,
    followed by the API's: `ErrorCode.EMPLOYEE_EMAIL_ALREADY_IN_USE in error.codes` tells a
    business rule as it does on a `BusinessValidationError`. `may_have_created` says whether a
    create of this call may have landed all the same (an earlier create's answer was lost).

    A 429 ends an ensure at once when the wait it asks for (`Retry-After`) is beyond the retry
    policy's `max_retry_after`, or beyond the call's time left, as it ends a plain create: nothing
    is sent again, and `retry_after` is the wait the API asked for (seconds; None for another refusal).

    Attributes:
        retry_after: The wait the last 429 asked for, in seconds, or None.
    """

    code: str = "ENSURE_REFUSED"
    status: int = 502

    def __init__(
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


@dataclass(frozen=True)
class RefusedCandidate:
    """A candidate that `book_first` tried and Engage refused as taken: the candidate, and the ensure's
    error (`EnsureRefusedError`, whose `codes` say why)."""

    candidate: Candidate
    error: EnsureRefusedError


class NoSlotBookedError(EnsureError):
    """`engage.availability.book_first` booked nothing: Engage refused every candidate as taken, or there was none.

    Nothing was created by this call (`may_have_created` is False): a refusal that could hide a
    create of this attempt ends it with that ensure's own error instead. Propose times again
    (free/busy has changed since) and book from those, with the same `externalId`. Its code:
    `NO_SLOT_BOOKED`; `status_code` 422, as Engage's `APPOINTMENT_NO_AVAILABILITY`.

    Attributes:
        external_id: The body's `externalId`: the booking attempt's key.
        refused: Each candidate tried (`RefusedCandidate`: `.candidate`, `.error`), in order.
        reasons: Why there were no candidates (`CandidateReason`s), when `Candidates` were given.
    """

    code: str = "NO_SLOT_BOOKED"
    status: int = 422

    def __init__(
        self,
        message: str,
        *,
        external_id: str,
        refused: tuple[RefusedCandidate, ...] = (),
        reasons: tuple[CandidateReason, ...] = (),
        url: str = "",
        operation: str = "availability.book_first",
    ) -> None:
        super().__init__(message, operation=operation, external_id=external_id, url=url)
        self.refused = refused
        self.reasons = reasons


class ClientClosedError(PexipEngageError):
    """The client was closed: by `close()` (or leaving `async with`) before or during this call.

    A call that `close()` interrupted may have reached the server: a write may or may not have
    been processed.
    """


class ForkedClientError(PexipEngageError):
    """The client was used in a process forked from the one that gave it its connections.

    The client rebuilds what it made itself in a forked child (its connection pool, its locks), but
    not a caller's `http_client` or a transport with a connection pool (httpx2's `HTTPTransport`):
    once the parent sent through it, its sockets are the parent's, and a child that used them
    would read the parent's answers. Nothing was sent. Create the client, and what it is given,
    in the child (gunicorn's `post_fork`, Celery's `worker_process_init`).
    """


class WrongEventLoopError(PexipEngageError):
    """The client is used from an event loop other than the one of its first call.

    Its connections belong to that loop; create one client per event loop (for instance inside
    the coroutine that `asyncio.run` runs).
    """


class EnsureUnreadableAnswerError(EnsureError):
    """An `ensure_*` call relied on a field of an answer that it could not read, and did not guess.

    The look-up was answered (leniently read: docs/spec-drift.md), but what the ensure needs of it
    was absent, null or of another JSON type: the page's `data`, the external ids of several items
    found (duplicates cannot be told from resources a look-up that ignored its filter returned), a
    field the body sets of the resource found (its start, its office, ...), or a full page of
    resources with other external ids (`kind` "ignored": the API ignored the filter). Rather than
    return a resource that may not be the body's, or create a second, it stops. `may_have_created`
    says whether a create of this call may have landed. docs/spec-drift.md ("`ensure_*`") lists what
    an ensure does with every field it reads. Its code: `ENSURE_UNREADABLE_ANSWER`.

    Attributes:
        answer_operation: The operationId of the answer (`getAppointments`).
        pointer: Where the field was, a JSON Pointer into that answer's body with list items as `*`.
        kind: `missing`, `null`, `type`, or `ignored` (the look-up's filter).
        needed: What the ensure needed the field for.
    """

    code: str = "ENSURE_UNREADABLE_ANSWER"
    status: int = 502

    def __init__(
        self,
        message: str,
        *,
        operation: str,
        external_id: str,
        may_have_created: bool = False,
        url: str = "",
        answer_operation: str = "",
        pointer: str = "",
        kind: str = "",
        needed: str = "",
    ) -> None:
        super().__init__(
            message, operation=operation, external_id=external_id, may_have_created=may_have_created, url=url
        )
        self.answer_operation = answer_operation
        self.pointer = pointer
        self.kind = kind
        self.needed = needed


class InferredOperationWarning(UserWarning):
    """An operation was called that openapi.yaml infers from evidence: the documentation does not show it.

    Issued once per process for each such operation (its `x-inferred` extension in openapi.yaml
    names the evidence), at the caller's line, the first time it is called: the tenant may not
    have it, or may want another body. `pexip-engage spec check --probe-inferred` asks a tenant
    whether each exists. To silence it::

        warnings.filterwarnings("ignore", category=pexip_engage_client.errors.InferredOperationWarning)
    """


class UnusableAnswerError(PexipEngageError):
    """A feature built on reading needed a field of an answer that it could not read, and did not guess.

    The call that fetched the answer succeeded (it is lenient: docs/spec-drift.md); the feature
    (`feature`, e.g. `free_busy`) relies on one field of it, which was absent, null or of another JSON
    type, and has no safe fallback for it: it stops rather than give a wrong result. Each feature's
    page lists what it does with every field it reads. Features with an error of their own raise a
    subclass of this one; `ensure_*` raise an `EnsureError` instead.

    Attributes:
        feature: The feature that read the answer (`free_busy`, `reconcile`, `provisioning`, ...).
        operation: The operationId of the answer (`getAppointments`), or "" when not known.
        pointer: Where the field was, a JSON Pointer into the answer's body with list items as `*`.
        kind: `missing`, `null` or `type`.
        needed: What the feature needed the field for.
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


class ProvisioningAnswerError(UnusableAnswerError):
    """`plan_employees` or `apply_plan` could not read the list of employees it was given.

    Raised when an answer of `getEmployees` has no readable `data` (absent, null, not a list): no
    plan can be made from it, and none is guessed. A field of one employee that cannot be read is
    not an error: the plan leaves that employee alone and says so (`Plan.conflicts`,
    docs/provisioning.md, "Answers unlike the spec"). `feature` is `provisioning`.
    """


class FreeBusyError(UnusableAnswerError):
    """`availability.free_busy` needed a field of an answer that it could not read, and has no safe view without it.

    Most fields it cannot read have a fallback that keeps busy time busy (docs/free-busy.md, "When an
    answer differs from the spec"); this is raised where none does the job: the employee's
    `officeRelations` could not be read and no `office_id=` was given, so which offices' defined
    availability to read (and so any free time) cannot be known. Passing `office_id=` avoids it.
    `feature` is `free_busy`; `operation`, `pointer`, `kind` and `needed` say which field and why.
    """

    def __init__(self, *, operation: str, pointer: str, kind: str, needed: str) -> None:
        super().__init__(feature="free_busy", operation=operation, pointer=pointer, kind=kind, needed=needed)


class ResponseTooLargeError(UnexpectedResponseError):
    """The answer's body, once decoded, is larger than the client's `max_response_size`.

    Reading stopped at the limit (a compressed body too: it is never expanded beyond it), so `body`
    is empty. Not retried: the same request would get the same answer.
    """


class ResponseTooSlowError(UnexpectedResponseError):
    """The answer started (the status is known) but its body did not arrive within the attempt's deadline.

    Each attempt must be complete within the timeout's `connect` plus `read` seconds, however
    steadily a server drips bytes. `body` is empty. Not retried.
    """
