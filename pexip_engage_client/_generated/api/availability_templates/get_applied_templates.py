import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.applied_template_list import AppliedTemplateList
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    params: dict[str, Any] = {}

    json_start_date: str | Unset = UNSET
    if not isinstance(start_date, Unset):
        json_start_date = start_date.isoformat()
    params["start-date"] = json_start_date

    json_end_date: str | Unset = UNSET
    if not isinstance(end_date, Unset):
        json_end_date = end_date.isoformat()
    params["end-date"] = json_end_date

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/employees/{id}/applied-templates".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AppliedTemplateList | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = AppliedTemplateList.from_dict(response.json())

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
) -> Response[AppliedTemplateList | ErrorResponse]:
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
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
) -> Response[AppliedTemplateList | ErrorResponse]:
    """Get applied templates

     Get the availability templates applied to an employee's calendar, a page at a time.

    Args:
        id (str):
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppliedTemplateList | ErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        start_date=start_date,
        end_date=end_date,
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
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
) -> AppliedTemplateList | ErrorResponse | None:
    """Get applied templates

     Get the availability templates applied to an employee's calendar, a page at a time.

    Args:
        id (str):
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppliedTemplateList | ErrorResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        start_date=start_date,
        end_date=end_date,
        offset=offset,
        limit=limit,
        x_correlation_id=x_correlation_id,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
) -> Response[AppliedTemplateList | ErrorResponse]:
    """Get applied templates

     Get the availability templates applied to an employee's calendar, a page at a time.

    Args:
        id (str):
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppliedTemplateList | ErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        start_date=start_date,
        end_date=end_date,
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
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
) -> AppliedTemplateList | ErrorResponse | None:
    """Get applied templates

     Get the availability templates applied to an employee's calendar, a page at a time.

    Args:
        id (str):
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppliedTemplateList | ErrorResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            start_date=start_date,
            end_date=end_date,
            offset=offset,
            limit=limit,
            x_correlation_id=x_correlation_id,
        )
    ).parsed
