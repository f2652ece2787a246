"""Required means required, decided once with its evidence: each field openapi.yaml requires of a
body that creates something is listed in the schema's `x-required-evidence`, with the evidence."""

from __future__ import annotations

from typing import Any

from ..support.spec import SPEC


def _body_schema(operation: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if not isinstance(body, dict) or "$ref" not in body:
        return None
    name = body["$ref"].rsplit("/", 1)[-1]
    return name, SPEC["components"]["schemas"][name]


def _creates() -> dict[str, tuple[str, dict[str, Any]]]:
    found = {}
    for item in SPEC["paths"].values():
        for method, operation in item.items():
            if method in ("post", "put") and operation["operationId"].startswith(("create", "apply")):
                schema = _body_schema(operation)
                if schema is not None:
                    found[operation["operationId"]] = schema
    return found


def test_every_field_a_create_requires_has_its_evidence() -> None:
    creates = _creates()
    assert "createAppointment" in creates
    for operation_id, (name, schema) in creates.items():
        evidence = schema.get("x-required-evidence", [])
        covered = [field for entry in evidence for field in entry["fields"]]
        assert sorted(covered) == sorted(schema.get("required", [])), (operation_id, name)
        assert all(len(entry["evidence"]) > 40 for entry in evidence), (operation_id, name)


def test_an_appointment_needs_what_the_invite_proves_and_not_its_time() -> None:
    required = SPEC["components"]["schemas"]["AppointmentCreate"]["required"]
    assert sorted(required) == ["appointmentParticipants", "meetingType", "officeId", "subjectId"]
