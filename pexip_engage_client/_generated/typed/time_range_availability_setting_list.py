# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `time_range_availability_setting_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.availability_setting import AvailabilitySetting
from ..models.reference import Reference
from ..models.subject_availability_settings import SubjectAvailabilitySettings
from ..models.time_range_availability_setting import TimeRangeAvailabilitySetting
from ..models.time_range_availability_setting_list import TimeRangeAvailabilitySettingList
from . import new
from .time_range_availability_setting import TimeRangeAvailabilitySettingWire


class TimeRangeAvailabilitySettingListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `TimeRangeAvailabilitySettingList`."""

    data: list[TimeRangeAvailabilitySettingWire]


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(TimeRangeAvailabilitySettingListWire).decode
MODEL = TimeRangeAvailabilitySettingList
WIRE = TimeRangeAvailabilitySettingListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> TimeRangeAvailabilitySettingList:
    s = decode(content)
    v1 = new(TimeRangeAvailabilitySettingList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(TimeRangeAvailabilitySetting)
        v4.force_manual_accept = v3.force_manual_accept
        v4.overrides_default = v3.overrides_default
        v5 = v3.availability_time_range
        v6 = new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.availability_time_range = v6
        v7 = v3.office
        v8 = new(Reference)
        v8.id = v7.id
        v8.additional_properties = {}
        v4.office = v8
        v9: list[Any] = []
        for v10 in v3.subject_availability_settings:
            v11 = new(SubjectAvailabilitySettings)
            v12 = v10.subject
            v13 = new(Reference)
            v13.id = v12.id
            v13.additional_properties = {}
            v11.subject = v13
            v14: list[Any] = []
            for v15 in v10.availability_settings:
                v16 = new(AvailabilitySetting)
                v16.meeting_type = v15.meeting_type
                v16.auto_accept = v15.auto_accept
                v16.estimated_duration = v15.estimated_duration
                v16.time_slot_granularity = v15.time_slot_granularity
                v16.trailing_buffer_time = v15.trailing_buffer_time
                v16.time_slot_earliest_possible = v15.time_slot_earliest_possible
                v16.time_slot_latest_possible = v15.time_slot_latest_possible
                v16.max_concurrent_appointments = v15.max_concurrent_appointments
                v16.additional_properties = {}
                v14.append(v16)
            v11.availability_settings = v14
            v11.additional_properties = {}
            v9.append(v11)
        v4.subject_availability_settings = v9
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1
