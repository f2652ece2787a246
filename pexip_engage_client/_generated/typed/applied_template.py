# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `applied_template` (see `__init__.py`)."""

import msgspec

from .reference import ReferenceWire


class AppliedTemplateWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "start_date": "startDate",
        "end_date": "endDate",
        "availability_template": "availabilityTemplate",
        "time_zone": "timeZone",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
    },
):
    """The typed form of `AppliedTemplate`."""

    start_date: str
    end_date: str
    availability_template: ReferenceWire
    time_zone: str
    created_at: str
    updated_at: str
