# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `lead_segment_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.lead_segment import LeadSegment
from ..models.lead_segment_response import LeadSegmentResponse
from . import UNSET, new, parse_datetime
from .lead_segment import LeadSegmentWire


class LeadSegmentResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `LeadSegmentResponse`."""

    data: LeadSegmentWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(LeadSegmentResponseWire).decode
MODEL = LeadSegmentResponse
WIRE = LeadSegmentResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> LeadSegmentResponse:
    s = decode(content)
    v1 = new(LeadSegmentResponse)
    v2 = s.data
    v3 = new(LeadSegment)
    v3.id = v2.id
    v3.code = v2.code
    v3.created_at = parse_datetime(v2.created_at)
    v3.updated_at = parse_datetime(v2.updated_at)
    v3.description = v2.description
    v4 = v2.deleted_at
    if v4 is not None and v4 is not UNSET:
        v4 = parse_datetime(v4)
    v3.deleted_at = v4
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1
