from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.employee_list import EmployeeList
from ...models.employee_role import EmployeeRole
from ...models.employee_status import EmployeeStatus
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    id: list[str] | Unset = UNSET,
    email: list[str] | Unset = UNSET,
    external_id: list[str] | Unset = UNSET,
    available_role: list[EmployeeRole] | Unset = UNSET,
    username: list[str] | Unset = UNSET,
    status: list[EmployeeStatus] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
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

    json_email: list[str] | Unset = UNSET
    if not isinstance(email, Unset):
        json_email = email

    params["email"] = json_email

    json_external_id: list[str] | Unset = UNSET
    if not isinstance(external_id, Unset):
        json_external_id = external_id

    params["external-id"] = json_external_id

    json_available_role: list[str] | Unset = UNSET
    if not isinstance(available_role, Unset):
        json_available_role = []
        for available_role_item_data in available_role:
            available_role_item = available_role_item_data.value
            json_available_role.append(available_role_item)

    params["available-role"] = json_available_role

    json_username: list[str] | Unset = UNSET
    if not isinstance(username, Unset):
        json_username = username

    params["username"] = json_username

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    params["status"] = json_status

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/employees",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EmployeeList | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = EmployeeList.from_dict(response.json())

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
) -> Response[EmployeeList | ErrorResponse]:
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
    email: list[str] | Unset = UNSET,
    external_id: list[str] | Unset = UNSET,
    available_role: list[EmployeeRole] | Unset = UNSET,
    username: list[str] | Unset = UNSET,
    status: list[EmployeeStatus] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[EmployeeList | ErrorResponse]:
    """Get employees

     Get employees with filtering, a page at a time. The documentation also lists a flag that
    includes deleted employees, but does not render its name; it is not modelled (a guessed
    name could be refused by the server).

    Args:
        id (list[str] | Unset):
        email (list[str] | Unset):
        external_id (list[str] | Unset):
        available_role (list[EmployeeRole] | Unset):
        username (list[str] | Unset):
        status (list[EmployeeStatus] | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmployeeList | ErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        email=email,
        external_id=external_id,
        available_role=available_role,
        username=username,
        status=status,
        offset=offset,
        limit=limit,
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
    email: list[str] | Unset = UNSET,
    external_id: list[str] | Unset = UNSET,
    available_role: list[EmployeeRole] | Unset = UNSET,
    username: list[str] | Unset = UNSET,
    status: list[EmployeeStatus] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> EmployeeList | ErrorResponse | None:
    """Get employees

     Get employees with filtering, a page at a time. The documentation also lists a flag that
    includes deleted employees, but does not render its name; it is not modelled (a guessed
    name could be refused by the server).

    Args:
        id (list[str] | Unset):
        email (list[str] | Unset):
        external_id (list[str] | Unset):
        available_role (list[EmployeeRole] | Unset):
        username (list[str] | Unset):
        status (list[EmployeeStatus] | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmployeeList | ErrorResponse
    """

    return sync_detailed(
        client=client,
        id=id,
        email=email,
        external_id=external_id,
        available_role=available_role,
        username=username,
        status=status,
        offset=offset,
        limit=limit,
        x_correlation_id=x_correlation_id,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    id: list[str] | Unset = UNSET,
    email: list[str] | Unset = UNSET,
    external_id: list[str] | Unset = UNSET,
    available_role: list[EmployeeRole] | Unset = UNSET,
    username: list[str] | Unset = UNSET,
    status: list[EmployeeStatus] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[EmployeeList | ErrorResponse]:
    """Get employees

     Get employees with filtering, a page at a time. The documentation also lists a flag that
    includes deleted employees, but does not render its name; it is not modelled (a guessed
    name could be refused by the server).

    Args:
        id (list[str] | Unset):
        email (list[str] | Unset):
        external_id (list[str] | Unset):
        available_role (list[EmployeeRole] | Unset):
        username (list[str] | Unset):
        status (list[EmployeeStatus] | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmployeeList | ErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        email=email,
        external_id=external_id,
        available_role=available_role,
        username=username,
        status=status,
        offset=offset,
        limit=limit,
        x_correlation_id=x_correlation_id,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    id: list[str] | Unset = UNSET,
    email: list[str] | Unset = UNSET,
    external_id: list[str] | Unset = UNSET,
    available_role: list[EmployeeRole] | Unset = UNSET,
    username: list[str] | Unset = UNSET,
    status: list[EmployeeStatus] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> EmployeeList | ErrorResponse | None:
    """Get employees

     Get employees with filtering, a page at a time. The documentation also lists a flag that
    includes deleted employees, but does not render its name; it is not modelled (a guessed
    name could be refused by the server).

    Args:
        id (list[str] | Unset):
        email (list[str] | Unset):
        external_id (list[str] | Unset):
        available_role (list[EmployeeRole] | Unset):
        username (list[str] | Unset):
        status (list[EmployeeStatus] | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmployeeList | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            id=id,
            email=email,
            external_id=external_id,
            available_role=available_role,
            username=username,
            status=status,
            offset=offset,
            limit=limit,
            x_correlation_id=x_correlation_id,
            accept_language=accept_language,
        )
    ).parsed
