# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `subject_group_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.subject_group import SubjectGroup
from ..models.subject_group_response import SubjectGroupResponse
from ..models.subject_group_translations import SubjectGroupTranslations
from ..models.translated_value import TranslatedValue
from ..models.translation import Translation
from . import UNSET, new, parse_datetime
from .subject_group import SubjectGroupWire


class SubjectGroupResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `SubjectGroupResponse`."""

    data: SubjectGroupWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(SubjectGroupResponseWire).decode
MODEL = SubjectGroupResponse
WIRE = SubjectGroupResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> SubjectGroupResponse:
    s = decode(content)
    v1 = new(SubjectGroupResponse)
    v2 = s.data
    v3 = new(SubjectGroup)
    v3.id = v2.id
    v3.color = v2.color
    v3.order = v2.order
    v4 = v2.name
    if v4 is not None:
        v5 = new(TranslatedValue)
        v5.language = v4.language
        v5.value = v4.value
        v5.additional_properties = {}
        v4 = v5
    v3.name = v4
    v3.created_at = parse_datetime(v2.created_at)
    v3.updated_at = parse_datetime(v2.updated_at)
    v6 = v2.deleted_at
    if v6 is not None:
        v6 = parse_datetime(v6)
    v3.deleted_at = v6
    v3.external_id = v2.external_id
    v3.image = v2.image
    v7 = v2.translations
    if v7 is not UNSET:
        v8 = new(SubjectGroupTranslations)
        v9 = v7.name
        if v9 is not UNSET:
            v10: list[Any] = []
            for v11 in v9:
                v12 = new(Translation)
                v12.language = v11.language
                v12.value = v11.value
                v12.additional_properties = {}
                v10.append(v12)
            v9 = v10
        v8.name = v9
        v8.additional_properties = {}
        v7 = v8
    v3.translations = v7
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1
