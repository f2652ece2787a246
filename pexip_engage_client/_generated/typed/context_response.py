# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `context_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.context import Context
from ..models.context_response import ContextResponse
from ..models.metadata import Metadata
from . import UNSET, new, parse_datetime
from .context import ContextWire


class ContextResponseWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}):
    """The typed form of `ContextResponse`."""

    data: ContextWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(ContextResponseWire).decode
MODEL = ContextResponse
WIRE = ContextResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> ContextResponse:
    s = decode(content)
    v1 = new(ContextResponse)
    v2 = s.data
    v3 = new(Context)
    v3.id = v2.id
    v3.external_id = v2.external_id
    v3.appointment_external_id = v2.appointment_external_id
    v4 = v2.end
    if v4 is not None and v4 is not UNSET:
        v4 = parse_datetime(v4)
    v3.end = v4
    v5 = v2.metadata
    if v5 is not None and v5 is not UNSET:
        v6 = new(Metadata)
        v6.additional_properties = {}
        v5 = v6
    v3.metadata = v5
    v3.employee_ids = v2.employee_ids
    v3.secondary_employee_ids = v2.secondary_employee_ids
    v3.subject_ids = v2.subject_ids
    v3.subject_group_ids = v2.subject_group_ids
    v3.listing_ids = v2.listing_ids
    v3.lead_segment_ids = v2.lead_segment_ids
    v3.meeting_room_ids = v2.meeting_room_ids
    v3.meeting_types = v2.meeting_types
    v3.customer_ids = v2.customer_ids
    v3.secondary_customer_ids = v2.secondary_customer_ids
    v7 = v2.start
    if v7 is not None and v7 is not UNSET:
        v7 = parse_datetime(v7)
    v3.start = v7
    v8 = v2.expires_at
    if v8 is not UNSET:
        v8 = parse_datetime(v8)
    v3.expires_at = v8
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1
