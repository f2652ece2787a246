# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `context` (see `__init__.py`)."""

import msgspec

from ..models.meeting_type import MeetingType
from . import ABSENT
from .metadata import MetadataWire


class ContextWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "external_id": "externalId",
        "appointment_external_id": "appointmentExternalId",
        "end": "end",
        "metadata": "metadata",
        "employee_ids": "employeeIds",
        "secondary_employee_ids": "secondaryEmployeeIds",
        "subject_ids": "subjectIds",
        "subject_group_ids": "subjectGroupIds",
        "listing_ids": "listingIds",
        "lead_segment_ids": "leadSegmentIds",
        "meeting_room_ids": "meetingRoomIds",
        "meeting_types": "meetingTypes",
        "customer_ids": "customerIds",
        "secondary_customer_ids": "secondaryCustomerIds",
        "start": "start",
        "expires_at": "expiresAt",
    },
):
    """The typed form of `Context`."""

    id: str
    external_id: str | None = ABSENT
    appointment_external_id: str | None = ABSENT
    end: str | None = ABSENT
    metadata: MetadataWire | None = ABSENT
    employee_ids: list[str] = ABSENT
    secondary_employee_ids: list[str] = ABSENT
    subject_ids: list[str] = ABSENT
    subject_group_ids: list[str] = ABSENT
    listing_ids: list[str] = ABSENT
    lead_segment_ids: list[str] = ABSENT
    meeting_room_ids: list[str] = ABSENT
    meeting_types: list[MeetingType] = ABSENT
    customer_ids: list[str] = ABSENT
    secondary_customer_ids: list[str] = ABSENT
    start: str | None = ABSENT
    expires_at: str = ABSENT
