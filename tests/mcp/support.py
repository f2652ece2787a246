"""A seeded fake, the server in front of it, and a client on either protocol mode."""

from __future__ import annotations

import copy
import functools
import json
import socket
import subprocess
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
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
    A copy of the one fake seeded in this process, its clock where that one's stopped: seeding checks
    each item against the spec (35 ms of a core), and hundreds of tests here start from it.
    """
    template = _seeded()
    fake = FakePexipEngage(limits=limits, clock=copy.deepcopy(template.clock))
    fake.store = copy.deepcopy(template.store)
    return fake


@functools.cache
def _seeded() -> FakePexipEngage:
    fake = FakePexipEngage()
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
            id=f"a-{number}",
            externalId=f"EXT-{number}",
            status=status,
            start=f"2030-01-0{number}T09:00:00.000Z",
            end=f"2030-01-0{number}T10:00:00.000Z",
            subject={"id": "s-1"},
            office={"id": "o-1"},
            appointmentParticipants=[
                {"role": "PRIMARY", "participant": {"id": "c-1"}, "type": "CUSTOMER"},
                {"role": "PRIMARY", "participant": {"id": "e-ann" if number % 2 else "e-bob"}, "type": "EMPLOYEE"},
            ],
        )
    for number in (7, 8):  # one external id on two appointments
        fake.add_appointment(id=f"a-{number}", externalId="EXT-DUP", status="ACCEPTED")
    for number in range(9, 69):  # enough for pages and cursors
        fake.add_appointment(id=f"a-{number}", externalId=f"BULK-{number}", status="COMPLETED")
    fake.add_external_calendar_event(
        "e-ann", id="ev-1", start="2030-01-01T12:00:00.000Z", end="2030-01-01T13:00:00.000Z"
    )
    fake.add_defined_availability(
        start="2030-01-01T08:00:00.000Z",
        end="2030-01-01T17:00:00.000Z",
        employee={"id": "e-ann"},
        office={"id": "o-1"},
        subject={"id": "s-1"},
        meetingType="VIDEO",
    )
    # Where the booking scenarios book Ann (February and March 2030), since the fake refuses a booking
    # outside an employee's defined availability; past the end of every schedule window read here.
    fake.add_defined_availability(
        start="2030-02-01T00:00:00.000Z",
        end="2030-04-01T00:00:00.000Z",
        employee={"id": "e-ann"},
        office={"id": "o-1"},
        subject={"id": "s-1"},
        meetingType="OFFICE",
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
    """Writes on, the model confirming alone where the client cannot ask the person (its two-call token flow)."""
    return ServerOptions(allow_writes=True, allow_unconfirmed_writes=True, confirmation_key=KEY, **more)


@contextmanager
def published_keys(public_key: Any) -> Iterator[str]:
    """An identity provider's JWKS endpoint on a free loopback port, publishing `public_key` as `k1`."""
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(public_key))
    body = json.dumps({"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()

    class Keys(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Keys)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/certs"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def listening(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    """Wait (up to 20 s) until the server process listens on `port`; its log if it ends first."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(log.read_text())
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("the server did not listen within 20 s")
