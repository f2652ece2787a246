# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `POST /employees/{employee_id}/availability-templates/{availability_template_id}/time-ranges` (create_availability_time_range)."""

from typing import Any
from urllib.parse import quote

from ...models.availability_time_range_create import AvailabilityTimeRangeCreate
from ...types import UNSET, Unset


def build_request(
    employee_id: str,
    availability_template_id: str,
    *,
    body: AvailabilityTimeRangeCreate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/employees/{employee_id}/availability-templates/{availability_template_id}/time-ranges".format(
            employee_id=quote(str(employee_id), safe=""),
            availability_template_id=quote(str(availability_template_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs
