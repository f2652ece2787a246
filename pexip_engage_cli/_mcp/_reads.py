"""The read tools: task-shaped look-ups, and any GET operation by id for the rest, sent through the server's one
`PexipEngage` (its governor bounds whatever an agent fans out); every field a tool decides with is read through
`_results.py` (docs/mcp.md, "Answers unlike the spec").
"""

from __future__ import annotations

import asyncio
import typing
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, Protocol

from mcp.types import CallToolResult
from pydantic import Field

from pexip_engage_client import errors, models
from pexip_engage_client._base.answer_fields import Unread

from ._catalog import Operation, catalog
from ._results import (
    COMPACT_BUDGET,
    FULL_BUDGET,
    EngageToolError,
    answer_field,
    fit_rows,
    fits,
    items_of,
    result,
    shown,
    total_of,
    unknown_names,
)
from ._shapes import DEFS, appointment_row, employee_row, output_schema, ref

if TYPE_CHECKING:
    from pexip_engage_client import PexipEngage

# The values the tools take are the generated enums' (openapi.yaml's), never a copy: a status the
# spec gains is accepted after `make generate` alone. Type checkers see plain strings.
if TYPE_CHECKING:
    Status = str
    MeetingType = str
else:
    Status = Literal[tuple(member.value for member in models.AppointmentStatus)]
    MeetingType = Literal[tuple(member.value for member in models.MeetingType)]
Detail = Annotated[Literal["compact", "full"], Field(description="full: the API's objects, up to 64 KB")]
Time = Annotated[str, Field(description="ISO 8601 date-time, e.g. 2030-01-07T09:00:00Z")]
Fields = Annotated[list[str] | None, Field(description="keep these")]  # and the id; known names only
ResultFields = Annotated[
    list[str] | None, Field(description="keep these of each item or result (describe_operation: result_fields)")
]
MAX_ROWS = 50
# What the free/busy part of employee_schedule is, said with every answer.
FREE_BUSY_NOTE = "busy/free: a view (appointments not CANCELLED, calendar events not FREE); get_timetable decides"
# How propose_times' candidates are booked, said with every answer.
PROPOSE_NOTE = (
    "a proposal: book with book_appointment (start, end, office_id, subject_id, meeting_type, one of employee_ids "
    "in order, your external_id); Engage decides, and refuses a time taken meanwhile: then try the next"
)
# The most operations search_operations answers with.
MAX_FOUND = 20
# The most items call_read_operation walks through, whatever max_items asks.
MAX_ITEMS = 200
# The most employees find_employee reads: more than one is ambiguous anyway.
FIND_LIMIT = 10


