# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `defined_availability` (see `__init__.py`)."""

import msgspec

from ..models.meeting_type import MeetingType
from . import ABSENT
from .reference import ReferenceWire


class DefinedAvailabilityWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "start": "start",
        "end": "end",
        "employee": "employee",
        "office": "office",
        "subject": "subject",
        "meeting_type": "meetingType",
        "force_manual_accept": "forceManualAccept",
        "max_concurrent_appointments": "maxConcurrentAppointments",
    },
):
    """The typed form of `DefinedAvailability`."""

    start: str
    end: str
    employee: ReferenceWire
    office: ReferenceWire
    subject: ReferenceWire
    meeting_type: MeetingType
    force_manual_accept: bool = ABSENT
    max_concurrent_appointments: int | None = ABSENT
