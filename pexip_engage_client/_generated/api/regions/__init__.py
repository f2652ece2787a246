# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `regions` operations, as methods of `RegionsResource`.

Each operation's module (its request, its models) is loaded when the operation is first called: a
program that calls one operation of the tag loads that one's models only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from ...._runtime import (
    UNSET,
    ApiResponse,
    AsyncPages,
    Invoker,
    RequestOptions,
    Unset,
    check_scalar,
    lazy_module,
    required,
)

if TYPE_CHECKING:
    from ...models.region import Region
    from ...models.region_list import RegionList
    from . import get_regions as _get_regions
else:
    _get_regions = lazy_module(f"{__package__}.get_regions")


class RegionsResourceWithRawResponse:
    """The `regions` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def get_regions(
        self,
        *,
        country_code: str,
        id: list[str] | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[RegionList]:
        """Get regions, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `RegionsResource.get_regions`.
        """
        request = _get_regions.build_request(
            country_code=required(country_code, "country_code"),
            id=UNSET if id is None else id,
            offset=check_scalar(UNSET if offset is None else offset, int, "offset"),
            limit=check_scalar(UNSET if limit is None else limit, int, "limit"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _get_regions.RETURNS, options)


class RegionsResource:
    """The `regions` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = RegionsResourceWithRawResponse(invoke)

    def get_regions(
        self,
        *,
        country_code: str,
        id: list[str] | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> AsyncPages[Region]:
        """Get regions.

        Get the regions of a country, a page at a time. Two versions of this page were copied; this
        follows the newer one (pagination, `id` filter). The older one also filtered by `code`, `level`
        and `parent-id`, and showed `countryCode`, `level` and `parentId` on each region.

        `GET /regions`

        Args:
            country_code: ISO 3166-1 alpha-2 country code
            id: ID(s) to be considered for filtering
            offset: Zero-based index of the first result to return. Left out, the server's default
                applies: 0.
            limit: The most results to return in one page, between 1 and 1000. The documentation
                states this as the pattern `^([1-9]|[1-9][0-9]{1,2}|1000)$` on the query text; as an
                integer that is exactly the bounds below. Left out, the server's default applies: 25.
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AsyncPages[Region]: await it for the first page (`.data`, `.meta`, `.next_page()`), or `async for` every item across pages.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        async def fetch(page_offset: int) -> RegionList:
            response = await self.with_raw_response.get_regions(
                country_code=country_code,
                id=id,
                offset=page_offset,
                limit=limit,
                accept_language=accept_language,
                **options,
            )
            return response.data

        return AsyncPages(fetch, offset or 0)


__all__ = ["RegionsResource", "RegionsResourceWithRawResponse"]