class ReadTools:
    """The read tools, bound to one client."""

    def __init__(self, engage: PexipEngage) -> None:
        self.engage = engage

    async def list_appointments(
        self,
        *,
        since: Annotated[str | None, Field(description="ISO 8601, start >=")] = None,
        until: Annotated[str | None, Field(description="ISO 8601, end <=")] = None,
        status: list[Status] | None = None,
        meeting_type: list[MeetingType] | None = None,
        employee_id: str | None = None,
        customer_id: str | None = None,
        office_id: str | None = None,
        subject_id: str | None = None,
        limit: Annotated[int, Field(ge=1, le=MAX_ROWS)] = 20,
        cursor: str | None = None,  # the next_cursor of the previous call (the description says so)
        fields: Fields = None,
    ) -> CallToolResult:
        keep = _row_filter(fields, field_names("appointment"), "field")
        filters = {
            "from": since,
            "to": until,
            "status": status,
            "meeting-type": meeting_type,
            "employee-id": employee_id,
            "customer-id": customer_id,
            "office-id": office_id,
            "subject-id": subject_id,
        }
        params = {name: value for name, value in filters.items() if value}
        offset = _offset(cursor)
        walked = await walk(
            self.engage.get,
            "/appointments",
            {**params, "limit": limit, "offset": offset},
            limit,
            appointment_row,
            operation="getAppointments",
            tool="list_appointments",
        )
        # Cut to the budget first: the counts and the cursor then describe the rows shown.
        widest = dict.fromkeys(typing.get_args(Status), walked.widest)  # the counts' size at most
        envelope = {
            "appointments": walked.items,
            "total": walked.total,
            "counts_by_status": widest,
            "next_cursor": str(walked.widest),
            **walked.noted(),
        }
        fitted, after = walked.fit(envelope, "appointments", COMPACT_BUDGET)
        counts = Counter(str(row["status"]) for row in fitted["appointments"])  # each status as sent
        fitted.update(counts_by_status=dict(counts), next_cursor=None if after is None else str(after))
        fitted["appointments"] = [keep(row) for row in fitted["appointments"]]
        return result(fitted)

    async def get_appointment(
        self,
        id: Annotated[str | None, Field(description="Engage's id")] = None,
        external_id: Annotated[str | None, Field(description="your system's id")] = None,
        detail: Detail = "compact",
    ) -> CallToolResult:
        if bool(id) == bool(external_id):
            raise EngageToolError("give exactly one of id or external_id")
        item = await (self._by_id(id) if id else self._by_external_id(str(external_id)))
        row = item if detail == "full" else appointment_row(item)
        return result({"appointment": row, "detail": detail})

    async def _by_id(self, id: str) -> dict[str, Any]:
        try:
            answer = await self.engage.get(f"/appointments/{_segment(id)}")
        except errors.NotFoundError:
            raise EngageToolError(f"not found: no appointment has id {shown(id)}") from None
        return answer_field(
            answer,
            "/data",
            dict,
            operation="getAppointmentById",
            tool="get_appointment",
            needed="as the appointment (an object)",
        )

    async def _by_external_id(self, external_id: str) -> dict[str, Any]:
        """The one appointment with the external id; ambiguous or not found decided on what the page holds."""
        page = await self.engage.get("/appointments", params={"external-id": [external_id], "limit": 10})
        found = items_of(page, operation="getAppointments", tool="get_appointment")
        if not found:
            raise EngageToolError(f"not found: no appointment has external_id {shown(external_id)}")
        if len(found) > 1:
            candidates = [appointment_row(candidate) for candidate in found]
            total = total_of(page, operation="getAppointments")
            how_many = f"{len(found)} or more" if isinstance(total, Unread) else str(total)
            raise EngageToolError(
                f"ambiguous: {how_many} appointments have external_id {shown(external_id)}; "
                f"call again with one id: {candidates}"
            )
        return found[0]

    async def find_employee(
        self,
        email: str | None = None,
        external_id: str | None = None,
        username: str | None = None,
        fields: Fields = None,
    ) -> CallToolResult:
        keep = _row_filter(fields, field_names("employee"), "field")
        given = {"email": email, "external-id": external_id, "username": username}
        params: dict[str, Any] = {name: value for name, value in given.items() if value}
        if not params:
            raise EngageToolError("give email, external_id or username")
        page = await self.engage.get("/employees", params={**params, "limit": FIND_LIMIT})
        found = items_of(page, operation="getEmployees", tool="find_employee")
        rows = [keep(employee_row(item)) for item in found]
        total = total_of(page, operation="getEmployees")
        if isinstance(total, Unread):  # all of them when the page is not full; a full one may have more (null)
            count = len(rows) if len(rows) < FIND_LIMIT else None
            note = f"{total.describe()}: count is what the page holds" + ("" if count is not None else " (or more)")
            return result({"employees": rows, "count": count, "ambiguous": len(rows) > 1, "note": note})
        return result({"employees": rows, "count": total, "ambiguous": total > 1})

    async def employee_schedule(
        self,
        employee_id: str,
        since: Time,
        until: Time,
        office_id: Annotated[str | None, Field(description="default: the employee's offices")] = None,
    ) -> CallToolResult:
        window = {"from": since, "to": until}
        try:
            appointments, events, view = await asyncio.gather(
                self.engage.get("/appointments", params={**window, "employee-id": [employee_id], "limit": MAX_ROWS}),
                self.engage.get(
                    f"/employees/{_segment(employee_id)}/external-calendar-events", params={**window, "limit": MAX_ROWS}
                ),
                self.engage.availability.free_busy(employee_id, start=since, end=until, office_id=office_id),
            )
        except errors.NotFoundError:
            raise EngageToolError(f"not found: no employee has id {shown(employee_id)}") from None
        tool = "employee_schedule"
        event_items = items_of(events, operation="getExternalCalendarEvents", tool=tool)
        rows = [
            {"id": e.get("id"), "start": e.get("start"), "end": e.get("end"), "show_as": e.get("showAs")}
            for e in event_items
        ]
        computed = view.to_dict()
        appointment_items = items_of(appointments, operation="getAppointments", tool=tool)
        schedule: dict[str, Any] = {
            "employee_id": employee_id,
            "time_zone": computed["time_zone"],
            "appointments": [appointment_row(a) for a in appointment_items],
            "external_events": rows,
            "availability": computed["availability"],
            "busy": computed["busy"],
            "free": computed["free"],
            "notes": [*computed["notes"], FREE_BUSY_NOTE],
        }
        for key, answer, operation in (
            ("appointments", appointments, "getAppointments"),
            ("external_events", events, "getExternalCalendarEvents"),
        ):
            schedule["notes"] += _shown_of(key, answer, operation, len(schedule[key]))
        fitted = fit_rows(schedule, "appointments", "external_events", "busy", "free", budget=COMPACT_BUDGET)
        return result(fitted)

    async def get_timetable(
        self,
        *,
        office_id: str,
        subject_id: str,
        meeting_type: MeetingType,
        since: Time,
        until: Time,
        employee_id: list[str] | None = None,
    ) -> CallToolResult:
        params: dict[str, Any] = {
            "office-id": office_id,
            "subject-id": subject_id,
            "meeting-type": meeting_type,
            "from": since,
            "to": until,
        }
        if employee_id:
            params["employee-id"] = employee_id
        answer = await self.engage.get("/timetable", params=params)
        slots = answer.get("data", answer) if isinstance(answer, dict) else answer
        rows = slots if isinstance(slots, list) else [slots]
        return result(fit_rows({"slots": rows, "count": len(rows)}, "slots", budget=COMPACT_BUDGET))

    async def propose_times(
        self,
        *,
        office_id: str,
        since: Time,
        until: Time,
        duration_minutes: Annotated[int, Field(ge=1, le=1440)],
        subject_id: str | None = None,
        meeting_type: MeetingType | None = None,
        order: Annotated[
            Literal["earliest", "fair"], Field(description="fair: fewest appointments first")
        ] = "earliest",
        step_minutes: Annotated[int, Field(ge=1, le=1440)] = 15,
        employee_id: Annotated[list[str] | None, Field(description="default: the office's advisers")] = None,
    ) -> CallToolResult:
        from pexip_engage_client import Candidates  # noqa: PLC0415 - with the tool, as the client is

        team = await self.engage.availability.team_free_busy(
            office_id,
            start=since,
            end=until,
            subject_id=subject_id,
            meeting_type=meeting_type,
            employee_ids=employee_id or None,
        )
        proposal = Candidates.from_team(team, duration_minutes, step=step_minutes, order=order).to_dict()
        rows = [
            {name: row[name] for name in ("start", "end", "office_id", "subject_id", "meeting_type", "employee_ids")}
            for row in proposal["candidates"]
        ]
        reasons = _each_adviser_first(
            [{name: r.get(name) for name in ("employee_id", "code", "message")} for r in proposal["reasons"]]
        )
        answer = {
            "office_id": team.office_id,
            "employee_ids": list(team.employee_ids),
            "time_zone": proposal["time_zone"],
            "candidates": rows,
            "reasons": reasons,
            "notes": [*proposal["notes"], PROPOSE_NOTE],
        }
        return result(fit_rows(answer, "candidates", "reasons", budget=COMPACT_BUDGET))

    async def describe_operation(self, operation_id: str) -> CallToolResult:
        operation = catalog().get(operation_id)
        return result(
            {
                "operation_id": operation.operation_id,
                "method": operation.method,
                "path": operation.path,
                "summary": operation.summary,
                "scope": operation.scope,
                "parameters": [
                    parameter.compact() for parameter in operation.parameters if parameter.where != "header"
                ],
                "body_fields": list(operation.body_fields),
                "error_statuses": list(operation.error_statuses),
                "business_error_codes": "engage://reference/error-codes" if "422" in operation.error_statuses else None,
                "paged": operation.paged,
                "result_fields": list(operation.result_fields),
            },
            engage_data=False,
        )

    async def search_operations(
        self,
        query: Annotated[str, Field(min_length=1, description="words of a summary, path or tag: 'subject groups'")],
        limit: Annotated[int, Field(ge=1, le=MAX_FOUND)] = 10,
    ) -> CallToolResult:
        found = catalog().search(query, limit)
        rows = [
            {"operation_id": o.operation_id, "method": o.method, "path": o.path, "summary": o.summary, "tag": o.tag}
            for o in found
        ]
        envelope: dict[str, Any] = {"operations": rows, "count": len(rows)}
        if not rows:
            tags = sorted({op.tag for op in catalog().operations.values()})
            envelope["note"] = f"no operation matches; try a word of a tag: {', '.join(tags)}"
        return result(fit_rows(envelope, "operations", budget=COMPACT_BUDGET), engage_data=False)

    async def call_read_operation(
        self,
        operation_id: str,
        *,
        path_params: dict[str, str] | None = None,
        query: Annotated[dict[str, Any] | None, Field(description="query parameters by their API names")] = None,
        max_items: Annotated[int, Field(ge=1, le=MAX_ITEMS)] = 50,
        detail: Detail = "compact",
        fields: ResultFields = None,
    ) -> CallToolResult:
        operation = catalog().get(operation_id)
        if not operation.reads:
            raise EngageToolError(f"{operation.operation_id} is {operation.method}: this tool runs GET operations only")
        keep = _row_filter(fields, list(operation.result_fields), f"field of {operation.operation_id}'s result")
        path = fill_path(operation, path_params or {})
        params = checked_query(operation, query or {})
        budget = FULL_BUDGET if detail == "full" else COMPACT_BUDGET
        if not operation.paged:
            answer = await self.engage.get(path, params=params)
            return result(_whole(operation.operation_id, answer, budget, keep))
        walked = await walk(
            self.engage.get, path, params, max_items, keep, operation=operation.operation_id, tool="call_read_operation"
        )
        envelope = {
            "operation_id": operation.operation_id,
            "items": walked.items,
            "total": walked.total,
            "truncated": False,
            "next_offset": walked.widest,
            **walked.noted(),  # the widest it can be, while fitting
        }
        fitted, after = walked.fit(envelope, "items", budget)
        fitted.update(truncated=after is not None, next_offset=after)
        return result(fitted)


