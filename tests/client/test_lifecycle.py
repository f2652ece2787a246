"""A client's life: closed means closed, close() ends the calls in flight, one event loop per client.

Each case runs through both senders against a loopback server. Whether a socket is still open is
read from the kernel's table of TCP connections (Linux), not from the senders' internals.
"""

from __future__ import annotations

import asyncio
import gc
import time
from typing import Any

import pytest

from pexip_engage_client import PexipEngage, errors

from ..senders.test_faults import APPOINTMENT, SENDERS
from ..support.clients import TOKEN
from ..support.faultserver import Fault, FaultServer, fault_server
from ..support.loopback import TCP_TABLE, established

OK = Fault(body=APPOINTMENT)
SLOW = Fault(body=APPOINTMENT, delay=3)

pytestmark = pytest.mark.skipif(not TCP_TABLE.exists(), reason="reads Linux's TCP table")


def open_connections_to(port: int) -> int:
    """Established IPv4 TCP connections to 127.0.0.1:`port`, on the client's side: this process's, the client's."""
    return len(established(port, server_side=False, this_process=True))


async def wait_for_requests(server: FaultServer, count: int) -> None:
    deadline = time.monotonic() + 5
    while len(server.requests) < count:
        assert time.monotonic() < deadline, f"the server saw {len(server.requests)} of {count} requests"
        await asyncio.sleep(0.01)


def client(server: FaultServer, sender: str, **kwargs: Any) -> PexipEngage:
    return PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender](), **kwargs)


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_every_call_after_close_raises_client_closed_error_and_opens_nothing(sender: str) -> None:
    with fault_server(OK) as server:
        engage = client(server, sender)
        async with engage:
            await engage.appointments.get_appointment_by_id("1")
        for _ in range(3):
            with pytest.raises(errors.ClientClosedError, match="the client is closed"):
                await engage.appointments.get_appointment_by_id("1")
        with pytest.raises(errors.ClientClosedError):
            async for _ in engage.employees.get_employees():
                pass
        with pytest.raises(errors.ClientClosedError):
            async with engage:
                pass
        await engage.close()  # closing twice is harmless
        assert len(server.requests) == 1
        assert open_connections_to(server.port) == 0


@pytest.mark.slow
@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_close_ends_the_calls_in_flight_and_leaves_no_socket_open(sender: str) -> None:
    with fault_server(SLOW) as server:
        engage = client(server, sender, timeout=10)
        # 4 in flight (the documented limit), a fifth waiting for its turn: close() ends them all.
        calls = [asyncio.create_task(engage.appointments.get_appointment_by_id(str(n))) for n in range(5)]
        await wait_for_requests(server, 4)
        assert open_connections_to(server.port) == 4
        started = time.monotonic()
        await engage.close()
        assert time.monotonic() - started < 1  # not the 3 s the server takes
        results = await asyncio.gather(*calls, return_exceptions=True)
        assert all(isinstance(result, errors.ClientClosedError) for result in results), results
        assert "closed while this call was in flight" in str(results[0])
        assert open_connections_to(server.port) == 0
        await asyncio.sleep(0.5)
        assert len(server.requests) == 4  # neither the waiting call nor a retry went out after close()


