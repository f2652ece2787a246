# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `offices` operations, as methods of `OfficesResource`.

Each operation's module (its request, its models) is loaded when the operation is first called: a
program that calls one operation of the tag loads that one's models only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Unpack

from ...._runtime import (
    UNSET,
    ApiResponse,
    Invoker,
    RequestOptions,
    Unset,
    coerce_bodies,
    coerce_enums,
    lazy_module,
    validate_path_parameter,
)

if TYPE_CHECKING:
    from ...models.meeting_type import MeetingType
    from ...models.office_subject_availability_setting import OfficeSubjectAvailabilitySetting
    from ...models.office_subject_availability_setting_input import OfficeSubjectAvailabilitySettingInput
    from ...models.office_subject_availability_setting_list import OfficeSubjectAvailabilitySettingList
    from ...models.scheduling_setting import SchedulingSetting
    from ...models.scheduling_setting_list import SchedulingSettingList
    from . import get_office_subject_availability_settings as _get_office_subject_availability_settings
    from . import get_subject_office_scheduling_settings as _get_subject_office_scheduling_settings
    from . import update_office_subject_availability_settings as _update_office_subject_availability_settings
else:
    _get_office_subject_availability_settings = lazy_module(f"{__package__}.get_office_subject_availability_settings")
    _update_office_subject_availability_settings = lazy_module(
        f"{__package__}.update_office_subject_availability_settings"
    )
    _get_subject_office_scheduling_settings = lazy_module(f"{__package__}.get_subject_office_scheduling_settings")


class OfficesResourceWithRawResponse:
    """The `offices` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def get_office_subject_availability_settings(
        self,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[list[OfficeSubjectAvailabilitySetting]]:
        """Get office subject availability settings, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `OfficesResource.get_office_subject_availability_settings`.
        """
        request = _get_office_subject_availability_settings.build_request(
            validate_path_parameter(id, "id"),
        )
        return await self._invoke(request, _get_office_subject_availability_settings.RETURNS, options)

    async def update_office_subject_availability_settings(
        self,
        id: str,
        *,
        body: Sequence[OfficeSubjectAvailabilitySettingInput | Mapping[str, Any]] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[list[OfficeSubjectAvailabilitySetting]]:
        """Update office subject availability settings, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `OfficesResource.update_office_subject_availability_settings`.
        """
        request = _update_office_subject_availability_settings.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_bodies(
                _update_office_subject_availability_settings.OfficeSubjectAvailabilitySettingInput.from_dict,
                body,
                "body",
            )
            if not isinstance(body, Unset)
            else UNSET,
        )
        return await self._invoke(request, _update_office_subject_availability_settings.RETURNS, options)

    async def get_subject_office_scheduling_settings(
        self,
        id: str,
        *,
        meeting_type: list[MeetingType | str] | tuple[MeetingType | str, ...] | None | Unset = UNSET,
        subject_id: list[str] | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[list[SchedulingSetting]]:
        """Get subject office scheduling settings, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `OfficesResource.get_subject_office_scheduling_settings`.
        """
        request = _get_subject_office_scheduling_settings.build_request(
            validate_path_parameter(id, "id"),
            meeting_type=coerce_enums(
                _get_subject_office_scheduling_settings.MeetingType,
                UNSET if meeting_type is None else meeting_type,
                "meeting_type",
            ),
            subject_id=UNSET if subject_id is None else subject_id,
        )
        return await self._invoke(request, _get_subject_office_scheduling_settings.RETURNS, options)


class OfficesResource:
    """The `offices` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = OfficesResourceWithRawResponse(invoke)

    async def get_office_subject_availability_settings(
        self,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> list[OfficeSubjectAvailabilitySetting]:
        """Get office subject availability settings.

        Get the availability settings an office overrides, per subject and meeting type.

        `GET /offices/{id}/subject-availability-settings`

        Args:
            id: Primary identifier of the requested resource
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            list[OfficeSubjectAvailabilitySetting]: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_office_subject_availability_settings.build_request(
            validate_path_parameter(id, "id"),
        )
        return (await self._invoke(request, _get_office_subject_availability_settings.RETURNS, options)).data

    async def update_office_subject_availability_settings(
        self,
        id: str,
        *,
        body: Sequence[OfficeSubjectAvailabilitySettingInput | Mapping[str, Any]] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> list[OfficeSubjectAvailabilitySetting]:
        """Update office subject availability settings.

        Replace an office's subject availability settings with the complete list given. The copied
        documentation shows only the 200 response.

        `PUT /offices/{id}/subject-availability-settings`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a list of `OfficeSubjectAvailabilitySettingInput`, each the model
                or its JSON object (camelCase keys).
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            list[OfficeSubjectAvailabilitySetting]: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_office_subject_availability_settings.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_bodies(
                _update_office_subject_availability_settings.OfficeSubjectAvailabilitySettingInput.from_dict,
                body,
                "body",
            )
            if not isinstance(body, Unset)
            else UNSET,
        )
        return (await self._invoke(request, _update_office_subject_availability_settings.RETURNS, options)).data

    async def get_subject_office_scheduling_settings(
        self,
        id: str,
        *,
        meeting_type: list[MeetingType | str] | tuple[MeetingType | str, ...] | None | Unset = UNSET,
        subject_id: list[str] | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> list[SchedulingSetting]:
        """Get subject office scheduling settings.

        Get which subjects an office schedules, per meeting type.

        `GET /offices/{id}/subject-scheduling-settings`

        Args:
            id: Primary identifier of the requested resource
            meeting_type: Meeting type(s)
            subject_id: Subject ID(s)
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            list[SchedulingSetting]: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_subject_office_scheduling_settings.build_request(
            validate_path_parameter(id, "id"),
            meeting_type=coerce_enums(
                _get_subject_office_scheduling_settings.MeetingType,
                UNSET if meeting_type is None else meeting_type,
                "meeting_type",
            ),
            subject_id=UNSET if subject_id is None else subject_id,
        )
        return (await self._invoke(request, _get_subject_office_scheduling_settings.RETURNS, options)).data


__all__ = ["OfficesResource", "OfficesResourceWithRawResponse"]
