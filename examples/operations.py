"""Calling operations: bodies as JSON or models, what PATCH sends, checks before sending, raw
responses, and reading a webhook event. Runs offline against the fake API."""

import asyncio

from pexip_engage_client import PexipEngage, models, webhooks
from pexip_engage_client.testing import FakePexipEngage, appointment_event


async def main() -> None:
    fake = FakePexipEngage()
    fake.add_token("my-token")
    segment_id = fake.add_lead_segment(code="NEW")["id"]
    appointment = fake.add_appointment(status="INCOMING_REQUEST")

    async with PexipEngage("acme", token="my-token", transport=fake) as engage:
        # --8<-- [start:bodies]
        # A body is the generated model or its wire-form JSON (camelCase keys, as the API documents it).
        created = await engage.lead_segments.create_lead_segment(body=models.LeadSegmentCreate(code="RV"))
        same_shape = await engage.lead_segments.create_lead_segment(body={"code": "VIP"})
        print(created.code, same_shape.code)

        # PATCH sends only what you give: absent and null stay different.
        await engage.lead_segments.update_lead_segment_by_id(segment_id, body={"code": "REPEAT"})
        await engage.lead_segments.update_lead_segment_by_id(segment_id, body={"description": None})
        # --8<-- [end:bodies]
        sent = [call.json for call in fake.calls_to("updateLeadSegmentById")]
        if sent != [{"code": "REPEAT"}, {"description": None}]:
            raise SystemExit(f"unexpected bodies sent: {sent}")

        # --8<-- [start:checked]
        # Wire-form bodies are checked against the model before anything is sent:
        try:
            await engage.lead_segments.update_lead_segment_by_id(segment_id, body={"cdoe": "X"})
        except ValueError as error:
            print(error)  # body has fields or values the API does not define: cdoe
        try:
            await engage.appointments.create_appointment(body={"message_for_customer": "See you"})
        except ValueError as error:
            print(error)  # ... does not define: message_for_customer (did you mean 'messageForCustomer'?)
        # --8<-- [end:checked]

        # --8<-- [start:raw-response]
        response = await engage.appointments.with_raw_response.get_appointment_by_id(appointment["id"])
        print(response.status_code, response.headers["content-type"], response.correlation_id)
        print(response.data.status)  # the model, as the plain call returns it
        # --8<-- [end:raw-response]

    # --8<-- [start:webhook]
    body = appointment_event(appointment, "ACCEPT")  # bytes, as Engage POSTs them to your server
    event = webhooks.parse_event(body)
    if isinstance(event, webhooks.AppointmentWebhookEvent):
        print(event.id, event.data.event_type, event.data.appointment.id)
    # --8<-- [end:webhook]


asyncio.run(main())
