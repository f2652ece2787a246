# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `employees` operations, as methods of `EmployeesResource`.

Each operation's module (its request, its models) is loaded when the operation is first called: a
program that calls one operation of the tag loads that one's models only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Unpack

from ...._runtime import (
    UNSET,
    ApiResponse,
    AsyncPages,
    EnsureCall,
    Ensured,
    Invoker,
    RequestOptions,
    Unset,
    check_scalar,
    coerce_bodies,
    coerce_body,
    coerce_datetime,
    coerce_enums,
    lazy_module,
    required,
    validate_path_parameter,
)

if TYPE_CHECKING:
    import datetime

    from ...models.coverage_regions_input import CoverageRegionsInput
    from ...models.employee import Employee
    from ...models.employee_create import EmployeeCreate
    from ...models.employee_list import EmployeeList
    from ...models.employee_response import EmployeeResponse
    from ...models.employee_role import EmployeeRole
    from ...models.employee_status import EmployeeStatus
    from ...models.employee_update import EmployeeUpdate
    from ...models.expertise import Expertise
    from ...models.expertise_input import ExpertiseInput
    from ...models.expertise_list import ExpertiseList
    from ...models.external_calendar_event import ExternalCalendarEvent
    from ...models.external_calendar_event_list import ExternalCalendarEventList
    from ...models.external_calendar_event_show_as import ExternalCalendarEventShowAs
    from ...models.favorite_agent import FavoriteAgent
    from ...models.favorite_agent_list import FavoriteAgentList
    from ...models.meeting_type import MeetingType
    from ...models.office_coverage_region import OfficeCoverageRegion
    from ...models.office_coverage_region_list import OfficeCoverageRegionList
    from ...models.office_subject_coverage_region import OfficeSubjectCoverageRegion
    from ...models.office_subject_coverage_region_list import OfficeSubjectCoverageRegionList
    from . import create_employee as _create_employee
    from . import get_employee_by_id as _get_employee_by_id
    from . import get_employees as _get_employees
    from . import get_external_calendar_events as _get_external_calendar_events
    from . import get_favorite_agents as _get_favorite_agents
    from . import get_office_coverage_regions as _get_office_coverage_regions
    from . import put_expertise_for_employee as _put_expertise_for_employee
    from . import update_employee_by_id as _update_employee_by_id
    from . import update_office_subject_coverage_regions as _update_office_subject_coverage_regions
else:
    _get_employees = lazy_module(f"{__package__}.get_employees")
    _create_employee = lazy_module(f"{__package__}.create_employee")
    _get_employee_by_id = lazy_module(f"{__package__}.get_employee_by_id")
    _update_employee_by_id = lazy_module(f"{__package__}.update_employee_by_id")
    _get_favorite_agents = lazy_module(f"{__package__}.get_favorite_agents")
    _get_external_calendar_events = lazy_module(f"{__package__}.get_external_calendar_events")
    _put_expertise_for_employee = lazy_module(f"{__package__}.put_expertise_for_employee")
    _get_office_coverage_regions = lazy_module(f"{__package__}.get_office_coverage_regions")
    _update_office_subject_coverage_regions = lazy_module(f"{__package__}.update_office_subject_coverage_regions")


