from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.applied_template_create import AppliedTemplateCreate
from ...models.applied_template_response import AppliedTemplateResponse
from ...models.business_error_response import BusinessErrorResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: AppliedTemplateCreate,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/employees/{id}/applied-templates".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AppliedTemplateResponse | BusinessErrorResponse | ErrorResponse | None:
    if response.status_code == 201:
        response_201 = AppliedTemplateResponse.from_dict(response.json())

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
) -> Response[AppliedTemplateResponse | BusinessErrorResponse | ErrorResponse]:
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
    body: AppliedTemplateCreate,
    x_correlation_id: str | Unset = UNSET,
) -> Response[AppliedTemplateResponse | BusinessErrorResponse | ErrorResponse]:
    """Apply an availability template

     Apply an availability template to an employee's calendar between two dates.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        body (AppliedTemplateCreate): The documentation does not render these three fields' names;
            they are named by their place
            in the documented example payload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppliedTemplateResponse | BusinessErrorResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        x_correlation_id=x_correlation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: AppliedTemplateCreate,
    x_correlation_id: str | Unset = UNSET,
) -> AppliedTemplateResponse | BusinessErrorResponse | ErrorResponse | None:
    """Apply an availability template

     Apply an availability template to an employee's calendar between two dates.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        body (AppliedTemplateCreate): The documentation does not render these three fields' names;
            they are named by their place
            in the documented example payload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppliedTemplateResponse | BusinessErrorResponse | ErrorResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        x_correlation_id=x_correlation_id,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: AppliedTemplateCreate,
    x_correlation_id: str | Unset = UNSET,
) -> Response[AppliedTemplateResponse | BusinessErrorResponse | ErrorResponse]:
    """Apply an availability template

     Apply an availability template to an employee's calendar between two dates.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        body (AppliedTemplateCreate): The documentation does not render these three fields' names;
            they are named by their place
            in the documented example payload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppliedTemplateResponse | BusinessErrorResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        x_correlation_id=x_correlation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: AppliedTemplateCreate,
    x_correlation_id: str | Unset = UNSET,
) -> AppliedTemplateResponse | BusinessErrorResponse | ErrorResponse | None:
    """Apply an availability template

     Apply an availability template to an employee's calendar between two dates.

    Args:
        id (str):
        x_correlation_id (str | Unset):
        body (AppliedTemplateCreate): The documentation does not render these three fields' names;
            they are named by their place
            in the documented example payload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppliedTemplateResponse | BusinessErrorResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            x_correlation_id=x_correlation_id,
        )
    ).parsed
