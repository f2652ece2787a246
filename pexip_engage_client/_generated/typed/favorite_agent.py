# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `favorite_agent` (see `__init__.py`)."""

import msgspec

from .reference import ReferenceWire


class FavoriteAgentWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"office": "office", "employee": "employee"},
):
    """The typed form of `FavoriteAgent`."""

    office: ReferenceWire
    employee: ReferenceWire
