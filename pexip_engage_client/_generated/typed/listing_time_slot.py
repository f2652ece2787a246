# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `listing_time_slot` (see `__init__.py`)."""

import msgspec

from .listing_time_slot_assignment import ListingTimeSlotAssignmentWire
from .reference import ReferenceWire


class ListingTimeSlotWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "listing": "listing",
        "date": "date",
        "start_time": "startTime",
        "end_time": "endTime",
        "bookable": "bookable",
        "assignments": "assignments",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
    },
):
    """The typed form of `ListingTimeSlot`."""

    id: str
    listing: ReferenceWire
    date: str
    start_time: str
    end_time: str
    bookable: bool
    assignments: list[ListingTimeSlotAssignmentWire]
    created_at: str
    updated_at: str
