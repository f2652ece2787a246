from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.availability_template_create import AvailabilityTemplateCreate
from ...models.availability_template_response import AvailabilityTemplateResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    employee_id: str,
    *,
    body: AvailabilityTemplateCreate,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/employees/{employee_id}/availability-templates".format(
            employee_id=quote(str(employee_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AvailabilityTemplateResponse | ErrorResponse | None:
    if response.status_code == 201:
        response_201 = AvailabilityTemplateResponse.from_dict(response.json())

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
) -> Response[AvailabilityTemplateResponse | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    employee_id: str,
    *,
    client: AuthenticatedClient,
    body: AvailabilityTemplateCreate,
    x_correlation_id: str | Unset = UNSET,
) -> Response[AvailabilityTemplateResponse | ErrorResponse]:
    """Create an availability template

     Create an availability template for an employee. The documentation shows the body only by
    its example; the fields are modelled from it, none required.

    Args:
        employee_id (str):
        x_correlation_id (str | Unset):
        body (AvailabilityTemplateCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AvailabilityTemplateResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        employee_id=employee_id,
        body=body,
        x_correlation_id=x_correlation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    employee_id: str,
    *,
    client: AuthenticatedClient,
    body: AvailabilityTemplateCreate,
    x_correlation_id: str | Unset = UNSET,
) -> AvailabilityTemplateResponse | ErrorResponse | None:
    """Create an availability template

     Create an availability template for an employee. The documentation shows the body only by
    its example; the fields are modelled from it, none required.

    Args:
        employee_id (str):
        x_correlation_id (str | Unset):
        body (AvailabilityTemplateCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AvailabilityTemplateResponse | ErrorResponse
    """

    return sync_detailed(
        employee_id=employee_id,
        client=client,
        body=body,
        x_correlation_id=x_correlation_id,
    ).parsed


async def asyncio_detailed(
    employee_id: str,
    *,
    client: AuthenticatedClient,
    body: AvailabilityTemplateCreate,
    x_correlation_id: str | Unset = UNSET,
) -> Response[AvailabilityTemplateResponse | ErrorResponse]:
    """Create an availability template

     Create an availability template for an employee. The documentation shows the body only by
    its example; the fields are modelled from it, none required.

    Args:
        employee_id (str):
        x_correlation_id (str | Unset):
        body (AvailabilityTemplateCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AvailabilityTemplateResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        employee_id=employee_id,
        body=body,
        x_correlation_id=x_correlation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    employee_id: str,
    *,
    client: AuthenticatedClient,
    body: AvailabilityTemplateCreate,
    x_correlation_id: str | Unset = UNSET,
) -> AvailabilityTemplateResponse | ErrorResponse | None:
    """Create an availability template

     Create an availability template for an employee. The documentation shows the body only by
    its example; the fields are modelled from it, none required.

    Args:
        employee_id (str):
        x_correlation_id (str | Unset):
        body (AvailabilityTemplateCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AvailabilityTemplateResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            employee_id=employee_id,
            client=client,
            body=body,
            x_correlation_id=x_correlation_id,
        )
    ).parsed
