# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `POST /fetch-configurations` (create_fetch_configuration)."""

from typing import Any

from ...._runtime import Returns
from ...models.fetch_configuration_create import FetchConfigurationCreate
from ...models.fetch_configuration_response import FetchConfigurationResponse
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(FetchConfigurationResponse)


def build_request(
    *,
    body: FetchConfigurationCreate,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "operation": "fetch_configurations.create_fetch_configuration",
        "statuses": "201 400 401 403 422",
        "template": "/fetch-configurations",
        "url": "/fetch-configurations",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "FetchConfigurationCreate",
    "RETURNS",
]
