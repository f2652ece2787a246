# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `GET /timetable` (get_timetable)."""

import datetime
from typing import Any

from ...._runtime import Returns
from ...models.meeting_type import MeetingType
from ...models.timetable_location import TimetableLocation
from ...models.timetable_response import TimetableResponse
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(TimetableResponse)


def build_request(
    *,
    from_: datetime.datetime,
    to: datetime.datetime,
    employee_id: list[str] | Unset = UNSET,
    office_id: str,
    subject_id: str,
    meeting_type: MeetingType,
    lead_segment_id: str | Unset = UNSET,
    listing_id: str | Unset = UNSET,
    location: TimetableLocation | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The `Invoker`'s request: method, URL relative to the enterprise, query, headers and JSON body."""
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    params: dict[str, Any] = {}

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    json_employee_id: list[str] | Unset = UNSET
    if not isinstance(employee_id, Unset):
        json_employee_id = employee_id

    params["employee-id"] = json_employee_id

    params["office-id"] = office_id

    params["subject-id"] = subject_id

    json_meeting_type = meeting_type.value
    params["meeting-type"] = json_meeting_type

    params["lead-segment-id"] = lead_segment_id

    params["listing-id"] = listing_id

    json_location: dict[str, Any] | Unset = UNSET
    if not isinstance(location, Unset):
        json_location = location.to_dict()
    if not isinstance(json_location, Unset):
        params.update(json_location)

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "operation": "availability.get_timetable",
        "statuses": "200 400 401 403",
        "template": "/timetable",
        "url": "/timetable",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "MeetingType",
    "RETURNS",
    "TimetableLocation",
]
