from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.listing_create import ListingCreate
from ...models.listing_response import ListingResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ListingCreate,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    if not isinstance(accept_language, Unset):
        headers["Accept-Language"] = accept_language

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/listings",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListingResponse | None:
    if response.status_code == 201:
        response_201 = ListingResponse.from_dict(response.json())

        return response_201

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
) -> Response[ErrorResponse | ListingResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ListingCreate,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[ErrorResponse | ListingResponse]:
    """Create a listing

     Create a listing. The documentation shows the body only by its (truncated) example and no
    responses; the answer is modelled as the listing in `data`, kept as received.

    Args:
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (ListingCreate): The listing to create, modelled from the documentation's (truncated)
            example.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListingResponse]
    """

    kwargs = _get_kwargs(
        body=body,
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
    body: ListingCreate,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> ErrorResponse | ListingResponse | None:
    """Create a listing

     Create a listing. The documentation shows the body only by its (truncated) example and no
    responses; the answer is modelled as the listing in `data`, kept as received.

    Args:
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (ListingCreate): The listing to create, modelled from the documentation's (truncated)
            example.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListingResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        x_correlation_id=x_correlation_id,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ListingCreate,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[ErrorResponse | ListingResponse]:
    """Create a listing

     Create a listing. The documentation shows the body only by its (truncated) example and no
    responses; the answer is modelled as the listing in `data`, kept as received.

    Args:
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (ListingCreate): The listing to create, modelled from the documentation's (truncated)
            example.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListingResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        x_correlation_id=x_correlation_id,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ListingCreate,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> ErrorResponse | ListingResponse | None:
    """Create a listing

     Create a listing. The documentation shows the body only by its (truncated) example and no
    responses; the answer is modelled as the listing in `data`, kept as received.

    Args:
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (ListingCreate): The listing to create, modelled from the documentation's (truncated)
            example.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListingResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_correlation_id=x_correlation_id,
            accept_language=accept_language,
        )
    ).parsed
