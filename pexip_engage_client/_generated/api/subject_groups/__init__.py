"""The `subject_groups` operations, as methods of `SubjectGroupsResource`."""

from collections.abc import Mapping
from typing import Any, Unpack

from ...models.subject_group import SubjectGroup
from ...models.subject_group_create import SubjectGroupCreate
from ...models.subject_group_list import SubjectGroupList
from ...models.subject_group_response import SubjectGroupResponse
from ...models.subject_group_update import SubjectGroupUpdate
from ...types import UNSET, ApiResponse, AsyncPages, Invoker, RequestOptions, Unset, coerce_body
from . import create_subject_group as _create_subject_group
from . import get_subject_group as _get_subject_group
from . import get_subject_groups as _get_subject_groups
from . import update_subject_group_by_id as _update_subject_group_by_id


class SubjectGroupsResourceWithRawResponse:
    """The `subject_groups` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def get_subject_groups(
        self,
        *,
        id: list[str] | Unset = UNSET,
        external_id: list[str] | Unset = UNSET,
        offset: int | Unset = 0,
        limit: int | Unset = 25,
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[SubjectGroupList]:
        """Get subject groups, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `SubjectGroupsResource.get_subject_groups`.
        """
        request = _get_subject_groups._get_kwargs(
            id=id,
            external_id=external_id,
            offset=offset,
            limit=limit,
            accept_language=accept_language,
        )
        return await self._invoke(request, SubjectGroupList.from_dict, options)

    async def create_subject_group(
        self,
        *,
        body: SubjectGroupCreate | Mapping[str, Any],
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[SubjectGroup]:
        """Create a subject group, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `SubjectGroupsResource.create_subject_group`.
        """
        request = _create_subject_group._get_kwargs(
            body=coerce_body(SubjectGroupCreate.from_dict, body, "body"),
            accept_language=accept_language,
        )
        return await self._invoke(request, lambda payload: SubjectGroupResponse.from_dict(payload).data, options)

    async def get_subject_group(
        self,
        id: str,
        *,
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[SubjectGroup]:
        """Get a subject group, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `SubjectGroupsResource.get_subject_group`.
        """
        request = _get_subject_group._get_kwargs(
            id,
            accept_language=accept_language,
        )
        return await self._invoke(request, lambda payload: SubjectGroupResponse.from_dict(payload).data, options)

    async def update_subject_group_by_id(
        self,
        id: str,
        *,
        body: SubjectGroupUpdate | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[SubjectGroup]:
        """Update a subject group, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `SubjectGroupsResource.update_subject_group_by_id`.
        """
        request = _update_subject_group_by_id._get_kwargs(
            id,
            body=coerce_body(SubjectGroupUpdate.from_dict, body, "body") if not isinstance(body, Unset) else UNSET,
            accept_language=accept_language,
        )
        return await self._invoke(request, lambda payload: SubjectGroupResponse.from_dict(payload).data, options)


class SubjectGroupsResource:
    """The `subject_groups` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = SubjectGroupsResourceWithRawResponse(invoke)

    def get_subject_groups(
        self,
        *,
        id: list[str] | Unset = UNSET,
        external_id: list[str] | Unset = UNSET,
        offset: int | Unset = 0,
        limit: int | Unset = 25,
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> AsyncPages[SubjectGroup]:
        """Get subject groups.

        Get subject groups with filtering, a page at a time. The documentation also lists a flag that
        includes deleted subject groups, but does not render its name; it is not modelled.

        `GET /subject-groups`

        Args:
            id (list[str] | Unset):
            external_id (list[str] | Unset):
            offset (int | Unset):  Default: 0.
            limit (int | Unset):  Default: 25.
            accept_language (str | Unset):
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers).

        Returns:
            AsyncPages[SubjectGroup]: await it for the first page (`.data`, `.meta`, `.next_page()`), or `async for` every item across pages.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        async def fetch(page_offset: int) -> SubjectGroupList:
            response = await self.with_raw_response.get_subject_groups(
                id=id,
                external_id=external_id,
                offset=page_offset,
                limit=limit,
                accept_language=accept_language,
                **options,
            )
            return response.data

        return AsyncPages(fetch, 0 if isinstance(offset, Unset) else offset)

    async def create_subject_group(
        self,
        *,
        body: SubjectGroupCreate | Mapping[str, Any],
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> SubjectGroup:
        """Create a subject group.

        Create a subject group. The documentation lists a 422 without naming its codes.

        `POST /subject-groups`

        Args:
            accept_language (str | Unset):
            body (SubjectGroupCreate):
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers).

        Returns:
            SubjectGroup: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _create_subject_group._get_kwargs(
            body=coerce_body(SubjectGroupCreate.from_dict, body, "body"),
            accept_language=accept_language,
        )
        return (await self._invoke(request, lambda payload: SubjectGroupResponse.from_dict(payload).data, options)).data

    async def get_subject_group(
        self,
        id: str,
        *,
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> SubjectGroup:
        """Get a subject group.

        `GET /subject-groups/{id}`

        Args:
            id (str):
            accept_language (str | Unset):
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers).

        Returns:
            SubjectGroup: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_subject_group._get_kwargs(
            id,
            accept_language=accept_language,
        )
        return (await self._invoke(request, lambda payload: SubjectGroupResponse.from_dict(payload).data, options)).data

    async def update_subject_group_by_id(
        self,
        id: str,
        *,
        body: SubjectGroupUpdate | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> SubjectGroup:
        """Update a subject group.

        Update a subject group. The documentation collapses this body (a plain "Body", so it is
        optional); its fields come from the example, with the constraints the create operation
        documents.

        `PATCH /subject-groups/{id}`

        Args:
            id (str):
            accept_language (str | Unset):
            body (SubjectGroupUpdate | Unset): The properties to change; absent ones are left as they
                are (no defaults apply).
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers).

        Returns:
            SubjectGroup: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_subject_group_by_id._get_kwargs(
            id,
            body=coerce_body(SubjectGroupUpdate.from_dict, body, "body") if not isinstance(body, Unset) else UNSET,
            accept_language=accept_language,
        )
        return (await self._invoke(request, lambda payload: SubjectGroupResponse.from_dict(payload).data, options)).data


__all__ = ["SubjectGroupsResource", "SubjectGroupsResourceWithRawResponse"]
