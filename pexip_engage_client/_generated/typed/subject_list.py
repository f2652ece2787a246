# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `subject_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.meta import Meta
from ..models.reference import Reference
from ..models.subject import Subject
from ..models.subject_list import SubjectList
from ..models.subject_translations import SubjectTranslations
from ..models.translated_value import TranslatedValue
from ..models.translation import Translation
from . import UNSET, new, parse_datetime
from .meta import MetaWire
from .subject import SubjectWire


class SubjectListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `SubjectList`."""

    data: list[SubjectWire]
    meta: MetaWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(SubjectListWire).decode
MODEL = SubjectList
WIRE = SubjectListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> SubjectList:
    s = decode(content)
    v1 = new(SubjectList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(Subject)
        v4.id = v3.id
        v4.enabled_for_internal_use = v3.enabled_for_internal_use
        v4.enabled_for_customer_use = v3.enabled_for_customer_use
        v4.order = v3.order
        v5 = v3.name
        if v5 is not None:
            v6 = new(TranslatedValue)
            v6.language = v5.language
            v6.value = v5.value
            v6.additional_properties = {}
            v5 = v6
        v4.name = v5
        v7 = v3.description
        if v7 is not None:
            v8 = new(TranslatedValue)
            v8.language = v7.language
            v8.value = v7.value
            v8.additional_properties = {}
            v7 = v8
        v4.description = v7
        v9 = v3.instructions
        if v9 is not None:
            v10 = new(TranslatedValue)
            v10.language = v9.language
            v10.value = v9.value
            v10.additional_properties = {}
            v9 = v10
        v4.instructions = v9
        v4.external_id = v3.external_id
        v11 = v3.subject_group
        if v11 is not None and v11 is not UNSET:
            v12 = new(Reference)
            v12.id = v11.id
            v12.additional_properties = {}
            v11 = v12
        v4.subject_group = v11
        v13 = v3.cancellation_by_agent_form
        if v13 is not None and v13 is not UNSET:
            v14 = new(Reference)
            v14.id = v13.id
            v14.additional_properties = {}
            v13 = v14
        v4.cancellation_by_agent_form = v13
        v15 = v3.cancellation_by_customer_form
        if v15 is not None and v15 is not UNSET:
            v16 = new(Reference)
            v16.id = v15.id
            v16.additional_properties = {}
            v15 = v16
        v4.cancellation_by_customer_form = v15
        v17 = v3.completion_by_agent_form
        if v17 is not None and v17 is not UNSET:
            v18 = new(Reference)
            v18.id = v17.id
            v18.additional_properties = {}
            v17 = v18
        v4.completion_by_agent_form = v17
        v19 = v3.questionnaire_form
        if v19 is not None and v19 is not UNSET:
            v20 = new(Reference)
            v20.id = v19.id
            v20.additional_properties = {}
            v19 = v20
        v4.questionnaire_form = v19
        v21 = v3.created_at
        if v21 is not UNSET:
            v21 = parse_datetime(v21)
        v4.created_at = v21
        v22 = v3.updated_at
        if v22 is not UNSET:
            v22 = parse_datetime(v22)
        v4.updated_at = v22
        v23 = v3.deleted_at
        if v23 is not None and v23 is not UNSET:
            v23 = parse_datetime(v23)
        v4.deleted_at = v23
        v24 = v3.translations
        if v24 is not UNSET:
            v25 = new(SubjectTranslations)
            v26 = v24.name
            if v26 is not UNSET:
                v27: list[Any] = []
                for v28 in v26:
                    v29 = new(Translation)
                    v29.language = v28.language
                    v29.value = v28.value
                    v29.additional_properties = {}
                    v27.append(v29)
                v26 = v27
            v25.name = v26
            v30 = v24.description
            if v30 is not UNSET:
                v31: list[Any] = []
                for v32 in v30:
                    v33 = new(Translation)
                    v33.language = v32.language
                    v33.value = v32.value
                    v33.additional_properties = {}
                    v31.append(v33)
                v30 = v31
            v25.description = v30
            v34 = v24.instructions
            if v34 is not UNSET:
                v35: list[Any] = []
                for v36 in v34:
                    v37 = new(Translation)
                    v37.language = v36.language
                    v37.value = v36.value
                    v37.additional_properties = {}
                    v35.append(v37)
                v34 = v35
            v25.instructions = v34
            v25.additional_properties = {}
            v24 = v25
        v4.translations = v24
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v38 = s.meta
    v39 = new(Meta)
    v39.total_count = v38.total_count
    v39.offset = v38.offset
    v39.limit = v38.limit
    v39.additional_properties = {}
    v1.meta = v39
    v1.additional_properties = {}
    return v1
