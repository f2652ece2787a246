# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `availability_template` (see `__init__.py`)."""

import msgspec

from ..models.availability_template_type import AvailabilityTemplateType
from .reference import ReferenceWire


class AvailabilityTemplateWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "name": "name",
        "type_": "type",
        "time_zone": "timeZone",
        "employee": "employee",
        "color": "color",
        "order": "order",
        "is_default": "isDefault",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
    },
):
    """The typed form of `AvailabilityTemplate`."""

    id: str
    name: str
    type_: AvailabilityTemplateType
    time_zone: str
    employee: ReferenceWire
    color: str
    order: int
    is_default: bool
    created_at: str
    updated_at: str
