"""The `ensure_*` methods, added to the generated resources whose creates carry an `externalId`.

The generated resource classes hold one method per operation and nothing else (`templates/`). An
ensure is policy, not wire shape: it is written here once (`_ensure.py`), and each resource that
has one gets a typed method that names its create, its look-up and its `EnsureKind`. Which
creates qualify is read from openapi.yaml: a body with `externalId`, and a list operation of the
same collection filtering by `external-id` (`tests/client/test_ensure.py` checks this table
against the spec). `createListing` and `createContext` have an `externalId` but no look-up by it,
so they have no ensure.

`EnsuringResources` gives the client these resource classes in place of the generated ones.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, Unpack

from . import _ensure
from ._ensure import Ensured, EnsureKind, EnsureSettings, ensure
from ._generated import models as _models
from ._generated.api import Resources
from ._generated.api.appointments import AppointmentsResource
from ._generated.api.employees import EmployeesResource
from ._generated.api.meeting_rooms import MeetingRoomsResource
from ._generated.api.subject_groups import SubjectGroupsResource
from ._governor import shared_redis_url
from ._runtime import ApiResponse, Invoker, RequestOptions, coerce_body

if TYPE_CHECKING:
    from ._generated.models import (
        Appointment,
        AppointmentCreate,
        AppointmentInvite,
        Employee,
        EmployeeCreate,
        MeetingRoom,
        MeetingRoomCreate,
        SubjectGroup,
        SubjectGroupCreate,
    )
    from ._request import RequestPipeline
    from ._telemetry import Telemetry

T = TypeVar("T")


class _Model(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


class EnsureContext:
    """What the ensures of one client share: its pipeline's settings, its turns, its telemetry."""

    def __init__(self, pipeline: RequestPipeline, enterprise: str, telemetry: Telemetry | None) -> None:
        self._pipeline, self._enterprise, self._telemetry = pipeline, enterprise, telemetry

    async def run(
        self,
        kind: EnsureKind,
        body: _Model,
        create: Callable[[RequestOptions], Awaitable[T]],
        page: Callable[[str, RequestOptions], Awaitable[ApiResponse[Any]]],
        *,
        reconcile_within: float | None,
        options: RequestOptions,
    ) -> Ensured[T]:
        pipeline = self._pipeline
        call_seconds, max_retries = pipeline.call_budget(options)
        settings = EnsureSettings(
            call_seconds, max_retries, pipeline.ensure_locks(), self._enterprise,
            shared_redis_url(pipeline.governor()), pipeline.ensure_lease_seconds(options),
        )  # fmt: skip

        async def lookup(external_id: str, lookup_options: RequestOptions) -> tuple[Sequence[T], int]:
            found = (await page(external_id, lookup_options)).data
            return found.data, found.meta.total_count

        async def run() -> Ensured[T]:
            return await ensure(
                kind, body.to_dict(), create=create, lookup=lookup, wire=_wire, settings=settings, options=options,
                reconcile_within=reconcile_within,
            )  # fmt: skip

        if self._telemetry is None:
            return await run()
        return await self._telemetry.observe_ensure(kind.method, run)


def _wire(resource: Any) -> Mapping[str, Any]:
    wire: Mapping[str, Any] = resource.to_dict()
    return wire


class _EnsuringResource:
    """What each resource with ensures holds besides its operations."""

    _ensure_context: EnsureContext


