# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `employee_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.employee import Employee
from ..models.employee_list import EmployeeList
from ..models.employee_translations import EmployeeTranslations
from ..models.meta import Meta
from ..models.office_relation import OfficeRelation
from ..models.reference import Reference
from ..models.translated_value import TranslatedValue
from ..models.translation import Translation
from . import UNSET, new, parse_datetime
from .employee import EmployeeWire
from .meta import MetaWire


class EmployeeListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `EmployeeList`."""

    data: list[EmployeeWire]
    meta: MetaWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(EmployeeListWire).decode
MODEL = EmployeeList
WIRE = EmployeeListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> EmployeeList:
    s = decode(content)
    v1 = new(EmployeeList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(Employee)
        v4.id = v3.id
        v5 = v3.function
        if v5 is not None:
            v6 = new(TranslatedValue)
            v6.language = v5.language
            v6.value = v5.value
            v6.additional_properties = {}
            v5 = v6
        v4.function = v5
        v4.communication_email = v3.communication_email
        v4.external_id = v3.external_id
        v4.username = v3.username
        v4.first_name = v3.first_name
        v4.last_name = v3.last_name
        v4.static_video_url = v3.static_video_url
        v4.phone_number = v3.phone_number
        v4.profile_picture_url = v3.profile_picture_url
        v4.email = v3.email
        v4.language = v3.language
        v4.time_zone = v3.time_zone
        v4.available_roles = v3.available_roles
        v4.status = v3.status
        v4.online_planning = v3.online_planning
        v7 = v3.office_relations
        if v7 is not UNSET:
            v8: list[Any] = []
            for v9 in v7:
                v10 = new(OfficeRelation)
                v10.role = v9.role
                v11 = v9.office
                v12 = new(Reference)
                v12.id = v11.id
                v12.additional_properties = {}
                v10.office = v12
                v10.additional_properties = {}
                v8.append(v10)
            v7 = v8
        v4.office_relations = v7
        v13 = v3.created_at
        if v13 is not UNSET:
            v13 = parse_datetime(v13)
        v4.created_at = v13
        v14 = v3.updated_at
        if v14 is not UNSET:
            v14 = parse_datetime(v14)
        v4.updated_at = v14
        v15 = v3.deleted_at
        if v15 is not None and v15 is not UNSET:
            v15 = parse_datetime(v15)
        v4.deleted_at = v15
        v16 = v3.translations
        if v16 is not UNSET:
            v17 = new(EmployeeTranslations)
            v18 = v16.function
            if v18 is not UNSET:
                v19: list[Any] = []
                for v20 in v18:
                    v21 = new(Translation)
                    v21.language = v20.language
                    v21.value = v20.value
                    v21.additional_properties = {}
                    v19.append(v21)
                v18 = v19
            v17.function = v18
            v17.additional_properties = {}
            v16 = v17
        v4.translations = v16
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v22 = s.meta
    v23 = new(Meta)
    v23.total_count = v22.total_count
    v23.offset = v22.offset
    v23.limit = v22.limit
    v23.additional_properties = {}
    v1.meta = v23
    v1.additional_properties = {}
    return v1
