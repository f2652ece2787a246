from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.availability_template_list import AvailabilityTemplateList
from ...models.availability_template_type import AvailabilityTemplateType
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    employee_id: str,
    *,
    id: list[str] | Unset = UNSET,
    is_default: bool | Unset = UNSET,
    type_: list[AvailabilityTemplateType] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    params: dict[str, Any] = {}

    json_id: list[str] | Unset = UNSET
    if not isinstance(id, Unset):
        json_id = id

    params["id"] = json_id

    params["is-default"] = is_default

    json_type_: list[str] | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = []
        for type_item_data in type_:
            type_item = type_item_data.value
            json_type_.append(type_item)

    params["type"] = json_type_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/employees/{employee_id}/availability-templates".format(
            employee_id=quote(str(employee_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AvailabilityTemplateList | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = AvailabilityTemplateList.from_dict(response.json())

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
) -> Response[AvailabilityTemplateList | ErrorResponse]:
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
    id: list[str] | Unset = UNSET,
    is_default: bool | Unset = UNSET,
    type_: list[AvailabilityTemplateType] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> Response[AvailabilityTemplateList | ErrorResponse]:
    """Get availability templates

     Get an employee's availability templates, with filtering.

    Args:
        employee_id (str):
        id (list[str] | Unset):
        is_default (bool | Unset):
        type_ (list[AvailabilityTemplateType] | Unset):
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AvailabilityTemplateList | ErrorResponse]
    """

    kwargs = _get_kwargs(
        employee_id=employee_id,
        id=id,
        is_default=is_default,
        type_=type_,
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
    id: list[str] | Unset = UNSET,
    is_default: bool | Unset = UNSET,
    type_: list[AvailabilityTemplateType] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> AvailabilityTemplateList | ErrorResponse | None:
    """Get availability templates

     Get an employee's availability templates, with filtering.

    Args:
        employee_id (str):
        id (list[str] | Unset):
        is_default (bool | Unset):
        type_ (list[AvailabilityTemplateType] | Unset):
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AvailabilityTemplateList | ErrorResponse
    """

    return sync_detailed(
        employee_id=employee_id,
        client=client,
        id=id,
        is_default=is_default,
        type_=type_,
        x_correlation_id=x_correlation_id,
    ).parsed


async def asyncio_detailed(
    employee_id: str,
    *,
    client: AuthenticatedClient,
    id: list[str] | Unset = UNSET,
    is_default: bool | Unset = UNSET,
    type_: list[AvailabilityTemplateType] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> Response[AvailabilityTemplateList | ErrorResponse]:
    """Get availability templates

     Get an employee's availability templates, with filtering.

    Args:
        employee_id (str):
        id (list[str] | Unset):
        is_default (bool | Unset):
        type_ (list[AvailabilityTemplateType] | Unset):
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AvailabilityTemplateList | ErrorResponse]
    """

    kwargs = _get_kwargs(
        employee_id=employee_id,
        id=id,
        is_default=is_default,
        type_=type_,
        x_correlation_id=x_correlation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    employee_id: str,
    *,
    client: AuthenticatedClient,
    id: list[str] | Unset = UNSET,
    is_default: bool | Unset = UNSET,
    type_: list[AvailabilityTemplateType] | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
) -> AvailabilityTemplateList | ErrorResponse | None:
    """Get availability templates

     Get an employee's availability templates, with filtering.

    Args:
        employee_id (str):
        id (list[str] | Unset):
        is_default (bool | Unset):
        type_ (list[AvailabilityTemplateType] | Unset):
        x_correlation_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AvailabilityTemplateList | ErrorResponse
    """

    return (
        await asyncio_detailed(
            employee_id=employee_id,
            client=client,
            id=id,
            is_default=is_default,
            type_=type_,
            x_correlation_id=x_correlation_id,
        )
    ).parsed
