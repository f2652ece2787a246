import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.appointment_list import AppointmentList
from ...models.appointment_status import AppointmentStatus
from ...models.error_response import ErrorResponse
from ...models.meeting_type import MeetingType
from ...types import UNSET, Response, Unset


def _get_kwargs(
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
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> dict[str, Any]:
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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/appointments",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AppointmentList | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = AppointmentList.from_dict(response.json())

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
) -> Response[AppointmentList | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
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
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[AppointmentList | ErrorResponse]:
    """Get appointments

     Get appointments with filtering. The copied documentation is cut after the `employee-id`
    filter: further parameters (pagination included, if any) and the response schema were not
    visible. The response is modelled as the appointments in `data`, the envelope every other
    operation uses; any further members (such as `meta`) are kept on the envelope.

    Args:
        id (list[str] | Unset):
        external_id (list[str] | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        meeting_type (list[MeetingType] | Unset):
        status (list[AppointmentStatus] | Unset):
        callback_request_id (list[str] | Unset):
        listing_id (list[str] | Unset):
        lead_segment_id (list[str] | Unset):
        subject_id (list[str] | Unset):
        office_id (list[str] | Unset):
        customer_id (list[str] | Unset):
        employee_id (list[str] | Unset):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppointmentList | ErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        external_id=external_id,
        from_=from_,
        to=to,
        meeting_type=meeting_type,
        status=status,
        callback_request_id=callback_request_id,
        listing_id=listing_id,
        lead_segment_id=lead_segment_id,
        subject_id=subject_id,
        office_id=office_id,
        customer_id=customer_id,
        employee_id=employee_id,
        x_correlation_id=x_correlation_id,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
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
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> AppointmentList | ErrorResponse | None:
    """Get appointments

     Get appointments with filtering. The copied documentation is cut after the `employee-id`
    filter: further parameters (pagination included, if any) and the response schema were not
    visible. The response is modelled as the appointments in `data`, the envelope every other
    operation uses; any further members (such as `meta`) are kept on the envelope.

    Args:
        id (list[str] | Unset):
        external_id (list[str] | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        meeting_type (list[MeetingType] | Unset):
        status (list[AppointmentStatus] | Unset):
        callback_request_id (list[str] | Unset):
        listing_id (list[str] | Unset):
        lead_segment_id (list[str] | Unset):
        subject_id (list[str] | Unset):
        office_id (list[str] | Unset):
        customer_id (list[str] | Unset):
        employee_id (list[str] | Unset):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppointmentList | ErrorResponse
    """

    return sync_detailed(
        client=client,
        id=id,
        external_id=external_id,
        from_=from_,
        to=to,
        meeting_type=meeting_type,
        status=status,
        callback_request_id=callback_request_id,
        listing_id=listing_id,
        lead_segment_id=lead_segment_id,
        subject_id=subject_id,
        office_id=office_id,
        customer_id=customer_id,
        employee_id=employee_id,
        x_correlation_id=x_correlation_id,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
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
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[AppointmentList | ErrorResponse]:
    """Get appointments

     Get appointments with filtering. The copied documentation is cut after the `employee-id`
    filter: further parameters (pagination included, if any) and the response schema were not
    visible. The response is modelled as the appointments in `data`, the envelope every other
    operation uses; any further members (such as `meta`) are kept on the envelope.

    Args:
        id (list[str] | Unset):
        external_id (list[str] | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        meeting_type (list[MeetingType] | Unset):
        status (list[AppointmentStatus] | Unset):
        callback_request_id (list[str] | Unset):
        listing_id (list[str] | Unset):
        lead_segment_id (list[str] | Unset):
        subject_id (list[str] | Unset):
        office_id (list[str] | Unset):
        customer_id (list[str] | Unset):
        employee_id (list[str] | Unset):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppointmentList | ErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        external_id=external_id,
        from_=from_,
        to=to,
        meeting_type=meeting_type,
        status=status,
        callback_request_id=callback_request_id,
        listing_id=listing_id,
        lead_segment_id=lead_segment_id,
        subject_id=subject_id,
        office_id=office_id,
        customer_id=customer_id,
        employee_id=employee_id,
        x_correlation_id=x_correlation_id,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
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
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> AppointmentList | ErrorResponse | None:
    """Get appointments

     Get appointments with filtering. The copied documentation is cut after the `employee-id`
    filter: further parameters (pagination included, if any) and the response schema were not
    visible. The response is modelled as the appointments in `data`, the envelope every other
    operation uses; any further members (such as `meta`) are kept on the envelope.

    Args:
        id (list[str] | Unset):
        external_id (list[str] | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        meeting_type (list[MeetingType] | Unset):
        status (list[AppointmentStatus] | Unset):
        callback_request_id (list[str] | Unset):
        listing_id (list[str] | Unset):
        lead_segment_id (list[str] | Unset):
        subject_id (list[str] | Unset):
        office_id (list[str] | Unset):
        customer_id (list[str] | Unset):
        employee_id (list[str] | Unset):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppointmentList | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            id=id,
            external_id=external_id,
            from_=from_,
            to=to,
            meeting_type=meeting_type,
            status=status,
            callback_request_id=callback_request_id,
            listing_id=listing_id,
            lead_segment_id=lead_segment_id,
            subject_id=subject_id,
            office_id=office_id,
            customer_id=customer_id,
            employee_id=employee_id,
            x_correlation_id=x_correlation_id,
            accept_language=accept_language,
        )
    ).parsed
