# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `external_calendar_event_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.external_calendar_event import ExternalCalendarEvent
from ..models.external_calendar_event_list import ExternalCalendarEventList
from ..models.meta import Meta
from ..models.reference import Reference
from . import UNSET, new, parse_datetime
from .external_calendar_event import ExternalCalendarEventWire
from .meta import MetaWire


class ExternalCalendarEventListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `ExternalCalendarEventList`."""

    data: list[ExternalCalendarEventWire]
    meta: MetaWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(ExternalCalendarEventListWire).decode
MODEL = ExternalCalendarEventList
WIRE = ExternalCalendarEventListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> ExternalCalendarEventList:
    s = decode(content)
    v1 = new(ExternalCalendarEventList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(ExternalCalendarEvent)
        v4.id = v3.id
        v4.external_id = v3.external_id
        v5 = v3.external_calendar
        if v5 is not None and v5 is not UNSET:
            v6 = new(Reference)
            v6.id = v5.id
            v6.additional_properties = {}
            v5 = v6
        v4.external_calendar = v5
        v7 = v3.start
        if v7 is not UNSET:
            v7 = parse_datetime(v7)
        v4.start = v7
        v8 = v3.end
        if v8 is not UNSET:
            v8 = parse_datetime(v8)
        v4.end = v8
        v4.all_day = v3.all_day
        v4.show_as = v3.show_as
        v4.title = v3.title
        v4.description = v3.description
        v4.resource_type = v3.resource_type
        v4.resource_id = v3.resource_id
        v4.private = v3.private
        v9 = v3.created_at
        if v9 is not UNSET:
            v9 = parse_datetime(v9)
        v4.created_at = v9
        v10 = v3.updated_at
        if v10 is not UNSET:
            v10 = parse_datetime(v10)
        v4.updated_at = v10
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v11 = s.meta
    v12 = new(Meta)
    v12.total_count = v11.total_count
    v12.offset = v11.offset
    v12.limit = v11.limit
    v12.additional_properties = {}
    v1.meta = v12
    v1.additional_properties = {}
    return v1
