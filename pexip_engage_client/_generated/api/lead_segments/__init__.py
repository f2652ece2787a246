# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `lead_segments` operations, as methods of `LeadSegmentsResource`.

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
    coerce_body,
    lazy_module,
    validate_path_parameter,
)

if TYPE_CHECKING:
    from ...models.lead_segment import LeadSegment
    from ...models.lead_segment_create import LeadSegmentCreate
    from ...models.lead_segment_response import LeadSegmentResponse
    from ...models.lead_segment_scheduling_setting_input import LeadSegmentSchedulingSettingInput
    from ...models.lead_segment_update import LeadSegmentUpdate
    from ...models.scheduling_setting import SchedulingSetting
    from ...models.scheduling_setting_list import SchedulingSettingList
    from . import create_lead_segment as _create_lead_segment
    from . import get_lead_segment_by_id as _get_lead_segment_by_id
    from . import update_lead_segment_by_id as _update_lead_segment_by_id
    from . import update_lead_segment_scheduling_settings as _update_lead_segment_scheduling_settings
else:
    _create_lead_segment = lazy_module(f"{__package__}.create_lead_segment")
    _get_lead_segment_by_id = lazy_module(f"{__package__}.get_lead_segment_by_id")
    _update_lead_segment_by_id = lazy_module(f"{__package__}.update_lead_segment_by_id")
    _update_lead_segment_scheduling_settings = lazy_module(f"{__package__}.update_lead_segment_scheduling_settings")


class LeadSegmentsResourceWithRawResponse:
    """The `lead_segments` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def create_lead_segment(
        self,
        *,
        body: LeadSegmentCreate | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[LeadSegment]:
        """Create a lead segment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `LeadSegmentsResource.create_lead_segment`.
        """
        request = _create_lead_segment.build_request(
            body=coerce_body(_create_lead_segment.LeadSegmentCreate.from_dict, body, "body"),
        )
        return await self._invoke(request, _create_lead_segment.RETURNS, options)

    async def get_lead_segment_by_id(
        self,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[LeadSegment]:
        """Get a lead segment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `LeadSegmentsResource.get_lead_segment_by_id`.
        """
        request = _get_lead_segment_by_id.build_request(
            validate_path_parameter(id, "id"),
        )
        return await self._invoke(request, _get_lead_segment_by_id.RETURNS, options)

    async def update_lead_segment_by_id(
        self,
        id: str,
        *,
        body: LeadSegmentUpdate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[LeadSegment]:
        """Update a lead segment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `LeadSegmentsResource.update_lead_segment_by_id`.
        """
        request = _update_lead_segment_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_lead_segment_by_id.LeadSegmentUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return await self._invoke(request, _update_lead_segment_by_id.RETURNS, options)

    async def update_lead_segment_scheduling_settings(
        self,
        id: str,
        *,
        body: Sequence[LeadSegmentSchedulingSettingInput | Mapping[str, Any]] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[list[SchedulingSetting]]:
        """Update lead segment scheduling settings, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `LeadSegmentsResource.update_lead_segment_scheduling_settings`.
        """
        request = _update_lead_segment_scheduling_settings.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_bodies(
                _update_lead_segment_scheduling_settings.LeadSegmentSchedulingSettingInput.from_dict, body, "body"
            )
            if not isinstance(body, Unset)
            else UNSET,
        )
        return await self._invoke(request, _update_lead_segment_scheduling_settings.RETURNS, options)


class LeadSegmentsResource:
    """The `lead_segments` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = LeadSegmentsResourceWithRawResponse(invoke)

    async def create_lead_segment(
        self,
        *,
        body: LeadSegmentCreate | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> LeadSegment:
        """Create a lead segment.

        `POST /lead-segments`

        Args:
            body: The request body: a `LeadSegmentCreate`, or its JSON object (camelCase keys, as
                documented).
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            LeadSegment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _create_lead_segment.build_request(
            body=coerce_body(_create_lead_segment.LeadSegmentCreate.from_dict, body, "body"),
        )
        return (await self._invoke(request, _create_lead_segment.RETURNS, options)).data

    async def get_lead_segment_by_id(
        self,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> LeadSegment:
        """Get a lead segment.

        `GET /lead-segments/{id}`

        Args:
            id: Primary identifier of the requested resource
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            LeadSegment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_lead_segment_by_id.build_request(
            validate_path_parameter(id, "id"),
        )
        return (await self._invoke(request, _get_lead_segment_by_id.RETURNS, options)).data

    async def update_lead_segment_by_id(
        self,
        id: str,
        *,
        body: LeadSegmentUpdate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> LeadSegment:
        """Update a lead segment.

        Update a lead segment by its ID. Only the properties present in the body change; an explicit
        `null` clears a nullable property. The page shows a plain "Body": it is optional.

        `PATCH /lead-segments/{id}`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `LeadSegmentUpdate`, or its JSON object (camelCase keys, as
                documented). The properties to change. An absent property is left as it is; `description:
                null` clears the description.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            LeadSegment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_lead_segment_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_lead_segment_by_id.LeadSegmentUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return (await self._invoke(request, _update_lead_segment_by_id.RETURNS, options)).data

    async def update_lead_segment_scheduling_settings(
        self,
        id: str,
        *,
        body: Sequence[LeadSegmentSchedulingSettingInput | Mapping[str, Any]] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> list[SchedulingSetting]:
        """Update lead segment scheduling settings.

        Replace the scheduling settings of a lead segment. The body is the complete list of (meeting
        type, subject) pairs (the page shows one item's fields and its example sends an array); the page
        shows a plain "Body", so it is optional. The response lists the settings now in force.

        `PUT /lead-segments/{id}/scheduling-settings`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a list of `LeadSegmentSchedulingSettingInput`, each the model or
                its JSON object (camelCase keys).
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

        request = _update_lead_segment_scheduling_settings.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_bodies(
                _update_lead_segment_scheduling_settings.LeadSegmentSchedulingSettingInput.from_dict, body, "body"
            )
            if not isinstance(body, Unset)
            else UNSET,
        )
        return (await self._invoke(request, _update_lead_segment_scheduling_settings.RETURNS, options)).data


__all__ = ["LeadSegmentsResource", "LeadSegmentsResourceWithRawResponse"]
