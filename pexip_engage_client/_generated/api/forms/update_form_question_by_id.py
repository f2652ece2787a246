from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.form_question_response import FormQuestionResponse
from ...models.form_question_update import FormQuestionUpdate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    form_id: str,
    id: str,
    *,
    body: FormQuestionUpdate | Unset = UNSET,
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
        "url": "/forms/{form_id}/questions/{id}".format(
            form_id=quote(str(form_id), safe=""),
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
) -> ErrorResponse | FormQuestionResponse | None:
    if response.status_code == 200:
        response_200 = FormQuestionResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | FormQuestionResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    form_id: str,
    id: str,
    *,
    client: AuthenticatedClient,
    body: FormQuestionUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[ErrorResponse | FormQuestionResponse]:
    """Update a form question

     Update a form question. Collection properties (such as answer options) are replaced as a
    whole. The copied documentation is cut inside `translations` and shows no responses; the
    answer is modelled as the question in `data`, kept as received.

    Args:
        form_id (str):
        id (str):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (FormQuestionUpdate | Unset): The properties to change. The documentation does not
            render the enum field's name; it is
            `inputType` per the collection-properties topic. It is cut after `translations`, so more
            fields may exist; this body is open to them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FormQuestionResponse]
    """

    kwargs = _get_kwargs(
        form_id=form_id,
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
    form_id: str,
    id: str,
    *,
    client: AuthenticatedClient,
    body: FormQuestionUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> ErrorResponse | FormQuestionResponse | None:
    """Update a form question

     Update a form question. Collection properties (such as answer options) are replaced as a
    whole. The copied documentation is cut inside `translations` and shows no responses; the
    answer is modelled as the question in `data`, kept as received.

    Args:
        form_id (str):
        id (str):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (FormQuestionUpdate | Unset): The properties to change. The documentation does not
            render the enum field's name; it is
            `inputType` per the collection-properties topic. It is cut after `translations`, so more
            fields may exist; this body is open to them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FormQuestionResponse
    """

    return sync_detailed(
        form_id=form_id,
        id=id,
        client=client,
        body=body,
        x_correlation_id=x_correlation_id,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    form_id: str,
    id: str,
    *,
    client: AuthenticatedClient,
    body: FormQuestionUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[ErrorResponse | FormQuestionResponse]:
    """Update a form question

     Update a form question. Collection properties (such as answer options) are replaced as a
    whole. The copied documentation is cut inside `translations` and shows no responses; the
    answer is modelled as the question in `data`, kept as received.

    Args:
        form_id (str):
        id (str):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (FormQuestionUpdate | Unset): The properties to change. The documentation does not
            render the enum field's name; it is
            `inputType` per the collection-properties topic. It is cut after `translations`, so more
            fields may exist; this body is open to them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FormQuestionResponse]
    """

    kwargs = _get_kwargs(
        form_id=form_id,
        id=id,
        body=body,
        x_correlation_id=x_correlation_id,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    form_id: str,
    id: str,
    *,
    client: AuthenticatedClient,
    body: FormQuestionUpdate | Unset = UNSET,
    x_correlation_id: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> ErrorResponse | FormQuestionResponse | None:
    """Update a form question

     Update a form question. Collection properties (such as answer options) are replaced as a
    whole. The copied documentation is cut inside `translations` and shows no responses; the
    answer is modelled as the question in `data`, kept as received.

    Args:
        form_id (str):
        id (str):
        x_correlation_id (str | Unset):
        accept_language (str | Unset):
        body (FormQuestionUpdate | Unset): The properties to change. The documentation does not
            render the enum field's name; it is
            `inputType` per the collection-properties topic. It is cut after `translations`, so more
            fields may exist; this body is open to them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FormQuestionResponse
    """

    return (
        await asyncio_detailed(
            form_id=form_id,
            id=id,
            client=client,
            body=body,
            x_correlation_id=x_correlation_id,
            accept_language=accept_language,
        )
    ).parsed
