# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `enterprise_settings_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.enterprise_settings import EnterpriseSettings
from ..models.enterprise_settings_response import EnterpriseSettingsResponse
from . import new


class EnterpriseSettingsResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `EnterpriseSettingsResponse`."""

    data: dict[str, Any]


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(EnterpriseSettingsResponseWire).decode
MODEL = EnterpriseSettingsResponse
WIRE = EnterpriseSettingsResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> EnterpriseSettingsResponse:
    s = decode(content)
    v1 = new(EnterpriseSettingsResponse)
    v1.data = EnterpriseSettings.from_dict(s.data)
    v1.additional_properties = {}
    return v1
