# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `employee_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.employee import Employee
from ..models.employee_response import EmployeeResponse
from ..models.employee_translations import EmployeeTranslations
from ..models.office_relation import OfficeRelation
from ..models.reference import Reference
from ..models.translated_value import TranslatedValue
from ..models.translation import Translation
from . import UNSET, new, parse_datetime
from .employee import EmployeeWire


class EmployeeResponseWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}):
    """The typed form of `EmployeeResponse`."""

    data: EmployeeWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(EmployeeResponseWire).decode
MODEL = EmployeeResponse
WIRE = EmployeeResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> EmployeeResponse:
    s = decode(content)
    v1 = new(EmployeeResponse)
    v2 = s.data
    v3 = new(Employee)
    v3.id = v2.id
    v4 = v2.function
    if v4 is not None:
        v5 = new(TranslatedValue)
        v5.language = v4.language
        v5.value = v4.value
        v5.additional_properties = {}
        v4 = v5
    v3.function = v4
    v3.communication_email = v2.communication_email
    v3.external_id = v2.external_id
    v3.username = v2.username
    v3.first_name = v2.first_name
    v3.last_name = v2.last_name
    v3.static_video_url = v2.static_video_url
    v3.phone_number = v2.phone_number
    v3.profile_picture_url = v2.profile_picture_url
    v3.email = v2.email
    v3.language = v2.language
    v3.time_zone = v2.time_zone
    v3.available_roles = v2.available_roles
    v3.status = v2.status
    v3.online_planning = v2.online_planning
    v6 = v2.office_relations
    if v6 is not UNSET:
        v7: list[Any] = []
        for v8 in v6:
            v9 = new(OfficeRelation)
            v9.role = v8.role
            v10 = v8.office
            v11 = new(Reference)
            v11.id = v10.id
            v11.additional_properties = {}
            v9.office = v11
            v9.additional_properties = {}
            v7.append(v9)
        v6 = v7
    v3.office_relations = v6
    v12 = v2.created_at
    if v12 is not UNSET:
        v12 = parse_datetime(v12)
    v3.created_at = v12
    v13 = v2.updated_at
    if v13 is not UNSET:
        v13 = parse_datetime(v13)
    v3.updated_at = v13
    v14 = v2.deleted_at
    if v14 is not None and v14 is not UNSET:
        v14 = parse_datetime(v14)
    v3.deleted_at = v14
    v15 = v2.translations
    if v15 is not UNSET:
        v16 = new(EmployeeTranslations)
        v17 = v15.function
        if v17 is not UNSET:
            v18: list[Any] = []
            for v19 in v17:
                v20 = new(Translation)
                v20.language = v19.language
                v20.value = v19.value
                v20.additional_properties = {}
                v18.append(v20)
            v17 = v18
        v16.function = v17
        v16.additional_properties = {}
        v15 = v16
    v3.translations = v15
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1
