# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `listing_time_slot_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.listing_time_slot import ListingTimeSlot
from ..models.listing_time_slot_assignment import ListingTimeSlotAssignment
from ..models.listing_time_slot_list import ListingTimeSlotList
from ..models.meta import Meta
from ..models.reference import Reference
from . import new, parse_datetime
from .listing_time_slot import ListingTimeSlotWire
from .meta import MetaWire


class ListingTimeSlotListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `ListingTimeSlotList`."""

    data: list[ListingTimeSlotWire]
    meta: MetaWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(ListingTimeSlotListWire).decode
MODEL = ListingTimeSlotList
WIRE = ListingTimeSlotListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> ListingTimeSlotList:
    s = decode(content)
    v1 = new(ListingTimeSlotList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(ListingTimeSlot)
        v4.id = v3.id
        v5 = v3.listing
        v6 = new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.listing = v6
        v4.date = v3.date
        v4.start_time = v3.start_time
        v4.end_time = v3.end_time
        v4.bookable = v3.bookable
        v7: list[Any] = []
        for v8 in v3.assignments:
            v9 = new(ListingTimeSlotAssignment)
            v10 = v8.employee
            v11 = new(Reference)
            v11.id = v10.id
            v11.additional_properties = {}
            v9.employee = v11
            v9.exclusive = v8.exclusive
            v9.additional_properties = {}
            v7.append(v9)
        v4.assignments = v7
        v4.created_at = parse_datetime(v3.created_at)
        v4.updated_at = parse_datetime(v3.updated_at)
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v12 = s.meta
    v13 = new(Meta)
    v13.total_count = v12.total_count
    v13.offset = v12.offset
    v13.limit = v12.limit
    v13.additional_properties = {}
    v1.meta = v13
    v1.additional_properties = {}
    return v1
