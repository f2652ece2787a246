# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `subject_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.reference import Reference
from ..models.subject import Subject
from ..models.subject_response import SubjectResponse
from ..models.subject_translations import SubjectTranslations
from ..models.translated_value import TranslatedValue
from ..models.translation import Translation
from . import UNSET, new, parse_datetime
from .subject import SubjectWire


class SubjectResponseWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}):
    """The typed form of `SubjectResponse`."""

    data: SubjectWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(SubjectResponseWire).decode
MODEL = SubjectResponse
WIRE = SubjectResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> SubjectResponse:
    s = decode(content)
    v1 = new(SubjectResponse)
    v2 = s.data
    v3 = new(Subject)
    v3.id = v2.id
    v3.enabled_for_internal_use = v2.enabled_for_internal_use
    v3.enabled_for_customer_use = v2.enabled_for_customer_use
    v3.order = v2.order
    v4 = v2.name
    if v4 is not None:
        v5 = new(TranslatedValue)
        v5.language = v4.language
        v5.value = v4.value
        v5.additional_properties = {}
        v4 = v5
    v3.name = v4
    v6 = v2.description
    if v6 is not None:
        v7 = new(TranslatedValue)
        v7.language = v6.language
        v7.value = v6.value
        v7.additional_properties = {}
        v6 = v7
    v3.description = v6
    v8 = v2.instructions
    if v8 is not None:
        v9 = new(TranslatedValue)
        v9.language = v8.language
        v9.value = v8.value
        v9.additional_properties = {}
        v8 = v9
    v3.instructions = v8
    v3.external_id = v2.external_id
    v10 = v2.subject_group
    if v10 is not None and v10 is not UNSET:
        v11 = new(Reference)
        v11.id = v10.id
        v11.additional_properties = {}
        v10 = v11
    v3.subject_group = v10
    v12 = v2.cancellation_by_agent_form
    if v12 is not None and v12 is not UNSET:
        v13 = new(Reference)
        v13.id = v12.id
        v13.additional_properties = {}
        v12 = v13
    v3.cancellation_by_agent_form = v12
    v14 = v2.cancellation_by_customer_form
    if v14 is not None and v14 is not UNSET:
        v15 = new(Reference)
        v15.id = v14.id
        v15.additional_properties = {}
        v14 = v15
    v3.cancellation_by_customer_form = v14
    v16 = v2.completion_by_agent_form
    if v16 is not None and v16 is not UNSET:
        v17 = new(Reference)
        v17.id = v16.id
        v17.additional_properties = {}
        v16 = v17
    v3.completion_by_agent_form = v16
    v18 = v2.questionnaire_form
    if v18 is not None and v18 is not UNSET:
        v19 = new(Reference)
        v19.id = v18.id
        v19.additional_properties = {}
        v18 = v19
    v3.questionnaire_form = v18
    v20 = v2.created_at
    if v20 is not UNSET:
        v20 = parse_datetime(v20)
    v3.created_at = v20
    v21 = v2.updated_at
    if v21 is not UNSET:
        v21 = parse_datetime(v21)
    v3.updated_at = v21
    v22 = v2.deleted_at
    if v22 is not None and v22 is not UNSET:
        v22 = parse_datetime(v22)
    v3.deleted_at = v22
    v23 = v2.translations
    if v23 is not UNSET:
        v24 = new(SubjectTranslations)
        v25 = v23.name
        if v25 is not UNSET:
            v26: list[Any] = []
            for v27 in v25:
                v28 = new(Translation)
                v28.language = v27.language
                v28.value = v27.value
                v28.additional_properties = {}
                v26.append(v28)
            v25 = v26
        v24.name = v25
        v29 = v23.description
        if v29 is not UNSET:
            v30: list[Any] = []
            for v31 in v29:
                v32 = new(Translation)
                v32.language = v31.language
                v32.value = v31.value
                v32.additional_properties = {}
                v30.append(v32)
            v29 = v30
        v24.description = v29
        v33 = v23.instructions
        if v33 is not UNSET:
            v34: list[Any] = []
            for v35 in v33:
                v36 = new(Translation)
                v36.language = v35.language
                v36.value = v35.value
                v36.additional_properties = {}
                v34.append(v36)
            v33 = v34
        v24.instructions = v33
        v24.additional_properties = {}
        v23 = v24
    v3.translations = v23
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1
