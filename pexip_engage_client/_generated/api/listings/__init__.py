# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `listings` operations, as methods of `ListingsResource`.

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
    coerce_datetime,
    lazy_module,
    validate_path_parameter,
)

if TYPE_CHECKING:
    import datetime

    from ...models.listing import Listing
    from ...models.listing_create import ListingCreate
    from ...models.listing_response import ListingResponse
    from ...models.listing_scheduling_settings import ListingSchedulingSettings
    from ...models.listing_scheduling_settings_input import ListingSchedulingSettingsInput
    from ...models.listing_scheduling_settings_response import ListingSchedulingSettingsResponse
    from ...models.listing_time_slot import ListingTimeSlot
    from ...models.listing_time_slot_input import ListingTimeSlotInput
    from ...models.listing_time_slot_list import ListingTimeSlotList
    from ...models.listing_time_slot_response import ListingTimeSlotResponse
    from . import create_listing as _create_listing
    from . import create_listing_time_slot as _create_listing_time_slot
    from . import get_listing_time_slot_by_id as _get_listing_time_slot_by_id
    from . import get_listing_time_slots as _get_listing_time_slots
    from . import update_listing_scheduling_settings as _update_listing_scheduling_settings
    from . import update_listing_time_slot_by_id as _update_listing_time_slot_by_id
