"""The issue's probe: a client with default arguments against a server enforcing Engage's limits.

The server (uvicorn on loopback) allows 4 requests in flight and 3,000 a minute from its clients,
answers 429 with a Retry-After beyond either as the rate-limiting topic says, and takes 20 ms per
request; behind it, the fake with its own limits off. Before the defaults kept the limits, one
client walking 2,000 employees while 200 creates ran beside it had up to 51-54 requests in flight,
most of them refused, and the walk failed.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import MutableMapping
from typing import Any

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.loopback import ASGIApp, Receive, Scope, Send, serve, transport_app

# Starts servers, processes or redis-server: left out of `make check`.
pytestmark = pytest.mark.end_to_end


class LimitedServer:
    """An ASGI app keeping the documented limits in front of another, and what it saw."""

    def __init__(self, app: ASGIApp, *, max_in_flight: int = 4, per_minute: int = 3000, seconds: float = 0.02) -> None:
        self.app, self.max_in_flight, self.per_minute, self.seconds = app, max_in_flight, per_minute, seconds
        self.in_flight = self.most_in_flight = self.refused = self.served = 0
        self.starts: deque[float] = deque()
        self.most_in_a_minute = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        now = time.monotonic()
        while self.starts and self.starts[0] <= now - 60:
            self.starts.popleft()
        if self.in_flight >= self.max_in_flight or len(self.starts) >= self.per_minute:
            self.refused += 1
            await send({"type": "http.response.start", "status": 429, "headers": [(b"retry-after", b"1")]})
            await send({"type": "http.response.body", "body": b'{"errors": []}'})
            return
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        self.starts.append(now)
        self.most_in_a_minute = max(self.most_in_a_minute, len(self.starts))
        answer: list[MutableMapping[str, Any]] = []
        try:
            await asyncio.sleep(self.seconds)

            async def keep(message: MutableMapping[str, Any]) -> None:
                answer.append(message)

            await self.app(scope, receive, keep)
        finally:
            self.in_flight -= 1  # before the answer leaves: the client may send its next at once
        self.served += 1
        for message in answer:
            await send(message)


@pytest.mark.slow
async def test_a_default_client_walking_2000_employees_beside_200_creates_keeps_the_limits() -> None:
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)  # the server in front keeps them
    for number in range(2000):
        fake.add_employee(email=f"walked-{number}@acme.test")
    server = LimitedServer(transport_app(fake))
    with serve(server) as root:
        async with PexipEngage("acme", token=TOKEN, base_url=root) as engage:

            async def walk() -> int:
                return len([employee async for employee in engage.employees.get_employees()])

            async def create(number: int) -> str:
                created = await engage.employees.create_employee(body={"email": f"new-{number}@acme.test"})
                return created.id

            async with asyncio.timeout(60):
                walking = asyncio.ensure_future(walk())
                created = await asyncio.gather(*(create(number) for number in range(200)))
                walked = await walking
    assert walked >= 2000  # every employee there at the start (and creates that landed before the walk passed)
    assert len(set(created)) == 200
    assert server.refused == 0
    assert server.most_in_flight <= 4
    assert server.most_in_flight == 4  # and the allowance is used, not left idle
    assert server.most_in_a_minute <= 3000
