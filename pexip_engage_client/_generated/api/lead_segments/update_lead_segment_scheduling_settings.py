from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.lead_segment_scheduling_setting_input import LeadSegmentSchedulingSettingInput
from ...models.scheduling_setting_list import SchedulingSettingList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: list[LeadSegmentSchedulingSettingInput] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/lead-segments/{id}/scheduling-settings".format(
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = []
        for body_item_data in body:
            body_item = body_item_data.to_dict()
            _kwargs["json"].append(body_item)

    headers["Content-Type"] = "application/json"

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
    body: list[LeadSegmentSchedulingSettingInput] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> Response[ErrorResponse | SchedulingSettingList]:
    """Update lead segment scheduling settings

     Replace the scheduling settings of a lead segment. The body is the complete list of
    (meeting type, subject) pairs (the page shows one item's fields and its example sends an
    array); the page shows a plain "Body", so it is optional. The response lists the settings
    now in force.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        body (list[LeadSegmentSchedulingSettingInput] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SchedulingSettingList]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
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
    body: list[LeadSegmentSchedulingSettingInput] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> ErrorResponse | SchedulingSettingList | None:
    """Update lead segment scheduling settings

     Replace the scheduling settings of a lead segment. The body is the complete list of
    (meeting type, subject) pairs (the page shows one item's fields and its example sends an
    array); the page shows a plain "Body", so it is optional. The response lists the settings
    now in force.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        body (list[LeadSegmentSchedulingSettingInput] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SchedulingSettingList
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        x_correlation_id=x_correlation_id,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: list[LeadSegmentSchedulingSettingInput] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> Response[ErrorResponse | SchedulingSettingList]:
    """Update lead segment scheduling settings

     Replace the scheduling settings of a lead segment. The body is the complete list of
    (meeting type, subject) pairs (the page shows one item's fields and its example sends an
    array); the page shows a plain "Body", so it is optional. The response lists the settings
    now in force.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        body (list[LeadSegmentSchedulingSettingInput] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SchedulingSettingList]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        x_correlation_id=x_correlation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: list[LeadSegmentSchedulingSettingInput] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> ErrorResponse | SchedulingSettingList | None:
    """Update lead segment scheduling settings

     Replace the scheduling settings of a lead segment. The body is the complete list of
    (meeting type, subject) pairs (the page shows one item's fields and its example sends an
    array); the page shows a plain "Body", so it is optional. The response lists the settings
    now in force.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        body (list[LeadSegmentSchedulingSettingInput] | Unset):

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
            body=body,
            x_correlation_id=x_correlation_id,
        )
    ).parsed
