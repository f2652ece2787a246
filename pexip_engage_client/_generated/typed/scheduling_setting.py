# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `scheduling_setting` (see `__init__.py`)."""

import msgspec

from ..models.meeting_type import MeetingType
from .reference import ReferenceWire


class SchedulingSettingWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"meeting_type": "meetingType", "subject": "subject"},
):
    """The typed form of `SchedulingSetting`."""

    meeting_type: MeetingType
    subject: ReferenceWire
