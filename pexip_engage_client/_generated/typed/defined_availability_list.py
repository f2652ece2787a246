# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `defined_availability_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.defined_availability import DefinedAvailability
from ..models.defined_availability_list import DefinedAvailabilityList
from ..models.reference import Reference
from . import new, parse_datetime
from .defined_availability import DefinedAvailabilityWire


class DefinedAvailabilityListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `DefinedAvailabilityList`."""

    data: list[DefinedAvailabilityWire]


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(DefinedAvailabilityListWire).decode
MODEL = DefinedAvailabilityList
WIRE = DefinedAvailabilityListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> DefinedAvailabilityList:
    s = decode(content)
    v1 = new(DefinedAvailabilityList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(DefinedAvailability)
        v4.start = parse_datetime(v3.start)
        v4.end = parse_datetime(v3.end)
        v5 = v3.employee
        v6 = new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.employee = v6
        v7 = v3.office
        v8 = new(Reference)
        v8.id = v7.id
        v8.additional_properties = {}
        v4.office = v8
        v9 = v3.subject
        v10 = new(Reference)
        v10.id = v9.id
        v10.additional_properties = {}
        v4.subject = v10
        v4.meeting_type = v3.meeting_type
        v4.force_manual_accept = v3.force_manual_accept
        v4.max_concurrent_appointments = v3.max_concurrent_appointments
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1
