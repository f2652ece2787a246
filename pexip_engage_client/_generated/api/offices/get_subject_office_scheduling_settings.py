from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.meeting_type import MeetingType
from ...models.scheduling_setting_list import SchedulingSettingList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    meeting_type: list[MeetingType] | Unset = UNSET,
    subject_id: list[str] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    params: dict[str, Any] = {}

    json_meeting_type: list[str] | Unset = UNSET
    if not isinstance(meeting_type, Unset):
        json_meeting_type = []
        for meeting_type_item_data in meeting_type:
            meeting_type_item = meeting_type_item_data.value
            json_meeting_type.append(meeting_type_item)

    params["meeting-type"] = json_meeting_type

    json_subject_id: list[str] | Unset = UNSET
    if not isinstance(subject_id, Unset):
        json_subject_id = subject_id

    params["subject-id"] = json_subject_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/offices/{id}/subject-scheduling-settings".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | SchedulingSettingList | None:
    if response.status_code == 200:
        response_200 = SchedulingSettingList.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | SchedulingSettingList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    meeting_type: list[MeetingType] | Unset = UNSET,
    subject_id: list[str] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> Response[ErrorResponse | SchedulingSettingList]:
    """Get subject office scheduling settings

     Get which subjects an office schedules, per meeting type.

    Args:
        id (str):
        meeting_type (list[MeetingType] | Unset):
        subject_id (list[str] | Unset):
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SchedulingSettingList]
    """

    kwargs = _get_kwargs(
        id=id,
        meeting_type=meeting_type,
        subject_id=subject_id,
        x_correlation_id=x_correlation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    meeting_type: list[MeetingType] | Unset = UNSET,
    subject_id: list[str] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> ErrorResponse | SchedulingSettingList | None:
    """Get subject office scheduling settings

     Get which subjects an office schedules, per meeting type.

    Args:
        id (str):
        meeting_type (list[MeetingType] | Unset):
        subject_id (list[str] | Unset):
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SchedulingSettingList
    """

    return sync_detailed(
        id=id,
        client=client,
        meeting_type=meeting_type,
        subject_id=subject_id,
        x_correlation_id=x_correlation_id,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    meeting_type: list[MeetingType] | Unset = UNSET,
    subject_id: list[str] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> Response[ErrorResponse | SchedulingSettingList]:
    """Get subject office scheduling settings

     Get which subjects an office schedules, per meeting type.

    Args:
        id (str):
        meeting_type (list[MeetingType] | Unset):
        subject_id (list[str] | Unset):
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SchedulingSettingList]
    """

    kwargs = _get_kwargs(
        id=id,
        meeting_type=meeting_type,
        subject_id=subject_id,
        x_correlation_id=x_correlation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    meeting_type: list[MeetingType] | Unset = UNSET,
    subject_id: list[str] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> ErrorResponse | SchedulingSettingList | None:
    """Get subject office scheduling settings

     Get which subjects an office schedules, per meeting type.

    Args:
        id (str):
        meeting_type (list[MeetingType] | Unset):
        subject_id (list[str] | Unset):
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SchedulingSettingList
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            meeting_type=meeting_type,
            subject_id=subject_id,
            x_correlation_id=x_correlation_id,
        )
    ).parsed
