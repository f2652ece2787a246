"""The fake API behaves as documented, in process and over a real loopback HTTP server; served by
`python -m pexip_engage_client.testing`, it holds up under load and bad input."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import re
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import httpx2
import pytest

from pexip_engage_client import ErrorCode, PexipEngage, errors, models
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import FakeServer

from ..support.clients import TOKEN
from ..support.loopback import serve, transport_app
from ..support.spec import ROOT

INVITE = {
    "subjectId": "subject-9",
    "officeId": "office-3",
    "meetingType": "VIDEO",
    "appointmentParticipants": [
        {"role": "PRIMARY", "participantId": "employee-1", "type": "EMPLOYEE"},
        {"role": "PRIMARY", "participantId": "customer-1", "type": "CUSTOMER"},
    ],
    "message": "Let's chat!",
}


def seed_invite_references(fake: FakePexipEngage) -> None:
    """What INVITE refers to: the fake refuses references to records it does not have."""
    fake.add_subject(id="subject-9")
    fake.add_office(id="office-3")
    fake.add_employee(id="employee-1")
    fake.add_customer(id="customer-1")


@pytest.fixture(params=["in-process", "loopback"])
async def engage(request: pytest.FixtureRequest, fake: FakePexipEngage) -> AsyncIterator[PexipEngage]:
    """The same client API, wired to the fake directly or through a real HTTP server on 127.0.0.1."""
    if request.param == "in-process":
        async with PexipEngage("acme", token=TOKEN, transport=fake) as client:
            yield client
    else:
        with serve(transport_app(fake)) as root:
            async with PexipEngage("acme", token=TOKEN, base_url=root) as client:
                yield client


async def test_an_invite_creates_an_appointment_that_can_be_fetched_and_accepted(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    seed_invite_references(fake)
    invited = await engage.appointments.create_appointment_invite(body=INVITE)
    assert invited.status == models.AppointmentStatus.OUTGOING_INVITE
    assert (invited.subject.id, invited.office.id) == ("subject-9", "office-3")
    assert [p.participant.id for p in invited.appointment_participants] == ["employee-1", "customer-1"]
    assert invited.message_for_customer == "Let's chat!"

    fetched = await engage.appointments.get_appointment_by_id(invited.id)
    assert fetched.to_dict() == invited.to_dict()

    accepted = await engage.appointments.accept_appointment(invited.id)
    assert accepted.status == models.AppointmentStatus.ACCEPTED
    assert (await engage.appointments.get_appointment_by_id(invited.id)).status == "ACCEPTED"


async def test_accepting_in_a_status_that_forbids_it_is_a_422_with_allowed_states(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    appointment_id = fake.add_appointment(status="CANCELLED")["id"]
    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.appointments.accept_appointment(appointment_id)
    assert caught.value.codes == [ErrorCode.APPOINTMENT_STATUS_INVALID]
    arguments = caught.value.errors[0].arguments
    assert arguments is not None
    assert "INCOMING_REQUEST" in arguments["allowedStates"]
    assert "CANCELLED" not in arguments["allowedStates"]
    assert fake.appointments[appointment_id]["status"] == "CANCELLED"


async def test_unknown_ids_are_404(engage: PexipEngage) -> None:
    with pytest.raises(errors.NotFoundError):
        await engage.appointments.get_appointment_by_id("missing")
    with pytest.raises(errors.NotFoundError):
        await engage.appointments.accept_appointment("missing")
    with pytest.raises(errors.NotFoundError):
        await engage.lead_segments.update_lead_segment_by_id("missing", body={"code": "X"})
    with pytest.raises(errors.NotFoundError):
        await engage.lead_segments.update_lead_segment_scheduling_settings("missing", body=[])


@pytest.mark.parametrize(
    ("field", "unknown"),
    [("subjectId", "subject-0"), ("officeId", "office-0"), ("participant", "customer-0")],
)
async def test_a_body_reference_to_an_unknown_item_is_404(
    engage: PexipEngage, fake: FakePexipEngage, field: str, unknown: str
) -> None:
    seed_invite_references(fake)
    fake.add_employee(id="customer-0")  # an employee's id: a CUSTOMER participant must name a customer
    body: dict[str, object] = {**INVITE, field: unknown}
    if field == "participant":
        body = {
            **INVITE,
            "appointmentParticipants": [
                INVITE["appointmentParticipants"][0],
                {"role": "PRIMARY", "participantId": unknown, "type": "CUSTOMER"},
            ],
        }
    with pytest.raises(errors.NotFoundError) as caught:
        await engage.appointments.create_appointment_invite(body=body)
    assert unknown in str(caught.value)
    assert fake.appointments == {}


async def test_invite_business_rules(engage: PexipEngage, fake: FakePexipEngage) -> None:
    seed_invite_references(fake)
    duplicate = {**INVITE, "appointmentParticipants": [INVITE["appointmentParticipants"][0]] * 2}
    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.appointments.create_appointment_invite(body=duplicate)
    assert caught.value.codes == [ErrorCode.APPOINTMENT_PARTICIPANTS_NOT_UNIQUE]

    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.appointments.create_appointment_invite(body={**INVITE, "meetingType": "ON_LOCATION"})
    assert caught.value.codes == [ErrorCode.APPOINTMENT_LOCATION_REQUIRED]


async def test_lead_segment_code_in_use_is_a_422(engage: PexipEngage, fake: FakePexipEngage) -> None:
    fake.add_lead_segment(code="TAKEN")
    segment_id = fake.add_lead_segment(code="MINE")["id"]
    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.lead_segments.update_lead_segment_by_id(segment_id, body={"code": "TAKEN"})
    assert caught.value.codes == [ErrorCode.LEAD_SEGMENT_CODE_ALREADY_IN_USE]
    assert fake.lead_segments[segment_id]["code"] == "MINE"


async def test_patch_changes_only_what_is_sent_and_null_clears(engage: PexipEngage, fake: FakePexipEngage) -> None:
    segment_id = fake.add_lead_segment(code="RV", description="Repeat visitor")["id"]

    renamed = await engage.lead_segments.update_lead_segment_by_id(segment_id, body={"code": "REPEAT"})
    assert (renamed.code, renamed.description) == ("REPEAT", "Repeat visitor")

    cleared = await engage.lead_segments.update_lead_segment_by_id(segment_id, body={"description": None})
    assert (cleared.code, cleared.description) == ("REPEAT", None)


async def test_scheduling_settings_are_replaced_as_a_whole(engage: PexipEngage, fake: FakePexipEngage) -> None:
    segment_id = fake.add_lead_segment(code="RV")["id"]
    for subject_id in ("s1", "s2", "s3"):
        fake.add_subject(id=subject_id)
    await engage.lead_segments.update_lead_segment_scheduling_settings(
        segment_id, body=[{"meetingType": "OFFICE", "subjectId": "s1"}, {"meetingType": "PHONE", "subjectId": "s2"}]
    )
    settings = await engage.lead_segments.update_lead_segment_scheduling_settings(
        segment_id, body=[{"meetingType": "VIDEO", "subjectId": "s3"}]
    )
    assert [(s.meeting_type, s.subject.id) for s in settings] == [(models.MeetingType.VIDEO, "s3")]
    assert fake.data(f"/lead-segments/{segment_id}/scheduling-settings") == [
        {"meetingType": "VIDEO", "subject": {"id": "s3"}}
    ]


async def test_the_fake_requires_a_bearer_token_and_the_right_enterprise() -> None:
    fake = FakePexipEngage(enterprise="acme")
    appointment_id = fake.add_appointment()["id"]
    async with PexipEngage("other", token=TOKEN, transport=fake) as engage:
        with pytest.raises(errors.AuthenticationError, match="refused for enterprise 'other'"):
            await engage.appointments.get_appointment_by_id(appointment_id)
    assert fake.requests[-1].url.path == f"/enterprises/other/appointments/{appointment_id}"


async def test_lead_segments_can_be_created_and_fetched(engage: PexipEngage, fake: FakePexipEngage) -> None:
    created = await engage.lead_segments.create_lead_segment(body={"code": "NEW", "description": "New visitors"})
    fetched = await engage.lead_segments.get_lead_segment_by_id(created.id)
    assert (fetched.code, fetched.description) == ("NEW", "New visitors")
    with pytest.raises(errors.BusinessValidationError) as caught:
        await engage.lead_segments.create_lead_segment(body={"code": "NEW"})
    assert caught.value.codes == [ErrorCode.LEAD_SEGMENT_CODE_ALREADY_IN_USE]
    assert len(fake.lead_segments) == 1


async def test_employees_are_listed_a_page_at_a_time_and_fetched(engage: PexipEngage, fake: FakePexipEngage) -> None:
    agent = fake.add_employee(availableRoles=["AGENT"], externalId="HR-1")
    fake.add_employee(availableRoles=["ADMIN"])
    page = await engage.employees.get_employees(available_role=[models.EmployeeRole.AGENT])
    assert [e.id for e in page.data] == [agent["id"]]
    assert page.meta.total_count == 1
    by_external_id = await engage.employees.get_employees(external_id=["HR-1"])
    assert [e.id for e in by_external_id.data] == [agent["id"]]
    assert (await engage.employees.get_employee_by_id(agent["id"])).external_id == "HR-1"
    with pytest.raises(errors.NotFoundError):
        await engage.employees.get_employee_by_id("missing")


async def test_a_bounded_fake_keeps_only_the_latest_requests() -> None:
    bounded = FakePexipEngage(max_recorded_calls=3)
    async with PexipEngage("acme", token=TOKEN, transport=bounded) as engage:
        for number in range(5):
            with pytest.raises(errors.NotFoundError):
                await engage.appointments.get_appointment_by_id(f"missing-{number}")
    async with httpx2.AsyncClient(transport=bounded, base_url="https://auth.example") as auth:
        for _ in range(4):
            await auth.post("/realms/acme/protocol/openid-connect/token", data={"grant_type": "client_credentials"})
    kept = [call.request.url.path.rsplit("/", 1)[1] for call in bounded.calls]
    assert kept == ["missing-2", "missing-3", "missing-4"]
    assert bounded.requests == [call.request for call in bounded.calls]
    assert len(bounded.token_requests) == 3
    with pytest.raises(ValueError, match="max_recorded_calls"):
        FakePexipEngage(max_recorded_calls=-1)
    with pytest.raises(ValueError, match="max_body_size"):
        FakeServer(bounded, max_body_size=-1)


# --- The fake served by `python -m pexip_engage_client.testing`, in a process of its own ----------

LOOPBACK = "127.0.0.1"
MEBIBYTE = 1024 * 1024


@dataclass
class ServedFake:
    process: subprocess.Popen[str]
    port: int
    stderr: Path

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/enterprises/acme"

    def rss(self) -> int:
        """The server process's resident memory, in bytes."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        match = re.search(r"^VmRSS:\s+(\d+) kB$", status, re.MULTILINE)
        assert match is not None
        return int(match[1]) * 1024


