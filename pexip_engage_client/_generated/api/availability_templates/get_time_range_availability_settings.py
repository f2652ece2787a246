# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `GET /employees/{employee_id}/availability-templates/{availability_template_id}/time-ranges/{id}/availability-settings` (get_time_range_availability_settings)."""

from typing import Any

from ...._runtime import Returns, path_segment
from ...models.time_range_availability_setting_list import TimeRangeAvailabilitySettingList
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(TimeRangeAvailabilitySettingList)


def build_request(
    employee_id: str,
    availability_template_id: str,
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
        "operation": "availability_templates.get_time_range_availability_settings",
        "statuses": "200 400 401 403 404",
        "template": "/employees/{employeeId}/availability-templates/{availabilityTemplateId}/time-ranges/{id}/availability-settings",
        "url": f"/employees/{path_segment(employee_id)}/availability-templates/{path_segment(availability_template_id)}/time-ranges/{path_segment(id)}/availability-settings",
    }

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "RETURNS",
]
