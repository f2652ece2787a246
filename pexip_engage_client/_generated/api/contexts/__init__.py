# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `contexts` operations, as methods of `ContextsResource`.

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
    from ...models.context import Context
    from ...models.context_create import ContextCreate
    from ...models.context_response import ContextResponse
    from . import create_context as _create_context
    from . import get_context_by_id as _get_context_by_id
else:
    _create_context = lazy_module(f"{__package__}.create_context")
    _get_context_by_id = lazy_module(f"{__package__}.get_context_by_id")


class ContextsResourceWithRawResponse:
    """The `contexts` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def create_context(
        self,
        *,
        body: ContextCreate | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Context]:
        """Create a context, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `ContextsResource.create_context`.
        """
        request = _create_context.build_request(
            body=coerce_body(_create_context.ContextCreate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _create_context.RETURNS, options)

    async def get_context_by_id(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Context]:
        """Get a context, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `ContextsResource.get_context_by_id`.
        """
        request = _get_context_by_id.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _get_context_by_id.RETURNS, options)


class ContextsResource:
    """The `contexts` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = ContextsResourceWithRawResponse(invoke)

    async def create_context(
        self,
        *,
        body: ContextCreate | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Context:
        """Create a context.

        Create a context: a stored selection (employees, subjects, listings, customers, a period, free
        metadata, ...) that a booking flow can refer to by its ID until it expires at `expiresAt`.
        Documented on the development site only (no production or staging page was found): the operation
        may not be available elsewhere. The page is cut in the body, inside `secondaryCustomerIds`,
        before its responses: the body holds what was seen and, not being shown closed, takes more (such
        as the `start` a context shows); the answer is modelled as every create's, 201 with the context
        in `data`. No scope is documented for contexts.

        `POST /contexts`

        Args:
            body: The request body: a `ContextCreate`, or its JSON object (camelCase keys, as
                documented). A context as sent. The page is cut inside `secondaryCustomerIds`; more
                properties are taken (the schema is not shown closed), such as the `start` of the period a
                context shows.
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Context: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _create_context.build_request(
            body=coerce_body(_create_context.ContextCreate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _create_context.RETURNS, options)).data

    async def get_context_by_id(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Context:
        """Get a context.

        Get a context by its ID. Documented on the development site only (no production or staging page
        was found). The first copy's schema is cut after `leadSegmentIds`; the rest of the context comes
        from the second copy's complete 200 example. Once past its `expiresAt`, a context is gone: not
        found.

        `GET /contexts/{id}`

        Args:
            id: Primary identifier of the requested resource
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Context: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_context_by_id.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _get_context_by_id.RETURNS, options)).data


__all__ = ["ContextsResource", "ContextsResourceWithRawResponse"]
