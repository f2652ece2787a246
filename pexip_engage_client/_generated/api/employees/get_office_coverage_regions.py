# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `GET /employees/{id}/office-coverage-regions` (get_office_coverage_regions)."""

from typing import Any

from ...._runtime import Returns, path_segment
from ...models.meeting_type import MeetingType
from ...models.office_coverage_region_list import OfficeCoverageRegionList
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(OfficeCoverageRegionList)


def build_request(
    id: str,
    *,
    office_id: str,
    meeting_type: list[MeetingType] | Unset = UNSET,
    region_id: list[str] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    params: dict[str, Any] = {}

    params["office-id"] = office_id

    json_meeting_type: list[str] | Unset = UNSET
    if not isinstance(meeting_type, Unset):
        json_meeting_type = []
        for meeting_type_item_data in meeting_type:
            meeting_type_item = meeting_type_item_data.value
            json_meeting_type.append(meeting_type_item)

    params["meeting-type"] = json_meeting_type

    json_region_id: list[str] | Unset = UNSET
    if not isinstance(region_id, Unset):
        json_region_id = region_id

    params["region-id"] = json_region_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "operation": "employees.get_office_coverage_regions",
        "statuses": "200 400 401 403 404",
        "template": "/employees/{id}/office-coverage-regions",
        "url": f"/employees/{path_segment(id)}/office-coverage-regions",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "MeetingType",
    "RETURNS",
]
