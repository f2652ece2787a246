# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `availability_time_range` (see `__init__.py`)."""

import msgspec

from ..models.day_of_week import DayOfWeek
from . import ABSENT
from .reference import ReferenceWire


class AvailabilityTimeRangeWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "start_time": "startTime",
        "end_time": "endTime",
        "availability_template": "availabilityTemplate",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "day_of_week": "dayOfWeek",
    },
):
    """The typed form of `AvailabilityTimeRange`."""

    id: str
    start_time: str
    end_time: str
    availability_template: ReferenceWire
    created_at: str
    updated_at: str
    day_of_week: DayOfWeek | None = ABSENT
