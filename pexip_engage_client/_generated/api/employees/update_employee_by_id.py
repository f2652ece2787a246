from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.business_error_response import BusinessErrorResponse
from ...models.employee_response import EmployeeResponse
from ...models.employee_update import EmployeeUpdate
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: EmployeeUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    if not isinstance(accept_language, Unset):
        headers["Accept-Language"] = accept_language

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/employees/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BusinessErrorResponse | EmployeeResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = EmployeeResponse.from_dict(response.json())

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

    if response.status_code == 422:
        response_422 = BusinessErrorResponse.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BusinessErrorResponse | EmployeeResponse | ErrorResponse]:
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
    body: EmployeeUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[BusinessErrorResponse | EmployeeResponse | ErrorResponse]:
    """Update an employee

     Update an employee by its ID. Collection properties are replaced as a whole.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (EmployeeUpdate | Unset): The properties to change; absent ones are left as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessErrorResponse | EmployeeResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        x_correlation_id=x_correlation_id,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: EmployeeUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> BusinessErrorResponse | EmployeeResponse | ErrorResponse | None:
    """Update an employee

     Update an employee by its ID. Collection properties are replaced as a whole.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (EmployeeUpdate | Unset): The properties to change; absent ones are left as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessErrorResponse | EmployeeResponse | ErrorResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        x_correlation_id=x_correlation_id,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: EmployeeUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[BusinessErrorResponse | EmployeeResponse | ErrorResponse]:
    """Update an employee

     Update an employee by its ID. Collection properties are replaced as a whole.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (EmployeeUpdate | Unset): The properties to change; absent ones are left as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessErrorResponse | EmployeeResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        x_correlation_id=x_correlation_id,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: EmployeeUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> BusinessErrorResponse | EmployeeResponse | ErrorResponse | None:
    """Update an employee

     Update an employee by its ID. Collection properties are replaced as a whole.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (EmployeeUpdate | Unset): The properties to change; absent ones are left as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessErrorResponse | EmployeeResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            x_correlation_id=x_correlation_id,
            accept_language=accept_language,
        )
    ).parsed
