# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `POST /fetch-configurations` (create_fetch_configuration)."""

from typing import Any

from ...models.fetch_configuration_create import FetchConfigurationCreate
from ...types import UNSET, Unset


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
        "template": "/fetch-configurations",
        "url": "/fetch-configurations",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs
