"""The errors an `ensure_*` call raises: each names the external id, and says whether a create of it may have landed.

Users import them from `pexip_engage_client.errors`, with every other error
(docs/safe-writes.md#what-each-outcome-means). Defined in the core, beside a request's errors, not in the ensure's
room: the ensure raises them, and so does booking (`NoSlotBookedError` is one, `RefusedCandidate` holds one), which
is a room of its own and builds on the core, never on another feature's private modules. Loaded with the first that
is used (`errors.py`).
"""

from __future__ import annotations

from dataclasses import InitVar, dataclass, field
from typing import ClassVar

from ._errors import APIError, ErrorItem, listed


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


listed(
    EnsureError, ExternalIdConflictError, DuplicateExternalIdError, EnsureTurnError, EnsureNoAnswerError,
    EnsureRefusedError, EnsureUnreadableAnswerError,
)  # fmt: skip
