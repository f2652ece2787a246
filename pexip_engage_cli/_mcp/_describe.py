"""What the person is asked before a write (`_elicit.py`), in people's words: a name that cannot be read is
shown as the id, and the same arguments give the same words (the 2026-07-28 era asks again with them).
"""

from __future__ import annotations

import asyncio
import datetime
import json
from typing import TYPE_CHECKING, Any
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pexip_engage_client import errors
from pexip_engage_client._base.answer_fields import Unread, json_field
from pexip_engage_client._base.timing import parse_datetime

from ._results import clip, one_line

if TYPE_CHECKING:
    from pexip_engage_client import PexipEngage

    from ._catalog import Operation

# The most characters of a body a question quotes.
BODY_LIMIT = 400


class Describer:
    """The questions of the write tools, read through one client."""

    def __init__(self, engage: PexipEngage) -> None:
        self.engage = engage

    async def _read(self, path: str) -> dict[str, Any] | None:
        try:
            answer = await self.engage.get(path)
        except (errors.PexipEngageError, ValueError):
            return None
        data = answer.get("data") if isinstance(answer, dict) else None
        return data if isinstance(data, dict) else None

    async def _person(self, kind: str, person_id: str) -> tuple[str, str | None]:
        """A person's name and e-mail address (`kind`: employees or customers), and their time zone."""
        item = await self._read(f"/{kind}/{quote(person_id, safe='')}") or {}
        name = " ".join(str(part) for part in (item.get("firstName"), item.get("lastName")) if part)
        email = item.get("email")
        shown = f"{name or clip(person_id)}" + (f" <{email}>" if email else "") + f" (id {clip(person_id)})"
        zone = item.get("timeZone")
        return shown, zone if isinstance(zone, str) and zone else None

    async def _subject(self, subject_id: str | None) -> str:
        if not subject_id:
            return "no subject"
        item = await self._read(f"/subjects/{quote(subject_id, safe='')}") or {}
        name = item.get("name")
        text = name.get("value") if isinstance(name, dict) else name
        return f"{text} (subject {clip(subject_id)})" if text else f"subject {clip(subject_id)}"

    async def _people(self, participants: list[tuple[str, str]]) -> tuple[list[str], str | None]:
        """Each participant (type, id) named, and the zone to show times in: the first employee's, else a customer's."""
        kinds = {"EMPLOYEE": "employees", "CUSTOMER": "customers"}
        found = await asyncio.gather(*(self._person(kinds.get(kind, "customers"), pid) for kind, pid in participants))
        zones = [zone for (kind, _), (_, zone) in zip(participants, found, strict=True) if zone and kind == "EMPLOYEE"]
        zones += [zone for _, zone in found if zone]
        return [name for name, _ in found], (zones[0] if zones else None)

    async def busy_note(self, employee_id: str, start: str, end: str) -> str:
        """What a booking's words add when its time overlaps the employee's busy time ("" when it does not): it
        only tells the person, Engage decides; a time it cannot read, or a read that fails, is said so."""
        try:
            view = await self.engage.availability.free_busy(employee_id, start=start, end=end, office_id=())
        except (ValueError, errors.PexipEngageError) as exc:
            return f"; busy time not checked ({clip(one_line(str(exc), []))})"
        if not view.busy:
            return ""
        held = ", ".join(
            f"{b.kind.replace('_', ' ')} {clip(b.id)} ({b.status}) {b.start.isoformat()}..{b.end.isoformat()}"
            for b in view.busy[:3]
        )
        more = f" and {len(view.busy) - 3} more" if len(view.busy) > 3 else ""
        return f"; WARNING: overlaps the employee's busy time: {held}{more}"

    async def book(self, args: dict[str, Any]) -> str | None:
        """book_appointment: None when its external id is already booked (the tool says so, nothing to ask)."""
        try:
            existing = await self.engage.get("/appointments", params={"external-id": [args["external_id"]], "limit": 1})
        except (errors.PexipEngageError, ValueError):
            existing = {"data": []}
        found = json_field(existing, "/data", list)
        if not isinstance(found, Unread) and found:  # unreadable: described; the confirmed call's ensure decides
            return None
        participants = [("EMPLOYEE", args["employee_id"]), ("CUSTOMER", args["customer_id"])]
        (names, zone), subject, busy = await asyncio.gather(
            self._people(participants),
            self._subject(args["subject_id"]),
            self.busy_note(args["employee_id"], args["start"], args["end"]),
        )
        warning = f" {busy.removeprefix('; ')}." if busy else ""
        return (
            f"Book an appointment ({args['meeting_type']}) about {subject} at office {clip(args['office_id'])}, "
            f"{when(args['start'], args['end'], zone)}, with {names[0]} and customer {names[1]} "
            f"(external id {clip(args['external_id'])}). Engage notifies {names[0]} and {names[1]}.{warning}"
        )

    async def _appointment(self, appointment_id: str) -> tuple[str, list[str], str | None, dict[str, Any]]:
        """An appointment in words (subject, office, time), its people named, their zone, and the item."""
        item = await self._read(f"/appointments/{quote(appointment_id, safe='')}") or {}
        participants = [
            (str(p.get("type")), str((p.get("participant") or {}).get("id")))
            for p in item.get("appointmentParticipants") or []
            if isinstance(p, dict) and (p.get("participant") or {}).get("id")
        ]
        (names, zone), subject = await asyncio.gather(
            self._people(participants), self._subject((item.get("subject") or {}).get("id"))
        )
        office = (item.get("office") or {}).get("id")
        status = item.get("status")
        words = f"appointment {clip(appointment_id)}" + (
            f" ({status}, {subject}, office {clip(str(office))}, {when(item.get('start'), item.get('end'), zone)})"
            if item
            else " (not found: Engage will say so)"
        )
        return words, names, zone, item

    async def reschedule(self, args: dict[str, Any]) -> str | None:
        words, names, zone, _ = await self._appointment(args["id"])
        return f"Move {words} to {when(args['start'], args['end'], zone)}.{_notified(names)}"

    async def accept(self, args: dict[str, Any]) -> str | None:
        words, names, _, _ = await self._appointment(args["id"])
        return f"Accept {words}.{_notified(names)}"

    async def cancel(self, args: dict[str, Any]) -> str | None:
        words, names, _, _ = await self._appointment(args["id"])
        return f"Cancel {words}.{_notified(names)} (Cancel is inferred: the API documentation does not show it.)"

    async def reassign(self, args: dict[str, Any]) -> str | None:
        (words, names, _, _), (new, _) = await asyncio.gather(
            self._appointment(args["id"]), self._person("employees", args["employee_id"])
        )
        return f"Give {words} to {new} instead.{_notified([*names, new])}"

    async def operation(self, operation: Operation, args: dict[str, Any]) -> str:
        """call_write_operation: the operation, where it goes and what it sends."""
        sent = json.dumps(args.get("body"), sort_keys=True, default=str)
        body = sent if len(sent) <= BODY_LIMIT else sent[:BODY_LIMIT] + "..."
        return (
            f"Run {operation.method} {operation.path} ({operation.operation_id}: {operation.summary}) with "
            f"path {json.dumps(args.get('path_params'), sort_keys=True)}, query "
            f"{json.dumps(args.get('query'), sort_keys=True, default=str)} and body {body}. Engage may notify "
            "the people it concerns."
        )


def _notified(names: list[str]) -> str:
    return f" Engage notifies {', '.join(dict.fromkeys(names))}." if names else ""


def when(start: Any, end: Any, zone: str | None) -> str:
    """`start`..`end` in `zone` (UTC when None or unknown), naming the zone and its offsets."""
    try:
        tz: datetime.tzinfo = ZoneInfo(zone) if zone else datetime.UTC
    except (ZoneInfoNotFoundError, ValueError):
        tz, zone = datetime.UTC, None
    try:
        begins = parse_datetime(str(start)).astimezone(tz)
        ends = parse_datetime(str(end)).astimezone(tz)
    except ValueError:
        return f"{clip(str(start))} to {clip(str(end))}"
    same_day = begins.date() == ends.date()
    last = f"{ends:%H:%M}" if same_day else f"{ends:%a %d %b %Y %H:%M}"
    offsets = f"UTC{begins:%z}" + ("" if begins.utcoffset() == ends.utcoffset() else f"/UTC{ends:%z}")
    return f"{begins:%a %d %b %Y %H:%M} to {last} {zone or 'UTC'} time ({offsets})"
