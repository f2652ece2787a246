# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `meta` (see `__init__.py`)."""

import msgspec


class MetaWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"total_count": "totalCount", "offset": "offset", "limit": "limit"},
):
    """The typed form of `Meta`."""

    total_count: int
    offset: int
    limit: int
