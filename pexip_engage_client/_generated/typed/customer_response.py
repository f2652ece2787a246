# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `customer_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.customer import Customer
from ..models.customer_response import CustomerResponse
from ..models.geolocation import Geolocation
from ..models.location import Location
from ..models.location_translations import LocationTranslations
from ..models.translated_value import TranslatedValue
from ..models.translation import Translation
from . import UNSET, new, parse_datetime
from .customer import CustomerWire


class CustomerResponseWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}):
    """The typed form of `CustomerResponse`."""

    data: CustomerWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(CustomerResponseWire).decode
MODEL = CustomerResponse
WIRE = CustomerResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> CustomerResponse:
    s = decode(content)
    v1 = new(CustomerResponse)
    v2 = s.data
    v3 = new(Customer)
    v3.id = v2.id
    v3.existing = v2.existing
    v3.time_zone = v2.time_zone
    v3.created_at = parse_datetime(v2.created_at)
    v3.updated_at = parse_datetime(v2.updated_at)
    v4 = v2.deleted_at
    if v4 is not None:
        v4 = parse_datetime(v4)
    v3.deleted_at = v4
    v3.external_id = v2.external_id
    v3.customer_number = v2.customer_number
    v3.email = v2.email
    v3.first_name = v2.first_name
    v3.last_name = v2.last_name
    v3.company = v2.company
    v3.language = v2.language
    v3.notes = v2.notes
    v3.phone_number = v2.phone_number
    v5 = v2.location
    if v5 is not None and v5 is not UNSET:
        v6 = new(Location)
        v7 = v5.city
        if v7 is not None:
            v8 = new(TranslatedValue)
            v8.language = v7.language
            v8.value = v7.value
            v8.additional_properties = {}
            v7 = v8
        v6.city = v7
        v9 = v5.state
        if v9 is not None:
            v10 = new(TranslatedValue)
            v10.language = v9.language
            v10.value = v9.value
            v10.additional_properties = {}
            v9 = v10
        v6.state = v9
        v11 = v5.street1
        if v11 is not None:
            v12 = new(TranslatedValue)
            v12.language = v11.language
            v12.value = v11.value
            v12.additional_properties = {}
            v11 = v12
        v6.street1 = v11
        v13 = v5.street2
        if v13 is not None:
            v14 = new(TranslatedValue)
            v14.language = v13.language
            v14.value = v13.value
            v14.additional_properties = {}
            v13 = v14
        v6.street2 = v13
        v6.country_code = v5.country_code
        v6.formatted_address = v5.formatted_address
        v15 = v5.geolocation
        v16 = new(Geolocation)
        v16.latitude = v15.latitude
        v16.longitude = v15.longitude
        v16.additional_properties = {}
        v6.geolocation = v16
        v17 = v5.translations
        v18 = new(LocationTranslations)
        v19: list[Any] = []
        for v20 in v17.city:
            v21 = new(Translation)
            v21.language = v20.language
            v21.value = v20.value
            v21.additional_properties = {}
            v19.append(v21)
        v18.city = v19
        v22: list[Any] = []
        for v23 in v17.street1:
            v24 = new(Translation)
            v24.language = v23.language
            v24.value = v23.value
            v24.additional_properties = {}
            v22.append(v24)
        v18.street1 = v22
        v25 = v17.state
        if v25 is not UNSET:
            v26: list[Any] = []
            for v27 in v25:
                v28 = new(Translation)
                v28.language = v27.language
                v28.value = v27.value
                v28.additional_properties = {}
                v26.append(v28)
            v25 = v26
        v18.state = v25
        v29 = v17.street2
        if v29 is not UNSET:
            v30: list[Any] = []
            for v31 in v29:
                v32 = new(Translation)
                v32.language = v31.language
                v32.value = v31.value
                v32.additional_properties = {}
                v30.append(v32)
            v29 = v30
        v18.street2 = v29
        v18.additional_properties = {}
        v6.translations = v18
        v6.postal_code = v5.postal_code
        v6.additional_properties = {}
        v5 = v6
    v3.location = v5
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1
