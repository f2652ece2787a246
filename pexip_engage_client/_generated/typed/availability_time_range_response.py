# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `availability_time_range_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.availability_time_range import AvailabilityTimeRange
from ..models.availability_time_range_response import AvailabilityTimeRangeResponse
from ..models.reference import Reference
from . import new, parse_datetime
from .availability_time_range import AvailabilityTimeRangeWire


class AvailabilityTimeRangeResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `AvailabilityTimeRangeResponse`."""

    data: AvailabilityTimeRangeWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(AvailabilityTimeRangeResponseWire).decode
MODEL = AvailabilityTimeRangeResponse
WIRE = AvailabilityTimeRangeResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> AvailabilityTimeRangeResponse:
    s = decode(content)
    v1 = new(AvailabilityTimeRangeResponse)
    v2 = s.data
    v3 = new(AvailabilityTimeRange)
    v3.id = v2.id
    v3.start_time = v2.start_time
    v3.end_time = v2.end_time
    v4 = v2.availability_template
    v5 = new(Reference)
    v5.id = v4.id
    v5.additional_properties = {}
    v3.availability_template = v5
    v3.created_at = parse_datetime(v2.created_at)
    v3.updated_at = parse_datetime(v2.updated_at)
    v3.day_of_week = v2.day_of_week
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1
