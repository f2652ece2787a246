# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `listing_scheduling_settings` (see `__init__.py`)."""

import msgspec

from ..models.meeting_type import MeetingType
from .reference import ReferenceWire


class ListingSchedulingSettingsWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"employees": "employees", "meeting_types": "meetingTypes", "offices": "offices", "subjects": "subjects"},
):
    """The typed form of `ListingSchedulingSettings`."""

    employees: list[ReferenceWire]
    meeting_types: list[MeetingType]
    offices: list[ReferenceWire]
    subjects: list[ReferenceWire]
