# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `customers` operations, as methods of `CustomersResource`.

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
    from ...models.customer import Customer
    from ...models.customer_response import CustomerResponse
    from ...models.customer_update import CustomerUpdate
    from . import get_customer_by_id as _get_customer_by_id
    from . import update_customer_by_id as _update_customer_by_id
else:
    _get_customer_by_id = lazy_module(f"{__package__}.get_customer_by_id")
    _update_customer_by_id = lazy_module(f"{__package__}.update_customer_by_id")


class CustomersResourceWithRawResponse:
    """The `customers` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def get_customer_by_id(
        self,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Customer]:
        """Get a customer, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `CustomersResource.get_customer_by_id`.
        """
        request = _get_customer_by_id.build_request(
            validate_path_parameter(id, "id"),
        )
        return await self._invoke(request, _get_customer_by_id.RETURNS, options)

    async def update_customer_by_id(
        self,
        id: str,
        *,
        body: CustomerUpdate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Customer]:
        """Update a customer, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `CustomersResource.update_customer_by_id`.
        """
        request = _update_customer_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_customer_by_id.CustomerUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return await self._invoke(request, _update_customer_by_id.RETURNS, options)


class CustomersResource:
    """The `customers` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = CustomersResourceWithRawResponse(invoke)

    async def get_customer_by_id(
        self,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> Customer:
        """Get a customer.

        Get a customer by its ID. The copied schema is cut inside `location`.

        `GET /customers/{id}`

        Args:
            id: Primary identifier of the requested resource
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Customer: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_customer_by_id.build_request(
            validate_path_parameter(id, "id"),
        )
        return (await self._invoke(request, _get_customer_by_id.RETURNS, options)).data

    async def update_customer_by_id(
        self,
        id: str,
        *,
        body: CustomerUpdate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Customer:
        """Update a customer.

        Update a customer by its ID: only the properties present change and `null` clears one.
        Documented on the development site only. The copied page is cut inside `location.translations`,
        after `state`, and before its responses; the location is modelled as the address every other
        request sends, and the answer as the customer in `data` (what getCustomerById answers). Its
        headers are collapsed: the correlation id is modelled, as on every operation.

        `PATCH /customers/{id}`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `CustomerUpdate`, or its JSON object (camelCase keys, as
                documented). The properties to change; absent ones are left as they are and `null` clears
                one. The copied page is cut inside `location.translations` after `state`.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Customer: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_customer_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_customer_by_id.CustomerUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return (await self._invoke(request, _update_customer_by_id.RETURNS, options)).data


__all__ = ["CustomersResource", "CustomersResourceWithRawResponse"]
