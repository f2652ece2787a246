# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `forms` operations, as methods of `FormsResource`.

Each operation's module (its request, its models) is loaded when the operation is first called: a
program that calls one operation of the tag loads that one's models only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Unpack

from ...._runtime import (
    UNSET,
    ApiResponse,
    Invoker,
    RequestOptions,
    Unset,
    coerce_body,
    lazy_module,
    validate_path_parameter,
)

if TYPE_CHECKING:
    from ...models.form import Form
    from ...models.form_create import FormCreate
    from ...models.form_question import FormQuestion
    from ...models.form_question_response import FormQuestionResponse
    from ...models.form_question_update import FormQuestionUpdate
    from ...models.form_response import FormResponse
    from ...models.form_update import FormUpdate
    from . import create_form as _create_form
    from . import update_form_by_id as _update_form_by_id
    from . import update_form_question_by_id as _update_form_question_by_id
else:
    _create_form = lazy_module(f"{__package__}.create_form")
    _update_form_by_id = lazy_module(f"{__package__}.update_form_by_id")
    _update_form_question_by_id = lazy_module(f"{__package__}.update_form_question_by_id")


class FormsResourceWithRawResponse:
    """The `forms` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def create_form(
        self,
        *,
        body: FormCreate | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Form]:
        """Create a form, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `FormsResource.create_form`.
        """
        request = _create_form.build_request(
            body=coerce_body(_create_form.FormCreate.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _create_form.RETURNS, options)

    async def update_form_by_id(
        self,
        id: str,
        *,
        body: FormUpdate | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Form]:
        """Update a form, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `FormsResource.update_form_by_id`.
        """
        request = _update_form_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_form_by_id.FormUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _update_form_by_id.RETURNS, options)

    async def update_form_question_by_id(
        self,
        form_id: str,
        id: str,
        *,
        body: FormQuestionUpdate | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[FormQuestion]:
        """Update a form question, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `FormsResource.update_form_question_by_id`.
        """
        request = _update_form_question_by_id.build_request(
            validate_path_parameter(form_id, "form_id"),
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_form_question_by_id.FormQuestionUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _update_form_question_by_id.RETURNS, options)


class FormsResource:
    """The `forms` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = FormsResourceWithRawResponse(invoke)

    async def create_form(
        self,
        *,
        body: FormCreate | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Form:
        """Create a form.

        Create a form. The documentation shows the body only by its example; the documented 422 names no
        codes.

        `POST /forms`

        Args:
            body: The request body: a `FormCreate`, or its JSON object (camelCase keys, as
                documented). createForm's page collapses its body (the example names `name` and `type`):
                nothing is shown required.
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Form: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _create_form.build_request(
            body=coerce_body(_create_form.FormCreate.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _create_form.RETURNS, options)).data

    async def update_form_by_id(
        self,
        id: str,
        *,
        body: FormUpdate | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Form:
        """Update a form.

        Update a form by its ID. The copied page lacks its title and shows the body only by its example
        (the fields of createForm, with the same shapes); the body is optional, as on the other update
        operations. The documented 422 names no codes.

        `PATCH /forms/{id}`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `FormUpdate`, or its JSON object (camelCase keys, as
                documented). The properties to change; absent ones are left as they are.
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Form: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_form_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_form_by_id.FormUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _update_form_by_id.RETURNS, options)).data

    async def update_form_question_by_id(
        self,
        form_id: str,
        id: str,
        *,
        body: FormQuestionUpdate | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> FormQuestion:
        """Update a form question.

        Update a form question. Collection properties (such as answer options) are replaced as a whole.
        The copied documentation is cut inside `translations` and shows no responses; the answer is
        modelled as the question in `data`, kept as received.

        `PATCH /forms/{form_id}/questions/{id}`

        Args:
            form_id: The form's ID
            id: Primary identifier of the requested resource
            body: The request body: a `FormQuestionUpdate`, or its JSON object (camelCase keys, as
                documented). The properties to change. The documentation does not render the enum field's
                name; it is `inputType` per the collection-properties topic. It is cut after
                `translations`, so more fields may exist; this body is open to them.
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            FormQuestion: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_form_question_by_id.build_request(
            validate_path_parameter(form_id, "form_id"),
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_form_question_by_id.FormQuestionUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _update_form_question_by_id.RETURNS, options)).data


__all__ = ["FormsResource", "FormsResourceWithRawResponse"]