class AppointmentsResourceWithEnsure(AppointmentsResource, _EnsuringResource):
    """The `appointments` operations, and `ensure_appointment` and `ensure_appointment_invite`."""

    def __init__(self, invoke: Invoker, context: EnsureContext) -> None:
        super().__init__(invoke)
        self._ensure_context = context

    async def ensure_appointment(
        self,
        body: AppointmentCreate | Mapping[str, Any],
        *,
        reconcile_within: float | None = None,
        **options: Unpack[RequestOptions],
    ) -> Ensured[Appointment]:
        """Create the appointment unless one with the body's `externalId` exists: safe to retry.

        Looks `body.externalId` up first (`getAppointments(external-id=...)`): an appointment with
        the same start, end, subject, office, meeting type and primary participants is returned
        (`EnsureOutcome.FOUND`); otherwise the appointment is created (`CREATED`). When the create's
        answer is lost (a timeout, a dropped connection, a 502/503/504), the look-up is polled with
        backoff for up to `reconcile_within` seconds and what it finds is returned (`RECONCILED`);
        when it finds nothing the create is sent again, at most `max_retries` times. Concurrent
        ensures of one external id take turns (across processes through the governor's shared
        Redis). See docs/safe-writes.md.

        Args:
            body: The appointment to create: an `AppointmentCreate` or its JSON object, with `externalId`.
            reconcile_within: Seconds to poll the look-up after a lost answer (default 10), at most
                the call's timeout.
            **options: Per-call `RequestOptions`; `timeout` and `max_retries` apply to each call it makes.

        Returns:
            Ensured[Appointment]: `.resource`, and `.outcome` (created, found or reconciled).

        Raises:
            ValueError: The body has no `externalId`, or cannot be sent as the API defines it.
            pexip_engage_client.errors.ExternalIdConflictError: An appointment has the external id
                and differs from the body; nothing was sent.
            pexip_engage_client.errors.DuplicateExternalIdError: Several appointments have it.
            pexip_engage_client.errors.APIError: The API refused the look-up or the create.
            pexip_engage_client.errors.APIConnectionError: The answer was lost, the look-up found
                nothing, and the retries are spent.
        """
        checked = coerce_body(_models.AppointmentCreate.from_dict, body, "body")

        async def create(call: RequestOptions) -> Appointment:
            return await self.create_appointment(body=checked, **call)

        async def page(external_id: str, call: RequestOptions) -> ApiResponse[Any]:
            return await self.with_raw_response.get_appointments(
                external_id=[external_id], limit=_ensure.LOOKUP_LIMIT, **call
            )

        return await self._ensure_context.run(
            _ensure.APPOINTMENT, checked, create, page, reconcile_within=reconcile_within, options=options
        )

    async def ensure_appointment_invite(
        self,
        body: AppointmentInvite | Mapping[str, Any],
        *,
        reconcile_within: float | None = None,
        **options: Unpack[RequestOptions],
    ) -> Ensured[Appointment]:
        """Create the appointment invite unless an appointment with the body's `externalId` exists.

        As `ensure_appointment`, for `createAppointmentInvite`: a found appointment must have the
        body's subject, office, meeting type and primary participants.

        Args:
            body: The invite: an `AppointmentInvite` or its JSON object, with `externalId`.
            reconcile_within: Seconds to poll the look-up after a lost answer (default 10), at most
                the call's timeout.
            **options: Per-call `RequestOptions`.

        Returns:
            Ensured[Appointment]: `.resource`, and `.outcome` (created, found or reconciled).

        Raises:
            ValueError: The body has no `externalId`, or cannot be sent as the API defines it.
            pexip_engage_client.errors.ExternalIdConflictError: An appointment has the external id
                and differs from the body; nothing was sent.
            pexip_engage_client.errors.DuplicateExternalIdError: Several appointments have it.
            pexip_engage_client.errors.APIError: The API refused the look-up or the create.
            pexip_engage_client.errors.APIConnectionError: The answer was lost, the look-up found
                nothing, and the retries are spent.
        """
        checked = coerce_body(_models.AppointmentInvite.from_dict, body, "body")

        async def create(call: RequestOptions) -> Appointment:
            return await self.create_appointment_invite(body=checked, **call)

        async def page(external_id: str, call: RequestOptions) -> ApiResponse[Any]:
            return await self.with_raw_response.get_appointments(
                external_id=[external_id], limit=_ensure.LOOKUP_LIMIT, **call
            )

        kind = _ensure.APPOINTMENT_INVITE
        return await self._ensure_context.run(
            kind, checked, create, page, reconcile_within=reconcile_within, options=options
        )


