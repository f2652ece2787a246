from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.expertise_input import ExpertiseInput
from ...models.expertise_list import ExpertiseList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    employee_id: str,
    office_id: str,
    *,
    body: list[ExpertiseInput] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/employees/{employee_id}/offices/{office_id}/expertise".format(
            employee_id=quote(str(employee_id), safe=""),
            office_id=quote(str(office_id), safe=""),
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
) -> ErrorResponse | ExpertiseList | None:
    if response.status_code == 200:
        response_200 = ExpertiseList.from_dict(response.json())

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
) -> Response[ErrorResponse | ExpertiseList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    employee_id: str,
    office_id: str,
    *,
    client: AuthenticatedClient,
    body: list[ExpertiseInput] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> Response[ErrorResponse | ExpertiseList]:
    """Put expertise for employee

     Replace the subjects an employee is expert in at one office, with their ranks. The copied
    documentation does not show whether the body is one object or a list; like the other PUTs
    that answer with a list, it is modelled as the complete list.

    Args:
        employee_id (str):
        office_id (str):
        x_correlation_id (str | Unset):
        body (list[ExpertiseInput] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ExpertiseList]
    """

    kwargs = _get_kwargs(
        employee_id=employee_id,
        office_id=office_id,
        body=body,
        x_correlation_id=x_correlation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    employee_id: str,
    office_id: str,
    *,
    client: AuthenticatedClient,
    body: list[ExpertiseInput] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> ErrorResponse | ExpertiseList | None:
    """Put expertise for employee

     Replace the subjects an employee is expert in at one office, with their ranks. The copied
    documentation does not show whether the body is one object or a list; like the other PUTs
    that answer with a list, it is modelled as the complete list.

    Args:
        employee_id (str):
        office_id (str):
        x_correlation_id (str | Unset):
        body (list[ExpertiseInput] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ExpertiseList
    """

    return sync_detailed(
        employee_id=employee_id,
        office_id=office_id,
        client=client,
        body=body,
        x_correlation_id=x_correlation_id,
    ).parsed


async def asyncio_detailed(
    employee_id: str,
    office_id: str,
    *,
    client: AuthenticatedClient,
    body: list[ExpertiseInput] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> Response[ErrorResponse | ExpertiseList]:
    """Put expertise for employee

     Replace the subjects an employee is expert in at one office, with their ranks. The copied
    documentation does not show whether the body is one object or a list; like the other PUTs
    that answer with a list, it is modelled as the complete list.

    Args:
        employee_id (str):
        office_id (str):
        x_correlation_id (str | Unset):
        body (list[ExpertiseInput] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ExpertiseList]
    """

    kwargs = _get_kwargs(
        employee_id=employee_id,
        office_id=office_id,
        body=body,
        x_correlation_id=x_correlation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    employee_id: str,
    office_id: str,
    *,
    client: AuthenticatedClient,
    body: list[ExpertiseInput] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> ErrorResponse | ExpertiseList | None:
    """Put expertise for employee

     Replace the subjects an employee is expert in at one office, with their ranks. The copied
    documentation does not show whether the body is one object or a list; like the other PUTs
    that answer with a list, it is modelled as the complete list.

    Args:
        employee_id (str):
        office_id (str):
        x_correlation_id (str | Unset):
        body (list[ExpertiseInput] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ExpertiseList
    """

    return (
        await asyncio_detailed(
            employee_id=employee_id,
            office_id=office_id,
            client=client,
            body=body,
            x_correlation_id=x_correlation_id,
        )
    ).parsed
