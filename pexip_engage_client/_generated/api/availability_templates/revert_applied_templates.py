# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `DELETE /employees/{id}/applied-templates` (revert_applied_templates)."""

from typing import Any

from ...._runtime import path_segment
from ...models.applied_template_revert import AppliedTemplateRevert
from ...types import UNSET, Unset


def build_request(
    id: str,
    *,
    body: AppliedTemplateRevert,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "operation": "availability_templates.revert_applied_templates",
        "statuses": "204 400 401 403 404",
        "template": "/employees/{id}/applied-templates",
        "url": f"/employees/{path_segment(id)}/applied-templates",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "AppliedTemplateRevert",
    "build_request",
]
