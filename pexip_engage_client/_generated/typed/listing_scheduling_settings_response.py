# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `listing_scheduling_settings_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.listing_scheduling_settings import ListingSchedulingSettings
from ..models.listing_scheduling_settings_response import ListingSchedulingSettingsResponse
from ..models.reference import Reference
from . import new
from .listing_scheduling_settings import ListingSchedulingSettingsWire


class ListingSchedulingSettingsResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `ListingSchedulingSettingsResponse`."""

    data: ListingSchedulingSettingsWire | None


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(ListingSchedulingSettingsResponseWire).decode
MODEL = ListingSchedulingSettingsResponse
WIRE = ListingSchedulingSettingsResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> ListingSchedulingSettingsResponse:
    s = decode(content)
    v1 = new(ListingSchedulingSettingsResponse)
    v2 = s.data
    if v2 is not None:
        v3 = new(ListingSchedulingSettings)
        v4: list[Any] = []
        for v5 in v2.employees:
            v6 = new(Reference)
            v6.id = v5.id
            v6.additional_properties = {}
            v4.append(v6)
        v3.employees = v4
        v3.meeting_types = v2.meeting_types
        v7: list[Any] = []
        for v8 in v2.offices:
            v9 = new(Reference)
            v9.id = v8.id
            v9.additional_properties = {}
            v7.append(v9)
        v3.offices = v7
        v10: list[Any] = []
        for v11 in v2.subjects:
            v12 = new(Reference)
            v12.id = v11.id
            v12.additional_properties = {}
            v10.append(v12)
        v3.subjects = v10
        v3.additional_properties = {}
        v2 = v3
    v1.data = v2
    v1.additional_properties = {}
    return v1
