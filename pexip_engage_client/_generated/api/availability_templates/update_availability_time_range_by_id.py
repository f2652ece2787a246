from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.availability_time_range_response import AvailabilityTimeRangeResponse
from ...models.availability_time_range_update import AvailabilityTimeRangeUpdate
from ...models.business_error_response import BusinessErrorResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    employee_id: str,
    availability_template_id: str,
    id: str,
    *,
    body: AvailabilityTimeRangeUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/employees/{employee_id}/availability-templates/{availability_template_id}/time-ranges/{id}".format(
            employee_id=quote(str(employee_id), safe=""),
            availability_template_id=quote(str(availability_template_id), safe=""),
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
) -> AvailabilityTimeRangeResponse | BusinessErrorResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = AvailabilityTimeRangeResponse.from_dict(response.json())

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
) -> Response[AvailabilityTimeRangeResponse | BusinessErrorResponse | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    employee_id: str,
    availability_template_id: str,
    id: str,
    *,
    client: AuthenticatedClient,
    body: AvailabilityTimeRangeUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> Response[AvailabilityTimeRangeResponse | BusinessErrorResponse | ErrorResponse]:
    """Update an availability time range

    Args:
        employee_id (str):
        availability_template_id (str):
        id (str):
        x_correlation_id (str | Unset):
        body (AvailabilityTimeRangeUpdate | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AvailabilityTimeRangeResponse | BusinessErrorResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        employee_id=employee_id,
        availability_template_id=availability_template_id,
        id=id,
        body=body,
        x_correlation_id=x_correlation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    employee_id: str,
    availability_template_id: str,
    id: str,
    *,
    client: AuthenticatedClient,
    body: AvailabilityTimeRangeUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> AvailabilityTimeRangeResponse | BusinessErrorResponse | ErrorResponse | None:
    """Update an availability time range

    Args:
        employee_id (str):
        availability_template_id (str):
        id (str):
        x_correlation_id (str | Unset):
        body (AvailabilityTimeRangeUpdate | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AvailabilityTimeRangeResponse | BusinessErrorResponse | ErrorResponse
    """

    return sync_detailed(
        employee_id=employee_id,
        availability_template_id=availability_template_id,
        id=id,
        client=client,
        body=body,
        x_correlation_id=x_correlation_id,
    ).parsed


async def asyncio_detailed(
    employee_id: str,
    availability_template_id: str,
    id: str,
    *,
    client: AuthenticatedClient,
    body: AvailabilityTimeRangeUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> Response[AvailabilityTimeRangeResponse | BusinessErrorResponse | ErrorResponse]:
    """Update an availability time range

    Args:
        employee_id (str):
        availability_template_id (str):
        id (str):
        x_correlation_id (str | Unset):
        body (AvailabilityTimeRangeUpdate | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AvailabilityTimeRangeResponse | BusinessErrorResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        employee_id=employee_id,
        availability_template_id=availability_template_id,
        id=id,
        body=body,
        x_correlation_id=x_correlation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    employee_id: str,
    availability_template_id: str,
    id: str,
    *,
    client: AuthenticatedClient,
    body: AvailabilityTimeRangeUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> AvailabilityTimeRangeResponse | BusinessErrorResponse | ErrorResponse | None:
    """Update an availability time range

    Args:
        employee_id (str):
        availability_template_id (str):
        id (str):
        x_correlation_id (str | Unset):
        body (AvailabilityTimeRangeUpdate | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AvailabilityTimeRangeResponse | BusinessErrorResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            employee_id=employee_id,
            availability_template_id=availability_template_id,
            id=id,
            client=client,
            body=body,
            x_correlation_id=x_correlation_id,
        )
    ).parsed
