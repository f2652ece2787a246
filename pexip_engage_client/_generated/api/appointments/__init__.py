"""The `appointments` operations, as methods of `AppointmentsResource`."""

from collections.abc import Mapping
from typing import Any, Unpack

from ...models.appointment import Appointment
from ...models.appointment_invite import AppointmentInvite
from ...models.appointment_response import AppointmentResponse
from ...types import UNSET, ApiResponse, Invoker, RequestOptions, Unset, coerce_body
from . import accept_appointment as _accept_appointment
from . import create_appointment_invite as _create_appointment_invite
from . import get_appointment_by_id as _get_appointment_by_id


class AppointmentsResourceWithRawResponse:
    """The `appointments` operations, returning the whole `ApiResponse`."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    async def create_appointment_invite(
        self,
        *,
        body: AppointmentInvite | Mapping[str, Any],
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Create an appointment invite, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.create_appointment_invite`.
        """
        request = _create_appointment_invite._get_kwargs(
            body=coerce_body(AppointmentInvite.from_dict, body, "body"),
            accept_language=accept_language,
        )
        return await self._invoke(request, lambda payload: AppointmentResponse.from_dict(payload).data, options)

    async def get_appointment_by_id(
        self,
        id: str,
        *,
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Get an appointment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.get_appointment_by_id`.
        """
        request = _get_appointment_by_id._get_kwargs(
            id,
            accept_language=accept_language,
        )
        return await self._invoke(request, lambda payload: AppointmentResponse.from_dict(payload).data, options)

    async def accept_appointment(
        self,
        id: str,
        *,
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> ApiResponse[Appointment]:
        """Accept an appointment, returning the whole `ApiResponse`.

        The arguments, and the errors raised, are those of `AppointmentsResource.accept_appointment`.
        """
        request = _accept_appointment._get_kwargs(
            id,
            accept_language=accept_language,
        )
        return await self._invoke(request, lambda payload: AppointmentResponse.from_dict(payload).data, options)


class AppointmentsResource:
    """The `appointments` operations of the API.

    Every method returns the response's payload; `with_raw_response` has the same methods returning
    the whole `ApiResponse` (status, headers, correlation id) instead.
    """

    def __init__(self, invoke: Invoker) -> None:
        self.with_raw_response = AppointmentsResourceWithRawResponse(invoke)

    async def create_appointment_invite(
        self,
        *,
        body: AppointmentInvite | Mapping[str, Any],
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Create an appointment invite.

        `POST /appointments/_actions/invite`

        Args:
            accept_language (str | Unset):
            body (AppointmentInvite): The invite to create. The copied documentation shows these
                thirteen top-level fields; its own
                example sends a single participant although the schema asks for at least two.
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        response = await self.with_raw_response.create_appointment_invite(
            body=body,
            accept_language=accept_language,
            **options,
        )
        return response.data

    async def get_appointment_by_id(
        self,
        id: str,
        *,
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Get an appointment.

        `GET /appointments/{id}`

        Args:
            id (str):
            accept_language (str | Unset):
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        response = await self.with_raw_response.get_appointment_by_id(
            id,
            accept_language=accept_language,
            **options,
        )
        return response.data

    async def accept_appointment(
        self,
        id: str,
        *,
        accept_language: str | Unset = UNSET,
        **options: Unpack[RequestOptions],
    ) -> Appointment:
        """Accept an appointment.

        Accept an appointment. The appointment's status must allow it; otherwise the answer is a 422
        `APPOINTMENT_STATUS_INVALID` whose `arguments.allowedStates` lists the states that do.

        `POST /appointments/{id}/_actions/accept`

        Args:
            id (str):
            accept_language (str | Unset):
            **options: Per-call `RequestOptions` (correlation_id, timeout, max_retries, extra_headers).

        Returns:
            Appointment: the response's payload.

        Raises:
            ValueError: An argument cannot be sent as the API defines it.
            pexip_engage_client.errors.APIError: The API answered with an error status (a subclass per status).
            pexip_engage_client.errors.APIConnectionError: The API could not be reached, or did not answer in time.
            pexip_engage_client.errors.UnexpectedResponseError: The API's answer could not be read.
        """

        response = await self.with_raw_response.accept_appointment(
            id,
            accept_language=accept_language,
            **options,
        )
        return response.data


__all__ = ["AppointmentsResource", "AppointmentsResourceWithRawResponse"]
