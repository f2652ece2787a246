# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `PUT /lead-segments/{id}/scheduling-settings` (update_lead_segment_scheduling_settings)."""

from typing import Any

from ...._runtime import Returns, path_segment
from ...models.lead_segment_scheduling_setting_input import LeadSegmentSchedulingSettingInput
from ...models.scheduling_setting_list import SchedulingSettingList
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(SchedulingSettingList)


def build_request(
    id: str,
    *,
    body: list[LeadSegmentSchedulingSettingInput] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "put",
        "operation": "lead_segments.update_lead_segment_scheduling_settings",
        "statuses": "200 400 401 403 404",
        "template": "/lead-segments/{id}/scheduling-settings",
        "url": f"/lead-segments/{path_segment(id)}/scheduling-settings",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = []
        for body_item_data in body:
            body_item = body_item_data.to_dict()
            _kwargs["json"].append(body_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "LeadSegmentSchedulingSettingInput",
    "RETURNS",
]