class EmployeesResourceWithEnsure(EmployeesResource, _EnsuringResource):
    """The `employees` operations, and `ensure_employee`."""

    def __init__(self, invoke: Invoker, context: EnsureContext) -> None:
        super().__init__(invoke)
        self._ensure_context = context

    async def ensure_employee(
        self,
        body: EmployeeCreate | Mapping[str, Any],
        *,
        reconcile_within: float | None = None,
        **options: Unpack[RequestOptions],
    ) -> Ensured[Employee]:
        """Create the employee unless one with the body's `externalId` exists: safe to retry.

        As `ensure_appointment`, for `createEmployee`: a found employee must have the body's email
        (compared without case). Engage keeps an employee's external id unique: a create answered
        `EMPLOYEE_EXTERNAL_ID_ALREADY_IN_USE` after a lost answer means the first create landed, and
        the employee is fetched and returned (`RECONCILED`).

        Args:
            body: The employee: an `EmployeeCreate` or its JSON object, with `externalId`.
            reconcile_within: Seconds to poll the look-up after a lost answer (default 10), at most
                the call's timeout.
            **options: Per-call `RequestOptions`.

        Returns:
            Ensured[Employee]: `.resource`, and `.outcome` (created, found or reconciled).

        Raises:
            ValueError: The body has no `externalId`, or cannot be sent as the API defines it.
            pexip_engage_client.errors.ExternalIdConflictError: An employee has the external id and
                another email; nothing was sent.
            pexip_engage_client.errors.DuplicateExternalIdError: Several employees have it.
            pexip_engage_client.errors.APIError: The API refused the look-up or the create.
            pexip_engage_client.errors.APIConnectionError: The answer was lost, the look-up found
                nothing, and the retries are spent.
        """
        checked = coerce_body(_models.EmployeeCreate.from_dict, body, "body")

        async def create(call: RequestOptions) -> Employee:
            return await self.create_employee(body=checked, **call)

        async def page(external_id: str, call: RequestOptions) -> ApiResponse[Any]:
            return await self.with_raw_response.get_employees(
                external_id=[external_id], limit=_ensure.LOOKUP_LIMIT, **call
            )

        return await self._ensure_context.run(
            _ensure.EMPLOYEE, checked, create, page, reconcile_within=reconcile_within, options=options
        )


class SubjectGroupsResourceWithEnsure(SubjectGroupsResource, _EnsuringResource):
    """The `subject_groups` operations, and `ensure_subject_group`."""

    def __init__(self, invoke: Invoker, context: EnsureContext) -> None:
        super().__init__(invoke)
        self._ensure_context = context

    async def ensure_subject_group(
        self,
        body: SubjectGroupCreate | Mapping[str, Any],
        *,
        reconcile_within: float | None = None,
        **options: Unpack[RequestOptions],
    ) -> Ensured[SubjectGroup]:
        """Create the subject group unless one with the body's `externalId` exists: safe to retry.

        As `ensure_appointment`, for `createSubjectGroup`; the external id alone identifies a
        subject group (its names and colour may have been edited since).

        Args:
            body: The subject group: a `SubjectGroupCreate` or its JSON object, with `externalId`.
            reconcile_within: Seconds to poll the look-up after a lost answer (default 10), at most
                the call's timeout.
            **options: Per-call `RequestOptions`.

        Returns:
            Ensured[SubjectGroup]: `.resource`, and `.outcome` (created, found or reconciled).

        Raises:
            ValueError: The body has no `externalId`, or cannot be sent as the API defines it.
            pexip_engage_client.errors.DuplicateExternalIdError: Several subject groups have it.
            pexip_engage_client.errors.APIError: The API refused the look-up or the create.
            pexip_engage_client.errors.APIConnectionError: The answer was lost, the look-up found
                nothing, and the retries are spent.
        """
        checked = coerce_body(_models.SubjectGroupCreate.from_dict, body, "body")

        async def create(call: RequestOptions) -> SubjectGroup:
            return await self.create_subject_group(body=checked, **call)

        async def page(external_id: str, call: RequestOptions) -> ApiResponse[Any]:
            return await self.with_raw_response.get_subject_groups(
                external_id=[external_id], limit=_ensure.LOOKUP_LIMIT, **call
            )

        return await self._ensure_context.run(
            _ensure.SUBJECT_GROUP, checked, create, page, reconcile_within=reconcile_within, options=options
        )


