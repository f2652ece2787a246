import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.meeting_type import MeetingType
from ...models.timetable_location import TimetableLocation
from ...models.timetable_response import TimetableResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
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
        "url": "/timetable",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | TimetableResponse | None:
    if response.status_code == 200:
        response_200 = TimetableResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | TimetableResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
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
) -> Response[ErrorResponse | TimetableResponse]:
    """Get timetable

     Get the bookable time slots for a subject, office and meeting type in a period. The
    documentation does not render the names of its lead segment and listing filters; they are
    modelled as `lead-segment-id` and `listing-id`, the names every other filter of those
    resources uses. The response schema is cut after `listing`; further properties are kept
    as received.

    Args:
        from_ (datetime.datetime):
        to (datetime.datetime):
        employee_id (list[str] | Unset):
        office_id (str):
        subject_id (str):
        meeting_type (MeetingType):
        lead_segment_id (str | Unset):
        listing_id (str | Unset):
        location (TimetableLocation | Unset): A point to find time slots near, for the timetable's
            `location` filter.
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TimetableResponse]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        employee_id=employee_id,
        office_id=office_id,
        subject_id=subject_id,
        meeting_type=meeting_type,
        lead_segment_id=lead_segment_id,
        listing_id=listing_id,
        location=location,
        x_correlation_id=x_correlation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
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
) -> ErrorResponse | TimetableResponse | None:
    """Get timetable

     Get the bookable time slots for a subject, office and meeting type in a period. The
    documentation does not render the names of its lead segment and listing filters; they are
    modelled as `lead-segment-id` and `listing-id`, the names every other filter of those
    resources uses. The response schema is cut after `listing`; further properties are kept
    as received.

    Args:
        from_ (datetime.datetime):
        to (datetime.datetime):
        employee_id (list[str] | Unset):
        office_id (str):
        subject_id (str):
        meeting_type (MeetingType):
        lead_segment_id (str | Unset):
        listing_id (str | Unset):
        location (TimetableLocation | Unset): A point to find time slots near, for the timetable's
            `location` filter.
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TimetableResponse
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        employee_id=employee_id,
        office_id=office_id,
        subject_id=subject_id,
        meeting_type=meeting_type,
        lead_segment_id=lead_segment_id,
        listing_id=listing_id,
        location=location,
        x_correlation_id=x_correlation_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
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
) -> Response[ErrorResponse | TimetableResponse]:
    """Get timetable

     Get the bookable time slots for a subject, office and meeting type in a period. The
    documentation does not render the names of its lead segment and listing filters; they are
    modelled as `lead-segment-id` and `listing-id`, the names every other filter of those
    resources uses. The response schema is cut after `listing`; further properties are kept
    as received.

    Args:
        from_ (datetime.datetime):
        to (datetime.datetime):
        employee_id (list[str] | Unset):
        office_id (str):
        subject_id (str):
        meeting_type (MeetingType):
        lead_segment_id (str | Unset):
        listing_id (str | Unset):
        location (TimetableLocation | Unset): A point to find time slots near, for the timetable's
            `location` filter.
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TimetableResponse]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        employee_id=employee_id,
        office_id=office_id,
        subject_id=subject_id,
        meeting_type=meeting_type,
        lead_segment_id=lead_segment_id,
        listing_id=listing_id,
        location=location,
        x_correlation_id=x_correlation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
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
) -> ErrorResponse | TimetableResponse | None:
    """Get timetable

     Get the bookable time slots for a subject, office and meeting type in a period. The
    documentation does not render the names of its lead segment and listing filters; they are
    modelled as `lead-segment-id` and `listing-id`, the names every other filter of those
    resources uses. The response schema is cut after `listing`; further properties are kept
    as received.

    Args:
        from_ (datetime.datetime):
        to (datetime.datetime):
        employee_id (list[str] | Unset):
        office_id (str):
        subject_id (str):
        meeting_type (MeetingType):
        lead_segment_id (str | Unset):
        listing_id (str | Unset):
        location (TimetableLocation | Unset): A point to find time slots near, for the timetable's
            `location` filter.
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TimetableResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            employee_id=employee_id,
            office_id=office_id,
            subject_id=subject_id,
            meeting_type=meeting_type,
            lead_segment_id=lead_segment_id,
            listing_id=listing_id,
            location=location,
            x_correlation_id=x_correlation_id,
        )
    ).parsed
