# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `availability` operations, as methods of `AvailabilityResource`.

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
    coerce_datetime,
    coerce_enum,
    coerce_enums,
    lazy_module,
    required,
)

if TYPE_CHECKING:
    import datetime

    from ...models.defined_availability import DefinedAvailability
    from ...models.defined_availability_list import DefinedAvailabilityList
    from ...models.meeting_type import MeetingType
    from ...models.timetable import Timetable
    from ...models.timetable_location import TimetableLocation
    from ...models.timetable_response import TimetableResponse
    from . import get_defined_availability as _get_defined_availability
    from . import get_timetable as _get_timetable
else:
    _get_defined_availability = lazy_module(f"{__package__}.get_defined_availability")
    _get_timetable = lazy_module(f"{__package__}.get_timetable")


class AvailabilityResourceWithRawResponse:
    """The `availability` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def get_defined_availability(
        self,
        *,
        from_: datetime.datetime | str,
        to: datetime.datetime | str,
        employee_id: list[str] | None | Unset = UNSET,
        office_id: str,
        subject_id: list[str] | None | Unset = UNSET,
        meeting_type: list[MeetingType | str] | tuple[MeetingType | str, ...] | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[list[DefinedAvailability]]:
        """Get defined availability, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AvailabilityResource.get_defined_availability`.
        """
        request = _get_defined_availability.build_request(
            from_=coerce_datetime(required(from_, "from_"), "from_"),
            to=coerce_datetime(required(to, "to"), "to"),
            employee_id=UNSET if employee_id is None else employee_id,
            office_id=required(office_id, "office_id"),
            subject_id=UNSET if subject_id is None else subject_id,
            meeting_type=coerce_enums(
                _get_defined_availability.MeetingType, UNSET if meeting_type is None else meeting_type, "meeting_type"
            ),
        )
        return await self._invoke(request, _get_defined_availability.RETURNS, options)

    async def get_timetable(
        self,
        *,
        from_: datetime.datetime | str,
        to: datetime.datetime | str,
        employee_id: list[str] | None | Unset = UNSET,
        office_id: str,
        subject_id: str,
        meeting_type: MeetingType | str,
        lead_segment_id: str | None | Unset = UNSET,
        listing_id: str | None | Unset = UNSET,
        location: TimetableLocation | Mapping[str, Any] | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Timetable]:
        """Get timetable, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AvailabilityResource.get_timetable`.
        """
        request = _get_timetable.build_request(
            from_=coerce_datetime(required(from_, "from_"), "from_"),
            to=coerce_datetime(required(to, "to"), "to"),
            employee_id=UNSET if employee_id is None else employee_id,
            office_id=required(office_id, "office_id"),
            subject_id=required(subject_id, "subject_id"),
            meeting_type=coerce_enum(
                _get_timetable.MeetingType, required(meeting_type, "meeting_type"), "meeting_type"
            ),
            lead_segment_id=UNSET if lead_segment_id is None else lead_segment_id,
            listing_id=UNSET if listing_id is None else listing_id,
            location=coerce_body(_get_timetable.TimetableLocation.from_dict, location, "location")
            if location is not None and not isinstance(location, Unset)
            else UNSET,
        )
        return await self._invoke(request, _get_timetable.RETURNS, options)


class AvailabilityResource:
    """The `availability` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = AvailabilityResourceWithRawResponse(invoke)

    async def get_defined_availability(
        self,
        *,
        from_: datetime.datetime | str,
        to: datetime.datetime | str,
        employee_id: list[str] | None | Unset = UNSET,
        office_id: str,
        subject_id: list[str] | None | Unset = UNSET,
        meeting_type: list[MeetingType | str] | tuple[MeetingType | str, ...] | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> list[DefinedAvailability]:
        """Get defined availability.

        Get the availability employees have defined in a period, for one office.

        `GET /defined-availability`

        Args:
            from_: Start of the period (ISO 8601)
            to: End of the period (ISO 8601)
            employee_id: Employee ID(s)
            office_id: The office
            subject_id: Subject ID(s)
            meeting_type: Meeting type(s)
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            list[DefinedAvailability]: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_defined_availability.build_request(
            from_=coerce_datetime(required(from_, "from_"), "from_"),
            to=coerce_datetime(required(to, "to"), "to"),
            employee_id=UNSET if employee_id is None else employee_id,
            office_id=required(office_id, "office_id"),
            subject_id=UNSET if subject_id is None else subject_id,
            meeting_type=coerce_enums(
                _get_defined_availability.MeetingType, UNSET if meeting_type is None else meeting_type, "meeting_type"
            ),
        )
        return (await self._invoke(request, _get_defined_availability.RETURNS, options)).data

    async def get_timetable(
        self,
        *,
        from_: datetime.datetime | str,
        to: datetime.datetime | str,
        employee_id: list[str] | None | Unset = UNSET,
        office_id: str,
        subject_id: str,
        meeting_type: MeetingType | str,
        lead_segment_id: str | None | Unset = UNSET,
        listing_id: str | None | Unset = UNSET,
        location: TimetableLocation | Mapping[str, Any] | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Timetable:
        """Get timetable.

        Get the bookable time slots for a subject, office and meeting type in a period. The
        documentation does not render the names of its lead segment and listing filters; they are
        modelled as `lead-segment-id` and `listing-id`, the names every other filter of those resources
        uses. The response schema is cut after `listing`; further properties are kept as received.

        `GET /timetable`

        Args:
            from_: Start of the period (ISO 8601)
            to: End of the period (ISO 8601)
            employee_id: Employee ID(s)
            office_id: The office
            subject_id: The subject
            meeting_type: The `meeting-type` query parameter.
            lead_segment_id: Lead segment ID to be considered for filtering. The documentation does
                not render this parameter's name; `lead-segment-id` is inferred from the other filters'
                naming.
            listing_id: Listing ID to be considered for filtering. The documentation does not render
                this parameter's name; `listing-id` is inferred from the other filters' naming.
            location: A point to find time slots near, for the timetable's `location` filter.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Timetable: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_timetable.build_request(
            from_=coerce_datetime(required(from_, "from_"), "from_"),
            to=coerce_datetime(required(to, "to"), "to"),
            employee_id=UNSET if employee_id is None else employee_id,
            office_id=required(office_id, "office_id"),
            subject_id=required(subject_id, "subject_id"),
            meeting_type=coerce_enum(
                _get_timetable.MeetingType, required(meeting_type, "meeting_type"), "meeting_type"
            ),
            lead_segment_id=UNSET if lead_segment_id is None else lead_segment_id,
            listing_id=UNSET if listing_id is None else listing_id,
            location=coerce_body(_get_timetable.TimetableLocation.from_dict, location, "location")
            if location is not None and not isinstance(location, Unset)
            else UNSET,
        )
        return (await self._invoke(request, _get_timetable.RETURNS, options)).data


__all__ = ["AvailabilityResource", "AvailabilityResourceWithRawResponse"]
