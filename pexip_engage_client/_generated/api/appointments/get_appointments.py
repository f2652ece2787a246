# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The request of `GET /appointments` (get_appointments)."""

import datetime
from typing import Any

from ...._runtime import Returns
from ...models.appointment_list import AppointmentList
from ...models.appointment_status import AppointmentStatus
from ...models.meeting_type import MeetingType
from ...types import UNSET, Unset

# What a successful body is read as; the Invoker picks the decoder.
RETURNS = Returns.model_of(AppointmentList)


def build_request(
    *,
    id: list[str] | Unset = UNSET,
    external_id: list[str] | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    meeting_type: list[MeetingType] | Unset = UNSET,
    status: list[AppointmentStatus] | Unset = UNSET,
    callback_request_id: list[str] | Unset = UNSET,
    listing_id: list[str] | Unset = UNSET,
    lead_segment_id: list[str] | Unset = UNSET,
    subject_id: list[str] | Unset = UNSET,
    office_id: list[str] | Unset = UNSET,
    customer_id: list[str] | Unset = UNSET,
    employee_id: list[str] | Unset = UNSET,
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

    json_external_id: list[str] | Unset = UNSET
    if not isinstance(external_id, Unset):
        json_external_id = external_id

    params["external-id"] = json_external_id

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    json_meeting_type: list[str] | Unset = UNSET
    if not isinstance(meeting_type, Unset):
        json_meeting_type = []
        for meeting_type_item_data in meeting_type:
            meeting_type_item = meeting_type_item_data.value
            json_meeting_type.append(meeting_type_item)

    params["meeting-type"] = json_meeting_type

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    params["status"] = json_status

    json_callback_request_id: list[str] | Unset = UNSET
    if not isinstance(callback_request_id, Unset):
        json_callback_request_id = callback_request_id

    params["callback-request-id"] = json_callback_request_id

    json_listing_id: list[str] | Unset = UNSET
    if not isinstance(listing_id, Unset):
        json_listing_id = listing_id

    params["listing-id"] = json_listing_id

    json_lead_segment_id: list[str] | Unset = UNSET
    if not isinstance(lead_segment_id, Unset):
        json_lead_segment_id = lead_segment_id

    params["lead-segment-id"] = json_lead_segment_id

    json_subject_id: list[str] | Unset = UNSET
    if not isinstance(subject_id, Unset):
        json_subject_id = subject_id

    params["subject-id"] = json_subject_id

    json_office_id: list[str] | Unset = UNSET
    if not isinstance(office_id, Unset):
        json_office_id = office_id

    params["office-id"] = json_office_id

    json_customer_id: list[str] | Unset = UNSET
    if not isinstance(customer_id, Unset):
        json_customer_id = customer_id

    params["customer-id"] = json_customer_id

    json_employee_id: list[str] | Unset = UNSET
    if not isinstance(employee_id, Unset):
        json_employee_id = employee_id

    params["employee-id"] = json_employee_id

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "operation": "appointments.get_appointments",
        "statuses": "200 400 401 403",
        "template": "/appointments",
        "url": "/appointments",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


__all__ = [
    "AppointmentStatus",
    "build_request",
    "MeetingType",
    "RETURNS",
]