@pytest.mark.slow
@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_close_during_a_retry_wait_ends_the_call_and_no_retry_goes_out(sender: str) -> None:
    with fault_server(Fault(status=503, headers={"Retry-After": "1"}), OK) as server:
        waiting = asyncio.Event()  # set when the 503 is in and the call starts its 1 s wait
        engage = client(server, sender, event_hooks={"retry": [lambda event: waiting.set()]})
        call = asyncio.create_task(engage.appointments.get_appointment_by_id("1"))
        async with asyncio.timeout(10):
            await waiting.wait()
        await engage.close()
        with pytest.raises(errors.ClientClosedError):
            await call
        await asyncio.sleep(1.2)
        assert len(server.requests) == 1
        assert open_connections_to(server.port) == 0


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_close_from_inside_a_call_ends_the_others_without_waiting_for_itself(sender: str) -> None:
    with fault_server(SLOW) as server:
        closing_calls = 0

        async def token_that_closes_the_client() -> str:
            nonlocal closing_calls
            closing_calls += 1
            if closing_calls == 2:  # the second call closes the client while the first is in flight
                await engage.close()
            return TOKEN

        engage = PexipEngage("acme", token=token_that_closes_the_client, base_url=server.url, **SENDERS[sender]())
        first = asyncio.create_task(engage.appointments.get_appointment_by_id("1"))
        await wait_for_requests(server, 1)
        async with asyncio.timeout(5):  # no deadlock: close() does not wait for the call it runs in
            with pytest.raises(errors.ClientClosedError, match="while this call was getting its token"):
                await engage.appointments.get_appointment_by_id("2")
            with pytest.raises(errors.ClientClosedError, match="while this call was in flight"):
                await first
        assert len(server.requests) == 1
        assert open_connections_to(server.port) == 0


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_call_cancelled_by_its_caller_stays_a_cancellation(sender: str) -> None:
    with fault_server(SLOW, OK) as server:
        async with client(server, sender) as engage:
            call = asyncio.create_task(engage.appointments.get_appointment_by_id("1"))
            await wait_for_requests(server, 1)
            call.cancel()
            with pytest.raises(asyncio.CancelledError):
                await call
            async with asyncio.timeout(5):  # the client is still usable, and close() is not disturbed
                assert (await engage.appointments.get_appointment_by_id("2")).id == "123"


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_close_ends_the_calls_waiting_for_a_token_and_their_token_request(sender: str) -> None:
    grant = Fault(body=b'{"access_token": "issued-token", "expires_in": 300}', delay=3)
    with fault_server(OK) as api, fault_server(grant) as auth:
        engage = PexipEngage(
            "acme",
            client_id="my-app",
            client_secret="s3cret",
            base_url=api.url,
            auth_url=auth.url,
            timeout=10,
            **SENDERS[sender](),
        )
        calls = [asyncio.create_task(engage.appointments.get_appointment_by_id(str(n))) for n in range(5)]
        await wait_for_requests(auth, 1)
        assert open_connections_to(auth.port) == 1  # one token request, shared by the five calls
        started = time.monotonic()
        await engage.close()
        assert time.monotonic() - started < 1  # not the 3 s the token endpoint takes
        results = await asyncio.gather(*calls, return_exceptions=True)
        assert all(isinstance(result, errors.ClientClosedError) for result in results), results
        assert open_connections_to(auth.port) == 0
        await asyncio.sleep(0.2)
        assert len(auth.requests) == 1
        assert api.requests == []


# The first loop's connections are never closed: that is the misuse under test, and Python warns about it.
@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("sender", sorted(SENDERS))
def test_a_client_used_from_a_second_event_loop_says_so(sender: str) -> None:
    with fault_server(OK) as server:
        engage = client(server, sender)  # created outside any loop: bound by its first call
        asyncio.run(engage.appointments.get_appointment_by_id("1"))
        with pytest.raises(
            errors.WrongEventLoopError, match="first used in another event loop and cannot be used in this one"
        ):
            asyncio.run(engage.appointments.get_appointment_by_id("1"))
        with pytest.raises(errors.WrongEventLoopError, match="cannot be closed in this one"):
            asyncio.run(engage.close())
        with pytest.raises(errors.ClientClosedError):  # closed all the same
            asyncio.run(engage.appointments.get_appointment_by_id("1"))
        assert len(server.requests) == 1
    del engage
    gc.collect()  # the first loop's connections go now, under this test's warning filter


def test_a_client_never_used_can_be_closed_from_any_loop() -> None:
    engage = PexipEngage("acme", token=TOKEN)
    asyncio.run(engage.close())
    with pytest.raises(errors.ClientClosedError):
        asyncio.run(engage.appointments.get_appointment_by_id("1"))
