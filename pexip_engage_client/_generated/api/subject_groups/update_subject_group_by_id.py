from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.subject_group_response import SubjectGroupResponse
from ...models.subject_group_update import SubjectGroupUpdate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: SubjectGroupUpdate | Unset = UNSET,
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
        "url": "/subject-groups/{id}".format(
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
) -> ErrorResponse | SubjectGroupResponse | None:
    if response.status_code == 200:
        response_200 = SubjectGroupResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | SubjectGroupResponse]:
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
    body: SubjectGroupUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[ErrorResponse | SubjectGroupResponse]:
    """Update a subject group

     Update a subject group. The documentation collapses this body (a plain "Body", so it is
    optional); its fields come from the example, with the constraints the create operation
    documents.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (SubjectGroupUpdate | Unset): The properties to change; absent ones are left as they
            are (no defaults apply).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SubjectGroupResponse]
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
    body: SubjectGroupUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> ErrorResponse | SubjectGroupResponse | None:
    """Update a subject group

     Update a subject group. The documentation collapses this body (a plain "Body", so it is
    optional); its fields come from the example, with the constraints the create operation
    documents.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (SubjectGroupUpdate | Unset): The properties to change; absent ones are left as they
            are (no defaults apply).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SubjectGroupResponse
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
    body: SubjectGroupUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[ErrorResponse | SubjectGroupResponse]:
    """Update a subject group

     Update a subject group. The documentation collapses this body (a plain "Body", so it is
    optional); its fields come from the example, with the constraints the create operation
    documents.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (SubjectGroupUpdate | Unset): The properties to change; absent ones are left as they
            are (no defaults apply).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SubjectGroupResponse]
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
    body: SubjectGroupUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> ErrorResponse | SubjectGroupResponse | None:
    """Update a subject group

     Update a subject group. The documentation collapses this body (a plain "Body", so it is
    optional); its fields come from the example, with the constraints the create operation
    documents.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (SubjectGroupUpdate | Unset): The properties to change; absent ones are left as they
            are (no defaults apply).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SubjectGroupResponse
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
