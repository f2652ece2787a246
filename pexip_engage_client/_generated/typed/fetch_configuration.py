# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `fetch_configuration` (see `__init__.py`)."""

import msgspec

from ..models.http_method import HttpMethod
from . import ABSENT
from .fetch_configuration_header import FetchConfigurationHeaderWire
from .fetch_configuration_mapping import FetchConfigurationMappingWire


class FetchConfigurationWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "mapping": "mapping",
        "endpoint": "endpoint",
        "method": "method",
        "headers": "headers",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "body": "body",
        "deleted_at": "deletedAt",
    },
):
    """The typed form of `FetchConfiguration`."""

    id: str
    mapping: list[FetchConfigurationMappingWire]
    endpoint: str
    method: HttpMethod
    headers: list[FetchConfigurationHeaderWire]
    created_at: str
    updated_at: str
    body: str | None = ABSENT
    deleted_at: str | None = ABSENT
