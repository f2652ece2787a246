# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `fetch_configuration_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.fetch_configuration import FetchConfiguration
from ..models.fetch_configuration_header import FetchConfigurationHeader
from ..models.fetch_configuration_mapping import FetchConfigurationMapping
from ..models.fetch_configuration_response import FetchConfigurationResponse
from . import UNSET, new, parse_datetime
from .fetch_configuration import FetchConfigurationWire


class FetchConfigurationResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `FetchConfigurationResponse`."""

    data: FetchConfigurationWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(FetchConfigurationResponseWire).decode
MODEL = FetchConfigurationResponse
WIRE = FetchConfigurationResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> FetchConfigurationResponse:
    s = decode(content)
    v1 = new(FetchConfigurationResponse)
    v2 = s.data
    v3 = new(FetchConfiguration)
    v3.id = v2.id
    v4: list[Any] = []
    for v5 in v2.mapping:
        v6 = new(FetchConfigurationMapping)
        v6.source_property = v5.source_property
        v6.target_property = v5.target_property
        v6.additional_properties = {}
        v4.append(v6)
    v3.mapping = v4
    v3.endpoint = v2.endpoint
    v3.method = v2.method
    v7: list[Any] = []
    for v8 in v2.headers:
        v9 = new(FetchConfigurationHeader)
        v9.name = v8.name
        v9.additional_properties = {}
        v7.append(v9)
    v3.headers = v7
    v3.created_at = parse_datetime(v2.created_at)
    v3.updated_at = parse_datetime(v2.updated_at)
    v3.body = v2.body
    v10 = v2.deleted_at
    if v10 is not None and v10 is not UNSET:
        v10 = parse_datetime(v10)
    v3.deleted_at = v10
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1
