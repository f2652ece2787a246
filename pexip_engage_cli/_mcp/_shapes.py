"""Compact rows an agent reads, and the JSON schemas that describe them (shared through `$defs`).

A row keeps what an agent reasons with (ids, times, status, who) and drops what it rarely needs
(audit fields, empty answers); `detail="full"` gives the API's object as it is.
"""

from __future__ import annotations

from typing import Any

# The shapes several tools return, each described once; a tool's output schema carries the ones it uses.
DEFS: dict[str, Any] = {
    "appointment": {
        "type": "object",
        "properties": {
            "id": {"type": "string"}, "external_id": {"type": ["string", "null"]},
            "start": {"type": "string"}, "end": {"type": "string"}, "status": {"type": "string"},
            "meeting_type": {"type": "string"}, "subject_id": {"type": ["string", "null"]},
            "office_id": {"type": ["string", "null"]},
            "employee_ids": {"type": "array", "items": {"type": "string"}},
            "customer_ids": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["id"],  # a `fields` argument may keep only some
    },
    "employee": {
        "type": "object",
        "properties": {
            "id": {"type": "string"}, "external_id": {"type": ["string", "null"]},
            "username": {"type": ["string", "null"]}, "email": {"type": ["string", "null"]},
            "name": {"type": "string"}, "status": {"type": ["string", "null"]},
        },
        "required": ["id"],
    },
}  # fmt: skip


def output_schema(properties: dict[str, Any], required: list[str], uses: tuple[str, ...] = ()) -> dict[str, Any]:
    """An object schema whose `$ref`s point at the shared shapes it names in `uses`."""
    schema: dict[str, Any] = {"type": "object", "properties": properties, "required": required}
    if uses:
        schema["$defs"] = {name: DEFS[name] for name in uses}
    return schema


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def appointment_row(item: dict[str, Any]) -> dict[str, Any]:
    participants = item.get("appointmentParticipants") or []

    def ids(kind: str) -> list[str]:
        return [str(p["participant"]["id"]) for p in participants if p.get("type") == kind and p.get("participant")]

    return {
        "id": item.get("id"), "external_id": item.get("externalId"), "start": item.get("start"),
        "end": item.get("end"), "status": item.get("status"), "meeting_type": item.get("meetingType"),
        "subject_id": (item.get("subject") or {}).get("id"), "office_id": (item.get("office") or {}).get("id"),
        "employee_ids": ids("EMPLOYEE"), "customer_ids": ids("CUSTOMER"),
    }  # fmt: skip


def employee_row(item: dict[str, Any]) -> dict[str, Any]:
    name = " ".join(part for part in (item.get("firstName"), item.get("lastName")) if part)
    return {
        "id": item.get("id"), "external_id": item.get("externalId"), "username": item.get("username"),
        "email": item.get("email"), "name": name, "status": item.get("status"),
    }  # fmt: skip
