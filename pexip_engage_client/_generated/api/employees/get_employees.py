# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `GET /employees` (get_employees)."""

from typing import Any

from ...._runtime import Returns
from ...models.employee_list import EmployeeList
from ...models.employee_role import EmployeeRole
from ...models.employee_status import EmployeeStatus
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.model_of(EmployeeList)


def build_request(
    *,
    id: list[str] | Unset = UNSET,
    email: list[str] | Unset = UNSET,
    external_id: list[str] | Unset = UNSET,
    available_role: list[EmployeeRole] | Unset = UNSET,
    username: list[str] | Unset = UNSET,
    status: list[EmployeeStatus] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    if not isinstance(accept_language, Unset):
        headers["Accept-Language"] = accept_language

    params: dict[str, Any] = {}

    json_id: list[str] | Unset = UNSET
    if not isinstance(id, Unset):
        json_id = id

    params["id"] = json_id

    json_email: list[str] | Unset = UNSET
    if not isinstance(email, Unset):
        json_email = email

    params["email"] = json_email

    json_external_id: list[str] | Unset = UNSET
    if not isinstance(external_id, Unset):
        json_external_id = external_id

    params["external-id"] = json_external_id

    json_available_role: list[str] | Unset = UNSET
    if not isinstance(available_role, Unset):
        json_available_role = []
        for available_role_item_data in available_role:
            available_role_item = available_role_item_data.value
            json_available_role.append(available_role_item)

    params["available-role"] = json_available_role

    json_username: list[str] | Unset = UNSET
    if not isinstance(username, Unset):
        json_username = username

    params["username"] = json_username

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    params["status"] = json_status

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "operation": "employees.get_employees",
        "statuses": "200 400 401 403",
        "template": "/employees",
        "url": "/employees",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "EmployeeRole",
    "EmployeeStatus",
    "RETURNS",
]
