# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `scheduling_setting_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.reference import Reference
from ..models.scheduling_setting import SchedulingSetting
from ..models.scheduling_setting_list import SchedulingSettingList
from . import new
from .scheduling_setting import SchedulingSettingWire


class SchedulingSettingListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `SchedulingSettingList`."""

    data: list[SchedulingSettingWire]


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(SchedulingSettingListWire).decode
MODEL = SchedulingSettingList
WIRE = SchedulingSettingListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> SchedulingSettingList:
    s = decode(content)
    v1 = new(SchedulingSettingList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(SchedulingSetting)
        v4.meeting_type = v3.meeting_type
        v5 = v3.subject
        v6 = new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.subject = v6
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1
