# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `region_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.meta import Meta
from ..models.region import Region
from ..models.region_list import RegionList
from . import new
from .meta import MetaWire
from .region import RegionWire


class RegionListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `RegionList`."""

    data: list[RegionWire]
    meta: MetaWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(RegionListWire).decode
MODEL = RegionList
WIRE = RegionListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> RegionList:
    s = decode(content)
    v1 = new(RegionList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(Region)
        v4.id = v3.id
        v4.name = v3.name
        v4.code = v3.code
        v4.country_code = v3.country_code
        v4.level = v3.level
        v4.parent_id = v3.parent_id
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v5 = s.meta
    v6 = new(Meta)
    v6.total_count = v5.total_count
    v6.offset = v5.offset
    v6.limit = v5.limit
    v6.additional_properties = {}
    v1.meta = v6
    v1.additional_properties = {}
    return v1
