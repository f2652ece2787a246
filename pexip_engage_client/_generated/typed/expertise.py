# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `expertise` (see `__init__.py`)."""

import msgspec

from ..models.meeting_type import MeetingType
from .reference import ReferenceWire


class ExpertiseWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "rank": "rank",
        "meeting_types": "meetingTypes",
        "employee": "employee",
        "subject": "subject",
        "office": "office",
    },
):
    """The typed form of `Expertise`."""

    rank: int
    meeting_types: list[MeetingType]
    employee: ReferenceWire
    subject: ReferenceWire
    office: ReferenceWire
