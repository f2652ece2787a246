"""Compact rows an agent reads, and the JSON schemas that describe them (shared through `$defs`).

A row keeps what an agent reasons with (ids, times, status, who) and drops what it rarely needs
(audit fields, empty answers); `detail="full"` gives the API's object as it is.
"""

from __future__ import annotations

from typing import Any

# A value copied from the API's answer is left untyped (`{}`): openapi.yaml is partly guessed, and
# the client returns an answer that differs from it, so a row holds what the API sent and
# its schema must accept it whatever its type: an agent never gets an error for the spec's guess.
_AS_SENT = "values as the API sent them (the spec's types: ids, status, meeting type text; times ISO 8601)"

# The shapes several tools return, each described once; a tool's output schema carries the ones it uses.
DEFS: dict[str, Any] = {
    "appointment": {
        "type": "object",
        "description": _AS_SENT,
        "properties": {
            "id": {}, "external_id": {}, "start": {}, "end": {}, "status": {}, "meeting_type": {},
            "subject_id": {}, "office_id": {},
            "employee_ids": {"type": "array", "items": {"type": "string"}},
            "customer_ids": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["id"],  # a `fields` argument may keep only some
    },
    "employee": {
        "type": "object",
        "description": _AS_SENT,
        "properties": {
            "id": {}, "external_id": {}, "username": {}, "email": {}, "name": {"type": "string"}, "status": {},
        },
        "required": ["id"],
    },
}  # fmt: skip


def output_schema(
    properties: dict[str, Any], required: list[str], uses: tuple[str, ...] = (), *, cut: bool = False
) -> dict[str, Any]:
    """An object schema whose `$ref`s point at the shared shapes it names in `uses`; `cut`: its rows may be cut
    to its budget, which it then says (`fit_rows`)."""
    if cut:
        properties = {**properties, "truncated": {"type": "boolean"}, "left_out": {"type": "integer"}}
    properties = {"untrusted": {"type": "string"}, **properties}  # `_results.UNTRUSTED`, on what Engage keeps
    schema: dict[str, Any] = {"type": "object", "properties": properties, "required": required}
    if uses:
        schema["$defs"] = {name: DEFS[name] for name in uses}
    return schema


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def appointment_row(item: dict[str, Any]) -> dict[str, Any]:
    participants = item.get("appointmentParticipants")
    participants = participants if isinstance(participants, list) else []

    def ids(kind: str) -> list[str]:
        return [
            str(p["participant"].get("id"))
            for p in participants
            if isinstance(p, dict) and p.get("type") == kind and isinstance(p.get("participant"), dict)
        ]

    def id_of(field: str) -> Any:
        value = item.get(field)
        return value.get("id") if isinstance(value, dict) else None

    return {
        "id": item.get("id"),
        "external_id": item.get("externalId"),
        "start": item.get("start"),
        "end": item.get("end"),
        "status": item.get("status"),
        "meeting_type": item.get("meetingType"),
        "subject_id": id_of("subject"),
        "office_id": id_of("office"),
        "employee_ids": ids("EMPLOYEE"),
        "customer_ids": ids("CUSTOMER"),
    }


def employee_row(item: dict[str, Any]) -> dict[str, Any]:
    name = " ".join(str(part) for part in (item.get("firstName"), item.get("lastName")) if part)
    return {
        "id": item.get("id"),
        "external_id": item.get("externalId"),
        "username": item.get("username"),
        "email": item.get("email"),
        "name": name,
        "status": item.get("status"),
    }
