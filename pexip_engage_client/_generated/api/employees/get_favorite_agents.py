from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.favorite_agent_list import FavoriteAgentList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    office_id: list[str] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    params: dict[str, Any] = {}

    json_office_id: list[str] | Unset = UNSET
    if not isinstance(office_id, Unset):
        json_office_id = office_id

    params["office-id"] = json_office_id

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/employees/{id}/favorite-agents".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | FavoriteAgentList | None:
    if response.status_code == 200:
        response_200 = FavoriteAgentList.from_dict(response.json())

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
) -> Response[ErrorResponse | FavoriteAgentList]:
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
    office_id: list[str] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
) -> Response[ErrorResponse | FavoriteAgentList]:
    """Get favorite agents

     Get the favorite agents of an employee, per office, a page at a time.

    Args:
        id (str):
        office_id (list[str] | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FavoriteAgentList]
    """

    kwargs = _get_kwargs(
        id=id,
        office_id=office_id,
        offset=offset,
        limit=limit,
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
    office_id: list[str] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
) -> ErrorResponse | FavoriteAgentList | None:
    """Get favorite agents

     Get the favorite agents of an employee, per office, a page at a time.

    Args:
        id (str):
        office_id (list[str] | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FavoriteAgentList
    """

    return sync_detailed(
        id=id,
        client=client,
        office_id=office_id,
        offset=offset,
        limit=limit,
        x_correlation_id=x_correlation_id,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    office_id: list[str] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
) -> Response[ErrorResponse | FavoriteAgentList]:
    """Get favorite agents

     Get the favorite agents of an employee, per office, a page at a time.

    Args:
        id (str):
        office_id (list[str] | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FavoriteAgentList]
    """

    kwargs = _get_kwargs(
        id=id,
        office_id=office_id,
        offset=offset,
        limit=limit,
        x_correlation_id=x_correlation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    office_id: list[str] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
) -> ErrorResponse | FavoriteAgentList | None:
    """Get favorite agents

     Get the favorite agents of an employee, per office, a page at a time.

    Args:
        id (str):
        office_id (list[str] | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FavoriteAgentList
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            office_id=office_id,
            offset=offset,
            limit=limit,
            x_correlation_id=x_correlation_id,
        )
    ).parsed
