# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `meeting_room_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.meeting_room import MeetingRoom
from ..models.meeting_room_list import MeetingRoomList
from ..models.meta import Meta
from . import UNSET, new, parse_datetime
from .meeting_room import MeetingRoomWire
from .meta import MetaWire


class MeetingRoomListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `MeetingRoomList`."""

    data: list[MeetingRoomWire]
    meta: MetaWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(MeetingRoomListWire).decode
MODEL = MeetingRoomList
WIRE = MeetingRoomListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> MeetingRoomList:
    s = decode(content)
    v1 = new(MeetingRoomList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(MeetingRoom)
        v4.id = v3.id
        v4.external_id = v3.external_id
        v4.active = v3.active
        v4.capacity = v3.capacity
        v4.email = v3.email
        v4.is_wheel_chair_accessible = v3.is_wheel_chair_accessible
        v4.name = v3.name
        v4.provider = v3.provider
        v4.time_zone = v3.time_zone
        v5 = v3.created_at
        if v5 is not UNSET:
            v5 = parse_datetime(v5)
        v4.created_at = v5
        v6 = v3.updated_at
        if v6 is not UNSET:
            v6 = parse_datetime(v6)
        v4.updated_at = v6
        v7 = v3.deleted_at
        if v7 is not None and v7 is not UNSET:
            v7 = parse_datetime(v7)
        v4.deleted_at = v7
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v8 = s.meta
    v9 = new(Meta)
    v9.total_count = v8.total_count
    v9.offset = v8.offset
    v9.limit = v8.limit
    v9.additional_properties = {}
    v1.meta = v9
    v1.additional_properties = {}
    return v1