@dataclass
class Walked:
    """What `walk` read: the items, the total (None: no page's could be read; `unread` says why), and whether a
    page held fewer items than were left to read (`ended`: nothing follows)."""

    items: list[Any]
    total: int | None
    ended: bool
    start: int
    unread: Unread | None = None

    def take(self, page: Any, wanted: int, convert: RowFilter, asked: Any, *, operation: str, tool: str) -> None:
        """A page's items (up to `wanted` in all), its total, and whether it was the last (fewer than `asked`)."""
        data = items_of(page, operation=operation, tool=tool)
        total = total_of(page, operation=operation)
        self.total, self.unread = (None, total) if isinstance(total, Unread) else (total, None)
        self.items += [convert(item) for item in data[: wanted - len(self.items)]]
        self.ended = not data or (isinstance(asked, int) and len(data) < asked)

    @property
    def widest(self) -> int:
        """The largest offset or count a result may show, for sizing it before the cut."""
        return self.total if self.total is not None else self.start + len(self.items)

    def fit(self, envelope: dict[str, Any], key: str, budget: int) -> tuple[dict[str, Any], int | None]:
        """`envelope` with the rows of `key` that fit `budget`, and the offset after them when items follow."""
        fitted = fit_rows(envelope, key, budget=budget)
        end = self.start + len(fitted[key])  # after the rows shown, cut or not
        if self.total is not None:
            return fitted, end if end < self.total else None
        return fitted, end if len(fitted[key]) < len(self.items) or not self.ended else None

    def noted(self) -> dict[str, str]:
        """A `note` saying the total is not known, and how the result counts instead; nothing with a total."""
        if self.unread is None:
            return {}
        return {"note": f"total unknown: {self.unread.describe()}; the pages were read until one held fewer items"}