@contextlib.contextmanager
def served_fake(tmp_path: Path, *options: str) -> Iterator[ServedFake]:
    """`python -m pexip_engage_client.testing` on a free port, its stderr in a file."""
    stderr_path = tmp_path / "stderr.txt"
    with stderr_path.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "pexip_engage_client.testing", "--port", "0", *options],
            cwd=ROOT,  # `-m` imports the package from here: the code under test
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    try:
        assert process.stdout is not None
        started = re.search(rf"{LOOPBACK}:(\d+)/", process.stdout.readline())
        if started is None:
            raise RuntimeError(f"the fake server did not start: {stderr_path.read_text()}")
        yield ServedFake(process, int(started[1]), stderr_path)
    finally:
        process.terminate()
        process.communicate(timeout=10)


def exchange(port: int, request: bytes, *, half_close: bool = False) -> tuple[str, str | None]:
    """Send raw bytes, read until the server closes: the status line, and the error code of the body."""
    answer = b""
    with socket.create_connection((LOOPBACK, port), timeout=5) as connection:
        connection.sendall(request)
        if half_close:  # no more is coming: a server waiting for the rest of the body sees the end
            connection.shutdown(socket.SHUT_WR)
        with contextlib.suppress(TimeoutError):  # what came until then is the answer, if any
            while chunk := connection.recv(65536):
                answer += chunk
    if not answer:
        return "(no answer)", None
    head, _, body = answer.partition(b"\r\n\r\n")
    try:
        code = json.loads(body)["errors"][0]["code"]
    except (ValueError, LookupError, TypeError):
        code = None
    return head.split(b"\r\n", 1)[0].decode("latin-1"), code


