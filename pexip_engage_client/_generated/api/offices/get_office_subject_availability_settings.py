# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `GET /offices/{id}/subject-availability-settings` (get_office_subject_availability_settings)."""

from typing import Any

from ...._runtime import Returns, path_segment
from ...models.office_subject_availability_setting_list import OfficeSubjectAvailabilitySettingList
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(OfficeSubjectAvailabilitySettingList)


def build_request(
    id: str,
    *,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "get",
        "operation": "offices.get_office_subject_availability_settings",
        "statuses": "200 400 401 403 404",
        "template": "/offices/{id}/subject-availability-settings",
        "url": f"/offices/{path_segment(id)}/subject-availability-settings",
    }

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "RETURNS",
]
