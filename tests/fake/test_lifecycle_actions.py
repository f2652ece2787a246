"""The fake serves the life-cycle actions openapi.yaml infers as the spec's `x-inferred` says.

Each inferred action's `x-inferred.transition` names the statuses it may be made from, the status it
leaves and the webhook event it causes; the fake reads them there (`testing/_rules.py`), and these
tests read them there too: every status of `AppointmentStatus` is tried on every such action.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx2
import pytest

from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.spec import SPEC

INFERRED = [
    (path, operation["x-inferred"]["transition"])
    for path, item in SPEC["paths"].items()
    for operation in item.values()
    if "x-inferred" in operation and "transition" in operation["x-inferred"]
]
STATUSES = SPEC["components"]["schemas"]["AppointmentStatus"]["enum"]


class EventRecorder:
    """An ASGI receiver that keeps each event the fake delivers."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        self.events.append(json.loads(body))
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


@pytest.fixture
async def http(fake: FakePexipEngage) -> AsyncIterator[httpx2.AsyncClient]:
    async with httpx2.AsyncClient(
        transport=fake,
        base_url="https://api.example.com/enterprises/acme",
        headers={"Authorization": f"Bearer {TOKEN}"},
    ) as client:
        yield client


def test_the_spec_infers_the_actions_the_evidence_names() -> None:
    # The evidence (docs/lifecycle-actions.md): cancel, complete, no-show, request-alternative-date, reopen.
    assert {path.rsplit("/", 1)[-1] for path, _ in INFERRED} >= {
        "cancel",
        "complete",
        "no-show",
        "request-alternative-date",
    }
    for _, change in INFERRED:
        assert set(change["from"]) <= set(STATUSES)
        assert change["to"] in STATUSES
        assert change["event"] in SPEC["components"]["schemas"]["AppointmentEventType"]["enum"]


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize(("path", "change"), INFERRED, ids=[path.rsplit("/", 1)[-1] for path, _ in INFERRED])
async def test_each_action_moves_the_status_or_refuses_with_the_allowed_states(
    fake: FakePexipEngage, http: httpx2.AsyncClient, path: str, change: Any, status: str
) -> None:
    recorder = EventRecorder()
    fake.deliver_webhooks(recorder)
    started = fake.clock.now() - timedelta(hours=2)  # past: a completion is not too early
    fake.add_appointment(
        id="a1", status=status, start=started.isoformat(), end=(started + timedelta(hours=1)).isoformat()
    )
    response = await http.post(path.replace("{id}", "a1"))
    assert fake.webhooks is not None
    await fake.webhooks.drain()
    if status in change["from"]:
        assert response.status_code == 200, response.text
        assert response.json()["data"]["status"] == change["to"]
        assert fake.get("/appointments", "a1")["status"] == change["to"]
        [event] = recorder.events
        assert (event["data"]["eventType"], event["data"]["appointment"]["id"]) == (change["event"], "a1")
    else:
        assert response.status_code == 422
        [error] = response.json()["errors"]
        assert (error["code"], error["arguments"]) == ("APPOINTMENT_STATUS_INVALID", {"allowedStates": change["from"]})
        assert fake.get("/appointments", "a1")["status"] == status
        assert recorder.events == []


async def test_a_completion_earlier_than_the_setting_allows_is_refused(
    fake: FakePexipEngage, http: httpx2.AsyncClient
) -> None:
    starts = fake.clock.now() + timedelta(days=3)
    fake.add_appointment(
        id="a1", status="ACCEPTED", start=starts.isoformat(), end=(starts + timedelta(hours=1)).isoformat()
    )
    refused = await http.post("/appointments/a1/_actions/complete")
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert (error["code"], error["arguments"]) == (
        "APPOINTMENT_COMPLETION_TOO_EARLY",
        {"completionAllowedDaysBeforeStart": 0},
    )
    # The enterprise allows completing up to 3 days before the start (the setting the code names).
    patched = await http.patch(
        "/settings", json={"completionAllowedDaysBeforeStart": {"manageable": False, "value": 3}}
    )
    assert patched.status_code == 200, patched.text
    completed = await http.post("/appointments/a1/_actions/complete")
    assert completed.status_code == 200, completed.text
    assert completed.json()["data"]["status"] == "COMPLETED"