class Get(Protocol):
    """`PexipEngage.get` as a walk calls it: a path and its query."""

    def __call__(self, path: str, *, params: Mapping[str, object] | None = None) -> Awaitable[Any]: ...


async def walk(
    get: Get,
    path: str,
    params: dict[str, Any],
    wanted: int,
    convert: RowFilter,
    *,
    operation: str,
    tool: str,
) -> Walked:
    """Up to `wanted` items from `params`' offset on, page by page (each `convert`ed), and the total; without a
    readable total, until a page holds fewer items than asked (docs/mcp.md, "Answers unlike the spec")."""
    start = int(params.get("offset", 0))
    walked = Walked([], None, False, start)
    while len(walked.items) < wanted:
        page = await get(path, params={**params, "offset": start + len(walked.items)})
        walked.take(page, wanted, convert, params.get("limit"), operation=operation, tool=tool)
        if walked.ended or (walked.total is not None and start + len(walked.items) >= walked.total):
            break
    return walked


def _shown_of(key: str, answer: Any, operation: str, shown_rows: int) -> list[str]:
    """A note when a list of the schedule shows fewer than the window holds, or may (its total unread)."""
    total = total_of(answer, operation=operation)
    if isinstance(total, Unread):
        if shown_rows < MAX_ROWS:
            return []
        return [f"{key}: first {MAX_ROWS} shown, there may be more ({total.describe()})"]
    return [f"{key}: {total} in the window, first {MAX_ROWS} shown"] if total > shown_rows else []


