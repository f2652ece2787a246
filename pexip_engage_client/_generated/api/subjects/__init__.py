# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `subjects` operations, as methods of `SubjectsResource`.

Each operation's module (its request, its models) is loaded when the operation is first called: a
program that calls one operation of the tag loads that one's models only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Unpack

from ...._runtime import (
    UNSET,
    ApiResponse,
    AsyncPages,
    Invoker,
    RequestOptions,
    Unset,
    check_scalar,
    coerce_body,
    lazy_module,
    validate_path_parameter,
)

if TYPE_CHECKING:
    from ...models.availability_setting import AvailabilitySetting
    from ...models.availability_setting_list import AvailabilitySettingList
    from ...models.subject import Subject
    from ...models.subject_list import SubjectList
    from ...models.subject_response import SubjectResponse
    from ...models.subject_update import SubjectUpdate
    from . import get_subject_availability_settings as _get_subject_availability_settings
    from . import get_subject_by_id as _get_subject_by_id
    from . import get_subjects as _get_subjects
    from . import update_subject_by_id as _update_subject_by_id
else:
    _get_subjects = lazy_module(f"{__package__}.get_subjects")
    _get_subject_by_id = lazy_module(f"{__package__}.get_subject_by_id")
    _update_subject_by_id = lazy_module(f"{__package__}.update_subject_by_id")
    _get_subject_availability_settings = lazy_module(f"{__package__}.get_subject_availability_settings")


class SubjectsResourceWithRawResponse:
    """The `subjects` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def get_subjects(
        self,
        *,
        id: list[str] | None | Unset = UNSET,
        external_id: list[str] | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[SubjectList]:
        """Get subjects, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `SubjectsResource.get_subjects`.
        """
        request = _get_subjects.build_request(
            id=UNSET if id is None else id,
            external_id=UNSET if external_id is None else external_id,
            offset=check_scalar(UNSET if offset is None else offset, int, "offset"),
            limit=check_scalar(UNSET if limit is None else limit, int, "limit"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _get_subjects.RETURNS, options)

    async def get_subject_by_id(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Subject]:
        """Get a subject, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `SubjectsResource.get_subject_by_id`.
        """
        request = _get_subject_by_id.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _get_subject_by_id.RETURNS, options)

    async def update_subject_by_id(
        self,
        id: str,
        *,
        body: SubjectUpdate | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Subject]:
        """Update a subject, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `SubjectsResource.update_subject_by_id`.
        """
        request = _update_subject_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_subject_by_id.SubjectUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _update_subject_by_id.RETURNS, options)

    async def get_subject_availability_settings(
        self,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[list[AvailabilitySetting]]:
        """Get subject availability settings, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `SubjectsResource.get_subject_availability_settings`.
        """
        request = _get_subject_availability_settings.build_request(
            validate_path_parameter(id, "id"),
        )
        return await self._invoke(request, _get_subject_availability_settings.RETURNS, options)


class SubjectsResource:
    """The `subjects` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = SubjectsResourceWithRawResponse(invoke)

    def get_subjects(
        self,
        *,
        id: list[str] | None | Unset = UNSET,
        external_id: list[str] | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> AsyncPages[Subject]:
        """Get subjects.

        Get subjects with filtering, a page at a time. The documentation lists three more filters (one
        includes deleted subjects) whose names it does not render; they are not modelled.

        `GET /subjects`

        Args:
            id: ID(s) to be considered for filtering
            external_id: External ID(s) to be considered for filtering
            offset: Zero-based index of the first result to return. Left out, the server's default
                applies: 0.
            limit: The most results to return in one page. Left out, the server's default applies: 25.
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AsyncPages[Subject]: await it for the first page (`.data`, `.meta`, `.next_page()`), or `async for` every item across pages.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        async def fetch(page_offset: int) -> SubjectList:
            response = await self.with_raw_response.get_subjects(
                id=id,
                external_id=external_id,
                offset=page_offset,
                limit=limit,
                accept_language=accept_language,
                **options,
            )
            return response.data

        return AsyncPages(fetch, offset or 0)

    async def get_subject_by_id(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Subject:
        """Get a subject.

        `GET /subjects/{id}`

        Args:
            id: Primary identifier of the requested resource
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Subject: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_subject_by_id.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _get_subject_by_id.RETURNS, options)).data

    async def update_subject_by_id(
        self,
        id: str,
        *,
        body: SubjectUpdate | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Subject:
        """Update a subject.

        Update a subject by its ID: only the properties present change, `null` clears one, and a
        translation list is replaced as a whole. The production page shows the body only by its example
        (and is cut at the 200 example); the development markdown rendering lists the body's ten top-
        level fields with their types, without constraints or required flags. So no field is required,
        the body is optional (a plain "Body", as on the other update operations), and `externalId`
        carries the subject's own 1..255 length.

        `PATCH /subjects/{id}`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `SubjectUpdate`, or its JSON object (camelCase keys, as
                documented). The properties to change; absent ones are left as they are.
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Subject: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_subject_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_subject_by_id.SubjectUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _update_subject_by_id.RETURNS, options)).data

    async def get_subject_availability_settings(
        self,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> list[AvailabilitySetting]:
        """Get subject availability settings.

        Get every availability setting of a subject, one per meeting type.

        `GET /subjects/{id}/availability-settings`

        Args:
            id: Primary identifier of the requested resource
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            list[AvailabilitySetting]: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_subject_availability_settings.build_request(
            validate_path_parameter(id, "id"),
        )
        return (await self._invoke(request, _get_subject_availability_settings.RETURNS, options)).data


__all__ = ["SubjectsResource", "SubjectsResourceWithRawResponse"]
