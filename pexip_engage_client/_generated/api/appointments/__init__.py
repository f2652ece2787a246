# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `appointments` operations, as methods of `AppointmentsResource`.

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
    EnsureCall,
    Ensured,
    Invoker,
    RequestOptions,
    Unset,
    check_scalar,
    coerce_body,
    coerce_datetime,
    coerce_enums,
    lazy_module,
    validate_path_parameter,
)

if TYPE_CHECKING:
    import datetime

    from ...models.appointment import Appointment
    from ...models.appointment_cancel import AppointmentCancel
    from ...models.appointment_complete import AppointmentComplete
    from ...models.appointment_create import AppointmentCreate
    from ...models.appointment_details_update import AppointmentDetailsUpdate
    from ...models.appointment_invite import AppointmentInvite
    from ...models.appointment_list import AppointmentList
    from ...models.appointment_meeting_type_update import AppointmentMeetingTypeUpdate
    from ...models.appointment_reassign import AppointmentReassign
    from ...models.appointment_reschedule import AppointmentReschedule
    from ...models.appointment_response import AppointmentResponse
    from ...models.appointment_status import AppointmentStatus
    from ...models.appointment_update import AppointmentUpdate
    from ...models.meeting_type import MeetingType
    from . import accept_appointment as _accept_appointment
    from . import cancel_appointment as _cancel_appointment
    from . import complete_appointment as _complete_appointment
    from . import create_appointment as _create_appointment
    from . import create_appointment_invite as _create_appointment_invite
    from . import get_appointment_by_id as _get_appointment_by_id
    from . import get_appointments as _get_appointments
    from . import mark_appointment_as_no_show as _mark_appointment_as_no_show
    from . import reassign_appointment as _reassign_appointment
    from . import reopen_appointment as _reopen_appointment
    from . import request_appointment_alternative_date as _request_appointment_alternative_date
    from . import reschedule_appointment as _reschedule_appointment
    from . import update_appointment_by_id as _update_appointment_by_id
    from . import update_appointment_details as _update_appointment_details
    from . import update_appointment_meeting_type as _update_appointment_meeting_type
else:
    _get_appointments = lazy_module(f"{__package__}.get_appointments")
    _create_appointment = lazy_module(f"{__package__}.create_appointment")
    _create_appointment_invite = lazy_module(f"{__package__}.create_appointment_invite")
    _get_appointment_by_id = lazy_module(f"{__package__}.get_appointment_by_id")
    _update_appointment_by_id = lazy_module(f"{__package__}.update_appointment_by_id")
    _accept_appointment = lazy_module(f"{__package__}.accept_appointment")
    _reschedule_appointment = lazy_module(f"{__package__}.reschedule_appointment")
    _update_appointment_details = lazy_module(f"{__package__}.update_appointment_details")
    _update_appointment_meeting_type = lazy_module(f"{__package__}.update_appointment_meeting_type")
    _reassign_appointment = lazy_module(f"{__package__}.reassign_appointment")
    _cancel_appointment = lazy_module(f"{__package__}.cancel_appointment")
    _complete_appointment = lazy_module(f"{__package__}.complete_appointment")
    _mark_appointment_as_no_show = lazy_module(f"{__package__}.mark_appointment_as_no_show")
    _request_appointment_alternative_date = lazy_module(f"{__package__}.request_appointment_alternative_date")
    _reopen_appointment = lazy_module(f"{__package__}.reopen_appointment")


