"""The write tools, registered only when the operator starts the server with `--allow-writes`.

Each is two-phase. Called without `confirmation`, a tool changes nothing: it answers with a summary
of what it would do and a confirmation token, an HMAC-SHA256 over the tool's name and its exact
arguments with a 5-minute expiry, signed with the configured key (so any replica sharing the key
can finish it). Called again with the same arguments and that token, it does it. Bookings are
idempotent by external id: a booking whose external id exists already is answered with it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

from mcp.types import CallToolResult
from pydantic import Field

from pexip_engage_client import errors

from ._catalog import catalog
from ._reads import MeetingType, _segment, checked_query, fill_path
from ._results import EngageToolError, from_api_error, result
from ._shapes import appointment_row, output_schema
from ._tools import ADMIN, BOOK, make_tool

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from mcp.server.mcpserver.tools import Tool

    from pexip_engage_client import PexipEngage

CONFIRMATION_SECONDS = 300
Confirmation = Annotated[str | None, Field(description="the token a first call returned; omit to preview")]
WRITE_RESULT = output_schema(
    {
        "status": {"enum": ["confirm", "done", "exists"]}, "summary": {"type": "string"},
        "confirmation": {"type": "string"}, "expires_in_seconds": {"type": "integer"},
        "appointment": {"type": "object"}, "result": {},
    },
    ["status", "summary"],
)  # fmt: skip


@dataclass(frozen=True)
class Plan:
    """What a confirmed write sends."""

    summary: str
    method: str
    path: str
    body: Any
    query: dict[str, Any] | None = None
    send: Callable[[], Awaitable[Any]] | None = None  # instead of method, path and body


class Confirmations:
    """Tokens over (tool, arguments, expiry), signed with one key."""

    def __init__(self, key: bytes | None, clock: Callable[[], float] = time.time) -> None:
        self._key = key or secrets.token_bytes(32)  # without a key: this process only
        self._clock = clock

    def issue(self, tool: str, arguments: dict[str, Any]) -> str:
        expires = int(self._clock()) + CONFIRMATION_SECONDS
        return f"{expires}.{self._mac(tool, arguments, expires)}"

    def check(self, tool: str, arguments: dict[str, Any], token: str) -> None:
        expires_text, _, mac = token.partition(".")
        if not expires_text.isdigit() or not hmac.compare_digest(mac, self._mac(tool, arguments, int(expires_text))):
            raise EngageToolError(
                "confirmation refused: it was not issued for these exact arguments; call without confirmation "
                "to preview again"
            )
        if int(expires_text) < self._clock():
            raise EngageToolError(
                "confirmation expired (they last 5 minutes); call without confirmation to preview again"
            )

    def _mac(self, tool: str, arguments: dict[str, Any], expires: int) -> str:
        message = json.dumps([tool, arguments, expires], sort_keys=True, separators=(",", ":"), default=str)
        digest = hmac.new(self._key, message.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")


class WriteTools:
    def __init__(
        self, engage: PexipEngage, key: bytes | None, *, write_operations: bool, settings: bool,
        clock: Callable[[], float] = time.time,
    ) -> None:  # fmt: skip
        self.engage = engage
        self.confirmations = Confirmations(key, clock)
        self.write_operations = write_operations  # call_write_operation
        self.settings = settings  # enterprise-wide settings through it

    def tools(self) -> list[tuple[Tool, str]]:
        made = [
            (make_tool(self.book_appointment, "Book an appointment, idempotent by external_id. Two-phase: preview, "
                   "then repeat with confirmation.", WRITE_RESULT, writes=True), BOOK),
            (make_tool(self.reschedule_appointment, "Move an appointment. Two-phase (confirmation).", WRITE_RESULT,
                   writes=True), BOOK),
            (make_tool(self.accept_appointment, "Accept an incoming request. Two-phase (confirmation).", WRITE_RESULT,
                   writes=True), BOOK),
            (make_tool(self.reassign_appointment, "Give an appointment to another employee. Two-phase (confirmation).",
                   WRITE_RESULT, writes=True), BOOK),
        ]  # fmt: skip
        if self.write_operations:
            made.append(
                (make_tool(self.call_write_operation, "Run any non-GET operation by id. Two-phase (confirmation).",
                       WRITE_RESULT, writes=True, idempotent=False), ADMIN)
            )  # fmt: skip
        return made

    async def _two_phase(
        self, tool: str, arguments: dict[str, Any], confirmation: str | None, plan: Plan
    ) -> CallToolResult:
        summary = plan.summary
        if confirmation is None:
            return result({
                "status": "confirm", "summary": summary, "confirmation": self.confirmations.issue(tool, arguments),
                "expires_in_seconds": CONFIRMATION_SECONDS,
            })  # fmt: skip
        self.confirmations.check(tool, arguments, confirmation)
        try:
            if plan.send is not None:
                answer = await plan.send()
            else:
                answer = await self._send(plan.method, plan.path, plan.query, plan.body)
        except errors.PexipEngageError as exc:
            raise from_api_error(exc) from None
        if isinstance(answer, dict) and set(answer) == {"data"}:  # one object, in the API's envelope
            answer = answer["data"]
        if isinstance(answer, dict) and "appointmentParticipants" in answer:
            return result({"status": "done", "summary": summary, "appointment": appointment_row(answer)})
        return result({"status": "done", "summary": summary, "result": answer})

    async def _send(self, method: str, path: str, query: dict[str, Any] | None, body: Any) -> Any:
        if method == "DELETE":
            return await self.engage.delete(path, params=query)
        send = {"POST": self.engage.post, "PUT": self.engage.put, "PATCH": self.engage.patch}[method]
        return await send(path, params=query, json=body)

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
    ) -> CallToolResult:
        arguments = {
            "external_id": external_id, "subject_id": subject_id, "office_id": office_id, "meeting_type": meeting_type,
            "start": start, "end": end, "employee_id": employee_id, "customer_id": customer_id,
        }  # fmt: skip
        # The preview looks the external id up; the confirmed call is ensure_appointment, which looks
        # it up again, creates once, and finds what a lost answer made (safe to retry).
        try:
            existing = await self.engage.get("/appointments", params={"external-id": [external_id], "limit": 2})
        except errors.PexipEngageError as exc:
            raise from_api_error(exc) from None
        if existing["data"]:
            row = appointment_row(existing["data"][0])
            differences = _differences(row, arguments)
            if differences:  # the external id is another booking's: refused, as ensure_appointment would
                raise EngageToolError(
                    f"external_id {external_id!r} is appointment {row['id']}, which differs in {differences}: "
                    "use another external_id, or reschedule or reassign that appointment"
                )
            return result({"status": "exists", "summary": f"already booked as {row['id']}", "appointment": row})
        body = {
            "externalId": external_id, "subjectId": subject_id, "officeId": office_id, "meetingType": meeting_type,
            "start": start, "end": end,
            "appointmentParticipants": [
                {"type": "EMPLOYEE", "role": "PRIMARY", "participantId": employee_id},
                {"type": "CUSTOMER", "role": "PRIMARY", "participantId": customer_id},
            ],
        }  # fmt: skip
        summary = f"book {meeting_type} {start}..{end} with employee {employee_id} and customer {customer_id}"

        async def ensure() -> Any:
            ensured = await self.engage.appointments.ensure_appointment(body)
            return ensured.resource.to_dict()

        plan = Plan(summary, "POST", "/appointments", body, send=ensure)
        return await self._two_phase("book_appointment", arguments, confirmation, plan)

    async def reschedule_appointment(
        self,
        id: str,
        start: str,
        end: str,
        confirmation: Confirmation = None,
    ) -> CallToolResult:
        path = f"/appointments/{_segment(id)}/_actions/reschedule"
        return await self._two_phase(
            "reschedule_appointment", {"id": id, "start": start, "end": end}, confirmation,
            Plan(f"move appointment {id} to {start}..{end}", "POST", path, {"start": start, "end": end}),
        )  # fmt: skip

    async def accept_appointment(self, id: str, confirmation: Confirmation = None) -> CallToolResult:
        path = f"/appointments/{_segment(id)}/_actions/accept"
        return await self._two_phase(
            "accept_appointment", {"id": id}, confirmation, Plan(f"accept appointment {id}", "POST", path, None)
        )

    async def reassign_appointment(
        self,
        id: str,
        employee_id: str,
        office_id: str,
        confirmation: Confirmation = None,
    ) -> CallToolResult:
        path = f"/appointments/{_segment(id)}/_actions/reassign"
        body = {"primaryEmployeeId": employee_id, "officeId": office_id}
        return await self._two_phase(
            "reassign_appointment", {"id": id, "employee_id": employee_id, "office_id": office_id}, confirmation,
            Plan(f"give appointment {id} to employee {employee_id} at office {office_id}", "POST", path, body),
        )  # fmt: skip

    async def call_write_operation(
        self,
        operation_id: str,
        path_params: dict[str, str] | None = None,
        query: dict[str, Any] | None = None,
        body: dict[str, Any] | list[Any] | None = None,
        confirmation: Confirmation = None,
    ) -> CallToolResult:
        try:
            operation = catalog().get(operation_id)
        except LookupError as exc:
            raise EngageToolError(str(exc)) from None
        if operation.reads:
            raise EngageToolError(f"{operation.operation_id} is a GET operation: use call_read_operation")
        if operation.settings_wide and not self.settings:
            raise EngageToolError(f"{operation.operation_id} changes enterprise-wide settings: not available here")
        path = fill_path(operation, path_params or {})
        checked_query(operation, query or {})
        arguments = {"operation_id": operation.operation_id, "path_params": path_params, "query": query, "body": body}
        summary = f"{operation.method} {path}: {operation.summary}"
        plan = Plan(summary, operation.method, path, body, query)
        return await self._two_phase("call_write_operation", arguments, confirmation, plan)


def _differences(row: dict[str, Any], arguments: dict[str, Any]) -> list[str]:
    """What a booking's arguments say that the appointment holding its external id does not."""
    differ = [name for name in ("start", "end") if _instant(row[name]) != _instant(arguments[name])]
    differ += [name for name in ("subject_id", "office_id", "meeting_type") if row[name] != arguments[name]]
    if arguments["employee_id"] not in row["employee_ids"]:
        differ.append("employee_id")
    if arguments["customer_id"] not in row["customer_ids"]:
        differ.append("customer_id")
    return differ


def _instant(text: Any) -> Any:
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return text
