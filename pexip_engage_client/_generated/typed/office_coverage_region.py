# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `office_coverage_region` (see `__init__.py`)."""

import msgspec

from ..models.meeting_type import MeetingType
from .reference import ReferenceWire


class OfficeCoverageRegionWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"meeting_type": "meetingType", "office": "office", "regions": "regions"},
):
    """The typed form of `OfficeCoverageRegion`."""

    meeting_type: MeetingType
    office: ReferenceWire
    regions: list[ReferenceWire]
