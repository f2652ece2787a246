# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `customer` (see `__init__.py`)."""

import msgspec

from ..models.language import Language
from . import ABSENT
from .location import LocationWire


class CustomerWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "existing": "existing",
        "time_zone": "timeZone",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "deleted_at": "deletedAt",
        "external_id": "externalId",
        "customer_number": "customerNumber",
        "email": "email",
        "first_name": "firstName",
        "last_name": "lastName",
        "company": "company",
        "language": "language",
        "notes": "notes",
        "phone_number": "phoneNumber",
        "location": "location",
    },
):
    """The typed form of `Customer`."""

    id: str
    existing: bool
    time_zone: str
    created_at: str
    updated_at: str
    deleted_at: str | None
    external_id: str | None = ABSENT
    customer_number: str | None = ABSENT
    email: str | None = ABSENT
    first_name: str | None = ABSENT
    last_name: str | None = ABSENT
    company: str | None = ABSENT
    language: Language | None = ABSENT
    notes: str | None = ABSENT
    phone_number: str | None = ABSENT
    location: LocationWire | None = ABSENT
