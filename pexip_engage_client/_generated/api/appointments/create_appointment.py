from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.appointment_create import AppointmentCreate
from ...models.appointment_response import AppointmentResponse
from ...models.business_error_response import BusinessErrorResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: AppointmentCreate,
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
        "url": "/appointments",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AppointmentResponse | BusinessErrorResponse | ErrorResponse | None:
    if response.status_code == 201:
        response_201 = AppointmentResponse.from_dict(response.json())

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

    if response.status_code == 422:
        response_422 = BusinessErrorResponse.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AppointmentResponse | BusinessErrorResponse | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AppointmentCreate,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[AppointmentResponse | BusinessErrorResponse | ErrorResponse]:
    """Create an appointment

     Create an appointment. The documentation (a markdown rendering) lists the body's nineteen
    top-level fields with their types but without required flags or constraints. Decided: the
    body itself is required (an appointment cannot be created from nothing); no field is
    required; fields that the invite operation also documents carry its constraints (lengths,
    `trailingBufferTime` minimum, the location's shape).

    Args:
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (AppointmentCreate): The appointment to create: the documentation's nineteen top-
            level fields. Their required
            flags and constraints were not shown.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppointmentResponse | BusinessErrorResponse | ErrorResponse]
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
    body: AppointmentCreate,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> AppointmentResponse | BusinessErrorResponse | ErrorResponse | None:
    """Create an appointment

     Create an appointment. The documentation (a markdown rendering) lists the body's nineteen
    top-level fields with their types but without required flags or constraints. Decided: the
    body itself is required (an appointment cannot be created from nothing); no field is
    required; fields that the invite operation also documents carry its constraints (lengths,
    `trailingBufferTime` minimum, the location's shape).

    Args:
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (AppointmentCreate): The appointment to create: the documentation's nineteen top-
            level fields. Their required
            flags and constraints were not shown.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppointmentResponse | BusinessErrorResponse | ErrorResponse
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
    body: AppointmentCreate,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[AppointmentResponse | BusinessErrorResponse | ErrorResponse]:
    """Create an appointment

     Create an appointment. The documentation (a markdown rendering) lists the body's nineteen
    top-level fields with their types but without required flags or constraints. Decided: the
    body itself is required (an appointment cannot be created from nothing); no field is
    required; fields that the invite operation also documents carry its constraints (lengths,
    `trailingBufferTime` minimum, the location's shape).

    Args:
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (AppointmentCreate): The appointment to create: the documentation's nineteen top-
            level fields. Their required
            flags and constraints were not shown.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppointmentResponse | BusinessErrorResponse | ErrorResponse]
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
    body: AppointmentCreate,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> AppointmentResponse | BusinessErrorResponse | ErrorResponse | None:
    """Create an appointment

     Create an appointment. The documentation (a markdown rendering) lists the body's nineteen
    top-level fields with their types but without required flags or constraints. Decided: the
    body itself is required (an appointment cannot be created from nothing); no field is
    required; fields that the invite operation also documents carry its constraints (lengths,
    `trailingBufferTime` minimum, the location's shape).

    Args:
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (AppointmentCreate): The appointment to create: the documentation's nineteen top-
            level fields. Their required
            flags and constraints were not shown.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppointmentResponse | BusinessErrorResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_correlation_id=x_correlation_id,
            accept_language=accept_language,
        )
    ).parsed
