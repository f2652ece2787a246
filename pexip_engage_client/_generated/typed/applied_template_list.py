# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `applied_template_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.applied_template import AppliedTemplate
from ..models.applied_template_list import AppliedTemplateList
from ..models.meta import Meta
from ..models.reference import Reference
from . import new, parse_date, parse_datetime
from .applied_template import AppliedTemplateWire
from .meta import MetaWire


class AppliedTemplateListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `AppliedTemplateList`."""

    data: list[AppliedTemplateWire]
    meta: MetaWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(AppliedTemplateListWire).decode
MODEL = AppliedTemplateList
WIRE = AppliedTemplateListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> AppliedTemplateList:
    s = decode(content)
    v1 = new(AppliedTemplateList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(AppliedTemplate)
        v4.start_date = parse_date(v3.start_date)
        v4.end_date = parse_date(v3.end_date)
        v5 = v3.availability_template
        v6 = new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.availability_template = v6
        v4.time_zone = v3.time_zone
        v4.created_at = parse_datetime(v3.created_at)
        v4.updated_at = parse_datetime(v3.updated_at)
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v7 = s.meta
    v8 = new(Meta)
    v8.total_count = v7.total_count
    v8.offset = v7.offset
    v8.limit = v7.limit
    v8.additional_properties = {}
    v1.meta = v8
    v1.additional_properties = {}
    return v1
