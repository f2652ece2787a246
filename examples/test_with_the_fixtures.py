"""The pytest plugin's fixtures: a fake, a sync client on it, relative seed times, and a receiver the
fake delivers its webhook events to, as `pytest examples/test_with_the_fixtures.py` runs it.

The `pytest_plugins` line loads the plugin (in a project, it goes in the top-level conftest.py once);
the `testing` extra ships it but never loads it by itself.
"""

from datetime import timedelta

from pexip_engage_client import SyncPexipEngage
from pexip_engage_client.testing import FakePexipEngage, FakeWebhooks
from pexip_engage_client.times import in_zone, wall_clock
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery

pytest_plugins = ["pexip_engage_client.testing.pytest_plugin"]


def accept_waiting(engage: SyncPexipEngage) -> list[str]:
    """The code under test: accept every appointment still waiting for an answer."""
    waiting = [appointment.id for appointment in engage.appointments.get_appointments(status=["INCOMING_REQUEST"])]
    for appointment_id in waiting:
        engage.appointments.accept_appointment(appointment_id)
    return waiting


# --8<-- [start:test]
def test_waiting_appointments_are_accepted_and_the_receiver_hears_of_it(
    engage_fake: FakePexipEngage, engage_sync_client: SyncPexipEngage, engage_webhooks: FakeWebhooks
) -> None:
    # Times relative to now, in a zone: seven days from today, at 09:00 in Brussels (DST or not).
    engage_fake.seed(
        {"appointments": [{"id": "a-1", "start": "+7d 09:00 Europe/Brussels", "end": "+7d 10:00 Europe/Brussels"}]}
    )
    heard: list[tuple[str, str]] = []

    @engage_webhooks.receiver.on(AppointmentWebhookEvent)
    async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        heard.append((event.data.event_type.value, event.data.appointment.id))

    assert accept_waiting(engage_sync_client) == ["a-1"]
    engage_webhooks.wait()  # every event delivered and handled (in an async test: await ....drain())
    assert heard == [("ACCEPT", "a-1")]

    today = in_zone(engage_fake.clock.now(), "Europe/Brussels").date()  # the fake's clock: now, unless set
    next_week_at_nine = wall_clock(today + timedelta(days=7), "09:00", "Europe/Brussels")
    assert engage_sync_client.appointments.get_appointment_by_id("a-1").start == next_week_at_nine


# --8<-- [end:test]
