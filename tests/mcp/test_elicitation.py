"""Write tools ask the person through form elicitation when the client declares it, on both protocol eras.

The SDK's own client, with an `elicitation_callback` standing for the person: accept books once,
decline and silence book nothing (silence within the timeout); a client without elicitation writes
nothing (tests/mcp/test_person_in_the_loop.py), unless the server lets the model confirm alone: then
the two-call token flow.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
import httpx2
import pytest
from mcp import Client
from mcp.client.session import ClientRequestContext, ElicitationFnT
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from mcp.types import ElicitRequestParams, ElicitResult, ErrorData

from pexip_engage_cli._mcp import ServerOptions, build_server
from pexip_engage_cli._mcp._elicit import request_state_security
from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage

from ..support.spec import ROOT
from .support import KEY, MODES, listening, seeded

BOOKING = {
    "external_id": "EL-1",
    "subject_id": "s-1",
    "office_id": "o-1",
    "meeting_type": "OFFICE",
    "start": "2030-02-01T09:00:00Z",
    "end": "2030-02-01T10:00:00Z",
    "employee_id": "e-ann",
    "customer_id": "c-1",
}


def booked(fake: FakePexipEngage, external_id: str = "EL-1") -> int:
    return sum(1 for item in fake.appointments.values() if item.get("externalId") == external_id)


def person(action: str, asked: list[str], *, delay: float = 0.0) -> ElicitationFnT:
    async def answer(context: ClientRequestContext, params: ElicitRequestParams) -> ElicitResult | ErrorData:
        asked.append(params.message)
        await anyio.sleep(delay)
        return ElicitResult(action=action, content={"confirm": True} if action == "accept" else None)  # type: ignore[arg-type]

    return answer


@asynccontextmanager
async def client(
    fake: FakePexipEngage,
    mode: str,
    callback: ElicitationFnT | None,
    answer_within: float = 60.0,
    *,
    unconfirmed: bool = False,
) -> AsyncIterator[Client]:
    options = ServerOptions(
        allow_writes=True,
        allow_unconfirmed_writes=unconfirmed,
        confirmation_key=KEY,
        elicitation_timeout=answer_within,
    )
    engage = PexipEngage("acme", token="t", transport=fake)
    async with engage, Client(build_server(engage, options), mode=mode, elicitation_callback=callback) as session:
        yield session


@pytest.mark.parametrize("mode", MODES)
async def test_accept_books_once_after_asking_in_the_people_s_words(mode: str) -> None:
    fake, asked = seeded(), list[str]()
    async with client(fake, mode, person("accept", asked)) as session:
        answer = await session.call_tool("book_appointment", BOOKING)
        again = await session.call_tool("book_appointment", BOOKING)
    assert answer.structured_content is not None
    assert answer.structured_content["status"] == "done", answer
    assert booked(fake) == 1
    assert again.structured_content is not None
    assert again.structured_content["status"] == "exists"  # nothing to ask about: already booked
    assert len(asked) == 1
    question = asked[0]
    for words in (
        "Mortgage",
        "Ann <ann@acme.test>",
        "Cleo Park <cleo@example.test>",
        "office o-1",
        "EL-1",
        "Fri 01 Feb 2030 09:00 to 10:00 UTC",
        "Book an appointment (OFFICE)",
        "Engage notifies",
    ):
        assert words in question, question


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("action", ["decline", "cancel"])
async def test_decline_or_cancel_sends_nothing_and_says_so(mode: str, action: str) -> None:
    fake, asked = seeded(), list[str]()
    async with client(fake, mode, person(action, asked)) as session:
        answer = await session.call_tool("book_appointment", BOOKING)
    assert answer.structured_content is not None
    assert answer.structured_content["status"] == {"decline": "declined", "cancel": "cancelled"}[action]
    assert answer.structured_content["summary"].startswith("nothing was sent")
    assert booked(fake) == 0
    assert fake.calls_to("createAppointment") == []


async def test_no_answer_sends_nothing_within_the_timeout_handshake_era() -> None:
    fake, asked = seeded(), list[str]()
    started = time.monotonic()
    async with client(fake, "legacy", person("accept", asked, delay=30), answer_within=0.5) as session:
        answer = await session.call_tool("book_appointment", BOOKING)
        took = time.monotonic() - started
    assert answer.structured_content is not None
    assert answer.structured_content["status"] == "no_answer"
    assert took < 10
    assert booked(fake) == 0


async def test_an_answer_after_the_timeout_sends_nothing_2026_era() -> None:
    # The question rides the call's result; the client answers 1.5 s later, after the 0.5 s the
    # sealed request state lives: the SDK refuses the retry, and nothing is sent.
    fake, asked = seeded(), list[str]()
    async with client(fake, "2026-07-28", person("accept", asked, delay=1.5), answer_within=0.5) as session:
        try:
            answer = await session.call_tool("book_appointment", BOOKING)
        except MCPError:
            pass
        else:
            assert answer.is_error or (answer.structured_content or {}).get("status") != "done", answer
    assert asked
    assert booked(fake) == 0
    assert fake.calls_to("createAppointment") == []


@pytest.mark.parametrize("mode", MODES)
async def test_a_client_without_elicitation_keeps_the_token_flow_where_the_model_may_confirm(mode: str) -> None:
    fake = seeded()
    async with client(fake, mode, None, unconfirmed=True) as session:
        preview = await session.call_tool("book_appointment", BOOKING)
        assert preview.structured_content is not None
        assert preview.structured_content["status"] == "confirm"
        assert booked(fake) == 0
        token = preview.structured_content["confirmation"]
        done = await session.call_tool("book_appointment", {**BOOKING, "confirmation": token})
        assert done.structured_content is not None
        assert done.structured_content["status"] == "done"
    assert booked(fake) == 1


@pytest.mark.parametrize("mode", MODES)
async def test_a_token_is_still_checked_and_spent_once_when_the_person_is_asked(mode: str) -> None:
    fake, asked = seeded(), list[str]()
    fake.add_appointment(
        id="a-new",
        status="INCOMING_REQUEST",
        start="2030-02-03T09:00:00.000Z",
        end="2030-02-03T10:00:00.000Z",
        subject={"id": "s-1"},
        office={"id": "o-1"},
        appointmentParticipants=[
            {"role": "PRIMARY", "participant": {"id": "c-1"}, "type": "CUSTOMER"},
            {"role": "PRIMARY", "participant": {"id": "e-ann"}, "type": "EMPLOYEE"},
        ],
    )
    # The two-call flow's first call, from a client that cannot ask, where the model may confirm alone.
    async with client(fake, mode, None, unconfirmed=True) as agent:
        preview = await agent.call_tool("accept_appointment", {"id": "a-new"})
    assert preview.structured_content is not None
    token = preview.structured_content["confirmation"]
    async with client(fake, mode, person("accept", asked)) as session:
        forged = await session.call_tool("accept_appointment", {"id": "a-new", "confirmation": token + "x"})
        assert forged.is_error
        assert "confirmation refused" in str(forged.content)
        done = await session.call_tool("accept_appointment", {"id": "a-new", "confirmation": token})
        repeat = await session.call_tool("accept_appointment", {"id": "a-new", "confirmation": token})
    assert done.structured_content is not None
    assert done.structured_content["status"] == "done"
    assert repeat.structured_content is not None
    assert repeat.structured_content["status"] == "already_confirmed"
    assert len(fake.calls_to("acceptAppointment")) == 1
    assert any("Accept appointment a-new (INCOMING_REQUEST" in question for question in asked), asked


@pytest.mark.parametrize("mode", MODES)
async def test_each_write_tool_asks(mode: str) -> None:
    fake, asked = seeded(), list[str]()
    async with client(fake, mode, person("decline", asked)) as session:
        await session.call_tool(
            "reschedule_appointment", {"id": "a-1", "start": "2030-01-01T10:00:00Z", "end": "2030-01-01T11:00:00Z"}
        )
        await session.call_tool("accept_appointment", {"id": "a-1"})
        await session.call_tool("reassign_appointment", {"id": "a-1", "employee_id": "e-bob", "office_id": "o-1"})
    assert [question.split(" ")[0] for question in asked] == ["Move", "Accept", "Give"]
    assert "Bob <bob@acme.test>" in asked[2]
    assert not fake.calls_to("rescheduleAppointment") + fake.calls_to("acceptAppointment")


@pytest.mark.parametrize("mode", MODES)
async def test_the_question_warns_of_busy_time_and_call_write_operation_asks_too(mode: str) -> None:
    fake, asked = seeded(), list[str]()
    busy = {**BOOKING, "start": "2030-01-01T09:30:00Z", "end": "2030-01-01T12:30:00Z"}  # a-1, then ev-1
    options = ServerOptions(allow_writes=True, allow_write_operations=True, confirmation_key=KEY)
    engage = PexipEngage("acme", token="t", transport=fake)
    async with (
        engage,
        Client(build_server(engage, options), mode=mode, elicitation_callback=person("decline", asked)) as session,
    ):
        await session.call_tool("book_appointment", busy)
        body = {"firstName": "Eve", "externalId": "EMP-9", "email": "eve@acme.test"}
        written = await session.call_tool("call_write_operation", {"operation_id": "createEmployee", "body": body})
    assert "WARNING: overlaps the employee's busy time: appointment a-1 (INCOMING_REQUEST)" in asked[0]
    assert "external event ev-1 (BUSY)" in asked[0]
    assert asked[1].startswith("Run POST /employees (createEmployee")
    assert '"firstName": "Eve"' in asked[1]
    assert written.structured_content is not None
    assert written.structured_content["status"] == "declined"
    assert fake.calls_to("createEmployee") == []
    assert booked(fake) == 0


def test_replicas_sharing_the_confirmation_key_open_each_other_s_request_state() -> None:
    first, second = request_state_security(KEY, 60), request_state_security(KEY, 60)
    assert second.codec.unseal(first.codec.seal(b"state")) == b"state"
    assert first.ttl == 60
    alone = request_state_security(None, 60)
    with pytest.raises(Exception):  # noqa: B017, PT011 - the SDK's InvalidRequestState: another process's key
        alone.codec.unseal(first.codec.seal(b"state"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class _TwoReplicas(httpx2.AsyncBaseTransport):
    """Sends each tools/call to the next of two server processes in turn, as a load balancer may."""

    def __init__(self, ports: tuple[int, int]) -> None:
        self.ports = ports
        self.calls = 0
        self.inner = httpx2.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        body = await request.aread()
        port = self.ports[0]
        if body and json.loads(body).get("method") == "tools/call":
            port = self.ports[self.calls % 2]
            self.calls += 1
        moved = httpx2.Request(request.method, request.url.copy_with(port=port), headers=request.headers, content=body)
        return await self.inner.handle_async_request(moved)

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.mark.end_to_end
@pytest.mark.parametrize("shared", [True, False], ids=["one-key", "two-keys"])
async def test_over_http_the_answer_may_reach_another_server_process(shared: bool, tmp_path: Path) -> None:
    """The question asked by one process, the answer carried to another (2026-07-28): one booking when
    they share the confirmation key (the request state's key is made from it), none when they do not."""
    fake = seeded()
    fake.add_client("agent", "agent-secret")
    token = "t" * 40
    token_file = tmp_path / "token"
    token_file.write_text(token)
    ports = (_free_port(), _free_port())
    servers: list[subprocess.Popen[bytes]] = []
    with fake.serve() as root:
        base = {k: v for k, v in os.environ.items() if not k.startswith("PEXIP_ENGAGE_")}
        for number, port in enumerate(ports):
            key = "k" * 32 if shared else str(number) * 32
            environment = {
                **base,
                "PYTHONPATH": str(ROOT),
                "PEXIP_ENGAGE_ENTERPRISE": "acme",
                "PEXIP_ENGAGE_BASE_URL": root,
                "PEXIP_ENGAGE_AUTH_URL": root,
                "PEXIP_ENGAGE_CLIENT_ID": "agent",
                "PEXIP_ENGAGE_CLIENT_SECRET": "agent-secret",
                "PEXIP_ENGAGE_MCP_CONFIRMATION_KEY": key,
            }
            log = tmp_path / f"server-{number}.log"
            with log.open("wb") as stderr:
                servers.append(
                    subprocess.Popen(  # noqa: ASYNC220 - started once, stopped below
                        [
                            sys.executable,
                            "-m",
                            "pexip_engage_client",
                            "mcp",
                            "--http",
                            "--port",
                            str(port),
                            "--bearer-token-file",
                            str(token_file),
                            "--allow-writes",
                        ],
                        env=environment,
                        stdout=subprocess.DEVNULL,
                        stderr=stderr,
                    )
                )
            listening(port, servers[-1], log)
        asked: list[str] = []
        try:
            async with (
                httpx2.AsyncClient(
                    transport=_TwoReplicas(ports), headers={"Authorization": f"Bearer {token}"}, timeout=30
                ) as http,
                Client(
                    streamable_http_client(f"http://127.0.0.1:{ports[0]}/mcp", http_client=http),
                    mode="2026-07-28",
                    elicitation_callback=person("accept", asked),
                ) as session,
            ):
                try:
                    answer = await session.call_tool("book_appointment", BOOKING)
                    done = (answer.structured_content or {}).get("status") == "done"
                except MCPError:
                    done = False
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
    assert len(asked) == 1
    assert done is shared
    assert booked(fake) == (1 if shared else 0)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("action", ["accept", "decline"])
async def test_cancel_asks_the_person_like_booking_and_says_it_is_inferred(mode: str, action: str) -> None:
    fake, asked = seeded(), list[str]()
    async with client(fake, mode, person(action, asked)) as session:
        answer = await session.call_tool("cancel_appointment", {"id": "a-2"})
    assert answer.structured_content is not None
    [question] = asked
    assert question.startswith("Cancel "), question
    assert "Engage notifies" in question, question
    assert "inferred" in question, question
    if action == "accept":
        assert answer.structured_content["status"] == "done", answer
        assert fake.get("/appointments", "a-2")["status"] == "CANCELLED"
        assert len(fake.calls_to("cancelAppointment")) == 1
    else:
        assert answer.structured_content["status"] == "declined"
        assert answer.structured_content["summary"].startswith("nothing was sent")
        assert fake.get("/appointments", "a-2")["status"] == "ACCEPTED"
        assert fake.calls_to("cancelAppointment") == []


@pytest.mark.parametrize("mode", MODES)
async def test_cancel_without_elicitation_keeps_the_token_flow_where_the_model_may_confirm(mode: str) -> None:
    fake = seeded()
    async with client(fake, mode, None, unconfirmed=True) as session:
        preview = await session.call_tool("cancel_appointment", {"id": "a-2"})
        assert preview.structured_content is not None
        assert preview.structured_content["status"] == "confirm"
        assert fake.calls_to("cancelAppointment") == []
        token = preview.structured_content["confirmation"]
        done = await session.call_tool("cancel_appointment", {"id": "a-2", "confirmation": token})
        again = await session.call_tool("cancel_appointment", {"id": "a-2", "confirmation": token})
    assert done.structured_content is not None
    assert done.structured_content["status"] == "done"
    assert again.structured_content is not None
    assert again.structured_content["status"] == "already_confirmed"  # spent once: nothing more sent
    assert len(fake.calls_to("cancelAppointment")) == 1
