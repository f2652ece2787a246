"""Typed code against the client: UNSET and None narrowed, error codes compared, handlers typed.

It runs offline against the fake, and the tests check it under pyright's strict mode as well as
run it: every line here type-checks as written, with no cast and no `# type: ignore`.
"""

import asyncio
import datetime

from pexip_engage_client import ErrorCode, PexipEngage, Unset, errors, models
from pexip_engage_client.testing import FakePexipEngage, appointment_event, callback_request_event
from pexip_engage_client.webhooks import (
    AppointmentWebhookEvent,
    CallbackRequestWebhookEvent,
    Delivery,
    WebhookReceiver,
    parse_event,
)


# --8<-- [start:narrowing]
def duration(appointment: models.Appointment) -> datetime.timedelta | None:
    # start and end are `datetime | None | Unset`: absent (UNSET), null (None) or set.
    # UNSET is falsy, like None, so one truth test keeps only the datetime.
    if appointment.start and appointment.end:
        return appointment.end - appointment.start
    return None


def external_id_said(appointment: models.Appointment) -> str:
    # Where absent and null mean different things, test for each. `isinstance(..., Unset)` narrows
    # for type checkers; `is UNSET` is the same test at run time, but pyright and mypy keep the Unset.
    if isinstance(appointment.external_id, Unset):
        return "not sent by the server"
    if appointment.external_id is None:
        return "cleared"
    return appointment.external_id  # narrowed to str


# --8<-- [end:narrowing]


# --8<-- [start:handlers]
receiver = WebhookReceiver("memory://", secret="change-me")


@receiver.on(AppointmentWebhookEvent)  # a plain function: it runs in one of the receiver's threads
def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    print("handled", event.data.event_type.value, event.data.appointment.id, "attempt", delivery.attempt)


@receiver.on(CallbackRequestWebhookEvent)  # an async one: it runs on the receiver's event loop
async def call_back(event: CallbackRequestWebhookEvent, delivery: Delivery) -> None:
    print("call back", event.id)


def test_handlers() -> None:
    # The decorators give each function back with its own type: a unit test calls the plain one
    # as it is and runs the async one, with no cast.
    event = parse_event(appointment_event({"id": "appointment-1", "updatedAt": "2030-01-01T09:00:00Z"}, "ACCEPT"))
    if not isinstance(event, AppointmentWebhookEvent):  # parse_event returns any event class: narrow it
        raise TypeError(event)
    record(event, Delivery(event_id=event.id, position=1, attempt=1, stale=False))
    callback = parse_event(callback_request_event({"id": "callback-1"}))
    if not isinstance(callback, CallbackRequestWebhookEvent):
        raise TypeError(callback)
    asyncio.run(call_back(callback, Delivery(event_id=callback.id, position=2, attempt=1, stale=False)))


# --8<-- [end:handlers]


async def main() -> None:
    fake = FakePexipEngage()
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST")["id"]
    async with PexipEngage("acme", token="test", transport=fake) as engage:
        appointment = await engage.appointments.get_appointment_by_id(appointment_id)
        print("lasts", duration(appointment), "- external id:", external_id_said(appointment))
        # --8<-- [start:codes]
        if appointment.status == models.AppointmentStatus.INCOMING_REQUEST:  # an enum member, or its text
            await engage.appointments.accept_appointment(appointment_id)
        try:
            await engage.appointments.accept_appointment(appointment_id)
        except errors.APIError as error:
            # Every API error has .codes: an ErrorCode for each code the enum lists, the text otherwise.
            if ErrorCode.APPOINTMENT_STATUS_INVALID in error.codes:
                print("already accepted")
            elif "NOT_FOUND" in error.codes:
                print("gone")
            else:
                raise
        # --8<-- [end:codes]


asyncio.run(main())
test_handlers()
