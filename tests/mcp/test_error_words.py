"""How the client's errors reach an agent: an ensure's refusal in its own words, not as an answer of Engage's."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest
from mcp import Client

from pexip_engage_cli._mcp import build_server
from pexip_engage_cli._mcp._results import from_api_error
from pexip_engage_client import PexipEngage, errors

ENSURE = "appointments.ensure_appointment"


@pytest.mark.parametrize(
    "error",
    [
        errors.EnsureTurnError(
            "ensure_appointment: externalId 'EXT-9' was neither found nor created: no sure turn. Nothing was created",
            operation=ENSURE,
            external_id="EXT-9",
            url="https://api.example.test/enterprises/acme",
        ),
        errors.ExternalIdConflictError(
            "externalId 'EXT-9' is appointment a-1's, whose start differs",
            operation=ENSURE,
            external_id="EXT-9",
            existing_id="a-1",
            differences=("start",),
        ),
        errors.DuplicateExternalIdError(
            "externalId 'EXT-9' is on 2 appointments: a-1, a-2",
            operation=ENSURE,
            external_id="EXT-9",
            ids=("a-1", "a-2"),
        ),
    ],
    ids=["turn", "conflict", "duplicate"],
)
def test_an_ensure_error_reaches_the_agent_in_its_own_words(error: errors.EnsureError) -> None:
    told = str(from_api_error(error))
    assert told == str(error)
    assert "Engage answered" not in told
    assert "correlation id" not in told
    assert "EXT-9" in told


def test_an_answer_of_engages_still_names_its_status_and_correlation_id() -> None:
    item = errors.ErrorItem(message="no such appointment", code="NOT_FOUND", type="", status_code="404")
    error = errors.NotFoundError(
        status_code=404,
        errors=(item,),
        body=b"",
        correlation_id="c-1",
        method="GET",
        url="https://api.example.test/enterprises/acme/appointments/a-9",
    )
    assert str(from_api_error(error)) == (
        "Engage answered HTTP 404 to GET /appointments/a-9: NOT_FOUND: no such appointment (correlation id c-1)"
    )


@pytest.mark.parametrize(
    ("tool", "arguments"),
    [
        ("list_appointments", {}),
        ("find_employee", {"email": "ann@acme.test"}),
        ("get_appointment", {"external_id": "EXT-1"}),
        (
            "get_timetable",
            {
                "office_id": "o-1",
                "subject_id": "s-1",
                "meeting_type": "VIDEO",
                "since": "2030-01-01T00:00:00Z",
                "until": "2030-01-02T00:00:00Z",
            },
        ),
        ("call_read_operation", {"operation_id": "getAppointments"}),
    ],
)
async def test_a_404_on_a_list_reaches_the_agent_in_engages_words(tool: str, arguments: dict[str, Any]) -> None:
    """A 404 where a list was read (an enterprise Engage does not know) is Engage's answer, not a crash of the tool."""

    def handler(request: httpx2.Request) -> httpx2.Response:
        body = {"errors": [{"code": "NOT_FOUND", "message": "no such enterprise"}]}
        return httpx2.Response(404, json=body)

    async with (
        PexipEngage("acme", token="t", transport=httpx2.MockTransport(handler), max_retries=0) as engage,
        Client(build_server(engage)) as client,
    ):
        answer = await client.call_tool(tool, arguments)
    assert answer.is_error
    text = answer.content[0].text  # type: ignore[union-attr]
    assert "Engage answered HTTP 404 to GET /" in text
    assert "NOT_FOUND: no such enterprise (correlation id " in text
