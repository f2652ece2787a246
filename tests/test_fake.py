"""The fake API behaves as documented, in process and over a real loopback HTTP server; served by
`python -m pexip_engage_client.testing`, it holds up under load and bad input."""

from __future__ import annotations

import asyncio
import contextlib
import re
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from pexip_engage_client import ErrorCode, PexipEngage, errors, models
from pexip_engage_client.testing import FakePexipEngage

from .conftest import ROOT, TOKEN
from .loopback import serve, transport_app

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
        with pytest.raises(errors.NotFoundError):
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
    async with httpx.AsyncClient(transport=bounded, base_url="https://auth.example") as auth:
        for _ in range(4):
            await auth.post("/realms/acme/protocol/openid-connect/token", data={"grant_type": "client_credentials"})
    kept = [call.request.url.path.rsplit("/", 1)[1] for call in bounded.calls]
    assert kept == ["missing-2", "missing-3", "missing-4"]
    assert bounded.requests == [call.request for call in bounded.calls]
    assert len(bounded.token_requests) == 3
    with pytest.raises(ValueError, match="max_recorded_calls"):
        FakePexipEngage(max_recorded_calls=-1)


# --- The fake served by `python -m pexip_engage_client.testing`, in a process of its own ----------

LOOPBACK = "127.0.0.1"


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


async def test_the_served_fake_answers_a_thousand_concurrent_connections(tmp_path: Path) -> None:
    # With the standard library's listen backlog of 5, most of a burst of connections waited for SYN
    # retransmissions: 620-692 of 1,000 got no answer within 30 s. The bound leaves room for a
    # loaded machine: served from the backlog, all of them take about a second.
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
