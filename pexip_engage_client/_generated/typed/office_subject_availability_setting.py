# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `office_subject_availability_setting` (see `__init__.py`)."""

import msgspec

from ..models.meeting_type import MeetingType
from . import ABSENT
from .reference import ReferenceWire


class OfficeSubjectAvailabilitySettingWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "meeting_type": "meetingType",
        "subject": "subject",
        "auto_accept": "autoAccept",
        "estimated_duration": "estimatedDuration",
        "time_slot_granularity": "timeSlotGranularity",
        "trailing_buffer_time": "trailingBufferTime",
        "time_slot_earliest_possible": "timeSlotEarliestPossible",
        "time_slot_latest_possible": "timeSlotLatestPossible",
        "max_concurrent_appointments": "maxConcurrentAppointments",
    },
):
    """The typed form of `OfficeSubjectAvailabilitySetting`."""

    meeting_type: MeetingType
    subject: ReferenceWire
    auto_accept: bool | None = ABSENT
    estimated_duration: int | None = ABSENT
    time_slot_granularity: int | None = ABSENT
    trailing_buffer_time: int | None = ABSENT
    time_slot_earliest_possible: int | None = ABSENT
    time_slot_latest_possible: int | None = ABSENT
    max_concurrent_appointments: int | None = ABSENT