class AppointmentsResourceWithRawResponse:
    """The `appointments` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def get_appointments(
        self,
        *,
        id: list[str] | None | Unset = UNSET,
        external_id: list[str] | None | Unset = UNSET,
        from_: datetime.datetime | str | None | Unset = UNSET,
        to: datetime.datetime | str | None | Unset = UNSET,
        meeting_type: list[MeetingType | str] | tuple[MeetingType | str, ...] | None | Unset = UNSET,
        status: list[AppointmentStatus | str] | tuple[AppointmentStatus | str, ...] | None | Unset = UNSET,
        callback_request_id: list[str] | None | Unset = UNSET,
        listing_id: list[str] | None | Unset = UNSET,
        lead_segment_id: list[str] | None | Unset = UNSET,
        subject_id: list[str] | None | Unset = UNSET,
        office_id: list[str] | None | Unset = UNSET,
        customer_id: list[str] | None | Unset = UNSET,
        employee_id: list[str] | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[AppointmentList]:
        """Get appointments, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.get_appointments`.
        """
        request = _get_appointments.build_request(
            id=UNSET if id is None else id,
            external_id=UNSET if external_id is None else external_id,
            from_=coerce_datetime(UNSET if from_ is None else from_, "from_"),
            to=coerce_datetime(UNSET if to is None else to, "to"),
            meeting_type=coerce_enums(
                _get_appointments.MeetingType, UNSET if meeting_type is None else meeting_type, "meeting_type"
            ),
            status=coerce_enums(_get_appointments.AppointmentStatus, UNSET if status is None else status, "status"),
            callback_request_id=UNSET if callback_request_id is None else callback_request_id,
            listing_id=UNSET if listing_id is None else listing_id,
            lead_segment_id=UNSET if lead_segment_id is None else lead_segment_id,
            subject_id=UNSET if subject_id is None else subject_id,
            office_id=UNSET if office_id is None else office_id,
            customer_id=UNSET if customer_id is None else customer_id,
            employee_id=UNSET if employee_id is None else employee_id,
            offset=check_scalar(UNSET if offset is None else offset, int, "offset"),
            limit=check_scalar(UNSET if limit is None else limit, int, "limit"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _get_appointments.RETURNS, options)

    async def create_appointment(
        self,
        *,
        body: AppointmentCreate | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Create an appointment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.create_appointment`.
        """
        request = _create_appointment.build_request(
            body=coerce_body(_create_appointment.AppointmentCreate.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _create_appointment.RETURNS, options)

    async def create_appointment_invite(
        self,
        *,
        body: AppointmentInvite | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Create an appointment invite, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.create_appointment_invite`.
        """
        request = _create_appointment_invite.build_request(
            body=coerce_body(_create_appointment_invite.AppointmentInvite.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _create_appointment_invite.RETURNS, options)

    async def get_appointment_by_id(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Get an appointment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.get_appointment_by_id`.
        """
        request = _get_appointment_by_id.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _get_appointment_by_id.RETURNS, options)

    async def update_appointment_by_id(
        self,
        id: str,
        *,
        body: AppointmentUpdate | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Update an appointment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.update_appointment_by_id`.
        """
        request = _update_appointment_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_appointment_by_id.AppointmentUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _update_appointment_by_id.RETURNS, options)

    async def accept_appointment(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Accept an appointment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.accept_appointment`.
        """
        request = _accept_appointment.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _accept_appointment.RETURNS, options)

    async def reschedule_appointment(
        self,
        id: str,
        *,
        body: AppointmentReschedule | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Reschedule an appointment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.reschedule_appointment`.
        """
        request = _reschedule_appointment.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_reschedule_appointment.AppointmentReschedule.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _reschedule_appointment.RETURNS, options)

    async def update_appointment_details(
        self,
        id: str,
        *,
        body: AppointmentDetailsUpdate | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Update appointment details, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.update_appointment_details`.
        """
        request = _update_appointment_details.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_appointment_details.AppointmentDetailsUpdate.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _update_appointment_details.RETURNS, options)

    async def update_appointment_meeting_type(
        self,
        id: str,
        *,
        body: AppointmentMeetingTypeUpdate | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Update the meeting type of an appointment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.update_appointment_meeting_type`.
        """
        request = _update_appointment_meeting_type.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_appointment_meeting_type.AppointmentMeetingTypeUpdate.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _update_appointment_meeting_type.RETURNS, options)

    async def reassign_appointment(
        self,
        id: str,
        *,
        body: AppointmentReassign | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Reassign an appointment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.reassign_appointment`.
        """
        request = _reassign_appointment.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_reassign_appointment.AppointmentReassign.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _reassign_appointment.RETURNS, options)

    async def cancel_appointment(
        self,
        id: str,
        *,
        body: AppointmentCancel | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Cancel an appointment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.cancel_appointment`.
        """
        request = _cancel_appointment.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_cancel_appointment.AppointmentCancel.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _cancel_appointment.RETURNS, options)

    async def complete_appointment(
        self,
        id: str,
        *,
        body: AppointmentComplete | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Complete an appointment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.complete_appointment`.
        """
        request = _complete_appointment.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_complete_appointment.AppointmentComplete.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _complete_appointment.RETURNS, options)

    async def mark_appointment_as_no_show(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Mark an appointment as a no-show, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.mark_appointment_as_no_show`.
        """
        request = _mark_appointment_as_no_show.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _mark_appointment_as_no_show.RETURNS, options)

    async def request_appointment_alternative_date(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Request an alternative date for an appointment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.request_appointment_alternative_date`.
        """
        request = _request_appointment_alternative_date.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _request_appointment_alternative_date.RETURNS, options)

    async def reopen_appointment(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Reopen an appointment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.reopen_appointment`.
        """
        request = _reopen_appointment.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return await self._invoke(request, _reopen_appointment.RETURNS, options)


class AppointmentsResource:
    """The `appointments` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke
        self.with_raw_response = AppointmentsResourceWithRawResponse(invoke)

    def get_appointments(
        self,
        *,
        id: list[str] | None | Unset = UNSET,
        external_id: list[str] | None | Unset = UNSET,
        from_: datetime.datetime | str | None | Unset = UNSET,
        to: datetime.datetime | str | None | Unset = UNSET,
        meeting_type: list[MeetingType | str] | tuple[MeetingType | str, ...] | None | Unset = UNSET,
        status: list[AppointmentStatus | str] | tuple[AppointmentStatus | str, ...] | None | Unset = UNSET,
        callback_request_id: list[str] | None | Unset = UNSET,
        listing_id: list[str] | None | Unset = UNSET,
        lead_segment_id: list[str] | None | Unset = UNSET,
        subject_id: list[str] | None | Unset = UNSET,
        office_id: list[str] | None | Unset = UNSET,
        customer_id: list[str] | None | Unset = UNSET,
        employee_id: list[str] | None | Unset = UNSET,
        offset: int | None | Unset = UNSET,
        limit: int | None | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> AsyncPages[Appointment]:
        """Get appointments.

        Get appointments with filtering. The copied documentation is cut after the `employee-id` filter:
        the parameters after it and the response schema were not visible. The pagination topic says that
        list endpoints take `offset` and `limit` (0 and 25 by default) and answer a `meta` object, and a
        server pages this list: so it has them as every other list operation does, and the appointments
        come in `data`, the envelope every other operation uses.

        `GET /appointments`

        Args:
            id: ID(s) to be considered for filtering
            external_id: External ID(s) to be considered for filtering
            from_: Start date and time of the appointment (ISO 8601)
            to: End date and time of the appointment (ISO 8601)
            meeting_type: Meeting type(s)
            status: Status(es)
            callback_request_id: Callback request ID(s)
            listing_id: Listing ID(s)
            lead_segment_id: Lead segment ID(s)
            subject_id: Subject ID(s)
            office_id: Office ID(s)
            customer_id: Customer ID(s)
            employee_id: Employee ID(s)
            offset: Zero-based index of the first result to return. Left out, the server's default
                applies: 0.
            limit: The most results to return in one page. Left out, the server's default applies: 25.
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            AsyncPages[Appointment]: await it for the first page (`.data`, `.meta`, `.next_page()`), or `async for` every item across pages.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        async def fetch(page_offset: int) -> AppointmentList:
            response = await self.with_raw_response.get_appointments(
                id=id,
                external_id=external_id,
                from_=from_,
                to=to,
                meeting_type=meeting_type,
                status=status,
                callback_request_id=callback_request_id,
                listing_id=listing_id,
                lead_segment_id=lead_segment_id,
                subject_id=subject_id,
                office_id=office_id,
                customer_id=customer_id,
                employee_id=employee_id,
                offset=page_offset,
                limit=limit,
                accept_language=accept_language,
                **options,
            )
            return response.data

        return AsyncPages(fetch, offset or 0)

    async def create_appointment(
        self,
        *,
        body: AppointmentCreate | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Create an appointment.

        Create an appointment. The documentation (a markdown rendering) lists the body's nineteen top-
        level fields with their types but without required flags or constraints. Decided: the body
        itself is required (an appointment cannot be created from nothing); no field is required; fields
        that the invite operation also documents carry its constraints (lengths, `trailingBufferTime`
        minimum, the location's shape).

        `POST /appointments`

        Args:
            body: The request body: a `AppointmentCreate`, or its JSON object (camelCase keys, as
                documented). The appointment to create: the documentation's nineteen top-level fields,
                whose page (a markdown rendering) shows no required flags or constraints. Required, from
                the evidence in `x-required-evidence`: the four fields the invite, the other operation
                that creates an appointment, marks required, which every appointment the API answers with
                carries non-null. `start` and `end` are not required here: no page marks them, and an
                appointment's `start` and `end` may be null (an invite's); the fake requires them as its
                assumption `appointment-time` (docs/testing.md, "What the fake assumes").
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _create_appointment.build_request(
            body=coerce_body(_create_appointment.AppointmentCreate.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _create_appointment.RETURNS, options)).data

    async def ensure_appointment(
        self,
        body: AppointmentCreate | Mapping[str, Any],
        *,
        reconcile_within: float | None = None,
        **options: Unpack[RequestOptions],
    ) -> Ensured[Appointment]:
        """`create_appointment` once per `externalId`: safe to retry.

        Looks `body.externalId` up first (`get_appointments` filtered by `external-id`): a resource the body
        describes is returned (`EnsureOutcome.FOUND`); one it does not describe raises
        `ExternalIdConflictError`, several raise `DuplicateExternalIdError`, and nothing is sent.
        Otherwise it creates (`CREATED`). When the create's answer is lost (a timeout, a dropped
        connection, a 502, 503 or 504), the look-up is polled with backoff for up to `reconcile_within`
        seconds and what it finds is returned (`RECONCILED`); when it finds nothing, the create is sent
        again within `max_retries`. Concurrent ensures of one external id take turns, across processes
        through the governor's shared Redis. See docs/safe-writes.md.

        Args:
            body: The request body: a `AppointmentCreate`, or its JSON object (camelCase keys), with `externalId`.
            reconcile_within: Seconds to poll the look-up after a lost answer (default 10), at most the
                call's timeout.
            **options: Per-call `RequestOptions`; `timeout` and `max_retries` apply to each call it makes.

        Returns:
            Ensured[Appointment]: `.resource`, and `.outcome` (created, found or reconciled).

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
        checked = coerce_body(_create_appointment.AppointmentCreate.from_dict, body, "body")

        async def create(call: RequestOptions) -> Appointment:
            return await self.create_appointment(body=checked, **call)

        async def page(external_id: str, call: RequestOptions) -> ApiResponse[Any]:
            # a hundred matches: one is the answer, more are duplicates to name
            return await self.with_raw_response.get_appointments(external_id=[external_id], limit=100, **call)

        ensure: EnsureCall[Appointment] = EnsureCall(
            "appointments.ensure_appointment", "create_appointment", checked, create, page, reconcile_within
        )
        return await self._invoke.ensure(ensure, options)

    async def create_appointment_invite(
        self,
        *,
        body: AppointmentInvite | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Create an appointment invite.

        `POST /appointments/_actions/invite`

        Args:
            body: The request body: a `AppointmentInvite`, or its JSON object (camelCase keys, as
                documented). The invite to create. The copied documentation shows these thirteen top-level
                fields; its own example sends a single participant although the schema asks for at least
                two.
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _create_appointment_invite.build_request(
            body=coerce_body(_create_appointment_invite.AppointmentInvite.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _create_appointment_invite.RETURNS, options)).data

    async def ensure_appointment_invite(
        self,
        body: AppointmentInvite | Mapping[str, Any],
        *,
        reconcile_within: float | None = None,
        **options: Unpack[RequestOptions],
    ) -> Ensured[Appointment]:
        """`create_appointment_invite` once per `externalId`: safe to retry.

        Looks `body.externalId` up first (`get_appointments` filtered by `external-id`): a resource the body
        describes is returned (`EnsureOutcome.FOUND`); one it does not describe raises
        `ExternalIdConflictError`, several raise `DuplicateExternalIdError`, and nothing is sent.
        Otherwise it creates (`CREATED`). When the create's answer is lost (a timeout, a dropped
        connection, a 502, 503 or 504), the look-up is polled with backoff for up to `reconcile_within`
        seconds and what it finds is returned (`RECONCILED`); when it finds nothing, the create is sent
        again within `max_retries`. Concurrent ensures of one external id take turns, across processes
        through the governor's shared Redis. See docs/safe-writes.md.

        Args:
            body: The request body: a `AppointmentInvite`, or its JSON object (camelCase keys), with `externalId`.
            reconcile_within: Seconds to poll the look-up after a lost answer (default 10), at most the
                call's timeout.
            **options: Per-call `RequestOptions`; `timeout` and `max_retries` apply to each call it makes.

        Returns:
            Ensured[Appointment]: `.resource`, and `.outcome` (created, found or reconciled).

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
        checked = coerce_body(_create_appointment_invite.AppointmentInvite.from_dict, body, "body")

        async def create(call: RequestOptions) -> Appointment:
            return await self.create_appointment_invite(body=checked, **call)

        async def page(external_id: str, call: RequestOptions) -> ApiResponse[Any]:
            # a hundred matches: one is the answer, more are duplicates to name
            return await self.with_raw_response.get_appointments(external_id=[external_id], limit=100, **call)

        ensure: EnsureCall[Appointment] = EnsureCall(
            "appointments.ensure_appointment_invite",
            "create_appointment_invite",
            checked,
            create,
            page,
            reconcile_within,
        )
        return await self._invoke.ensure(ensure, options)

    async def get_appointment_by_id(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Get an appointment.

        `GET /appointments/{id}`

        Args:
            id: Primary identifier of the requested resource
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _get_appointment_by_id.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _get_appointment_by_id.RETURNS, options)).data

    async def update_appointment_by_id(
        self,
        id: str,
        *,
        body: AppointmentUpdate | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Update an appointment.

        Update an appointment by its ID. Only the properties present change; collection properties
        (participants, answers) are replaced as a whole. The documentation (a markdown rendering) shows
        no required flags; like the other update operations, whose pages show a plain "Body", the body
        is optional.

        `PATCH /appointments/{id}`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `AppointmentUpdate`, or its JSON object (camelCase keys, as
                documented). The properties to change; absent ones are left as they are.
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_appointment_by_id.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_appointment_by_id.AppointmentUpdate.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _update_appointment_by_id.RETURNS, options)).data

    async def accept_appointment(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Accept an appointment.

        Accept an appointment. The appointment's status must allow it; otherwise the answer is a 422
        `APPOINTMENT_STATUS_INVALID` whose `arguments.allowedStates` lists the states that do.

        `POST /appointments/{id}/_actions/accept`

        Args:
            id: Primary identifier of the requested resource
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _accept_appointment.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _accept_appointment.RETURNS, options)).data

    async def reschedule_appointment(
        self,
        id: str,
        *,
        body: AppointmentReschedule | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Reschedule an appointment.

        Move an appointment to a new start and end. The documentation (a markdown rendering) shows the
        body's fields and types but no required flags: the body is required (the action needs the new
        start and end), its fields are not; `message` and `messageForCustomer` carry the invite
        operation's one-character minimum.

        `POST /appointments/{id}/_actions/reschedule`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `AppointmentReschedule`, or its JSON object (camelCase keys, as
                documented).
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _reschedule_appointment.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_reschedule_appointment.AppointmentReschedule.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _reschedule_appointment.RETURNS, options)).data

    async def update_appointment_details(
        self,
        id: str,
        *,
        body: AppointmentDetailsUpdate | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Update appointment details.

        Update the start, end, office and participants of an appointment in a single operation. The
        documentation (a markdown rendering) shows the body's fields and types but no required flags:
        the body is required, its fields are not. `updatedByType` is documented only as "string | null";
        it takes the values the appointment's own `updatedByType` lists.

        `POST /appointments/{id}/_actions/update-details`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `AppointmentDetailsUpdate`, or its JSON object (camelCase keys,
                as documented).
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_appointment_details.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_appointment_details.AppointmentDetailsUpdate.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _update_appointment_details.RETURNS, options)).data

    async def update_appointment_meeting_type(
        self,
        id: str,
        *,
        body: AppointmentMeetingTypeUpdate | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Update the meeting type of an appointment.

        Change how an appointment takes place; an on-location appointment needs a location. The copied
        documentation shows no responses; they are modelled on the other appointment actions.

        `POST /appointments/{id}/_actions/update-meeting-type`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `AppointmentMeetingTypeUpdate`, or its JSON object (camelCase
                keys, as documented).
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _update_appointment_meeting_type.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_update_appointment_meeting_type.AppointmentMeetingTypeUpdate.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _update_appointment_meeting_type.RETURNS, options)).data

    async def reassign_appointment(
        self,
        id: str,
        *,
        body: AppointmentReassign | Mapping[str, Any],
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Reassign an appointment.

        Give an appointment another office or primary employee. Documented by a staging markdown
        rendering only, which lists the body's top-level fields and their types but no constraints or
        required flags: the body is required (the action needs its target), its fields are not; the
        messages carry the invite operation's one-character minimum, as on reschedule. The answer is the
        appointment in `data`.

        `POST /appointments/{id}/_actions/reassign`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `AppointmentReassign`, or its JSON object (camelCase keys, as
                documented). The office and primary employee the appointment moves to, and what to tell
                the participants.
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _reassign_appointment.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_reassign_appointment.AppointmentReassign.from_dict, body, "body"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _reassign_appointment.RETURNS, options)).data

    async def cancel_appointment(
        self,
        id: str,
        *,
        body: AppointmentCancel | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Cancel an appointment.

        Inferred: the copied documentation does not show this operation; openapi.yaml infers it from the
        evidence its `x-inferred` lists (docs/lifecycle-actions.md), and its first call in a process
        issues an `InferredOperationWarning`. Cancel an appointment: its status becomes CANCELLED. The
        body is optional and holds only `answers`, the answers to the subject's cancellation form (the
        evidence: the answer type APPOINTMENT_CANCELLATION and the subject's `cancellationByAgentForm`
        and `cancellationByCustomerForm`); send anything else with the request option `extra_body`. The
        appointment's status must allow it: otherwise the answer is a 422 `APPOINTMENT_STATUS_INVALID`
        whose `arguments.allowedStates` lists the states that do.

        `POST /appointments/{id}/_actions/cancel`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `AppointmentCancel`, or its JSON object (camelCase keys, as
                documented). Inferred with cancelAppointment (see its `x-inferred`): the answers to the
                subject's cancellation form, the one thing the evidence shows a cancellation carries. It
                is open: anything else goes as given (or with the request option `extra_body`).
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _cancel_appointment.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_cancel_appointment.AppointmentCancel.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _cancel_appointment.RETURNS, options)).data

    async def complete_appointment(
        self,
        id: str,
        *,
        body: AppointmentComplete | Mapping[str, Any] | Unset = UNSET,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Complete an appointment.

        Inferred: the copied documentation does not show this operation; openapi.yaml infers it from the
        evidence its `x-inferred` lists (docs/lifecycle-actions.md), and its first call in a process
        issues an `InferredOperationWarning`. Mark an appointment as held: its status becomes COMPLETED.
        Completing earlier than the enterprise's `completionAllowedDaysBeforeStart` days before the
        start is refused with a 422 `APPOINTMENT_COMPLETION_TOO_EARLY` (the error-codes page). The body
        is optional and holds only `answers`, the answers to the subject's completion form (the
        evidence: the answer type APPOINTMENT_COMPLETION and the subject's `completionByAgentForm`);
        send anything else with the request option `extra_body`. The appointment's status must allow it:
        otherwise the answer is a 422 `APPOINTMENT_STATUS_INVALID` whose `arguments.allowedStates` lists
        the states that do.

        `POST /appointments/{id}/_actions/complete`

        Args:
            id: Primary identifier of the requested resource
            body: The request body: a `AppointmentComplete`, or its JSON object (camelCase keys, as
                documented). Inferred with completeAppointment (see its `x-inferred`): the answers to the
                subject's completion form, the one thing the evidence shows a completion carries. It is
                open: anything else goes as given (or with the request option `extra_body`).
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _complete_appointment.build_request(
            validate_path_parameter(id, "id"),
            body=coerce_body(_complete_appointment.AppointmentComplete.from_dict, body, "body")
            if not isinstance(body, Unset)
            else UNSET,
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _complete_appointment.RETURNS, options)).data

    async def mark_appointment_as_no_show(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Mark an appointment as a no-show.

        Inferred: the copied documentation does not show this operation; openapi.yaml infers it from the
        evidence its `x-inferred` lists (docs/lifecycle-actions.md), and its first call in a process
        issues an `InferredOperationWarning`. Record that the customer did not come: the appointment's
        status becomes NO_SHOW. No event type names a no-show; the fake sends GENERIC_UPDATE, and as an
        event's appointment carries no status, a handler that must tell a no-show apart reads the
        appointment (getAppointmentById). No body is known; send one with the request option
        `extra_body` if the tenant wants one. The appointment's status must allow it: otherwise the
        answer is a 422 `APPOINTMENT_STATUS_INVALID` whose `arguments.allowedStates` lists the states
        that do.

        `POST /appointments/{id}/_actions/no-show`

        Args:
            id: Primary identifier of the requested resource
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _mark_appointment_as_no_show.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _mark_appointment_as_no_show.RETURNS, options)).data

    async def request_appointment_alternative_date(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Request an alternative date for an appointment.

        Inferred: the copied documentation does not show this operation; openapi.yaml infers it from the
        evidence its `x-inferred` lists (docs/lifecycle-actions.md), and its first call in a process
        issues an `InferredOperationWarning`. Ask for another date for an appointment: its status
        becomes ALTERNATIVE_DATE_REQUESTED, from which it can be accepted or rescheduled. No body is
        known; send one (a message, say) with the request option `extra_body`. The appointment's status
        must allow it: otherwise the answer is a 422 `APPOINTMENT_STATUS_INVALID` whose
        `arguments.allowedStates` lists the states that do.

        `POST /appointments/{id}/_actions/request-alternative-date`

        Args:
            id: Primary identifier of the requested resource
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _request_appointment_alternative_date.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _request_appointment_alternative_date.RETURNS, options)).data

    async def reopen_appointment(
        self,
        id: str,
        *,
        accept_language: str | None | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Reopen an appointment.

        Inferred: the copied documentation does not show this operation; openapi.yaml infers it from the
        evidence its `x-inferred` lists (docs/lifecycle-actions.md), and its first call in a process
        issues an `InferredOperationWarning`. Reopen a cancelled, completed or no-show appointment: its
        status becomes ACCEPTED again. The evidence is thinner than for the other life-cycle actions: an
        event type names it, but no status of its own does. No body is known; send one with the request
        option `extra_body` if the tenant wants one. The appointment's status must allow it: otherwise
        the answer is a 422 `APPOINTMENT_STATUS_INVALID` whose `arguments.allowedStates` lists the
        states that do.

        `POST /appointments/{id}/_actions/reopen`

        Args:
            id: Primary identifier of the requested resource
            accept_language: The languages to translate translatable properties into (RFC 5646
                language tags). `*` or no header means the enterprise's default language.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers,
                extra_query, extra_body, middleware).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        request = _reopen_appointment.build_request(
            validate_path_parameter(id, "id"),
            accept_language=UNSET if accept_language is None else accept_language,
        )
        return (await self._invoke(request, _reopen_appointment.RETURNS, options)).data


__all__ = ["AppointmentsResource", "AppointmentsResourceWithRawResponse"]
