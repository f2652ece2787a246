# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `GET /listings/{listing_id}/time-slots/{id}` (get_listing_time_slot_by_id)."""

from typing import Any

from ...._runtime import Returns, path_segment
from ...models.listing_time_slot_response import ListingTimeSlotResponse
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(ListingTimeSlotResponse)


def build_request(
    listing_id: str,
    id: str,
    *,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "get",
        "operation": "listings.get_listing_time_slot_by_id",
        "statuses": "200 400 401 403 404",
        "template": "/listings/{listingId}/time-slots/{id}",
        "url": f"/listings/{path_segment(listing_id)}/time-slots/{path_segment(id)}",
    }

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "RETURNS",
]
