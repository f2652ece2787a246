# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `subject_group_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.meta import Meta
from ..models.subject_group import SubjectGroup
from ..models.subject_group_list import SubjectGroupList
from ..models.subject_group_translations import SubjectGroupTranslations
from ..models.translated_value import TranslatedValue
from ..models.translation import Translation
from . import UNSET, new, parse_datetime
from .meta import MetaWire
from .subject_group import SubjectGroupWire


class SubjectGroupListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `SubjectGroupList`."""

    data: list[SubjectGroupWire]
    meta: MetaWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(SubjectGroupListWire).decode
MODEL = SubjectGroupList
WIRE = SubjectGroupListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> SubjectGroupList:
    s = decode(content)
    v1 = new(SubjectGroupList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(SubjectGroup)
        v4.id = v3.id
        v4.color = v3.color
        v4.order = v3.order
        v5 = v3.name
        if v5 is not None:
            v6 = new(TranslatedValue)
            v6.language = v5.language
            v6.value = v5.value
            v6.additional_properties = {}
            v5 = v6
        v4.name = v5
        v4.created_at = parse_datetime(v3.created_at)
        v4.updated_at = parse_datetime(v3.updated_at)
        v7 = v3.deleted_at
        if v7 is not None:
            v7 = parse_datetime(v7)
        v4.deleted_at = v7
        v4.external_id = v3.external_id
        v4.image = v3.image
        v8 = v3.translations
        if v8 is not UNSET:
            v9 = new(SubjectGroupTranslations)
            v10 = v8.name
            if v10 is not UNSET:
                v11: list[Any] = []
                for v12 in v10:
                    v13 = new(Translation)
                    v13.language = v12.language
                    v13.value = v12.value
                    v13.additional_properties = {}
                    v11.append(v13)
                v10 = v11
            v9.name = v10
            v9.additional_properties = {}
            v8 = v9
        v4.translations = v8
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v14 = s.meta
    v15 = new(Meta)
    v15.total_count = v14.total_count
    v15.offset = v14.offset
    v15.limit = v14.limit
    v15.additional_properties = {}
    v1.meta = v15
    v1.additional_properties = {}
    return v1
