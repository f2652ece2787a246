# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `office_subject_coverage_region_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.office_subject_coverage_region import OfficeSubjectCoverageRegion
from ..models.office_subject_coverage_region_list import OfficeSubjectCoverageRegionList
from ..models.reference import Reference
from . import new
from .office_subject_coverage_region import OfficeSubjectCoverageRegionWire


class OfficeSubjectCoverageRegionListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `OfficeSubjectCoverageRegionList`."""

    data: list[OfficeSubjectCoverageRegionWire]


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(OfficeSubjectCoverageRegionListWire).decode
MODEL = OfficeSubjectCoverageRegionList
WIRE = OfficeSubjectCoverageRegionListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> OfficeSubjectCoverageRegionList:
    s = decode(content)
    v1 = new(OfficeSubjectCoverageRegionList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(OfficeSubjectCoverageRegion)
        v4.meeting_type = v3.meeting_type
        v5 = v3.office
        v6 = new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.office = v6
        v7: list[Any] = []
        for v8 in v3.regions:
            v9 = new(Reference)
            v9.id = v8.id
            v9.additional_properties = {}
            v7.append(v9)
        v4.regions = v7
        v10 = v3.subject
        v11 = new(Reference)
        v11.id = v10.id
        v11.additional_properties = {}
        v4.subject = v11
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1
