# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `region` (see `__init__.py`)."""

import msgspec

from . import ABSENT


class RegionWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "name": "name",
        "code": "code",
        "country_code": "countryCode",
        "level": "level",
        "parent_id": "parentId",
    },
):
    """The typed form of `Region`."""

    id: str
    name: str
    code: str | None
    country_code: str = ABSENT
    level: int = ABSENT
    parent_id: str | None = ABSENT
