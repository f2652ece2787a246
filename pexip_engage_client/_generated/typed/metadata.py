# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `metadata` (see `__init__.py`)."""

import msgspec


class MetadataWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={}):
    """The typed form of `Metadata`."""
