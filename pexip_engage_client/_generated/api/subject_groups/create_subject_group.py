from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.business_error_response import BusinessErrorResponse
from ...models.error_response import ErrorResponse
from ...models.subject_group_create import SubjectGroupCreate
from ...models.subject_group_response import SubjectGroupResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: SubjectGroupCreate,
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
        "url": "/subject-groups",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BusinessErrorResponse | ErrorResponse | SubjectGroupResponse | None:
    if response.status_code == 201:
        response_201 = SubjectGroupResponse.from_dict(response.json())

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
) -> Response[BusinessErrorResponse | ErrorResponse | SubjectGroupResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SubjectGroupCreate,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[BusinessErrorResponse | ErrorResponse | SubjectGroupResponse]:
    """Create a subject group

     Create a subject group. The documentation lists a 422 without naming its codes.

    Args:
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (SubjectGroupCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessErrorResponse | ErrorResponse | SubjectGroupResponse]
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
    body: SubjectGroupCreate,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> BusinessErrorResponse | ErrorResponse | SubjectGroupResponse | None:
    """Create a subject group

     Create a subject group. The documentation lists a 422 without naming its codes.

    Args:
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (SubjectGroupCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessErrorResponse | ErrorResponse | SubjectGroupResponse
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
    body: SubjectGroupCreate,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[BusinessErrorResponse | ErrorResponse | SubjectGroupResponse]:
    """Create a subject group

     Create a subject group. The documentation lists a 422 without naming its codes.

    Args:
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (SubjectGroupCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessErrorResponse | ErrorResponse | SubjectGroupResponse]
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
    body: SubjectGroupCreate,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> BusinessErrorResponse | ErrorResponse | SubjectGroupResponse | None:
    """Create a subject group

     Create a subject group. The documentation lists a 422 without naming its codes.

    Args:
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (SubjectGroupCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessErrorResponse | ErrorResponse | SubjectGroupResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_correlation_id=x_correlation_id,
            accept_language=accept_language,
        )
    ).parsed
