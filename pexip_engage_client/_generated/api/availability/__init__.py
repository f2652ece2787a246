"""The `availability` operations, as methods of `AvailabilityResource`."""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any, Unpack

from ...models.defined_availability import DefinedAvailability
from ...models.defined_availability_list import DefinedAvailabilityList
from ...models.meeting_type import MeetingType
from ...models.timetable import Timetable
from ...models.timetable_location import TimetableLocation
from ...models.timetable_response import TimetableResponse
from ...types import UNSET, ApiResponse, Invoker, RequestOptions, Unset, coerce_body, coerce_datetime, coerce_enums
from . import get_defined_availability as _get_defined_availability
from . import get_timetable as _get_timetable


class AvailabilityResourceWithRawResponse:
    """The `availability` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def get_defined_availability(
        self,
        *,
        from_: datetime.datetime | str,
        to: datetime.datetime | str,
        employee_id: list[str] | Unset = UNSET,
        office_id: str,
        subject_id: list[str] | Unset = UNSET,
        meeting_type: Sequence[MeetingType | str] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[list[DefinedAvailability]]:
        """Get defined availability, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AvailabilityResource.get_defined_availability`.
        """
        request = _get_defined_availability._get_kwargs(
            from_=coerce_datetime(from_, "from_"),
            to=coerce_datetime(to, "to"),
            employee_id=employee_id,
            office_id=office_id,
            subject_id=subject_id,
            meeting_type=coerce_enums(MeetingType, meeting_type, "meeting_type"),
        )
        return await self._invoke(request, lambda payload: DefinedAvailabilityList.from_dict(payload).data, options)

    async def get_timetable(
        self,
        *,
        from_: datetime.datetime | str,
        to: datetime.datetime | str,
        employee_id: list[str] | Unset = UNSET,
        office_id: str,
        subject_id: str,
        meeting_type: MeetingType | str,
        lead_segment_id: str | Unset = UNSET,
        listing_id: str | Unset = UNSET,
        location: TimetableLocation | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Timetable]:
        """Get timetable, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AvailabilityResource.get_timetable`.
        """
        request = _get_timetable._get_kwargs(
            from_=coerce_datetime(from_, "from_"),
            to=coerce_datetime(to, "to"),
            employee_id=employee_id,
            office_id=office_id,
            subject_id=subject_id,
            meeting_type=coerce_enums(MeetingType, meeting_type, "meeting_type"),
            lead_segment_id=lead_segment_id,
            listing_id=listing_id,
            location=coerce_body(TimetableLocation.from_dict, location, "location")
            if not isinstance(location, Unset)
            else UNSET,
        )
        return await self._invoke(request, lambda payload: TimetableResponse.from_dict(payload).data, options)


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
        employee_id: list[str] | Unset = UNSET,
        office_id: str,
        subject_id: list[str] | Unset = UNSET,
        meeting_type: Sequence[MeetingType | str] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> list[DefinedAvailability]:
        """Get defined availability.

        Get the availability employees have defined in a period, for one office.

        `GET /defined-availability`

        Args:
            from_ (datetime.datetime):
            to (datetime.datetime):
            employee_id (list[str] | Unset):
            office_id (str):
            subject_id (list[str] | Unset):
            meeting_type (list[MeetingType] | Unset):
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers).

        Returns:
            list[DefinedAvailability]: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_defined_availability._get_kwargs(
            from_=coerce_datetime(from_, "from_"),
            to=coerce_datetime(to, "to"),
            employee_id=employee_id,
            office_id=office_id,
            subject_id=subject_id,
            meeting_type=coerce_enums(MeetingType, meeting_type, "meeting_type"),
        )
        return (
            await self._invoke(request, lambda payload: DefinedAvailabilityList.from_dict(payload).data, options)
        ).data

    async def get_timetable(
        self,
        *,
        from_: datetime.datetime | str,
        to: datetime.datetime | str,
        employee_id: list[str] | Unset = UNSET,
        office_id: str,
        subject_id: str,
        meeting_type: MeetingType | str,
        lead_segment_id: str | Unset = UNSET,
        listing_id: str | Unset = UNSET,
        location: TimetableLocation | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Timetable:
        """Get timetable.

        Get the bookable time slots for a subject, office and meeting type in a period. The
        documentation does not render the names of its lead segment and listing filters; they are
        modelled as `lead-segment-id` and `listing-id`, the names every other filter of those resources
        uses. The response schema is cut after `listing`; further properties are kept as received.

        `GET /timetable`

        Args:
            from_ (datetime.datetime):
            to (datetime.datetime):
            employee_id (list[str] | Unset):
            office_id (str):
            subject_id (str):
            meeting_type (MeetingType):
            lead_segment_id (str | Unset):
            listing_id (str | Unset):
            location (TimetableLocation | Unset): A point to find time slots near, for the timetable's
                `location` filter.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers).

        Returns:
            Timetable: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_timetable._get_kwargs(
            from_=coerce_datetime(from_, "from_"),
            to=coerce_datetime(to, "to"),
            employee_id=employee_id,
            office_id=office_id,
            subject_id=subject_id,
            meeting_type=coerce_enums(MeetingType, meeting_type, "meeting_type"),
            lead_segment_id=lead_segment_id,
            listing_id=listing_id,
            location=coerce_body(TimetableLocation.from_dict, location, "location")
            if not isinstance(location, Unset)
            else UNSET,
        )
        return (await self._invoke(request, lambda payload: TimetableResponse.from_dict(payload).data, options)).data


__all__ = ["AvailabilityResource", "AvailabilityResourceWithRawResponse"]
