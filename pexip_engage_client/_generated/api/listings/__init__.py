# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `listings` operations, as methods of `ListingsResource`."""

from collections.abc import Mapping
from typing import Any, Unpack

from ...._runtime import UNSET, ApiResponse, Invoker, RequestOptions, Returns, Unset, coerce_body
from ...models.listing import Listing
from ...models.listing_create import ListingCreate
from ...models.listing_response import ListingResponse
from . import create_listing as _create_listing

# What each successful body is read as; the Invoker picks the decoder.
_LISTING_RESPONSE_DATA = Returns.data_of(ListingResponse)


class ListingsResourceWithRawResponse:
    """The `listings` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def create_listing(
        self,
        *,
        body: ListingCreate | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Listing]:
        """Create a listing, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `ListingsResource.create_listing`.
        """
        request = _create_listing.build_request(
            body=coerce_body(ListingCreate.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _LISTING_RESPONSE_DATA, options)


class ListingsResource:
    """The `listings` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = ListingsResourceWithRawResponse(invoke)

    async def create_listing(
        self,
        *,
        body: ListingCreate | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Listing:
        """Create a listing.

        Create a listing. The documentation shows the body only by its (truncated) example and no
        responses; the answer is modelled as the listing in `data`, kept as received.

        `POST /listings`

        Args:
            body: The request body: a `ListingCreate`, or its JSON object (camelCase keys, as
                documented). The listing to create, modelled from the documentation's (truncated) example.
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body).

        Returns:
            Listing: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _create_listing.build_request(
            body=coerce_body(ListingCreate.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _LISTING_RESPONSE_DATA, options)).data


__all__ = ["ListingsResource", "ListingsResourceWithRawResponse"]