@pytest.mark.slow
async def test_the_served_fake_answers_a_thousand_concurrent_connections(tmp_path: Path) -> None:
    # With the standard library's listen backlog of 5, most of a burst of connections waited for SYN
    # retransmissions: 620-692 of 1,000 got no answer within 30 s. Queued in the backlog instead,
    # they are all answered well within the bound, which leaves room for a loaded machine.
    connections, bound = 1000, 10.0
    request = b"GET /enterprises/acme/appointments HTTP/1.1\r\nHost: fake\r\nConnection: close\r\n\r\n"

    async def ask(port: int) -> bytes:
        reader, writer = await asyncio.open_connection(LOOPBACK, port)
        try:
            writer.write(request)
            return await reader.readline()
        finally:
            writer.close()

    with served_fake(tmp_path) as server:
        asks = [asyncio.create_task(ask(server.port)) for _ in range(connections)]
        done, late = await asyncio.wait(asks, timeout=bound)
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)
    answers = [task.result() for task in done if task.exception() is None]
    unanswered = connections - sum(answer.startswith(b"HTTP/1.1 401 ") for answer in answers)
    assert unanswered == 0, f"{unanswered} of {connections} connections got no answer within {bound} s"


MALFORMED_REQUESTS = {
    "Content-Length not a number": b"Content-Length: ten\r\n\r\n{}",
    "Content-Length negative": b"Content-Length: -2\r\n\r\n{}",
    "Content-Length given twice, differently": b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
    "Content-Length and chunked": b"Content-Length: 9\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
    "Transfer-Encoding not chunked": b"Transfer-Encoding: gzip\r\n\r\n{}",
    "chunk size not hexadecimal": b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
    "chunk size with 0x": b"Transfer-Encoding: chunked\r\n\r\n0x2\r\n{}\r\n0\r\n\r\n",
    "chunk longer than its size": b"Transfer-Encoding: chunked\r\n\r\n1\r\n{}\r\n0\r\n\r\n",
}
BROKEN_HEADS = {
    "request line of one word": b"GARBAGE\r\n\r\n",
    "request line without a version": b"GET /enterprises/acme/appointments\r\n\r\n",
    "request line with a bad version": b"GET /enterprises/acme/appointments HTTP/one\r\n\r\n",
    "request line of 70,000 bytes": b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n",
    "header line of 70,000 bytes": b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n",
    "101 headers": b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: a\r\n" % n for n in range(101)) + b"\r\n",
    # RFC 9112 (3.2): a server must answer 400 to an HTTP/1.1 request without a Host header. h11,
    # which reads the server's requests, refuses it; the standard library's server answered it.
    "no Host header": b"GET /enterprises/acme/appointments HTTP/1.1\r\nConnection: close\r\n\r\n",
}
CUT_SHORT = {
    "body shorter than its Content-Length": b"Content-Length: 10\r\n\r\n{}",
    "chunked body cut short": b"Transfer-Encoding: chunked\r\n\r\n10\r\n{}",
}


