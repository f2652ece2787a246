# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `PUT /employees/{employee_id}/offices/{office_id}/expertise` (put_expertise_for_employee)."""

from typing import Any

from ...._runtime import Returns, path_segment
from ...models.expertise_input import ExpertiseInput
from ...models.expertise_list import ExpertiseList
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(ExpertiseList)


def build_request(
    employee_id: str,
    office_id: str,
    *,
    body: list[ExpertiseInput] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "put",
        "operation": "employees.put_expertise_for_employee",
        "statuses": "200 400 401 403 404",
        "template": "/employees/{employeeId}/offices/{officeId}/expertise",
        "url": f"/employees/{path_segment(employee_id)}/offices/{path_segment(office_id)}/expertise",
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
    "ExpertiseInput",
    "RETURNS",
]
