"""Middleware: a header on every call, a read-only mode, an audit log, a fallback base URL, a check at the send
position, and the sync client.

Runs offline against the fake API. Each middleware runs once per attempt of every call, inside the retry
loop, and sees no token: the client adds it after them (docs/middleware.md).
"""

import asyncio
import logging
import sys
import time

import httpx2

# --8<-- [start:imports]
from pexip_engage_client import AtSend, CallNext, PexipEngage, SyncCallNext, SyncPexipEngage

# --8<-- [end:imports]
from pexip_engage_client.testing import FakePexipEngage

audit_log = logging.getLogger("booking-service.audit")


# --8<-- [start:header]
async def tag_service(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
    """A header on every call: each attempt, retries included, carries it."""
    request.headers["X-Calling-Service"] = "booking-service"
    return await call_next(request)


# --8<-- [end:header]


# --8<-- [start:read-only]
class ReadOnlyError(PermissionError):
    """A write refused by this process's read-only mode: nothing was sent."""


async def read_only(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
    """A read-only mode: a write is refused before anything is sent (no token is asked for either)."""
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        raise ReadOnlyError(f"this process is read-only: {request.method} {request.url.path} was not sent")
    return await call_next(request)


# --8<-- [end:read-only]


# --8<-- [start:audit]
async def audit(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
    """An audit log of every attempt: what was asked, what came back, how long it took (never a token)."""
    started = time.perf_counter()
    try:
        response = await call_next(request)
    except httpx2.TransportError as error:  # no answer: the client's retry rules decide what comes next
        audit_log.warning("%s %s: no answer (%s)", request.method, request.url.path, type(error).__name__)
        raise
    audit_log.info(
        "%s %s -> %d in %.1f ms (correlation id %s)",
        request.method,
        request.url.path,
        response.status_code,
        (time.perf_counter() - started) * 1000,
        request.headers["X-Correlation-Id"],
    )
    return response


# --8<-- [end:audit]


# --8<-- [start:fallback]
class FallbackBaseURL:
    """A fallback base URL: an attempt the primary host refuses to connect to is sent to the fallback host.

    Only a failure to connect: nothing reached the primary, so even a write is safe to send once more.
    An answer, or a timeout once connected, goes to the client's retry rules as it is.
    """

    def __init__(self, primary: str, fallback: str) -> None:
        self.primary, self.fallback = primary, fallback

    async def __call__(self, request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        try:
            return await call_next(request)
        except (httpx2.ConnectError, httpx2.ConnectTimeout):
            if request.url.host != self.primary:
                raise
        request.url = request.url.copy_with(host=self.fallback)
        return await call_next(request)


# --8<-- [end:fallback]


# --8<-- [start:at-send]
class MaintenanceSwitch:
    """Writes stop the moment maintenance begins, even those already waiting for the governor's turn or a token:
    given as `AtSend(switch)`, it runs after every wait, right before the request is written."""

    def __init__(self) -> None:
        self.on = False

    async def __call__(self, request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        if self.on and request.method != "GET":
            raise ReadOnlyError("maintenance began: the write was not sent")
        return await call_next(request)


# --8<-- [end:at-send]


class PrimaryDown(httpx2.AsyncBaseTransport):
    """The fake API behind two hosts, the primary of which refuses every connection (as a region that is down)."""

    def __init__(self, fake: FakePexipEngage, primary: str) -> None:
        self.fake, self.primary = fake, primary

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if request.url.host == self.primary:
            raise httpx2.ConnectError("connection refused", request=request)
        return await self.fake.handle_async_request(request)


async def main() -> None:
    logging.basicConfig(stream=sys.stdout, format="%(levelname)s %(name)s: %(message)s")
    audit_log.setLevel(logging.INFO)
    fake = FakePexipEngage()
    fake.add_token("my-token")
    employee = fake.add_employee()
    transport = PrimaryDown(fake, "api.pexipengage.com")
    # --8<-- [start:client]
    engage = PexipEngage(
        "acme",
        token="my-token",
        middleware=[tag_service, FallbackBaseURL("api.pexipengage.com", "api-eu.example.com"), audit],
        transport=transport,  # an httpx2 transport: here the fake API, whose primary host is down
    )
    # --8<-- [end:client]
    async with engage:
        found = await engage.employees.get_employee_by_id(employee["id"])
        print("found", found.id, "through the fallback host")
        # --8<-- [start:with-options]
        reader = engage.with_options(middleware=[read_only, *engage.middleware])
        try:
            await reader.employees.create_employee(body={"email": "new@example.com", "firstName": "N", "lastName": "E"})
        except ReadOnlyError as refused:
            print("refused:", refused)
        # --8<-- [end:with-options]
        switch = MaintenanceSwitch()
        switch.on = True
        try:
            await engage.with_options(middleware=[AtSend(switch)]).employees.create_employee(
                body={"email": "new@example.com", "firstName": "N", "lastName": "E"}
            )
        except ReadOnlyError as refused:
            print("refused:", refused)
    tagged = fake.calls[0].request.headers["X-Calling-Service"]
    print("the fake saw", [call.operation_id for call in fake.calls], "tagged", tagged)
    sync_client(fake)


# --8<-- [start:sync]
def tag_service_sync(request: httpx2.Request, call_next: SyncCallNext) -> httpx2.Response:
    """The same header for `SyncPexipEngage`, which calls plain functions: no event loop, no await."""
    request.headers["X-Calling-Service"] = "booking-service"
    return call_next(request)


# --8<-- [end:sync]


def sync_client(fake: FakePexipEngage) -> None:
    with SyncPexipEngage("acme", token="my-token", middleware=[tag_service_sync], transport=fake) as engage:
        employee = engage.employees.get_employee_by_id(fake.calls[0].request.url.path.rsplit("/", 1)[1])
        print("the sync client read", employee.id, "tagged", fake.calls[-1].request.headers["X-Calling-Service"])


if __name__ == "__main__":
    asyncio.run(main())
