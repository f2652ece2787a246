# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `static_translation_override_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.static_translation_override import StaticTranslationOverride
from ..models.static_translation_override_list import StaticTranslationOverrideList
from . import UNSET, new, parse_datetime
from .static_translation_override import StaticTranslationOverrideWire


class StaticTranslationOverrideListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `StaticTranslationOverrideList`."""

    data: list[StaticTranslationOverrideWire]


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(StaticTranslationOverrideListWire).decode
MODEL = StaticTranslationOverrideList
WIRE = StaticTranslationOverrideListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> StaticTranslationOverrideList:
    s = decode(content)
    v1 = new(StaticTranslationOverrideList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(StaticTranslationOverride)
        v4.module = v3.module
        v4.key = v3.key
        v4.language = v3.language
        v4.value = v3.value
        v5 = v3.created_at
        if v5 is not UNSET:
            v5 = parse_datetime(v5)
        v4.created_at = v5
        v6 = v3.updated_at
        if v6 is not UNSET:
            v6 = parse_datetime(v6)
        v4.updated_at = v6
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1
