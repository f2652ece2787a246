# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `timetable_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.reference import Reference
from ..models.timetable import Timetable
from ..models.timetable_response import TimetableResponse
from . import UNSET, new, parse_datetime
from .timetable import TimetableWire


class TimetableResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `TimetableResponse`."""

    data: TimetableWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(TimetableResponseWire).decode
MODEL = TimetableResponse
WIRE = TimetableResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> TimetableResponse:
    s = decode(content)
    v1 = new(TimetableResponse)
    v2 = s.data
    v3 = new(Timetable)
    v3.duration = v2.duration
    v3.earliest_possible = parse_datetime(v2.earliest_possible)
    v3.latest_possible = parse_datetime(v2.latest_possible)
    v4 = v2.listing
    if v4 is not None and v4 is not UNSET:
        v5 = new(Reference)
        v5.id = v4.id
        v5.additional_properties = {}
        v4 = v5
    v3.listing = v4
    v3.meeting_type = v2.meeting_type
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1
