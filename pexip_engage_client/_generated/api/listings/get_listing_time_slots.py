# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `GET /listings/{listing_id}/time-slots` (get_listing_time_slots)."""

import datetime
from typing import Any

from ...._runtime import Returns, path_segment
from ...models.listing_time_slot_list import ListingTimeSlotList
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.model_of(ListingTimeSlotList)


def build_request(
    listing_id: str,
    *,
    id: list[str] | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    employee_id: list[str] | Unset = UNSET,
    bookable: bool | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    params: dict[str, Any] = {}

    json_id: list[str] | Unset = UNSET
    if not isinstance(id, Unset):
        json_id = id

    params["id"] = json_id

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    json_employee_id: list[str] | Unset = UNSET
    if not isinstance(employee_id, Unset):
        json_employee_id = employee_id

    params["employee-id"] = json_employee_id

    params["bookable"] = bookable

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "operation": "listings.get_listing_time_slots",
        "statuses": "200 400 401 403 404",
        "template": "/listings/{listingId}/time-slots",
        "url": f"/listings/{path_segment(listing_id)}/time-slots",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "RETURNS",
]
