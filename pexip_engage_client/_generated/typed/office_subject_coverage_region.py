# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `office_subject_coverage_region` (see `__init__.py`)."""

import msgspec

from ..models.meeting_type import MeetingType
from .reference import ReferenceWire


class OfficeSubjectCoverageRegionWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"meeting_type": "meetingType", "office": "office", "regions": "regions", "subject": "subject"},
):
    """The typed form of `OfficeSubjectCoverageRegion`."""

    meeting_type: MeetingType
    office: ReferenceWire
    regions: list[ReferenceWire]
    subject: ReferenceWire
