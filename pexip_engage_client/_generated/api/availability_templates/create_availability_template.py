# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `POST /employees/{employee_id}/availability-templates` (create_availability_template)."""

from typing import Any

from ...._runtime import Returns, path_segment
from ...models.availability_template_create import AvailabilityTemplateCreate
from ...models.availability_template_response import AvailabilityTemplateResponse
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(AvailabilityTemplateResponse)


def build_request(
    employee_id: str,
    *,
    body: AvailabilityTemplateCreate,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "operation": "availability_templates.create_availability_template",
        "statuses": "201 400 401 403 404",
        "template": "/employees/{employeeId}/availability-templates",
        "url": f"/employees/{path_segment(employee_id)}/availability-templates",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "AvailabilityTemplateCreate",
    "build_request",
    "RETURNS",
]
