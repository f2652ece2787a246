# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `GET /employees/{employee_id}/availability-templates` (get_availability_templates)."""

from typing import Any

from ...._runtime import Returns, path_segment
from ...models.availability_template_list import AvailabilityTemplateList
from ...models.availability_template_type import AvailabilityTemplateType
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(AvailabilityTemplateList)


def build_request(
    employee_id: str,
    *,
    id: list[str] | Unset = UNSET,
    is_default: bool | Unset = UNSET,
    type_: list[AvailabilityTemplateType] | Unset = UNSET,
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

    params["is-default"] = is_default

    json_type_: list[str] | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = []
        for type_item_data in type_:
            type_item = type_item_data.value
            json_type_.append(type_item)

    params["type"] = json_type_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "operation": "availability_templates.get_availability_templates",
        "statuses": "200 400 401 403 404",
        "template": "/employees/{employeeId}/availability-templates",
        "url": f"/employees/{path_segment(employee_id)}/availability-templates",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "AvailabilityTemplateType",
    "build_request",
    "RETURNS",
]
