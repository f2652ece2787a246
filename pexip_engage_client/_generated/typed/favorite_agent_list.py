# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `favorite_agent_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.favorite_agent import FavoriteAgent
from ..models.favorite_agent_list import FavoriteAgentList
from ..models.meta import Meta
from ..models.reference import Reference
from . import new
from .favorite_agent import FavoriteAgentWire
from .meta import MetaWire


class FavoriteAgentListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `FavoriteAgentList`."""

    data: list[FavoriteAgentWire]
    meta: MetaWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(FavoriteAgentListWire).decode
MODEL = FavoriteAgentList
WIRE = FavoriteAgentListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> FavoriteAgentList:
    s = decode(content)
    v1 = new(FavoriteAgentList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(FavoriteAgent)
        v5 = v3.office
        v6 = new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.office = v6
        v7 = v3.employee
        v8 = new(Reference)
        v8.id = v7.id
        v8.additional_properties = {}
        v4.employee = v8
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v9 = s.meta
    v10 = new(Meta)
    v10.total_count = v9.total_count
    v10.offset = v9.offset
    v10.limit = v9.limit
    v10.additional_properties = {}
    v1.meta = v10
    v1.additional_properties = {}
    return v1
