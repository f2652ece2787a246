# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `office_subject_availability_setting_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.office_subject_availability_setting import OfficeSubjectAvailabilitySetting
from ..models.office_subject_availability_setting_list import OfficeSubjectAvailabilitySettingList
from ..models.reference import Reference
from . import new
from .office_subject_availability_setting import OfficeSubjectAvailabilitySettingWire


class OfficeSubjectAvailabilitySettingListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `OfficeSubjectAvailabilitySettingList`."""

    data: list[OfficeSubjectAvailabilitySettingWire]


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(OfficeSubjectAvailabilitySettingListWire).decode
MODEL = OfficeSubjectAvailabilitySettingList
WIRE = OfficeSubjectAvailabilitySettingListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> OfficeSubjectAvailabilitySettingList:
    s = decode(content)
    v1 = new(OfficeSubjectAvailabilitySettingList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(OfficeSubjectAvailabilitySetting)
        v4.meeting_type = v3.meeting_type
        v5 = v3.subject
        v6 = new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.subject = v6
        v4.auto_accept = v3.auto_accept
        v4.estimated_duration = v3.estimated_duration
        v4.time_slot_granularity = v3.time_slot_granularity
        v4.trailing_buffer_time = v3.trailing_buffer_time
        v4.time_slot_earliest_possible = v3.time_slot_earliest_possible
        v4.time_slot_latest_possible = v3.time_slot_latest_possible
        v4.max_concurrent_appointments = v3.max_concurrent_appointments
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1
