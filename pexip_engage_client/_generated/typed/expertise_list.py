# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `expertise_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.expertise import Expertise
from ..models.expertise_list import ExpertiseList
from ..models.reference import Reference
from . import new
from .expertise import ExpertiseWire


class ExpertiseListWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}):
    """The typed form of `ExpertiseList`."""

    data: list[ExpertiseWire]


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(ExpertiseListWire).decode
MODEL = ExpertiseList
WIRE = ExpertiseListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> ExpertiseList:
    s = decode(content)
    v1 = new(ExpertiseList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(Expertise)
        v4.rank = v3.rank
        v4.meeting_types = v3.meeting_types
        v5 = v3.employee
        v6 = new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.employee = v6
        v7 = v3.subject
        v8 = new(Reference)
        v8.id = v7.id
        v8.additional_properties = {}
        v4.subject = v8
        v9 = v3.office
        v10 = new(Reference)
        v10.id = v9.id
        v10.additional_properties = {}
        v4.office = v10
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1
