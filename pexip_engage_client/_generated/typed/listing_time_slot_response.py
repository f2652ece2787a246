# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `listing_time_slot_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.listing_time_slot import ListingTimeSlot
from ..models.listing_time_slot_assignment import ListingTimeSlotAssignment
from ..models.listing_time_slot_response import ListingTimeSlotResponse
from ..models.reference import Reference
from . import new, parse_datetime
from .listing_time_slot import ListingTimeSlotWire


class ListingTimeSlotResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `ListingTimeSlotResponse`."""

    data: ListingTimeSlotWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(ListingTimeSlotResponseWire).decode
MODEL = ListingTimeSlotResponse
WIRE = ListingTimeSlotResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> ListingTimeSlotResponse:
    s = decode(content)
    v1 = new(ListingTimeSlotResponse)
    v2 = s.data
    v3 = new(ListingTimeSlot)
    v3.id = v2.id
    v4 = v2.listing
    v5 = new(Reference)
    v5.id = v4.id
    v5.additional_properties = {}
    v3.listing = v5
    v3.date = v2.date
    v3.start_time = v2.start_time
    v3.end_time = v2.end_time
    v3.bookable = v2.bookable
    v6: list[Any] = []
    for v7 in v2.assignments:
        v8 = new(ListingTimeSlotAssignment)
        v9 = v7.employee
        v10 = new(Reference)
        v10.id = v9.id
        v10.additional_properties = {}
        v8.employee = v10
        v8.exclusive = v7.exclusive
        v8.additional_properties = {}
        v6.append(v8)
    v3.assignments = v6
    v3.created_at = parse_datetime(v2.created_at)
    v3.updated_at = parse_datetime(v2.updated_at)
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1