class MeetingRoomsResourceWithEnsure(MeetingRoomsResource, _EnsuringResource):
    """The `meeting_rooms` operations, and `ensure_meeting_room`."""

    def __init__(self, invoke: Invoker, context: EnsureContext) -> None:
        super().__init__(invoke)
        self._ensure_context = context

    async def ensure_meeting_room(
        self,
        body: MeetingRoomCreate | Mapping[str, Any],
        *,
        reconcile_within: float | None = None,
        **options: Unpack[RequestOptions],
    ) -> Ensured[MeetingRoom]:
        """Create the meeting room unless one with the body's `externalId` exists: safe to retry.

        As `ensure_appointment`, for `createMeetingRoom`: a found meeting room must have the body's
        email (compared without case).

        Args:
            body: The meeting room: a `MeetingRoomCreate` or its JSON object, with `externalId`.
            reconcile_within: Seconds to poll the look-up after a lost answer (default 10), at most
                the call's timeout.
            **options: Per-call `RequestOptions`.

        Returns:
            Ensured[MeetingRoom]: `.resource`, and `.outcome` (created, found or reconciled).

        Raises:
            ValueError: The body has no `externalId`, or cannot be sent as the API defines it.
            pexip_engage_client.errors.ExternalIdConflictError: A meeting room has the external id
                and another email; nothing was sent.
            pexip_engage_client.errors.DuplicateExternalIdError: Several meeting rooms have it.
            pexip_engage_client.errors.APIError: The API refused the look-up or the create.
            pexip_engage_client.errors.APIConnectionError: The answer was lost, the look-up found
                nothing, and the retries are spent.
        """
        checked = coerce_body(_models.MeetingRoomCreate.from_dict, body, "body")

        async def create(call: RequestOptions) -> MeetingRoom:
            return await self.create_meeting_room(body=checked, **call)

        async def page(external_id: str, call: RequestOptions) -> ApiResponse[Any]:
            return await self.with_raw_response.get_meeting_rooms(
                external_id=[external_id], limit=_ensure.LOOKUP_LIMIT, **call
            )

        return await self._ensure_context.run(
            _ensure.MEETING_ROOM, checked, create, page, reconcile_within=reconcile_within, options=options
        )


# The creates with an ensure, by operationId: the table the spec is checked against.
ENSURES: dict[str, EnsureKind] = {
    kind.create: kind
    for kind in (
        _ensure.APPOINTMENT,
        _ensure.APPOINTMENT_INVITE,
        _ensure.EMPLOYEE,
        _ensure.SUBJECT_GROUP,
        _ensure.MEETING_ROOM,
    )
}


class EnsuringResources(Resources):
    """`Resources`, with the resources that have ensures in their ensuring form."""

    _pipeline: RequestPipeline
    _telemetry: Telemetry | None
    enterprise: str

    @cached_property
    def _ensure_context(self) -> EnsureContext:
        return EnsureContext(self._pipeline, self.enterprise, self._telemetry)

    @cached_property
    def appointments(self) -> AppointmentsResourceWithEnsure:
        """The `appointments` operations, with `ensure_appointment` and `ensure_appointment_invite`."""
        return AppointmentsResourceWithEnsure(self._invoke, self._ensure_context)

    @cached_property
    def employees(self) -> EmployeesResourceWithEnsure:
        """The `employees` operations, with `ensure_employee`."""
        return EmployeesResourceWithEnsure(self._invoke, self._ensure_context)

    @cached_property
    def subject_groups(self) -> SubjectGroupsResourceWithEnsure:
        """The `subject_groups` operations, with `ensure_subject_group`."""
        return SubjectGroupsResourceWithEnsure(self._invoke, self._ensure_context)

    @cached_property
    def meeting_rooms(self) -> MeetingRoomsResourceWithEnsure:
        """The `meeting_rooms` operations, with `ensure_meeting_room`."""
        return MeetingRoomsResourceWithEnsure(self._invoke, self._ensure_context)
