# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `PATCH /settings` (update_enterprise_settings)."""

from typing import Any

from ...._runtime import Returns
from ...models.enterprise_settings_response import EnterpriseSettingsResponse
from ...models.enterprise_settings_update import EnterpriseSettingsUpdate
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(EnterpriseSettingsResponse)


def build_request(
    *,
    body: EnterpriseSettingsUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "operation": "settings.update_enterprise_settings",
        "statuses": "200 400 401 403 422",
        "template": "/settings",
        "url": "/settings",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "EnterpriseSettingsUpdate",
    "RETURNS",
]