@pytest.mark.slow
def test_the_served_fake_answers_each_malformed_request_with_a_400_and_writes_nothing_to_stderr(
    tmp_path: Path,
) -> None:
    post = b"POST /enterprises/acme/lead-segments HTTP/1.1\r\nHost: fake\r\nContent-Type: application/json\r\n"
    with served_fake(tmp_path) as server:
        answers = {name: exchange(server.port, post + rest) for name, rest in MALFORMED_REQUESTS.items()}
        answers |= {name: exchange(server.port, head) for name, head in BROKEN_HEADS.items()}
        answers |= {name: exchange(server.port, post + rest, half_close=True) for name, rest in CUT_SHORT.items()}
        still_served = exchange(
            server.port, b"GET /enterprises/acme/appointments HTTP/1.1\r\nHost: fake\r\nConnection: close\r\n\r\n"
        )
        stderr = server.stderr.read_text()
    bad_request = ("HTTP/1.1 400 Bad Request", "BAD_REQUEST")
    assert answers == dict.fromkeys([*MALFORMED_REQUESTS, *BROKEN_HEADS, *CUT_SHORT], bad_request)
    assert still_served == ("HTTP/1.1 401 Unauthorized", "UNAUTHORIZED")
    assert stderr == ""


async def post_oversized(library: str, url: str, body: bytes, *, chunked: bool) -> int:
    """POST `body` with httpx2 or aiohttp, with a Content-Length or chunked; the answer's status."""

    async def pieces() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 64 * 1024):
            yield body[start : start + 64 * 1024]

    if library == "httpx2":
        async with httpx2.AsyncClient() as client:
            return (await client.post(url, content=pieces() if chunked else body)).status_code
    data = pieces() if chunked else io.BytesIO(body)  # from bytes, aiohttp warns that it could block the loop
    async with aiohttp.ClientSession() as session, session.post(url, data=data) as answer:
        return answer.status


