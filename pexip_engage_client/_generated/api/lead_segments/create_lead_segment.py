# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `POST /lead-segments` (create_lead_segment)."""

from typing import Any

from ...._runtime import Returns
from ...models.lead_segment_create import LeadSegmentCreate
from ...models.lead_segment_response import LeadSegmentResponse
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(LeadSegmentResponse)


def build_request(
    *,
    body: LeadSegmentCreate,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "operation": "lead_segments.create_lead_segment",
        "statuses": "201 400 401 403 404 422",
        "template": "/lead-segments",
        "url": "/lead-segments",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "LeadSegmentCreate",
    "RETURNS",
]
