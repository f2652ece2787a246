"""The response bodies every benchmark peer receives, built from openapi.yaml's documented examples.

The documented appointment has one participant where the schema asks for at least two; peers that
enforce `minItems` (OpenAPI Generator's client) would refuse it, so every peer gets it with a
second participant added. Pages repeat an example with distinct ids.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml

_SPEC = yaml.safe_load((Path(__file__).resolve().parent.parent / "openapi.yaml").read_text())
_EXAMPLES = _SPEC["components"]["examples"]


def _appointment(number: int) -> dict[str, Any]:
    appointment: dict[str, Any] = copy.deepcopy(_EXAMPLES["Appointment"]["value"]["data"])
    appointment["id"] = str(number)
    appointment["appointmentParticipants"].append(
        {
            "role": "SECONDARY",
            "participant": {"id": f"customer-{number}"},
            "type": "CUSTOMER",
            "videoUrl": None,
            "videoTestUrl": None,
        }
    )
    return appointment


def _employee(number: int) -> dict[str, Any]:
    employee: dict[str, Any] = copy.deepcopy(_EXAMPLES["Employee"]["value"]["data"])
    employee["id"] = f"employee-{number}"
    return employee


def employees(count: int) -> list[dict[str, Any]]:
    return [_employee(number) for number in range(count)]


def encode(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


APPOINTMENT = encode({"data": _appointment(123)})
APPOINTMENT_PAGE = encode(
    {"data": [_appointment(number) for number in range(1000)], "meta": {"offset": 0, "limit": 1000, "totalCount": 1000}}
)
EMPLOYEE_PAGE = encode({"data": employees(1000), "meta": {"offset": 0, "limit": 1000, "totalCount": 1000}})
