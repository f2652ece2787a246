# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `availability_templates` operations, as methods of `AvailabilityTemplatesResource`.

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
    coerce_date,
    coerce_enums,
    lazy_module,
    validate_path_parameter,
)

if TYPE_CHECKING:
    import datetime

    from ...models.applied_template import AppliedTemplate
    from ...models.applied_template_create import AppliedTemplateCreate
    from ...models.applied_template_list import AppliedTemplateList
    from ...models.applied_template_response import AppliedTemplateResponse
    from ...models.applied_template_revert import AppliedTemplateRevert
    from ...models.availability_template import AvailabilityTemplate
    from ...models.availability_template_create import AvailabilityTemplateCreate
    from ...models.availability_template_list import AvailabilityTemplateList
    from ...models.availability_template_response import AvailabilityTemplateResponse
    from ...models.availability_template_type import AvailabilityTemplateType
    from ...models.availability_template_update import AvailabilityTemplateUpdate
    from ...models.availability_time_range import AvailabilityTimeRange
    from ...models.availability_time_range_create import AvailabilityTimeRangeCreate
    from ...models.availability_time_range_response import AvailabilityTimeRangeResponse
    from ...models.availability_time_range_update import AvailabilityTimeRangeUpdate
    from ...models.time_range_availability_setting import TimeRangeAvailabilitySetting
    from ...models.time_range_availability_setting_list import TimeRangeAvailabilitySettingList
    from . import apply_availability_template as _apply_availability_template
    from . import create_availability_template as _create_availability_template
    from . import create_availability_time_range as _create_availability_time_range
    from . import get_applied_templates as _get_applied_templates
    from . import get_availability_template_by_id as _get_availability_template_by_id
    from . import get_availability_templates as _get_availability_templates
    from . import get_availability_time_range_by_id as _get_availability_time_range_by_id
    from . import get_time_range_availability_settings as _get_time_range_availability_settings
    from . import revert_applied_templates as _revert_applied_templates
    from . import update_availability_template_by_id as _update_availability_template_by_id
    from . import update_availability_time_range_by_id as _update_availability_time_range_by_id
else:
    _get_availability_templates = lazy_module(f"{__package__}.get_availability_templates")
    _create_availability_template = lazy_module(f"{__package__}.create_availability_template")
    _get_availability_template_by_id = lazy_module(f"{__package__}.get_availability_template_by_id")
    _update_availability_template_by_id = lazy_module(f"{__package__}.update_availability_template_by_id")
    _create_availability_time_range = lazy_module(f"{__package__}.create_availability_time_range")
    _get_availability_time_range_by_id = lazy_module(f"{__package__}.get_availability_time_range_by_id")
    _update_availability_time_range_by_id = lazy_module(f"{__package__}.update_availability_time_range_by_id")
    _get_time_range_availability_settings = lazy_module(f"{__package__}.get_time_range_availability_settings")
    _get_applied_templates = lazy_module(f"{__package__}.get_applied_templates")
    _apply_availability_template = lazy_module(f"{__package__}.apply_availability_template")
    _revert_applied_templates = lazy_module(f"{__package__}.revert_applied_templates")


