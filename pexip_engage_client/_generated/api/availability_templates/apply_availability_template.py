# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `POST /employees/{id}/applied-templates` (apply_availability_template)."""

from typing import Any

from ...._runtime import Returns, path_segment
from ...models.applied_template_create import AppliedTemplateCreate
from ...models.applied_template_response import AppliedTemplateResponse
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(AppliedTemplateResponse)


def build_request(
    id: str,
    *,
    body: AppliedTemplateCreate,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "operation": "availability_templates.apply_availability_template",
        "statuses": "201 400 401 403 404 422",
        "template": "/employees/{id}/applied-templates",
        "url": f"/employees/{path_segment(id)}/applied-templates",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "AppliedTemplateCreate",
    "build_request",
    "RETURNS",
]
