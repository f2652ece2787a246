# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `POST /appointments/{id}/_actions/reopen` (reopen_appointment)."""

from typing import Any

from ...._runtime import Returns, path_segment
from ...models.appointment_response import AppointmentResponse
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(AppointmentResponse)


def build_request(
    id: str,
    *,
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
        "operation": "appointments.reopen_appointment",
        "statuses": "200 400 401 403 404 422",
        "template": "/appointments/{id}/_actions/reopen",
        "url": f"/appointments/{path_segment(id)}/_actions/reopen",
    }

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "RETURNS",
]