else:
    _create_listing = lazy_module(f"{__package__}.create_listing")
    _update_listing_scheduling_settings = lazy_module(f"{__package__}.update_listing_scheduling_settings")
    _get_listing_time_slots = lazy_module(f"{__package__}.get_listing_time_slots")
    _create_listing_time_slot = lazy_module(f"{__package__}.create_listing_time_slot")
    _get_listing_time_slot_by_id = lazy_module(f"{__package__}.get_listing_time_slot_by_id")
    _update_listing_time_slot_by_id = lazy_module(f"{__package__}.update_listing_time_slot_by_id")


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
            body=coerce_body(_create_listing.ListingCreate.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _create_listing.RETURNS, options)

    async def update_listing_scheduling_settings(
        self,
        id: str,
        *,
        body: ListingSchedulingSettingsInput | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[ListingSchedulingSettings | None]:
        """Update listing scheduling settings, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `ListingsResource.update_listing_scheduling_settings`.
        """
        request = _update_listing_scheduling_settings.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_listing_scheduling_settings.ListingSchedulingSettingsInput.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return await self._invoke(request, _update_listing_scheduling_settings.RETURNS, options)

    async def get_listing_time_slots(
        self,
        listing_id: str,
        *,
        id: list[str] | None | Unset = UNSET,
        from_: datetime.datetime | str | None | Unset = UNSET,
        to: datetime.datetime | str | None | Unset = UNSET,
        employee_id: list[str] | None | Unset = UNSET,
        bookable: bool | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[ListingTimeSlotList]:
        """Get listing time slots, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `ListingsResource.get_listing_time_slots`.
        """
        request = _get_listing_time_slots.build_request(
            validate_path_parameter(listing_id, "listing_id"),
            id=UNSET if id is None else id,
            from_=coerce_datetime(UNSET if from_ is None else from_, "from_"),
            to=coerce_datetime(UNSET if to is None else to, "to"),
            employee_id=UNSET if employee_id is None else employee_id,
            bookable=check_scalar(UNSET if bookable is None else bookable, bool, "bookable"),
            offset=check_scalar(UNSET if offset is None else offset, int, "offset"),
            limit=check_scalar(UNSET if limit is None else limit, int, "limit"),
        )
        return await self._invoke(request, _get_listing_time_slots.RETURNS, options)

    async def create_listing_time_slot(
        self,
        listing_id: str,
        *,
        body: ListingTimeSlotInput | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[ListingTimeSlot]:
        """Create a listing time slot, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `ListingsResource.create_listing_time_slot`.
        """
        request = _create_listing_time_slot.build_request(
            validate_path_parameter(listing_id, "listing_id"),
            body=coerce_body(_create_listing_time_slot.ListingTimeSlotInput.from_dict, body, "body"),
        )
        return await self._invoke(request, _create_listing_time_slot.RETURNS, options)

    async def get_listing_time_slot_by_id(
        self,
        listing_id: str,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[ListingTimeSlot]:
        """Get a listing time slot, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `ListingsResource.get_listing_time_slot_by_id`.
        """
        request = _get_listing_time_slot_by_id.build_request(
            validate_path_parameter(listing_id, "listing_id"),
            validate_path_parameter(id, "id"),
        )
        return await self._invoke(request, _get_listing_time_slot_by_id.RETURNS, options)

    async def update_listing_time_slot_by_id(
        self,
        listing_id: str,
        id: str,
        *,
        body: ListingTimeSlotInput | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[ListingTimeSlot]:
        """Update a listing time slot, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `ListingsResource.update_listing_time_slot_by_id`.
        """
        request = _update_listing_time_slot_by_id.build_request(
            validate_path_parameter(listing_id, "listing_id"),
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_listing_time_slot_by_id.ListingTimeSlotInput.from_dict, body, "body"),
        )
        return await self._invoke(request, _update_listing_time_slot_by_id.RETURNS, options)


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
                extra_query, extra_body, middleware).

        Returns:
            Listing: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _create_listing.build_request(
            body=coerce_body(_create_listing.ListingCreate.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _create_listing.RETURNS, options)).data

    async def update_listing_scheduling_settings(
        self,
        id: str,
        *,
        body: ListingSchedulingSettingsInput | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ListingSchedulingSettings | None:
        """Update listing scheduling settings.

        Replace a listing's scheduling settings: the employees, meeting types, offices and subjects it
        can be booked with. Documented on the development site only. The page shows a plain "Body", so
        it is optional; each of its four lists is required in it. The answer's `data` may be null.

        `PUT /listings/{id}/scheduling-settings`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `ListingSchedulingSettingsInput`, or its JSON object (camelCase
                keys, as documented).
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            ListingSchedulingSettings | None: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_listing_scheduling_settings.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_listing_scheduling_settings.ListingSchedulingSettingsInput.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return (await self._invoke(request, _update_listing_scheduling_settings.RETURNS, options)).data

    def get_listing_time_slots(
        self,
        listing_id: str,
        *,
        id: list[str] | None | Unset = UNSET,
        from_: datetime.datetime | str | None | Unset = UNSET,
        to: datetime.datetime | str | None | Unset = UNSET,
        employee_id: list[str] | None | Unset = UNSET,
        bookable: bool | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> AsyncPages[ListingTimeSlot]:
        """Get listing time slots.

        Get the time slots of a listing, with filtering, a page at a time. Two copies of the development
        page (one with the schema, cut inside `assignments[].employee`, one with the complete 200
        example) and two production copies (the same parameters and example) were read; the slot is
        modelled as getListingTimeSlotById documents it in full.

        `GET /listings/{listing_id}/time-slots`

        Args:
            listing_id: The listing's ID
            id: ID(s) to be considered for filtering
            from_: Start date and time to be considered for filtering (ISO 8601)
            to: End date and time to be considered for filtering (ISO 8601)
            employee_id: Employee ID(s) to be considered for filtering
            bookable: Bookable flag to be considered for filtering
            offset: Zero-based index of the first result to return. Left out, the server's default
                applies: 0.
            limit: The most results to return in one page. Left out, the server's default applies: 25.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AsyncPages[ListingTimeSlot]: await it for the first page (`.data`, `.meta`, `.next_page()`), or `async for` every item across pages.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        async def fetch(page_offset: int) -> ListingTimeSlotList:
            response = await self.with_raw_response.get_listing_time_slots(
                listing_id,
                id=id,
                from_=from_,
                to=to,
                employee_id=employee_id,
                bookable=bookable,
                offset=page_offset,
                limit=limit,
                **options,
            )
            return response.data

        return AsyncPages(fetch, offset or 0)

    async def create_listing_time_slot(
        self,
        listing_id: str,
        *,
        body: ListingTimeSlotInput | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> ListingTimeSlot:
        """Create a listing time slot.

        Create a time slot of a listing. The page shows the body only by its example ("Body Required");
        its constraints are those updateListingTimeSlotById shows (a date and times of at least one
        character), and a slot needs its date, start and end time. The page is cut in the 422 example,
        before any code: the codes listed are updateListingTimeSlotById's, which the same rules (an
        assigned employee linked to the listing, no overlap) give.

        `POST /listings/{listing_id}/time-slots`

        Args:
            listing_id: The listing's ID
            body: The request body: a `ListingTimeSlotInput`, or its JSON object (camelCase keys, as
                documented). A whole time slot, as created or put. The documentation collapses this
                schema; its fields come from the examples, the lengths from the update page.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            ListingTimeSlot: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _create_listing_time_slot.build_request(
            validate_path_parameter(listing_id, "listing_id"),
            body=coerce_body(_create_listing_time_slot.ListingTimeSlotInput.from_dict, body, "body"),
        )
        return (await self._invoke(request, _create_listing_time_slot.RETURNS, options)).data

    async def get_listing_time_slot_by_id(
        self,
        listing_id: str,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> ListingTimeSlot:
        """Get a listing time slot.

        Get a time slot of a listing by its ID (documented on the development site only). A slot of
        another listing is not found.

        `GET /listings/{listing_id}/time-slots/{id}`

        Args:
            listing_id: The listing's ID
            id: Primary identifier of the requested resource
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            ListingTimeSlot: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_listing_time_slot_by_id.build_request(
            validate_path_parameter(listing_id, "listing_id"),
            validate_path_parameter(id, "id"),
        )
        return (await self._invoke(request, _get_listing_time_slot_by_id.RETURNS, options)).data

    async def update_listing_time_slot_by_id(
        self,
        listing_id: str,
        id: str,
        *,
        body: ListingTimeSlotInput | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> ListingTimeSlot:
        """Update a listing time slot.

        Replace a time slot of a listing: a PUT, so the body is the whole slot (what it leaves out is
        not kept). The page names the date and times only in brackets (their minimum length of 1 is
        shown) and collapses the rest; the body is the one createListingTimeSlot sends.

        `PUT /listings/{listing_id}/time-slots/{id}`

        Args:
            listing_id: The listing's ID
            id: Primary identifier of the requested resource
            body: The request body: a `ListingTimeSlotInput`, or its JSON object (camelCase keys, as
                documented). A whole time slot, as created or put. The documentation collapses this
                schema; its fields come from the examples, the lengths from the update page.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            ListingTimeSlot: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_listing_time_slot_by_id.build_request(
            validate_path_parameter(listing_id, "listing_id"),
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_listing_time_slot_by_id.ListingTimeSlotInput.from_dict, body, "body"),
        )
        return (await self._invoke(request, _update_listing_time_slot_by_id.RETURNS, options)).data


__all__ = ["ListingsResource", "ListingsResourceWithRawResponse"]
