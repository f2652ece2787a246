# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `office_relation` (see `__init__.py`)."""

import msgspec

from ..models.office_relation_role import OfficeRelationRole
from .reference import ReferenceWire


class OfficeRelationWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"role": "role", "office": "office"}
):
    """The typed form of `OfficeRelation`."""

    role: OfficeRelationRole
    office: ReferenceWire