@pytest.mark.slow
@pytest.mark.parametrize("library", ["httpx2", "aiohttp"])
async def test_twenty_ten_megabyte_posts_are_refused_with_413_unread_and_leave_no_memory_behind(
    library: str, tmp_path: Path
) -> None:
    # The server kept every body it read, refused ones too: 32 -> 259 MiB after these, never released.
    body = b"x" * (10 * MEBIBYTE)
    with served_fake(tmp_path) as server:
        url = f"{server.url}/lead-segments"
        statuses = [await post_oversized(library, url, body, chunked=chunked) for chunked in (False, True)]
        before = server.rss()  # after a first request of each kind: what is loaded on first use is in
        for chunked in [False, True] * 10:
            statuses.append(await post_oversized(library, url, body, chunked=chunked))
        grown = server.rss() - before
        stderr = server.stderr.read_text()
    assert grown < 16 * MEBIBYTE, f"the server grew by {grown / MEBIBYTE:.0f} MiB"
    assert statuses == [413] * 22
    assert stderr == ""


@pytest.mark.slow
def test_an_oversized_body_announced_with_expect_100_continue_is_refused_before_it_is_sent(tmp_path: Path) -> None:
    head = (
        b"POST /enterprises/acme/lead-segments HTTP/1.1\r\nHost: fake\r\nContent-Type: application/json\r\n"
        b"Content-Length: 10485760\r\nExpect: 100-continue\r\n\r\n"
    )
    with served_fake(tmp_path) as server:
        status, code = exchange(server.port, head)  # no body follows: only a 413 lets this end
    assert (status.split(" ", 2)[1], code) == ("413", "PAYLOAD_TOO_LARGE")


@pytest.mark.slow
def test_the_served_fake_keeps_only_its_last_recorded_requests(tmp_path: Path) -> None:
    # Bodies just under the size limit, refused by the fake (no token) yet recorded: only 5 stay.
    # Keeping every one, the server grew by 58 MiB.
    body = b"x" * 1_000_000
    with served_fake(tmp_path, "--max-recorded-calls", "5") as server, httpx2.Client() as client:
        url = f"{server.url}/lead-segments"
        assert client.post(url, content=body).status_code == 401
        before = server.rss()
        statuses = {client.post(url, content=body).status_code for _ in range(60)}
        grown = server.rss() - before
    assert grown < 24 * MEBIBYTE, f"the server grew by {grown / MEBIBYTE:.0f} MiB"
    assert statuses == {401}
