from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.meeting_type import MeetingType
from ...models.office_coverage_region_list import OfficeCoverageRegionList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    office_id: str,
    meeting_type: list[MeetingType] | Unset = UNSET,
    region_id: list[str] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
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
        "url": "/employees/{id}/office-coverage-regions".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | OfficeCoverageRegionList | None:
    if response.status_code == 200:
        response_200 = OfficeCoverageRegionList.from_dict(response.json())

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
) -> Response[ErrorResponse | OfficeCoverageRegionList]:
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
    office_id: str,
    meeting_type: list[MeetingType] | Unset = UNSET,
    region_id: list[str] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> Response[ErrorResponse | OfficeCoverageRegionList]:
    """Get office coverage regions

     Get the regions an agent covers from one office, per meeting type.

    Args:
        id (str):
        office_id (str):
        meeting_type (list[MeetingType] | Unset):
        region_id (list[str] | Unset):
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | OfficeCoverageRegionList]
    """

    kwargs = _get_kwargs(
        id=id,
        office_id=office_id,
        meeting_type=meeting_type,
        region_id=region_id,
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
    office_id: str,
    meeting_type: list[MeetingType] | Unset = UNSET,
    region_id: list[str] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> ErrorResponse | OfficeCoverageRegionList | None:
    """Get office coverage regions

     Get the regions an agent covers from one office, per meeting type.

    Args:
        id (str):
        office_id (str):
        meeting_type (list[MeetingType] | Unset):
        region_id (list[str] | Unset):
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | OfficeCoverageRegionList
    """

    return sync_detailed(
        id=id,
        client=client,
        office_id=office_id,
        meeting_type=meeting_type,
        region_id=region_id,
        x_correlation_id=x_correlation_id,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    office_id: str,
    meeting_type: list[MeetingType] | Unset = UNSET,
    region_id: list[str] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> Response[ErrorResponse | OfficeCoverageRegionList]:
    """Get office coverage regions

     Get the regions an agent covers from one office, per meeting type.

    Args:
        id (str):
        office_id (str):
        meeting_type (list[MeetingType] | Unset):
        region_id (list[str] | Unset):
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | OfficeCoverageRegionList]
    """

    kwargs = _get_kwargs(
        id=id,
        office_id=office_id,
        meeting_type=meeting_type,
        region_id=region_id,
        x_correlation_id=x_correlation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    office_id: str,
    meeting_type: list[MeetingType] | Unset = UNSET,
    region_id: list[str] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> ErrorResponse | OfficeCoverageRegionList | None:
    """Get office coverage regions

     Get the regions an agent covers from one office, per meeting type.

    Args:
        id (str):
        office_id (str):
        meeting_type (list[MeetingType] | Unset):
        region_id (list[str] | Unset):
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | OfficeCoverageRegionList
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            office_id=office_id,
            meeting_type=meeting_type,
            region_id=region_id,
            x_correlation_id=x_correlation_id,
        )
    ).parsed
