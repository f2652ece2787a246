# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `PUT /listings/{id}/scheduling-settings` (update_listing_scheduling_settings)."""

from typing import Any

from ...._runtime import Returns, path_segment
from ...models.listing_scheduling_settings_input import ListingSchedulingSettingsInput
from ...models.listing_scheduling_settings_response import ListingSchedulingSettingsResponse
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(ListingSchedulingSettingsResponse)


def build_request(
    id: str,
    *,
    body: ListingSchedulingSettingsInput | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "put",
        "operation": "listings.update_listing_scheduling_settings",
        "statuses": "200 400 401 403 404",
        "template": "/listings/{id}/scheduling-settings",
        "url": f"/listings/{path_segment(id)}/scheduling-settings",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "ListingSchedulingSettingsInput",
    "RETURNS",
]
