# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `PATCH /fetch-configurations/{id}` (update_fetch_configuration_by_id)."""

from typing import Any

from ...._runtime import Returns, path_segment
from ...models.fetch_configuration_response import FetchConfigurationResponse
from ...models.fetch_configuration_update import FetchConfigurationUpdate
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(FetchConfigurationResponse)


def build_request(
    id: str,
    *,
    body: FetchConfigurationUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "operation": "fetch_configurations.update_fetch_configuration_by_id",
        "statuses": "200 400 401 403 404",
        "template": "/fetch-configurations/{id}",
        "url": f"/fetch-configurations/{path_segment(id)}",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "FetchConfigurationUpdate",
    "RETURNS",
]
