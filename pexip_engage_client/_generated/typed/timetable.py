# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `timetable` (see `__init__.py`)."""

import msgspec

from ..models.meeting_type import MeetingType
from . import ABSENT
from .reference import ReferenceWire


class TimetableWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "duration": "duration",
        "earliest_possible": "earliestPossible",
        "latest_possible": "latestPossible",
        "listing": "listing",
        "meeting_type": "meetingType",
    },
):
    """The typed form of `Timetable`."""

    duration: int
    earliest_possible: str
    latest_possible: str
    listing: ReferenceWire | None = ABSENT
    meeting_type: MeetingType = ABSENT