def fill_path(operation: Operation, path_params: dict[str, str]) -> str:
    names = [p.name for p in operation.parameters if p.where == "path"]
    missing = [name for name in names if not path_params.get(name)]
    unknown = sorted(set(path_params) - set(names))
    if missing or unknown:
        raise EngageToolError(
            f"{operation.operation_id} path_params: needs {names or 'none'}"
            + (f"; missing {missing}" if missing else "")
            + (f"; {unknown_names(unknown, names, 'path parameter')}" if unknown else "")
        )
    path = operation.path
    for name in names:
        path = path.replace("{" + name + "}", _segment(path_params[name]))
    return path


def checked_query(operation: Operation, query: dict[str, Any]) -> dict[str, Any]:
    known = {p.name: p for p in operation.parameters if p.where == "query"}
    unknown = sorted(set(query) - set(known))
    if unknown:
        refused = unknown_names(unknown, list(known), "query parameter")
        raise EngageToolError(f"{operation.operation_id}: {refused}; it takes {sorted(known)}")
    missing = [name for name, p in known.items() if p.required and name not in query]
    if missing:
        raise EngageToolError(f"{operation.operation_id} needs the query parameters {missing}")
    for name, value in query.items():
        if not all(isinstance(v, str | int | float | bool) for v in (value if isinstance(value, list) else [value])):
            raise EngageToolError(f"query parameter {shown(name)} must be text, a number, a boolean or a list of them")
    return dict(query)


def _whole(operation_id: str, answer: Any, budget: int, keep: RowFilter) -> dict[str, Any]:
    if isinstance(answer, dict) and isinstance(answer.get("data"), list):
        items = [keep(item) for item in answer["data"]]
        return fit_rows({"operation_id": operation_id, "items": items, "truncated": False}, "items", budget=budget)
    if isinstance(answer, dict) and set(answer) == {"data"}:  # one object, in the API's envelope
        answer = answer["data"]
    answer = keep(answer)
    envelope = {"operation_id": operation_id, "result": answer, "truncated": False}
    if fits(envelope, budget):  # UTF-8 bytes of the JSON sent, as every budget counts (not characters)
        return envelope
    keys = sorted(answer) if isinstance(answer, dict) else []
    return {
        "operation_id": operation_id,
        "result": None,
        "truncated": True,
        "note": f"the whole result is over {budget // 1024} KB; its fields: {keys}; ask detail='full'",
    }


RowFilter = Callable[[Any], Any]


def field_names(shape: str) -> list[str]:
    """The fields of a row of `shape` (`appointment`, `employee`): what `fields` may name."""
    return list(DEFS[shape]["properties"])


def _row_filter(fields: list[str] | None, known: list[str], what: str) -> RowFilter:
    """A filter keeping `fields` (and the id) of a row, the rest as it is; unknown names refused, the nearest named."""
    if fields is None:
        return lambda row: row
    unknown = [name for name in fields if name not in known]
    if unknown:
        raise EngageToolError(f"{unknown_names(unknown, known, what)}; the fields: {', '.join(known)}")
    kept = {"id", *fields}
    return lambda row: {name: value for name, value in row.items() if name in kept} if isinstance(row, dict) else row