class EmployeesResourceWithRawResponse:
    """The `employees` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def get_employees(
        self,
        *,
        id: list[str] | None | Unset = UNSET,
        email: list[str] | None | Unset = UNSET,
        external_id: list[str] | None | Unset = UNSET,
        available_role: list[EmployeeRole | str] | tuple[EmployeeRole | str, ...] | None | Unset = UNSET,
        username: list[str] | None | Unset = UNSET,
        status: list[EmployeeStatus | str] | tuple[EmployeeStatus | str, ...] | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[EmployeeList]:
        """Get employees, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `EmployeesResource.get_employees`.
        """
        request = _get_employees.build_request(
            id=UNSET if id is None else id,
            email=UNSET if email is None else email,
            external_id=UNSET if external_id is None else external_id,
            available_role=coerce_enums(
                _get_employees.EmployeeRole, UNSET if available_role is None else available_role, "available_role"
            ),
            username=UNSET if username is None else username,
            status=coerce_enums(_get_employees.EmployeeStatus, UNSET if status is None else status, "status"),
            offset=check_scalar(UNSET if offset is None else offset, int, "offset"),
            limit=check_scalar(UNSET if limit is None else limit, int, "limit"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _get_employees.RETURNS, options)

    async def create_employee(
        self,
        *,
        body: EmployeeCreate | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Employee]:
        """Create an employee, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `EmployeesResource.create_employee`.
        """
        request = _create_employee.build_request(
            body=coerce_body(_create_employee.EmployeeCreate.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _create_employee.RETURNS, options)

    async def get_employee_by_id(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Employee]:
        """Get an employee, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `EmployeesResource.get_employee_by_id`.
        """
        request = _get_employee_by_id.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _get_employee_by_id.RETURNS, options)

    async def update_employee_by_id(
        self,
        id: str,
        *,
        body: EmployeeUpdate | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Employee]:
        """Update an employee, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `EmployeesResource.update_employee_by_id`.
        """
        request = _update_employee_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_employee_by_id.EmployeeUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _update_employee_by_id.RETURNS, options)

    async def get_favorite_agents(
        self,
        id: str,
        *,
        office_id: list[str] | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[FavoriteAgentList]:
        """Get favorite agents, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `EmployeesResource.get_favorite_agents`.
        """
        request = _get_favorite_agents.build_request(
            validate_path_parameter(id, "id"),
            office_id=UNSET if office_id is None else office_id,
            offset=check_scalar(UNSET if offset is None else offset, int, "offset"),
            limit=check_scalar(UNSET if limit is None else limit, int, "limit"),
        )
        return await self._invoke(request, _get_favorite_agents.RETURNS, options)

    async def get_external_calendar_events(
        self,
        id_path: str,
        *,
        external_calendar_id: str | None | Unset = UNSET,
        show_as: list[ExternalCalendarEventShowAs | str]
        | tuple[ExternalCalendarEventShowAs | str, ...]
        | None
        | Unset = UNSET,
        id_query: list[str] | None | Unset = UNSET,
        from_: datetime.datetime | str,
        to: datetime.datetime | str,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[ExternalCalendarEventList]:
        """Get external calendar events, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `EmployeesResource.get_external_calendar_events`.
        """
        request = _get_external_calendar_events.build_request(
            validate_path_parameter(id_path, "id_path"),
            external_calendar_id=UNSET if external_calendar_id is None else external_calendar_id,
            show_as=coerce_enums(
                _get_external_calendar_events.ExternalCalendarEventShowAs,
                UNSET if show_as is None else show_as,
                "show_as",
            ),
            id_query=UNSET if id_query is None else id_query,
            from_=coerce_datetime(required(from_, "from_"), "from_"),
            to=coerce_datetime(required(to, "to"), "to"),
            offset=check_scalar(UNSET if offset is None else offset, int, "offset"),
            limit=check_scalar(UNSET if limit is None else limit, int, "limit"),
        )
        return await self._invoke(request, _get_external_calendar_events.RETURNS, options)

    async def put_expertise_for_employee(
        self,
        employee_id: str,
        office_id: str,
        *,
        body: Sequence[ExpertiseInput | Mapping[str, Any]] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[list[Expertise]]:
        """Put expertise for employee, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `EmployeesResource.put_expertise_for_employee`.
        """
        request = _put_expertise_for_employee.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            validate_path_parameter(office_id, "office_id"),
            body=coerce_bodies(_put_expertise_for_employee.ExpertiseInput.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return await self._invoke(request, _put_expertise_for_employee.RETURNS, options)

    async def get_office_coverage_regions(
        self,
        id: str,
        *,
        office_id: str,
        meeting_type: list[MeetingType | str] | tuple[MeetingType | str, ...] | None | Unset = UNSET,
        region_id: list[str] | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[list[OfficeCoverageRegion]]:
        """Get office coverage regions, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `EmployeesResource.get_office_coverage_regions`.
        """
        request = _get_office_coverage_regions.build_request(
            validate_path_parameter(id, "id"),
            office_id=required(office_id, "office_id"),
            meeting_type=coerce_enums(
                _get_office_coverage_regions.MeetingType,
                UNSET if meeting_type is None else meeting_type,
                "meeting_type",
            ),
            region_id=UNSET if region_id is None else region_id,
        )
        return await self._invoke(request, _get_office_coverage_regions.RETURNS, options)

    async def update_office_subject_coverage_regions(
        self,
        id: str,
        *,
        body: Sequence[CoverageRegionsInput | Mapping[str, Any]] | Unset = UNSET,
        office_id: str,
        subject_id: str,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[list[OfficeSubjectCoverageRegion]]:
        """Update office subject coverage regions, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `EmployeesResource.update_office_subject_coverage_regions`.
        """
        request = _update_office_subject_coverage_regions.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_bodies(_update_office_subject_coverage_regions.CoverageRegionsInput.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            office_id=required(office_id, "office_id"),
            subject_id=required(subject_id, "subject_id"),
        )
        return await self._invoke(request, _update_office_subject_coverage_regions.RETURNS, options)


class EmployeesResource:
    """The `employees` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = EmployeesResourceWithRawResponse(invoke)

    def get_employees(
        self,
        *,
        id: list[str] | None | Unset = UNSET,
        email: list[str] | None | Unset = UNSET,
        external_id: list[str] | None | Unset = UNSET,
        available_role: list[EmployeeRole | str] | tuple[EmployeeRole | str, ...] | None | Unset = UNSET,
        username: list[str] | None | Unset = UNSET,
        status: list[EmployeeStatus | str] | tuple[EmployeeStatus | str, ...] | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> AsyncPages[Employee]:
        """Get employees.

        Get employees with filtering, a page at a time. The documentation also lists a flag that
        includes deleted employees, but does not render its name; it is not modelled (a guessed name
        could be refused by the server).

        `GET /employees`

        Args:
            id: ID(s) to be considered for filtering
            email: Email(s) to be considered for filtering
            external_id: External ID(s) to be considered for filtering. Unlike the meeting-room
                filter, this page states no maximum length for each.
            available_role: Available role(s) to be considered for filtering
            username: Username(s) to be considered for filtering
            status: Status(es) to be considered for filtering
            offset: Zero-based index of the first result to return. Left out, the server's default
                applies: 0.
            limit: The most results to return in one page. Left out, the server's default applies: 25.
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AsyncPages[Employee]: await it for the first page (`.data`, `.meta`, `.next_page()`), or `async for` every item across pages.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        async def fetch(page_offset: int) -> EmployeeList:
            response = await self.with_raw_response.get_employees(
                id=id,
                email=email,
                external_id=external_id,
                available_role=available_role,
                username=username,
                status=status,
                offset=page_offset,
                limit=limit,
                accept_language=accept_language,
                **options,
            )
            return response.data

        return AsyncPages(fetch, offset or 0)

    async def create_employee(
        self,
        *,
        body: EmployeeCreate | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Employee:
        """Create an employee.

        Create an employee. Look one up by your own identifier with `getEmployees(external_id=[...])`.

        `POST /employees`

        Args:
            body: The request body: a `EmployeeCreate`, or its JSON object (camelCase keys, as
                documented).
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Employee: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _create_employee.build_request(
            body=coerce_body(_create_employee.EmployeeCreate.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _create_employee.RETURNS, options)).data

    async def ensure_employee(
        self,
        body: EmployeeCreate | Mapping[str, Any],
        *,
        reconcile_within: float | None = None,
        **options: Unpack[RequestOptions],
    ) -> Ensured[Employee]:
        """`create_employee` once per `externalId`: safe to retry.

        Looks `body.externalId` up first (`get_employees` filtered by `external-id`): a resource the body
        describes is returned (`EnsureOutcome.FOUND`); one it does not describe raises
        `ExternalIdConflictError`, several raise `DuplicateExternalIdError`, and nothing is sent.
        Otherwise it creates (`CREATED`). When the create's answer is lost (a timeout, a dropped
        connection, a 502, 503 or 504), the look-up is polled with backoff for up to `reconcile_within`
        seconds and what it finds is returned (`RECONCILED`); when it finds nothing, the create is sent
        again within `max_retries`. Concurrent ensures of one external id take turns, across processes
        through the governor's shared Redis. See docs/safe-writes.md.

        Args:
            body: The request body: a `EmployeeCreate`, or its JSON object (camelCase keys), with `externalId`.
            reconcile_within: Seconds to poll the look-up after a lost answer (default 10), at most the
                call's timeout.
            **options: Per-call `RequestOptions`; `timeout` and `max_retries` apply to each call it makes.

        Returns:
            Ensured[Employee]: `.resource`, and `.outcome` (created, found or reconciled).

        Raises:
            ValueError: The body has no `externalId`, or cannot be sent as the API defines it.
            pexip_engage_client.errors.EnsureError: Every other failure, naming the external id and
                saying whether a create of this call may have landed (`may_have_created`), the
                original as `__cause__`: `ExternalIdConflictError` (a resource has the external id and
                differs from the body; nothing was sent), `DuplicateExternalIdError` (several have it),
                `EnsureTurnError` (no sure turn in time), `EnsureNoAnswerError` (the answer was lost and
                the look-ups could not tell), `EnsureRefusedError` (the API refused the look-up or the
                create; a 429 is ridden out while the call's time lasts, unless its `Retry-After` is
                beyond the retry policy's `max_retry_after`), `EnsureUnreadableAnswerError` (a field of
                the look-up's answer it needs could not be read: docs/spec-drift.md).
        """
        checked = coerce_body(_create_employee.EmployeeCreate.from_dict, body, "body")

        async def create(call: RequestOptions) -> Employee:
            return await self.create_employee(body=checked, **call)

        async def page(external_id: str, call: RequestOptions) -> ApiResponse[Any]:
            # a hundred matches: one is the answer, more are duplicates to name
            return await self.with_raw_response.get_employees(external_id=[external_id], limit=100, **call)

        ensure: EnsureCall[Employee] = EnsureCall(
            "employees.ensure_employee", "create_employee", checked, create, page, reconcile_within
        )
        return await self._invoke.ensure(ensure, options)

    async def get_employee_by_id(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Employee:
        """Get an employee.

        `GET /employees/{id}`

        Args:
            id: Primary identifier of the requested resource
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Employee: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_employee_by_id.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _get_employee_by_id.RETURNS, options)).data

    async def update_employee_by_id(
        self,
        id: str,
        *,
        body: EmployeeUpdate | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Employee:
        """Update an employee.

        Update an employee by its ID. Collection properties are replaced as a whole.

        `PATCH /employees/{id}`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `EmployeeUpdate`, or its JSON object (camelCase keys, as
                documented). The properties to change; absent ones are left as they are.
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Employee: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_employee_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_employee_by_id.EmployeeUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _update_employee_by_id.RETURNS, options)).data

    def get_favorite_agents(
        self,
        id: str,
        *,
        office_id: list[str] | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> AsyncPages[FavoriteAgent]:
        """Get favorite agents.

        Get the favorite agents of an employee, per office, a page at a time.

        `GET /employees/{id}/favorite-agents`

        Args:
            id: Primary identifier of the requested resource
            office_id: Office ID(s)
            offset: Zero-based index of the first result to return. Left out, the server's default
                applies: 0.
            limit: The most results to return in one page. Left out, the server's default applies: 25.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AsyncPages[FavoriteAgent]: await it for the first page (`.data`, `.meta`, `.next_page()`), or `async for` every item across pages.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        async def fetch(page_offset: int) -> FavoriteAgentList:
            response = await self.with_raw_response.get_favorite_agents(
                id,
                office_id=office_id,
                offset=page_offset,
                limit=limit,
                **options,
            )
            return response.data

        return AsyncPages(fetch, offset or 0)

    def get_external_calendar_events(
        self,
        id_path: str,
        *,
        external_calendar_id: str | None | Unset = UNSET,
        show_as: list[ExternalCalendarEventShowAs | str]
        | tuple[ExternalCalendarEventShowAs | str, ...]
        | None
        | Unset = UNSET,
        id_query: list[str] | None | Unset = UNSET,
        from_: datetime.datetime | str,
        to: datetime.datetime | str,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> AsyncPages[ExternalCalendarEvent]:
        """Get external calendar events.

        Get the events of an employee's external calendars, with filtering, a page at a time; `from` and
        `to` are required. Three copies of the page were read: a second production copy adds the
        `external-calendar-id` filter, and the staging copy bounds `limit` to 1..1000. The event's
        fields come from the 200 example (the page shows no schema for them, so none but `id` is
        required and none is closed).

        `GET /employees/{id_path}/external-calendar-events`

        Args:
            id_path: Primary identifier of the requested resource
            external_calendar_id: External calendar to be considered for filtering
            show_as: Status to be considered for filtering
            id_query: ID(s) to be considered for filtering
            from_: Start date and time of the event to be considered for filtering (ISO 8601)
            to: End date and time of the event to be considered for filtering (ISO 8601)
            offset: Zero-based index of the first result to return. Left out, the server's default
                applies: 0.
            limit: The most results to return in one page, between 1 and 1000. The staging copy states
                this as the pattern `^([1-9]|[1-9][0-9]{1,2}|1000)$` on the query text; as an integer that
                is exactly the bounds below. Left out, the server's default applies: 25.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AsyncPages[ExternalCalendarEvent]: await it for the first page (`.data`, `.meta`, `.next_page()`), or `async for` every item across pages.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        async def fetch(page_offset: int) -> ExternalCalendarEventList:
            response = await self.with_raw_response.get_external_calendar_events(
                id_path,
                external_calendar_id=external_calendar_id,
                show_as=show_as,
                id_query=id_query,
                from_=from_,
                to=to,
                offset=page_offset,
                limit=limit,
                **options,
            )
            return response.data

        return AsyncPages(fetch, offset or 0)

    async def put_expertise_for_employee(
        self,
        employee_id: str,
        office_id: str,
        *,
        body: Sequence[ExpertiseInput | Mapping[str, Any]] | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> list[Expertise]:
        """Put expertise for employee.

        Replace the subjects an employee is expert in at one office, with their ranks. The copied
        documentation does not show whether the body is one object or a list; like the other PUTs that
        answer with a list, it is modelled as the complete list.

        `PUT /employees/{employee_id}/offices/{office_id}/expertise`

        Args:
            employee_id: The employee's ID
            office_id: The office's ID
            body: The request body: a list of `ExpertiseInput`, each the model or its JSON object
                (camelCase keys).
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            list[Expertise]: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _put_expertise_for_employee.build_request(
            validate_path_parameter(employee_id, "employee_id"),
            validate_path_parameter(office_id, "office_id"),
            body=coerce_bodies(_put_expertise_for_employee.ExpertiseInput.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
        )
        return (await self._invoke(request, _put_expertise_for_employee.RETURNS, options)).data

    async def get_office_coverage_regions(
        self,
        id: str,
        *,
        office_id: str,
        meeting_type: list[MeetingType | str] | tuple[MeetingType | str, ...] | None | Unset = UNSET,
        region_id: list[str] | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> list[OfficeCoverageRegion]:
        """Get office coverage regions.

        Get the regions an agent covers from one office, per meeting type.

        `GET /employees/{id}/office-coverage-regions`

        Args:
            id: Primary identifier of the requested resource
            office_id: The office to get the coverage regions for
            meeting_type: Meeting type(s)
            region_id: Region ID(s)
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            list[OfficeCoverageRegion]: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_office_coverage_regions.build_request(
            validate_path_parameter(id, "id"),
            office_id=required(office_id, "office_id"),
            meeting_type=coerce_enums(
                _get_office_coverage_regions.MeetingType,
                UNSET if meeting_type is None else meeting_type,
                "meeting_type",
            ),
            region_id=UNSET if region_id is None else region_id,
        )
        return (await self._invoke(request, _get_office_coverage_regions.RETURNS, options)).data

    async def update_office_subject_coverage_regions(
        self,
        id: str,
        *,
        body: Sequence[CoverageRegionsInput | Mapping[str, Any]] | Unset = UNSET,
        office_id: str,
        subject_id: str,
        **options: Unpack[RequestOptions],
    ) -> list[OfficeSubjectCoverageRegion]:
        """Update office subject coverage regions.

        Replace the regions an agent covers for one subject within one office, per meeting type.

        `PUT /employees/{id}/office-subject-coverage-regions`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a list of `CoverageRegionsInput`, each the model or its JSON
                object (camelCase keys).
            office_id: The office
            subject_id: The subject
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            list[OfficeSubjectCoverageRegion]: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_office_subject_coverage_regions.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_bodies(_update_office_subject_coverage_regions.CoverageRegionsInput.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            office_id=required(office_id, "office_id"),
            subject_id=required(subject_id, "subject_id"),
        )
        return (await self._invoke(request, _update_office_subject_coverage_regions.RETURNS, options)).data


__all__ = ["EmployeesResource", "EmployeesResourceWithRawResponse"]
