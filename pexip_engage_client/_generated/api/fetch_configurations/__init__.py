# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `fetch_configurations` operations, as methods of `FetchConfigurationsResource`.

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
    from ...models.fetch_configuration import FetchConfiguration
    from ...models.fetch_configuration_create import FetchConfigurationCreate
    from ...models.fetch_configuration_response import FetchConfigurationResponse
    from ...models.fetch_configuration_update import FetchConfigurationUpdate
    from . import create_fetch_configuration as _create_fetch_configuration
    from . import update_fetch_configuration_by_id as _update_fetch_configuration_by_id
else:
    _create_fetch_configuration = lazy_module(f"{__package__}.create_fetch_configuration")
    _update_fetch_configuration_by_id = lazy_module(f"{__package__}.update_fetch_configuration_by_id")


class FetchConfigurationsResourceWithRawResponse:
    """The `fetch_configurations` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def create_fetch_configuration(
        self,
        *,
        body: FetchConfigurationCreate | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[FetchConfiguration]:
        """Create a fetch configuration, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `FetchConfigurationsResource.create_fetch_configuration`.
        """
        request = _create_fetch_configuration.build_request(
            body=coerce_body(_create_fetch_configuration.FetchConfigurationCreate.from_dict, body, "body"),
        )
        return await self._invoke(request, _create_fetch_configuration.RETURNS, options)

    async def update_fetch_configuration_by_id(
        self,
        id: str,
        *,
        body: FetchConfigurationUpdate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[FetchConfiguration]:
        """Update a fetch configuration, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `FetchConfigurationsResource.update_fetch_configuration_by_id`.
        """
        request = _update_fetch_configuration_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_fetch_configuration_by_id.FetchConfigurationUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return await self._invoke(request, _update_fetch_configuration_by_id.RETURNS, options)


class FetchConfigurationsResource:
    """The `fetch_configurations` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = FetchConfigurationsResourceWithRawResponse(invoke)

    async def create_fetch_configuration(
        self,
        *,
        body: FetchConfigurationCreate | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> FetchConfiguration:
        """Create a fetch configuration.

        Create a fetch configuration: an HTTP request Engage makes to an outside endpoint, and how the
        answer's properties map onto Engage's. The page shows the body only by its example ("Body
        Required"), and is cut in the 422 example; the constraints are those
        updateFetchConfigurationById shows, and a configuration needs its endpoint, method and mapping
        (which the answer always has). A header's `value` is write-only: the answer names the headers
        without their values. No scope is documented for fetch configurations.

        `POST /fetch-configurations`

        Args:
            body: The request body: a `FetchConfigurationCreate`, or its JSON object (camelCase keys,
                as documented).
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            FetchConfiguration: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _create_fetch_configuration.build_request(
            body=coerce_body(_create_fetch_configuration.FetchConfigurationCreate.from_dict, body, "body"),
        )
        return (await self._invoke(request, _create_fetch_configuration.RETURNS, options)).data

    async def update_fetch_configuration_by_id(
        self,
        id: str,
        *,
        body: FetchConfigurationUpdate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> FetchConfiguration:
        """Update a fetch configuration.

        Update a fetch configuration by its ID: only the properties present change, `null` clears one,
        and a list (`mapping`, `headers`) is replaced as a whole. Documented on the development site
        only; the page is cut in the answer, at `deletedAt`, before its other statuses (a configuration
        that does not exist is not found, as everywhere).

        `PATCH /fetch-configurations/{id}`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `FetchConfigurationUpdate`, or its JSON object (camelCase keys,
                as documented). The properties to change; absent ones are left as they are.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            FetchConfiguration: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_fetch_configuration_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_fetch_configuration_by_id.FetchConfigurationUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return (await self._invoke(request, _update_fetch_configuration_by_id.RETURNS, options)).data


__all__ = ["FetchConfigurationsResource", "FetchConfigurationsResourceWithRawResponse"]
