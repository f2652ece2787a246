# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `availability_template_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.availability_template import AvailabilityTemplate
from ..models.availability_template_response import AvailabilityTemplateResponse
from ..models.reference import Reference
from . import new, parse_datetime
from .availability_template import AvailabilityTemplateWire


class AvailabilityTemplateResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `AvailabilityTemplateResponse`."""

    data: AvailabilityTemplateWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(AvailabilityTemplateResponseWire).decode
MODEL = AvailabilityTemplateResponse
WIRE = AvailabilityTemplateResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> AvailabilityTemplateResponse:
    s = decode(content)
    v1 = new(AvailabilityTemplateResponse)
    v2 = s.data
    v3 = new(AvailabilityTemplate)
    v3.id = v2.id
    v3.name = v2.name
    v3.type_ = v2.type_
    v3.time_zone = v2.time_zone
    v4 = v2.employee
    v5 = new(Reference)
    v5.id = v4.id
    v5.additional_properties = {}
    v3.employee = v5
    v3.color = v2.color
    v3.order = v2.order
    v3.is_default = v2.is_default
    v3.created_at = parse_datetime(v2.created_at)
    v3.updated_at = parse_datetime(v2.updated_at)
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1
