# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `GET /defined-availability` (get_defined_availability)."""

import datetime
from typing import Any

from ...._runtime import Returns
from ...models.defined_availability_list import DefinedAvailabilityList
from ...models.meeting_type import MeetingType
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.data_of(DefinedAvailabilityList)


def build_request(
    *,
    from_: datetime.datetime,
    to: datetime.datetime,
    employee_id: list[str] | Unset = UNSET,
    office_id: str,
    subject_id: list[str] | Unset = UNSET,
    meeting_type: list[MeetingType] | Unset = UNSET,
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

    json_subject_id: list[str] | Unset = UNSET
    if not isinstance(subject_id, Unset):
        json_subject_id = subject_id

    params["subject-id"] = json_subject_id

    json_meeting_type: list[str] | Unset = UNSET
    if not isinstance(meeting_type, Unset):
        json_meeting_type = []
        for meeting_type_item_data in meeting_type:
            meeting_type_item = meeting_type_item_data.value
            json_meeting_type.append(meeting_type_item)

    params["meeting-type"] = json_meeting_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "operation": "availability.get_defined_availability",
        "statuses": "200 400 401 403",
        "template": "/defined-availability",
        "url": "/defined-availability",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "build_request",
    "MeetingType",
    "RETURNS",
]
