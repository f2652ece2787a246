"""Write tools ask the person through form elicitation when the client declares it, on both protocol eras.

The SDK's own client, with an `elicitation_callback` standing for the person: accept books once,
decline and silence book nothing (silence within the timeout), and a client without elicitation
keeps the two-call token flow.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
import pytest
from mcp import Client
from mcp.client.session import ClientRequestContext, ElicitationFnT
from mcp.shared.exceptions import MCPError
from mcp.types import ElicitRequestParams, ElicitResult, ErrorData

from pexip_engage_cli._mcp import ServerOptions, build_server
from pexip_engage_cli._mcp._elicit import request_state_security
from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage

from .support import KEY, MODES, seeded

BOOKING = {
    "external_id": "EL-1", "subject_id": "s-1", "office_id": "o-1", "meeting_type": "OFFICE",
    "start": "2030-02-01T09:00:00Z", "end": "2030-02-01T10:00:00Z", "employee_id": "e-ann", "customer_id": "c-1",
}  # fmt: skip


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
    fake: FakePexipEngage, mode: str, callback: ElicitationFnT | None, answer_within: float = 60.0
) -> AsyncIterator[Client]:
    options = ServerOptions(allow_writes=True, confirmation_key=KEY, elicitation_timeout=answer_within)
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
    for words in ("Mortgage", "Ann <ann@acme.test>", "Cleo Park <cleo@example.test>", "office o-1", "EL-1",
                  "Fri 01 Feb 2030 09:00 to 10:00 UTC", "Engage notifies"):  # fmt: skip
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
async def test_a_client_without_elicitation_keeps_the_token_flow(mode: str) -> None:
    fake = seeded()
    async with client(fake, mode, None) as session:
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
        id="a-new", status="INCOMING_REQUEST", start="2030-02-03T09:00:00.000Z", end="2030-02-03T10:00:00.000Z",
        subject={"id": "s-1"}, office={"id": "o-1"},
        appointmentParticipants=[
            {"role": "PRIMARY", "participant": {"id": "c-1"}, "type": "CUSTOMER"},
            {"role": "PRIMARY", "participant": {"id": "e-ann"}, "type": "EMPLOYEE"},
        ],
    )  # fmt: skip
    async with client(fake, mode, None) as agent:  # the two-call flow's first call, from a client that cannot ask
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
        await session.call_tool("reschedule_appointment", {"id": "a-1", "start": "2030-01-01T10:00:00Z",
                                                           "end": "2030-01-01T11:00:00Z"})  # fmt: skip
        await session.call_tool("accept_appointment", {"id": "a-1"})
        await session.call_tool("reassign_appointment", {"id": "a-1", "employee_id": "e-bob", "office_id": "o-1"})
    assert [question.split(" ")[0] for question in asked] == ["Move", "Accept", "Give"]
    assert "Bob <bob@acme.test>" in asked[2]
    assert not fake.calls_to("rescheduleAppointment") + fake.calls_to("acceptAppointment")


def test_replicas_sharing_the_confirmation_key_open_each_other_s_request_state() -> None:
    first, second = request_state_security(KEY, 60), request_state_security(KEY, 60)
    assert second.codec.unseal(first.codec.seal(b"state")) == b"state"
    assert first.ttl == 60
    alone = request_state_security(None, 60)
    with pytest.raises(Exception):  # noqa: B017, PT011 - the SDK's InvalidRequestState: another process's key
        alone.codec.unseal(first.codec.seal(b"state"))
