# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `lead_segment` (see `__init__.py`)."""

import msgspec

from . import ABSENT


class LeadSegmentWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "code": "code",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "description": "description",
        "deleted_at": "deletedAt",
    },
):
    """The typed form of `LeadSegment`."""

    id: str
    code: str
    created_at: str
    updated_at: str
    description: str | None = ABSENT
    deleted_at: str | None = ABSENT
