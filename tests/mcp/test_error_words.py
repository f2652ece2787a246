"""How the client's errors reach an agent: an ensure's refusal in its own words, not as an answer of Engage's."""

from __future__ import annotations

import pytest

from pexip_engage_cli._mcp._results import from_api_error
from pexip_engage_client import errors

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
        status_code=404, errors=(item,), body=b"", correlation_id="c-1", method="GET",
        url="https://api.example.test/enterprises/acme/appointments/a-9",
    )  # fmt: skip
    assert str(from_api_error(error)) == (
        "Engage answered HTTP 404 to GET /appointments/a-9: NOT_FOUND: no such appointment (correlation id c-1)"
    )
