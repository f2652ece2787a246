# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `listing_time_slot_assignment` (see `__init__.py`)."""

import msgspec

from .reference import ReferenceWire


class ListingTimeSlotAssignmentWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"employee": "employee", "exclusive": "exclusive"},
):
    """The typed form of `ListingTimeSlotAssignment`."""

    employee: ReferenceWire
    exclusive: bool
