# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `reference` (see `__init__.py`)."""

import msgspec


class ReferenceWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"id": "id"}):
    """The typed form of `Reference`."""

    id: str
