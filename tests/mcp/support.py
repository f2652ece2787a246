"""A seeded fake, the server in front of it, and a client on either protocol mode."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from mcp import Client

from pexip_engage_cli._mcp import ServerOptions, audit_hooks, build_server
from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage

# The two eras one server speaks: the handshake (initialize) and the 2026-07-28 revision.
MODES = ("legacy", "2026-07-28")
KEY = b"k" * 32


def seeded(*, limits: bool = False) -> FakePexipEngage:
    """One enterprise with known ids: people, places, and appointments in several states.

    `limits=True`: the fake keeps the documented limits in memory, and the client paces itself to them.
    """
    fake = FakePexipEngage(limits=limits)
    fake.add_subject(id="s-1", externalId="SUBJ-1", name={"language": "en", "value": "Mortgage"})
    fake.add_office(id="o-1")
    fake.add_office(id="o-2")
    fake.add_customer(id="c-1", firstName="Cleo", lastName="Park", email="cleo@example.test")
    fake.add_employee(id="e-ann", email="ann@acme.test", username="ann", externalId="EMP-1", firstName="Ann")
    fake.add_employee(id="e-bob", email="bob@acme.test", username="bob", externalId="EMP-2", firstName="Bob")
    # The one the fake's default appointments are with (a-7 on): a busy agenda.
    fake.add_employee(id="employee-1", email="busy@acme.test", username="busy", externalId="EMP-0", firstName="Busy")
    # Two people sharing a username: the directory's mistake an agent must not guess through.
    fake.add_employee(id="e-sam1", email="sam@acme.test", username="sam", externalId="EMP-3", firstName="Sam")
    fake.add_employee(id="e-sam2", email="sam.k@acme.test", username="sam", externalId="EMP-4", firstName="Sam")
    statuses = ["INCOMING_REQUEST", "ACCEPTED", "ACCEPTED", "CANCELLED", "COMPLETED", "INCOMING_REQUEST"]
    for number, status in enumerate(statuses, start=1):
        fake.add_appointment(
            id=f"a-{number}", externalId=f"EXT-{number}", status=status,
            start=f"2030-01-0{number}T09:00:00.000Z", end=f"2030-01-0{number}T10:00:00.000Z",
            subject={"id": "s-1"}, office={"id": "o-1"},
            appointmentParticipants=[
                {"role": "PRIMARY", "participant": {"id": "c-1"}, "type": "CUSTOMER"},
                {"role": "PRIMARY", "participant": {"id": "e-ann" if number % 2 else "e-bob"}, "type": "EMPLOYEE"},
            ],
        )  # fmt: skip
    for number in (7, 8):  # one external id on two appointments
        fake.add_appointment(id=f"a-{number}", externalId="EXT-DUP", status="ACCEPTED")
    for number in range(9, 69):  # enough for pages and cursors
        fake.add_appointment(id=f"a-{number}", externalId=f"BULK-{number}", status="COMPLETED")
    fake.add_external_calendar_event(
        "e-ann", id="ev-1", start="2030-01-01T12:00:00.000Z", end="2030-01-01T13:00:00.000Z"
    )
    return fake


@asynccontextmanager
async def connected(
    fake: FakePexipEngage, mode: str, options: ServerOptions | None = None, **client: Any
) -> AsyncIterator[Client]:
    engage = PexipEngage("acme", token="t", transport=fake, event_hooks=audit_hooks(), **client)
    async with engage, Client(build_server(engage, options), mode=mode) as session:
        yield session


def writes(**more: Any) -> ServerOptions:
    return ServerOptions(allow_writes=True, confirmation_key=KEY, **more)
