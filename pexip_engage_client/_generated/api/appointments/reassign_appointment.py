# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `POST /appointments/{id}/_actions/reassign` (reassign_appointment)."""

from typing import Any

from ...._runtime import path_segment
from ...models.appointment_reassign import AppointmentReassign
from ...types import UNSET, Unset


def build_request(
    id: str,
    *,
    body: AppointmentReassign,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    if not isinstance(accept_language, Unset):
        headers["Accept-Language"] = accept_language

    _kwargs: dict[str, Any] = {
        "method": "post",
        "operation": "appointments.reassign_appointment",
        "template": "/appointments/{id}/_actions/reassign",
        "url": f"/appointments/{path_segment(id)}/_actions/reassign",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs
