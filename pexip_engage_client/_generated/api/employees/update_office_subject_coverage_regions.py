from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.coverage_regions_input import CoverageRegionsInput
from ...models.error_response import ErrorResponse
from ...models.office_subject_coverage_region_list import OfficeSubjectCoverageRegionList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: list[CoverageRegionsInput] | Unset = UNSET,
    office_id: str,
    subject_id: str,
    x_correlation_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = x_correlation_id

    params: dict[str, Any] = {}

    params["office-id"] = office_id

    params["subject-id"] = subject_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/employees/{id}/office-subject-coverage-regions".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
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
) -> ErrorResponse | OfficeSubjectCoverageRegionList | None:
    if response.status_code == 200:
        response_200 = OfficeSubjectCoverageRegionList.from_dict(response.json())

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
) -> Response[ErrorResponse | OfficeSubjectCoverageRegionList]:
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
    body: list[CoverageRegionsInput] | Unset = UNSET,
    office_id: str,
    subject_id: str,
    x_correlation_id: str | Unset = UNSET,
) -> Response[ErrorResponse | OfficeSubjectCoverageRegionList]:
    """Update office subject coverage regions

     Replace the regions an agent covers for one subject within one office, per meeting type.

    Args:
        id (str):
        office_id (str):
        subject_id (str):
        x_correlation_id (str | Unset):
        body (list[CoverageRegionsInput] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | OfficeSubjectCoverageRegionList]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        office_id=office_id,
        subject_id=subject_id,
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
    body: list[CoverageRegionsInput] | Unset = UNSET,
    office_id: str,
    subject_id: str,
    x_correlation_id: str | Unset = UNSET,
) -> ErrorResponse | OfficeSubjectCoverageRegionList | None:
    """Update office subject coverage regions

     Replace the regions an agent covers for one subject within one office, per meeting type.

    Args:
        id (str):
        office_id (str):
        subject_id (str):
        x_correlation_id (str | Unset):
        body (list[CoverageRegionsInput] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | OfficeSubjectCoverageRegionList
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        office_id=office_id,
        subject_id=subject_id,
        x_correlation_id=x_correlation_id,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: list[CoverageRegionsInput] | Unset = UNSET,
    office_id: str,
    subject_id: str,
    x_correlation_id: str | Unset = UNSET,
) -> Response[ErrorResponse | OfficeSubjectCoverageRegionList]:
    """Update office subject coverage regions

     Replace the regions an agent covers for one subject within one office, per meeting type.

    Args:
        id (str):
        office_id (str):
        subject_id (str):
        x_correlation_id (str | Unset):
        body (list[CoverageRegionsInput] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | OfficeSubjectCoverageRegionList]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        office_id=office_id,
        subject_id=subject_id,
        x_correlation_id=x_correlation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: list[CoverageRegionsInput] | Unset = UNSET,
    office_id: str,
    subject_id: str,
    x_correlation_id: str | Unset = UNSET,
) -> ErrorResponse | OfficeSubjectCoverageRegionList | None:
    """Update office subject coverage regions

     Replace the regions an agent covers for one subject within one office, per meeting type.

    Args:
        id (str):
        office_id (str):
        subject_id (str):
        x_correlation_id (str | Unset):
        body (list[CoverageRegionsInput] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | OfficeSubjectCoverageRegionList
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            office_id=office_id,
            subject_id=subject_id,
            x_correlation_id=x_correlation_id,
        )
    ).parsed
