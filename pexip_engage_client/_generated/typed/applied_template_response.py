# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `applied_template_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.applied_template import AppliedTemplate
from ..models.applied_template_response import AppliedTemplateResponse
from ..models.reference import Reference
from . import new, parse_date, parse_datetime
from .applied_template import AppliedTemplateWire


class AppliedTemplateResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `AppliedTemplateResponse`."""

    data: AppliedTemplateWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(AppliedTemplateResponseWire).decode
MODEL = AppliedTemplateResponse
WIRE = AppliedTemplateResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> AppliedTemplateResponse:
    s = decode(content)
    v1 = new(AppliedTemplateResponse)
    v2 = s.data
    v3 = new(AppliedTemplate)
    v3.start_date = parse_date(v2.start_date)
    v3.end_date = parse_date(v2.end_date)
    v4 = v2.availability_template
    v5 = new(Reference)
    v5.id = v4.id
    v5.additional_properties = {}
    v3.availability_template = v5
    v3.time_zone = v2.time_zone
    v3.created_at = parse_datetime(v2.created_at)
    v3.updated_at = parse_datetime(v2.updated_at)
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1
