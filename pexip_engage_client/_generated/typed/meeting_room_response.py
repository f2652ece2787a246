# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `meeting_room_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.meeting_room import MeetingRoom
from ..models.meeting_room_response import MeetingRoomResponse
from . import UNSET, new, parse_datetime
from .meeting_room import MeetingRoomWire


class MeetingRoomResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `MeetingRoomResponse`."""

    data: MeetingRoomWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(MeetingRoomResponseWire).decode
MODEL = MeetingRoomResponse
WIRE = MeetingRoomResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> MeetingRoomResponse:
    s = decode(content)
    v1 = new(MeetingRoomResponse)
    v2 = s.data
    v3 = new(MeetingRoom)
    v3.id = v2.id
    v3.external_id = v2.external_id
    v3.active = v2.active
    v3.capacity = v2.capacity
    v3.email = v2.email
    v3.is_wheel_chair_accessible = v2.is_wheel_chair_accessible
    v3.name = v2.name
    v3.provider = v2.provider
    v3.time_zone = v2.time_zone
    v4 = v2.created_at
    if v4 is not UNSET:
        v4 = parse_datetime(v4)
    v3.created_at = v4
    v5 = v2.updated_at
    if v5 is not UNSET:
        v5 = parse_datetime(v5)
    v3.updated_at = v5
    v6 = v2.deleted_at
    if v6 is not None and v6 is not UNSET:
        v6 = parse_datetime(v6)
    v3.deleted_at = v6
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1
