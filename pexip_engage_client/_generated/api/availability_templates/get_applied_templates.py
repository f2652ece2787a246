# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `GET /employees/{id}/applied-templates` (get_applied_templates)."""

import datetime
from typing import Any

from ...._runtime import Returns, path_segment
from ...models.applied_template_list import AppliedTemplateList
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.model_of(AppliedTemplateList)


def build_request(
    id: str,
    *,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    params: dict[str, Any] = {}

    json_start_date: str | Unset = UNSET
    if not isinstance(start_date, Unset):
        json_start_date = start_date.isoformat()
    params["start-date"] = json_start_date

    json_end_date: str | Unset = UNSET
    if not isinstance(end_date, Unset):
        json_end_date = end_date.isoformat()
    params["end-date"] = json_end_date

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "operation": "availability_templates.get_applied_templates",
        "statuses": "200 400 401 403 404",
        "template": "/employees/{id}/applied-templates",
        "url": f"/employees/{path_segment(id)}/applied-templates",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "RETURNS",
]