class AvailabilityTemplatesResourceWithRawResponse:
    """The `availability_templates` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def get_availability_templates(
        self,
        employee_id: str,
        *,
        id: list[str] | None | Unset = UNSET,
        is_default: bool | None | Unset = UNSET,
        type_: list[AvailabilityTemplateType | str] | tuple[AvailabilityTemplateType | str, ...] | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[list[AvailabilityTemplate]]:
        """Get availability templates, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AvailabilityTemplatesResource.get_availability_templates`.
        """
        request = _get_availability_templates.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            id=UNSET if id is None else id,
            is_default=check_scalar(UNSET if is_default is None else is_default, bool, "is_default"),
            type_=coerce_enums(
                _get_availability_templates.AvailabilityTemplateType, UNSET if type_ is None else type_, "type_"
            ),
        )
        return await self._invoke(request, _get_availability_templates.RETURNS, options)

    async def create_availability_template(
        self,
        employee_id: str,
        *,
        body: AvailabilityTemplateCreate | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[AvailabilityTemplate]:
        """Create an availability template, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AvailabilityTemplatesResource.create_availability_template`.
        """
        request = _create_availability_template.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            body=coerce_body(_create_availability_template.AvailabilityTemplateCreate.from_dict, body, "body"),
        )
        return await self._invoke(request, _create_availability_template.RETURNS, options)

    async def get_availability_template_by_id(
        self,
        employee_id: str,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[AvailabilityTemplate]:
        """Get an availability template, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AvailabilityTemplatesResource.get_availability_template_by_id`.
        """
        request = _get_availability_template_by_id.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            validate_path_parameter(id, "id"),
        )
        return await self._invoke(request, _get_availability_template_by_id.RETURNS, options)

    async def update_availability_template_by_id(
        self,
        employee_id: str,
        id: str,
        *,
        body: AvailabilityTemplateUpdate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[AvailabilityTemplate]:
        """Update an availability template, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AvailabilityTemplatesResource.update_availability_template_by_id`.
        """
        request = _update_availability_template_by_id.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_availability_template_by_id.AvailabilityTemplateUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return await self._invoke(request, _update_availability_template_by_id.RETURNS, options)

    async def create_availability_time_range(
        self,
        employee_id: str,
        availability_template_id: str,
        *,
        body: AvailabilityTimeRangeCreate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[AvailabilityTimeRange]:
        """Create an availability time range, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AvailabilityTemplatesResource.create_availability_time_range`.
        """
        request = _create_availability_time_range.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            validate_path_parameter(availability_template_id, "availability_template_id"),
            body=coerce_body(_create_availability_time_range.AvailabilityTimeRangeCreate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return await self._invoke(request, _create_availability_time_range.RETURNS, options)

    async def get_availability_time_range_by_id(
        self,
        employee_id: str,
        availability_template_id: str,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[AvailabilityTimeRange]:
        """Get an availability time range, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AvailabilityTemplatesResource.get_availability_time_range_by_id`.
        """
        request = _get_availability_time_range_by_id.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            validate_path_parameter(availability_template_id, "availability_template_id"),
            validate_path_parameter(id, "id"),
        )
        return await self._invoke(request, _get_availability_time_range_by_id.RETURNS, options)

    async def update_availability_time_range_by_id(
        self,
        employee_id: str,
        availability_template_id: str,
        id: str,
        *,
        body: AvailabilityTimeRangeUpdate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[AvailabilityTimeRange]:
        """Update an availability time range, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AvailabilityTemplatesResource.update_availability_time_range_by_id`.
        """
        request = _update_availability_time_range_by_id.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            validate_path_parameter(availability_template_id, "availability_template_id"),
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_availability_time_range_by_id.AvailabilityTimeRangeUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return await self._invoke(request, _update_availability_time_range_by_id.RETURNS, options)

    async def get_time_range_availability_settings(
        self,
        employee_id: str,
        availability_template_id: str,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[list[TimeRangeAvailabilitySetting]]:
        """Get time range availability settings, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AvailabilityTemplatesResource.get_time_range_availability_settings`.
        """
        request = _get_time_range_availability_settings.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            validate_path_parameter(availability_template_id, "availability_template_id"),
            validate_path_parameter(id, "id"),
        )
        return await self._invoke(request, _get_time_range_availability_settings.RETURNS, options)

    async def get_applied_templates(
        self,
        id: str,
        *,
        start_date: datetime.date | str | None | Unset = UNSET,
        end_date: datetime.date | str | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[AppliedTemplateList]:
        """Get applied templates, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AvailabilityTemplatesResource.get_applied_templates`.
        """
        request = _get_applied_templates.build_request(
            validate_path_parameter(id, "id"),
            start_date=coerce_date(UNSET if start_date is None else start_date, "start_date"),
            end_date=coerce_date(UNSET if end_date is None else end_date, "end_date"),
            offset=check_scalar(UNSET if offset is None else offset, int, "offset"),
            limit=check_scalar(UNSET if limit is None else limit, int, "limit"),
        )
        return await self._invoke(request, _get_applied_templates.RETURNS, options)

    async def apply_availability_template(
        self,
        id: str,
        *,
        body: AppliedTemplateCreate | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[AppliedTemplate]:
        """Apply an availability template, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AvailabilityTemplatesResource.apply_availability_template`.
        """
        request = _apply_availability_template.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_apply_availability_template.AppliedTemplateCreate.from_dict, body, "body"),
        )
        return await self._invoke(request, _apply_availability_template.RETURNS, options)

    async def revert_applied_templates(
        self,
        id: str,
        *,
        body: AppliedTemplateRevert | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[None]:
        """Revert applied templates, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AvailabilityTemplatesResource.revert_applied_templates`.
        """
        request = _revert_applied_templates.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_revert_applied_templates.AppliedTemplateRevert.from_dict, body, "body"),
        )
        return await self._invoke(request, None, options)


class AvailabilityTemplatesResource:
    """The `availability_templates` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = AvailabilityTemplatesResourceWithRawResponse(invoke)

    async def get_availability_templates(
        self,
        employee_id: str,
        *,
        id: list[str] | None | Unset = UNSET,
        is_default: bool | None | Unset = UNSET,
        type_: list[AvailabilityTemplateType | str] | tuple[AvailabilityTemplateType | str, ...] | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> list[AvailabilityTemplate]:
        """Get availability templates.

        Get an employee's availability templates, with filtering.

        `GET /employees/{employee_id}/availability-templates`

        Args:
            employee_id: The employee's ID
            id: ID(s) to be considered for filtering
            is_default: Only the default template (true) or only the others (false)
            type_: Template type(s)
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            list[AvailabilityTemplate]: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_availability_templates.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            id=UNSET if id is None else id,
            is_default=check_scalar(UNSET if is_default is None else is_default, bool, "is_default"),
            type_=coerce_enums(
                _get_availability_templates.AvailabilityTemplateType, UNSET if type_ is None else type_, "type_"
            ),
        )
        return (await self._invoke(request, _get_availability_templates.RETURNS, options)).data

    async def create_availability_template(
        self,
        employee_id: str,
        *,
        body: AvailabilityTemplateCreate | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> AvailabilityTemplate:
        """Create an availability template.

        Create an availability template for an employee. The documentation shows the body only by its
        example; the fields are modelled from it, none required.

        `POST /employees/{employee_id}/availability-templates`

        Args:
            employee_id: The employee's ID
            body: The request body: a `AvailabilityTemplateCreate`, or its JSON object (camelCase
                keys, as documented). createAvailabilityTemplate's page collapses its body (the example
                names `name`, `type`, `timeZone`, `color`, `order`): nothing is shown required. Every
                template the API answers with holds them all, so the fake refuses a create without one (it
                invents nothing: docs/testing.md).
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AvailabilityTemplate: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _create_availability_template.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            body=coerce_body(_create_availability_template.AvailabilityTemplateCreate.from_dict, body, "body"),
        )
        return (await self._invoke(request, _create_availability_template.RETURNS, options)).data

    async def get_availability_template_by_id(
        self,
        employee_id: str,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> AvailabilityTemplate:
        """Get an availability template.

        `GET /employees/{employee_id}/availability-templates/{id}`

        Args:
            employee_id: The employee's ID
            id: Primary identifier of the requested resource
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AvailabilityTemplate: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_availability_template_by_id.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            validate_path_parameter(id, "id"),
        )
        return (await self._invoke(request, _get_availability_template_by_id.RETURNS, options)).data

    async def update_availability_template_by_id(
        self,
        employee_id: str,
        id: str,
        *,
        body: AvailabilityTemplateUpdate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> AvailabilityTemplate:
        """Update an availability template.

        Update an availability template; the default template cannot be modified.

        `PATCH /employees/{employee_id}/availability-templates/{id}`

        Args:
            employee_id: The employee's ID
            id: Primary identifier of the requested resource
            body: The request body: a `AvailabilityTemplateUpdate`, or its JSON object (camelCase
                keys, as documented).
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AvailabilityTemplate: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_availability_template_by_id.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_availability_template_by_id.AvailabilityTemplateUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return (await self._invoke(request, _update_availability_template_by_id.RETURNS, options)).data

    async def create_availability_time_range(
        self,
        employee_id: str,
        availability_template_id: str,
        *,
        body: AvailabilityTimeRangeCreate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> AvailabilityTimeRange:
        """Create an availability time range.

        Add a time range to an availability template. A WEEK template's ranges need a day of the week; a
        DAY template's must not have one. The body is modelled from the documentation's example.

        `POST /employees/{employee_id}/availability-templates/{availability_template_id}/time-ranges`

        Args:
            employee_id: The employee's ID
            availability_template_id: The availability template's ID
            body: The request body: a `AvailabilityTimeRangeCreate`, or its JSON object (camelCase
                keys, as documented). createAvailabilityTimeRange's page shows only its example: nothing
                is shown required. Every time range holds `startTime` and `endTime`, so the fake refuses a
                create without one; `dayOfWeek` goes with the template's type (its two business codes).
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AvailabilityTimeRange: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _create_availability_time_range.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            validate_path_parameter(availability_template_id, "availability_template_id"),
            body=coerce_body(_create_availability_time_range.AvailabilityTimeRangeCreate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return (await self._invoke(request, _create_availability_time_range.RETURNS, options)).data

    async def get_availability_time_range_by_id(
        self,
        employee_id: str,
        availability_template_id: str,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> AvailabilityTimeRange:
        """Get an availability time range.

        `GET /employees/{employee_id}/availability-templates/{availability_template_id}/time-ranges/{id}`

        Args:
            employee_id: The employee's ID
            availability_template_id: The availability template's ID
            id: Primary identifier of the requested resource
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AvailabilityTimeRange: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_availability_time_range_by_id.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            validate_path_parameter(availability_template_id, "availability_template_id"),
            validate_path_parameter(id, "id"),
        )
        return (await self._invoke(request, _get_availability_time_range_by_id.RETURNS, options)).data

    async def update_availability_time_range_by_id(
        self,
        employee_id: str,
        availability_template_id: str,
        id: str,
        *,
        body: AvailabilityTimeRangeUpdate | Mapping[str, Any] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> AvailabilityTimeRange:
        """Update an availability time range.

        `PATCH /employees/{employee_id}/availability-templates/{availability_template_id}/time-ranges/{id}`

        Args:
            employee_id: The employee's ID
            availability_template_id: The availability template's ID
            id: Primary identifier of the requested resource
            body: The request body: a `AvailabilityTimeRangeUpdate`, or its JSON object (camelCase
                keys, as documented).
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AvailabilityTimeRange: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_availability_time_range_by_id.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            validate_path_parameter(availability_template_id, "availability_template_id"),
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_availability_time_range_by_id.AvailabilityTimeRangeUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return (await self._invoke(request, _update_availability_time_range_by_id.RETURNS, options)).data

    async def get_time_range_availability_settings(
        self,
        employee_id: str,
        availability_template_id: str,
        id: str,
        **options: Unpack[RequestOptions],
    ) -> list[TimeRangeAvailabilitySetting]:
        """Get time range availability settings.

        Get the availability settings a time range applies, per office and subject. The documentation
        collapses the innermost `availabilitySettings` items; they are modelled as the subject
        availability settings (meeting type and durations).

        `GET /employees/{employee_id}/availability-templates/{availability_template_id}/time-ranges/{id}/availability-settings`

        Args:
            employee_id: The employee's ID
            availability_template_id: The availability template's ID
            id: Primary identifier of the requested resource
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            list[TimeRangeAvailabilitySetting]: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_time_range_availability_settings.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            validate_path_parameter(availability_template_id, "availability_template_id"),
            validate_path_parameter(id, "id"),
        )
        return (await self._invoke(request, _get_time_range_availability_settings.RETURNS, options)).data

    def get_applied_templates(
        self,
        id: str,
        *,
        start_date: datetime.date | str | None | Unset = UNSET,
        end_date: datetime.date | str | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> AsyncPages[AppliedTemplate]:
        """Get applied templates.

        Get the availability templates applied to an employee's calendar, a page at a time.

        `GET /employees/{id}/applied-templates`

        Args:
            id: Primary identifier of the requested resource
            start_date: Start date to be considered for filtering (ISO 8601). The documentation does
                not render this parameter's name; `start-date` is inferred as the counterpart of
                `end-date`. It shows no "Required", so it is optional.
            end_date: End date to be considered for filtering (ISO 8601)
            offset: Zero-based index of the first result to return. Left out, the server's default
                applies: 0.
            limit: The most results to return in one page. Left out, the server's default applies: 25.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AsyncPages[AppliedTemplate]: await it for the first page (`.data`, `.meta`, `.next_page()`), or `async for` every item across pages.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        async def fetch(page_offset: int) -> AppliedTemplateList:
            response = await self.with_raw_response.get_applied_templates(
                id,
                start_date=start_date,
                end_date=end_date,
                offset=page_offset,
                limit=limit,
                **options,
            )
            return response.data

        return AsyncPages(fetch, offset or 0)

    async def apply_availability_template(
        self,
        id: str,
        *,
        body: AppliedTemplateCreate | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> AppliedTemplate:
        """Apply an availability template.

        Apply an availability template to an employee's calendar between two dates.

        `POST /employees/{id}/applied-templates`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `AppliedTemplateCreate`, or its JSON object (camelCase keys, as
                documented). The documentation does not render these three fields' names; they are named
                by their place in the documented example payload.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AppliedTemplate: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _apply_availability_template.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_apply_availability_template.AppliedTemplateCreate.from_dict, body, "body"),
        )
        return (await self._invoke(request, _apply_availability_template.RETURNS, options)).data

    async def revert_applied_templates(
        self,
        id: str,
        *,
        body: AppliedTemplateRevert | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> None:
        """Revert applied templates.

        Remove the templates of one type applied between two dates. The body is modelled from the
        documentation's example.

        `DELETE /employees/{id}/applied-templates`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `AppliedTemplateRevert`, or its JSON object (camelCase keys, as
                documented).
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            None: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _revert_applied_templates.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_revert_applied_templates.AppliedTemplateRevert.from_dict, body, "body"),
        )
        await self._invoke(request, None, options)


__all__ = ["AvailabilityTemplatesResource", "AvailabilityTemplatesResourceWithRawResponse"]
