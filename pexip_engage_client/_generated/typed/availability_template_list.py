# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `availability_template_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.availability_template import AvailabilityTemplate
from ..models.availability_template_list import AvailabilityTemplateList
from ..models.reference import Reference
from . import new, parse_datetime
from .availability_template import AvailabilityTemplateWire


class AvailabilityTemplateListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `AvailabilityTemplateList`."""

    data: list[AvailabilityTemplateWire]


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(AvailabilityTemplateListWire).decode
MODEL = AvailabilityTemplateList
WIRE = AvailabilityTemplateListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> AvailabilityTemplateList:
    s = decode(content)
    v1 = new(AvailabilityTemplateList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(AvailabilityTemplate)
        v4.id = v3.id
        v4.name = v3.name
        v4.type_ = v3.type_
        v4.time_zone = v3.time_zone
        v5 = v3.employee
        v6 = new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.employee = v6
        v4.color = v3.color
        v4.order = v3.order
        v4.is_default = v3.is_default
        v4.created_at = parse_datetime(v3.created_at)
        v4.updated_at = parse_datetime(v3.updated_at)
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1
