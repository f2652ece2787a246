# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `form` (see `__init__.py`)."""

import msgspec

from . import ABSENT


class FormWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "name": "name",
        "type_": "type",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "deleted_at": "deletedAt",
    },
):
    """The typed form of `Form`."""

    id: str
    name: str = ABSENT
    type_: str = ABSENT
    created_at: str = ABSENT
    updated_at: str = ABSENT
    deleted_at: str | None = ABSENT
