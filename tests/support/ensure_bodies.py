"""The bodies the ensure tests create (tests/client/test_ensure.py, tests/limits/, tests/sync/)."""

from __future__ import annotations

from typing import Any

import attrs

from pexip_engage_client import models
from pexip_engage_client.testing import FakePexipEngage

APPOINTMENT: dict[str, Any] = {
    "start": "2026-03-01T10:00:00Z",
    "end": "2026-03-01T10:30:00Z",
    "subjectId": "subject-9",
    "officeId": "office-3",
    "meetingType": "VIDEO",
    "appointmentParticipants": [
        {"role": "PRIMARY", "participantId": "employee-1", "type": "EMPLOYEE"},
        {"role": "PRIMARY", "participantId": "customer-1", "type": "CUSTOMER"},
    ],
    "externalId": "CRM-1",
}
# What every appointment to create must have (openapi.yaml's AppointmentCreate `required`), for a
# test about another of its fields.
APPOINTMENT_NEEDS: dict[str, Any] = {
    name: APPOINTMENT[name] for name in ("subjectId", "officeId", "appointmentParticipants", "meetingType")
}


def appointment_create(**fields: Any) -> models.AppointmentCreate:
    """`models.AppointmentCreate` with what every one needs, and `fields` (by attribute name) as given."""
    return attrs.evolve(models.AppointmentCreate.from_dict(APPOINTMENT_NEEDS), **fields)


def seed_references(fake: FakePexipEngage) -> FakePexipEngage:
    """What APPOINTMENT refers to: the fake refuses references to records it does not have."""
    fake.add_subject(id="subject-9")
    fake.add_office(id="office-3")
    fake.add_employee(id="employee-1", email="employee-1@example.com")
    fake.add_customer(id="customer-1")
    return fake
