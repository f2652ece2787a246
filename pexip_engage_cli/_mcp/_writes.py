"""The write tools, registered only when the operator starts the server with `--allow-writes`.

Each sends only on the person's yes, asked through the client (`_elicit.py`); where the client cannot ask,
nothing, unless the operator lets the model confirm alone (`--allow-unconfirmed-writes`): then it is
two-phase, its confirmation token signed here. Every yes is spent once (`_spent`), and the creates of
`ENSURES` go through an ensure: docs/mcp.md, "Security model".
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import secrets
import time
from typing import TYPE_CHECKING, Annotated, Any

from mcp.types import CallToolResult
from pydantic import Field

from pexip_engage_client import errors
from pexip_engage_client._base.timing import parse_datetime

from ._auth import caller
from ._catalog import catalog
from ._describe import Describer
from ._elicit import DEFAULT_TIMEOUT, Approval, Describe, asking, outcome_of
from ._reads import MeetingType, _segment, checked_query, fill_path
from ._results import EngageToolError, clip, dumps, from_api_error, items_of, result, shown
from ._shapes import appointment_row, output_schema
from ._spent import PENDING, MemorySpent, Spent, SpentStoreError
from ._tools import ADMIN, BOOK, make_tool

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from mcp.server.mcpserver.tools import Tool

    from pexip_engage_client import PexipEngage

    from ._catalog import Operation

    Send = Callable[[], Awaitable[Any]]

CONFIRMATION_SECONDS = 300
WRITE_TOOL_NAMES = frozenset({
    "book_appointment", "reschedule_appointment", "accept_appointment", "reassign_appointment", "cancel_appointment",
    "call_write_operation",
})  # fmt: skip
# How long a spent confirmation's answer is kept for repeats: past its expiry, a repeat is refused anyway.
SPENT_SECONDS = CONFIRMATION_SECONDS + 60
# How long a repeat waits for the first call's answer while that call is still running.
REPEAT_WAIT_SECONDS = 10.0
# The creates an `ensure_*` method makes safe to retry (namespace, method), by operation id: why a
# keyed call_write_operation goes through one, docs/mcp.md, "Security model". tests/mcp/test_confirmations.py
# checks this table against every generated ensure method.
ENSURES: dict[str, tuple[str, str]] = {
    "createAppointment": ("appointments", "ensure_appointment"),
    "createAppointmentInvite": ("appointments", "ensure_appointment_invite"),
    "createEmployee": ("employees", "ensure_employee"),
    "createMeetingRoom": ("meeting_rooms", "ensure_meeting_room"),
    "createSubjectGroup": ("subject_groups", "ensure_subject_group"),
}
# What the person's answer other than yes comes to: the status, and the words (nothing is sent).
REFUSALS = {
    "decline": ("declined", "the person declined"),
    "cancel": ("cancelled", "the person dismissed the question"),
    "no_answer": ("no_answer", "no answer came in time"),
    "invalid": ("declined", "the answer was not the form asked for"),
    "nothing_to_ask": ("person_needed", "the person was not asked: there was nothing to ask (it may be done already)"),
}
# A client that cannot ask the person (no MCP form elicitation), on a server that does not let the model confirm.
NOBODY_ASKED = (
    "person_needed",
    "this client cannot ask the person (it has no MCP form elicitation), and this server sends a "
    "write only on the person's yes",
)
# Said in the result of a write the model confirmed alone (`--allow-unconfirmed-writes`).
MODEL_ALONE = "confirmed by the model alone: the person was not asked (this client cannot ask)"
# What a tool says of an operation openapi.yaml infers (the spec's `x-inferred`; docs/lifecycle-actions.md).
INFERRED = "Inferred: the copied API documentation does not show this operation; a tenant may not have it."
Confirmation = Annotated[str | None, Field(description="the token a preview returned, where one is; omit to preview")]
WRITE_RESULT = output_schema(
    {
        "status": {
            "enum": [
                "confirm",
                "done",
                "exists",
                "already_confirmed",
                "declined",
                "cancelled",
                "no_answer",
                "person_needed",
            ]
        },
        "summary": {"type": "string"},
        "confirmed_by": {"enum": ["person", "model"]},
        "confirmation": {"type": "string"},
        "expires_in_seconds": {"type": "integer"},
        "appointment": {"type": "object"},
        "result": {},
    },
    ["status", "summary"],
)


class Confirmations:
    """Tokens over (tool, arguments, caller, nonce, expiry), signed with one key."""

    def __init__(self, key: bytes | None, clock: Callable[[], float] = time.time) -> None:
        self._key = key or secrets.token_bytes(32)  # without a key: this process only
        self._clock = clock

    def issue(self, tool: str, arguments: dict[str, Any], who: str) -> str:
        expires = int(self._clock()) + CONFIRMATION_SECONDS
        nonce = secrets.token_urlsafe(9)  # two previews of one call give two tokens, each spent once
        return f"{expires}.{nonce}.{self._mac(tool, arguments, who, nonce, expires)}"

    def check(self, tool: str, arguments: dict[str, Any], who: str, token: str) -> str:
        """The token's spending key (its MAC); EngageToolError when it is not this call's or has expired."""
        expires_text, _, rest = token.partition(".")
        nonce, _, mac = rest.partition(".")
        if not expires_text.isdigit() or not hmac.compare_digest(
            mac, self._mac(tool, arguments, who, nonce, int(expires_text))
        ):
            raise EngageToolError(
                "confirmation refused: it was not issued for these exact arguments (or to another caller); call "
                "without confirmation to preview again"
            )
        if int(expires_text) < self._clock():
            raise EngageToolError(
                "confirmation expired (they last 5 minutes); call without confirmation to preview again"
            )
        return mac

    def elicited(self, tool: str, arguments: dict[str, Any], who: str) -> str:
        """The spending key of a write the person accepted in the 2026-07-28 era: one per call and caller."""
        return "elicited." + self._mac(tool, arguments, who, "elicited", 0)

    def _mac(self, tool: str, arguments: dict[str, Any], who: str, nonce: str, expires: int) -> str:
        message = json.dumps([tool, arguments, who, nonce, expires], sort_keys=True, separators=(",", ":"), default=str)
        digest = hmac.new(self._key, message.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")


class WriteTools:
    def __init__(
        self,
        engage: PexipEngage,
        key: bytes | None,
        *,
        write_operations: bool,
        settings: bool,
        clock: Callable[[], float] = time.time,
        spent: Spent | None = None,
        elicitation_timeout: float = DEFAULT_TIMEOUT,
        unconfirmed: bool = False,
    ) -> None:
        self.engage = engage
        self.unconfirmed = unconfirmed  # the model may confirm alone where the client cannot ask the person
        self.describer = Describer(engage)
        self.elicitation_timeout = elicitation_timeout
        self.confirmations = Confirmations(key, clock)
        self.spent = spent or MemorySpent()
        self.write_operations = write_operations  # call_write_operation
        self.settings = settings  # enterprise-wide settings through it

    def tools(self) -> list[tuple[Tool, str]]:
        ask = self._asking
        # How a write is confirmed, as each tool's description says it.
        how = "Asks the person, or preview then confirm." if self.unconfirmed else "Asks the person first."
        made = [
            (make_tool(ask(self.book_appointment, self.describer.book), f"Book an appointment, idempotent by "
                   f"external_id. {how}", WRITE_RESULT,
                   operations=("getAppointments", "createAppointment", "getEmployeeById", "getExternalCalendarEvents"),
                   keyed=True, title="Book an appointment"), BOOK),
            (make_tool(ask(self.reschedule_appointment, self.describer.reschedule), f"Move an appointment. {how}",
                   WRITE_RESULT, operations=("rescheduleAppointment",), title="Reschedule an appointment"), BOOK),
            (make_tool(ask(self.accept_appointment, self.describer.accept), f"Accept an incoming request. {how}",
                   WRITE_RESULT, operations=("acceptAppointment",), title="Accept an appointment"), BOOK),
            (make_tool(ask(self.reassign_appointment, self.describer.reassign), "Give an appointment to another "
                   f"employee. {how}", WRITE_RESULT, operations=("reassignAppointment",),
                   title="Reassign an appointment"), BOOK),
            (make_tool(ask(self.cancel_appointment, self.describer.cancel), f"Cancel an appointment. {how} "
                   f"{INFERRED}", WRITE_RESULT, operations=("cancelAppointment",),
                   title="Cancel an appointment"), BOOK),
        ]  # fmt: skip
        if self.write_operations:
            writes = tuple(op.operation_id for op in catalog().operations.values() if not op.reads)
            made.append(
                (make_tool(ask(self.call_write_operation, self._describe_operation), "Run any non-GET operation by "
                       f"id. {how}", WRITE_RESULT, operations=writes, title="Run a write operation"), ADMIN)
            )  # fmt: skip
        return made

    def _asking(self, tool: Callable[..., Awaitable[Any]], describe: Describe) -> Callable[..., Awaitable[Any]]:
        """`tool`, asking the person first when the client can (`_elicit.py`), whatever else it was given."""

        async def question(arguments: dict[str, Any]) -> str | None:
            arguments.pop("confirmation", None)  # the tool checks it after the answer, as without a person
            return await describe(arguments)

        return asking(tool, question, self.elicitation_timeout)

    async def _describe_operation(self, arguments: dict[str, Any]) -> str | None:
        try:
            operation = self._writable(str(arguments.get("operation_id")))
        except EngageToolError:  # unknown, or refused by the tool: nothing to ask about
            return None
        return await self.describer.operation(operation, arguments)

    def _writable(self, operation_id: str) -> Operation:
        """The operation call_write_operation may run; EngageToolError when not (an unknown id too)."""
        operation = catalog().get(operation_id)
        if operation.reads:
            raise EngageToolError(f"{operation.operation_id} is a GET operation: use call_read_operation")
        if operation.settings_wide and not self.settings:
            raise EngageToolError(f"{operation.operation_id} changes enterprise-wide settings: not available here")
        return operation

    async def _two_phase(
        self, tool: str, arguments: dict[str, Any], confirmation: str | None, summary: str, send: Send, *, approval: Any
    ) -> CallToolResult:
        """`send`, once, after the person's yes (or, where the model may confirm alone, a confirmation token);
        otherwise a preview or a refusal."""
        who = caller()
        answer = "not_asked" if approval is None else outcome_of(approval)
        if answer == "nothing_to_ask" and self.unconfirmed:
            answer = "not_asked"  # as from a client that cannot ask: the model may confirm alone
        if answer in REFUSALS or (answer == "not_asked" and not self.unconfirmed):
            status, words = REFUSALS.get(answer, NOBODY_ASKED)
            return result({"status": status, "summary": f"nothing was sent: {words}; it was: {summary}"})
        if answer == "not_asked" and confirmation is None:
            return result(
                {
                    "status": "confirm",
                    "summary": summary,
                    "confirmation": self.confirmations.issue(tool, arguments, who),
                    "expires_in_seconds": CONFIRMATION_SECONDS,
                }
            )
        if confirmation is not None:  # the token is the check, whether the person was asked as well or not
            key = self.confirmations.check(tool, arguments, who, confirmation)
        elif isinstance(getattr(approval, "data", None), Approval):
            # The person's yes, carried by the client's retry (2026-07-28): a repeat of that retry is
            # the same key, so it is spent once like a token (and sends nothing more).
            key = self.confirmations.elicited(tool, arguments, who)
        else:  # asked and answered within this call: a token of its own, issued and spent here
            key = self.confirmations.check(tool, arguments, who, self.confirmations.issue(tool, arguments, who))
        try:
            first = await self.spent.claim(key, SPENT_SECONDS)
        except SpentStoreError as exc:
            raise EngageToolError(
                f"nothing was sent: the store of spent confirmations could not be reached ({exc}); try again"
            ) from None
        if not first:
            return await self._repeat(key)
        if answer == "not_asked":
            summary = f"{summary} ({MODEL_ALONE})"
        try:
            done = {**await self._run(summary, send), "confirmed_by": "model" if answer == "not_asked" else "person"}
        except EngageToolError as exc:
            await self._record(key, {"error": str(exc)})
            raise
        await self._record(key, {"result": done})
        return result(done)

    async def _run(self, summary: str, send: Send) -> dict[str, Any]:
        try:
            answer = await send()
        except errors.PexipEngageError as exc:
            raise from_api_error(exc) from None
        if isinstance(answer, dict) and set(answer) == {"data"}:  # one object, in the API's envelope
            answer = answer["data"]
        if isinstance(answer, dict) and "appointmentParticipants" in answer:
            return {"status": "done", "summary": summary, "appointment": appointment_row(answer)}
        return {"status": "done", "summary": summary, "result": answer}

    async def _record(self, key: str, outcome: dict[str, Any]) -> None:
        # The write is done (or failed) whatever happens here: a repeat that finds no answer says so.
        with contextlib.suppress(SpentStoreError):
            await self.spent.finish(key, dumps(outcome), SPENT_SECONDS)

    async def _repeat(self, key: str) -> CallToolResult:
        """A spent confirmation again: the first call's answer, waited for (boundedly) while it runs."""
        deadline = time.monotonic() + REPEAT_WAIT_SECONDS
        answer: str | None = PENDING
        while time.monotonic() < deadline:
            try:
                answer = await self.spent.first(key)
            except SpentStoreError:
                answer = None
                break
            if answer != PENDING:
                break
            await asyncio.sleep(0.05)
        if answer is None or answer == PENDING:
            raise EngageToolError(
                "already confirmed: the first call with this confirmation has not answered (or its answer was "
                "lost); nothing more was sent; look the result up before previewing again"
            )
        outcome = json.loads(answer)
        if "error" in outcome:
            raise EngageToolError(
                f"already confirmed: nothing more was sent; the first call failed: {outcome['error']}; "
                "call without confirmation to preview again"
            )
        first = outcome["result"]
        return result({**first, "status": "already_confirmed", "summary": f"already confirmed: {first['summary']}"})

    def _send(self, method: str, path: str, query: dict[str, Any] | None = None, body: Any = None) -> Send:
        if method == "DELETE":
            return lambda: self.engage.delete(path, params=query)
        send = {"POST": self.engage.post, "PUT": self.engage.put, "PATCH": self.engage.patch}[method]
        return lambda: send(path, params=query, json=body)

    async def book_appointment(
        self,
        *,
        external_id: Annotated[str, Field(min_length=1, description="your id for it: a retry finds it")],
        subject_id: str,
        office_id: str,
        meeting_type: MeetingType,
        start: str,
        end: str,
        employee_id: str,
        customer_id: str,
        confirmation: Confirmation = None,
        approval: Any = None,
    ) -> CallToolResult:
        arguments = {
            "external_id": external_id,
            "subject_id": subject_id,
            "office_id": office_id,
            "meeting_type": meeting_type,
            "start": start,
            "end": end,
            "employee_id": employee_id,
            "customer_id": customer_id,
        }
        # The preview looks the external id up; a confirmed call goes straight to its confirmation (a
        # repeat answers with the first result) and books through ensure_appointment (safe to retry).
        existing = (
            await self.engage.get("/appointments", params={"external-id": [external_id], "limit": 2})
            if confirmation is None
            else {"data": []}
        )
        booked = items_of(existing, operation="getAppointments", tool="book_appointment")
        if booked:
            row = appointment_row(booked[0])
            differences = _differences(row, arguments)
            if differences:  # the external id is another booking's: refused, as ensure_appointment would
                raise EngageToolError(
                    f"external_id {shown(external_id)} is appointment {row['id']}, which differs in {differences}: "
                    "use another external_id, or reschedule or reassign that appointment"
                )
            return result({"status": "exists", "summary": f"already booked as {row['id']}", "appointment": row})
        body = {
            "externalId": external_id,
            "subjectId": subject_id,
            "officeId": office_id,
            "meetingType": meeting_type,
            "start": start,
            "end": end,
            "appointmentParticipants": [
                {"type": "EMPLOYEE", "role": "PRIMARY", "participantId": employee_id},
                {"type": "CUSTOMER", "role": "PRIMARY", "participantId": customer_id},
            ],
        }
        summary = (
            f"book {meeting_type} {clip(start)}..{clip(end)} with employee {clip(employee_id)} and customer "
            f"{clip(customer_id)}"
        )
        if confirmation is None:
            summary += await self.describer.busy_note(employee_id, start, end)
        send = self._ensure("createAppointment", body)
        return await self._two_phase("book_appointment", arguments, confirmation, summary, send, approval=approval)

    async def reschedule_appointment(
        self,
        id: str,
        start: str,
        end: str,
        confirmation: Confirmation = None,
        *,
        approval: Any = None,
    ) -> CallToolResult:
        path = f"/appointments/{_segment(id)}/_actions/reschedule"
        return await self._two_phase(
            "reschedule_appointment",
            {"id": id, "start": start, "end": end},
            confirmation,
            f"move appointment {clip(id)} to {clip(start)}..{clip(end)}",
            self._send("POST", path, body={"start": start, "end": end}),
            approval=approval,
        )

    async def accept_appointment(
        self, id: str, confirmation: Confirmation = None, *, approval: Any = None
    ) -> CallToolResult:
        path = f"/appointments/{_segment(id)}/_actions/accept"
        summary = f"accept appointment {clip(id)}"
        return await self._two_phase(
            "accept_appointment", {"id": id}, confirmation, summary, self._send("POST", path), approval=approval
        )

    async def reassign_appointment(
        self,
        id: str,
        employee_id: str,
        office_id: str,
        confirmation: Confirmation = None,
        *,
        approval: Any = None,
    ) -> CallToolResult:
        path = f"/appointments/{_segment(id)}/_actions/reassign"
        body = {"primaryEmployeeId": employee_id, "officeId": office_id}
        return await self._two_phase(
            "reassign_appointment",
            {"id": id, "employee_id": employee_id, "office_id": office_id},
            confirmation,
            f"give appointment {clip(id)} to employee {clip(employee_id)} at office {clip(office_id)}",
            self._send("POST", path, body=body),
            approval=approval,
        )

    async def cancel_appointment(
        self, id: str, confirmation: Confirmation = None, *, approval: Any = None
    ) -> CallToolResult:
        path = f"/appointments/{_segment(id)}/_actions/cancel"
        summary = f"cancel appointment {clip(id)} (an inferred operation: the documentation does not show it)"
        return await self._two_phase(
            "cancel_appointment", {"id": id}, confirmation, summary, self._send("POST", path), approval=approval
        )

    async def call_write_operation(
        self,
        operation_id: str,
        path_params: dict[str, str] | None = None,
        query: dict[str, Any] | None = None,
        body: dict[str, Any] | list[Any] | None = None,
        confirmation: Confirmation = None,
        *,
        approval: Any = None,
    ) -> CallToolResult:
        operation = self._writable(operation_id)
        path = fill_path(operation, path_params or {})
        checked_query(operation, query or {})
        arguments = {"operation_id": operation.operation_id, "path_params": path_params, "query": query, "body": body}
        summary = f"{operation.method} {clip(path)}: {operation.summary}"
        keyed = operation.operation_id in ENSURES and not query and isinstance(body, dict) and body.get("externalId")
        send = self._ensure(operation.operation_id, body) if keyed else self._send(operation.method, path, query, body)
        return await self._two_phase("call_write_operation", arguments, confirmation, summary, send, approval=approval)

    def _ensure(self, operation_id: str, body: Any) -> Send:
        """The ensure that sends a create keyed by its body's `externalId` (`ENSURES`)."""
        namespace, method = ENSURES[operation_id]
        ensure_method = getattr(getattr(self.engage, namespace), method)

        async def ensure() -> Any:
            ensured = await ensure_method(body)
            return ensured.resource.to_dict()

        return ensure


def _differences(row: dict[str, Any], arguments: dict[str, Any]) -> list[str]:
    """What a booking's arguments say that the appointment holding its external id does not."""
    differ = [name for name in ("start", "end") if _instant(row[name]) != _instant(arguments[name])]
    differ += [name for name in ("subject_id", "office_id", "meeting_type") if row[name] != arguments[name]]
    differ += [name for name in ("employee_id", "customer_id") if arguments[name] not in row[name + "s"]]
    return differ


def _instant(text: Any) -> Any:
    try:
        return parse_datetime(str(text))
    except ValueError:
        return text
