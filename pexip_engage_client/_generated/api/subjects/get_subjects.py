from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.subject_list import SubjectList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    id: list[str] | Unset = UNSET,
    external_id: list[str] | Unset = UNSET,
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

    json_external_id: list[str] | Unset = UNSET
    if not isinstance(external_id, Unset):
        json_external_id = external_id

    params["external-id"] = json_external_id

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/subjects",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | SubjectList | None:
    if response.status_code == 200:
        response_200 = SubjectList.from_dict(response.json())

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
) -> Response[ErrorResponse | SubjectList]:
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
    external_id: list[str] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[ErrorResponse | SubjectList]:
    """Get subjects

     Get subjects with filtering, a page at a time. The documentation lists three more filters
    (one includes deleted subjects) whose names it does not render; they are not modelled.

    Args:
        id (list[str] | Unset):
        external_id (list[str] | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SubjectList]
    """

    kwargs = _get_kwargs(
        id=id,
        external_id=external_id,
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
    external_id: list[str] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> ErrorResponse | SubjectList | None:
    """Get subjects

     Get subjects with filtering, a page at a time. The documentation lists three more filters
    (one includes deleted subjects) whose names it does not render; they are not modelled.

    Args:
        id (list[str] | Unset):
        external_id (list[str] | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SubjectList
    """

    return sync_detailed(
        client=client,
        id=id,
        external_id=external_id,
        offset=offset,
        limit=limit,
        x_correlation_id=x_correlation_id,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    id: list[str] | Unset = UNSET,
    external_id: list[str] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[ErrorResponse | SubjectList]:
    """Get subjects

     Get subjects with filtering, a page at a time. The documentation lists three more filters
    (one includes deleted subjects) whose names it does not render; they are not modelled.

    Args:
        id (list[str] | Unset):
        external_id (list[str] | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SubjectList]
    """

    kwargs = _get_kwargs(
        id=id,
        external_id=external_id,
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
    external_id: list[str] | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 25,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> ErrorResponse | SubjectList | None:
    """Get subjects

     Get subjects with filtering, a page at a time. The documentation lists three more filters
    (one includes deleted subjects) whose names it does not render; they are not modelled.

    Args:
        id (list[str] | Unset):
        external_id (list[str] | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 25.
        x_correlation_id (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SubjectList
    """

    return (
        await asyncio_detailed(
            client=client,
            id=id,
            external_id=external_id,
            offset=offset,
            limit=limit,
            x_correlation_id=x_correlation_id,
            accept_language=accept_language,
        )
    ).parsed