def _offset(cursor: str | None) -> int:
    if cursor is None:
        return 0
    if not cursor.isdigit():
        raise EngageToolError(f"cursor {shown(cursor)} is not one this server gave (use next_cursor as it is)")
    return int(cursor)


def _segment(value: str) -> str:
    """One path segment: an id with a slash or dot-segment would reach another path."""
    from urllib.parse import quote  # noqa: PLC0415

    if value in {".", ".."} or not value:
        raise EngageToolError(f"{shown(value)} is not an id")
    return quote(value, safe="")


APPOINTMENT_LIST = output_schema(
    {
        # `truncated` and `left_out` come when rows were cut to the budget (left out here: the 2 KiB budget).
        "appointments": {"type": "array", "items": ref("appointment")},
        "total": {"type": ["integer", "null"]},
        "counts_by_status": {"type": "object"},
        "next_cursor": {"type": ["string", "null"]},  # counts: integers
        "note": {"type": "string"},  # total null: why, and how the page was counted
    },
    ["appointments", "total", "counts_by_status", "next_cursor"],
    ("appointment",),
)
APPOINTMENT_ONE = output_schema(
    {"appointment": {"type": "object"}, "detail": {"enum": ["compact", "full"]}}, ["appointment", "detail"]
)
EMPLOYEES = output_schema(
    {
        "employees": {"type": "array", "items": ref("employee")},
        "count": {"type": ["integer", "null"]},
        "ambiguous": {"type": "boolean"},
        "note": {"type": "string"},
    },
    ["employees", "count", "ambiguous"],
    ("employee",),
)
SCHEDULE = output_schema(
    {
        "employee_id": {"type": "string"},
        "time_zone": {"type": ["string", "null"]},
        "appointments": {"type": "array", "items": ref("appointment")},
        "external_events": {"type": "array", "items": {"type": "object"}},
        "availability": {"type": ["array", "null"]},
        "busy": {"type": "array", "items": {"type": "object"}},
        "free": {"type": "array", "items": {"type": "object"}},
        "notes": {"type": "array", "items": {"type": "string"}},
    },
    ["employee_id", "appointments", "external_events"],
    ("appointment",),
    cut=True,
)
PROPOSALS = output_schema(
    {"office_id": {"type": "string"}, "candidates": {"type": "array"}, "reasons": {"type": "array"}},
    ["office_id", "candidates", "reasons"],
    cut=True,
)
TIMETABLE = output_schema({"slots": {"type": "array"}, "count": {"type": "integer"}}, ["slots", "count"], cut=True)
FOUND = output_schema(
    {
        "operations": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "operation_id": {"type": "string"},
                    "method": {"type": "string"},
                    "path": {"type": "string"},
                    "summary": {"type": "string"},
                    "tag": {"type": "string"},
                },
                "required": ["operation_id", "method", "path"],
            },
        },
        "count": {"type": "integer"},
        "note": {"type": "string"},
    },
    ["operations", "count"],
    cut=True,
)
OPERATION = output_schema(
    {
        "operation_id": {"type": "string"},
        "method": {"type": "string"},
        "path": {"type": "string"},
        "scope": {"type": ["string", "null"]},
        "parameters": {"type": "array"},
        "body_fields": {"type": "array"},
        "error_statuses": {"type": "array"},
        "paged": {"type": "boolean"},
        "result_fields": {"type": "array", "items": {"type": "string"}},
    },
    ["operation_id", "method", "path", "parameters"],
)
GENERIC = output_schema(
    {
        "operation_id": {"type": "string"},
        "items": {"type": "array"},
        "result": {},
        "total": {"type": ["integer", "null"]},
        "truncated": {"type": "boolean"},
        "next_offset": {"type": ["integer", "null"]},
        "left_out": {"type": "integer"},
        "note": {"type": "string"},
    },
    ["operation_id", "truncated"],
)


def _each_adviser_first(reasons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each adviser's first reason, then the others, each in order: an answer cut to its budget (the last rows
    first) still says why each adviser offers nothing, as long as one reason each fits."""
    seen: set[Any] = set()
    first: list[dict[str, Any]] = []
    rest: list[dict[str, Any]] = []
    for reason in reasons:
        (rest if reason["employee_id"] in seen else first).append(reason)
        seen.add(reason["employee_id"])
    return first + rest
