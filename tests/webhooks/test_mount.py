"""The receiver inside Starlette and FastAPI, as docs/webhooks.md shows it (the lines of
examples/webhook_asgi_mount.py), served by a real uvicorn with its lifespan: every delivery reaches
it at the configured path, with or without a trailing slash, and no answer carries the key."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from collections.abc import Callable
from types import ModuleType
from typing import Any

import httpx2
import pytest
from starlette.applications import Starlette

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

from ..support.loopback import serve
from ..support.spec import ROOT

# Starts servers, processes or redis-server: left out of `make check`.
pytestmark = pytest.mark.end_to_end

EXAMPLE = ROOT / "examples" / "webhook_asgi_mount.py"
SECRET = "test-key"  # the example's


def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("webhook_asgi_mount_example", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documented(framework: str) -> tuple[Any, WebhookReceiver]:
    """The application docs/webhooks.md shows for `framework`, and its receiver."""
    shown = example()
    if framework == "fastapi":
        return shown.api, shown.receiver
    return Starlette(lifespan=shown.lifespan, routes=shown.routes), shown.receiver  # as the comment says


def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.slow
@pytest.mark.parametrize("framework", ["starlette", "fastapi"])
@pytest.mark.parametrize("path", ["/engage-webhooks", "/engage-webhooks/"])
def test_the_documented_mount_receives_at_the_configured_path(framework: str, path: str) -> None:
    app, receiver = documented(framework)
    handled: list[str] = []

    @receiver.on(AppointmentWebhookEvent)
    async def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        handled.append(event.id)

    body = appointment_event({"id": "appointment-1"}, event_id="mounted-1")
    with serve(app, lifespan="on") as root:
        url = root + path
        response = httpx2.post(url, params={"key": SECRET}, content=body, headers={"Content-Type": "application/json"})
        wait_for(lambda: bool(handled))
        refused = httpx2.post(url, params={"key": SECRET}, content=b"{}", headers={"Content-Type": "application/json"})
        not_post = httpx2.get(url, params={"key": SECRET})
    for answer in (response, refused, not_post):
        assert SECRET not in answer.text
        assert all(SECRET not in value for value in answer.headers.values())
    assert (response.status_code, response.json()) == (202, {"status": "accepted"})
    assert refused.status_code == 400
    assert not_post.status_code == 405
    assert handled == ["mounted-1"]


@pytest.mark.slow
def test_the_example_runs_and_both_forms_of_the_url_are_answered_202() -> None:
    done = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True, check=True, timeout=60)
    lines = done.stdout.splitlines()
    assert lines[1:] == ["answers: [202]", lines[2], "with a trailing slash: 202"]
    assert lines[0].startswith("ACCEPT ")
    assert lines[2].startswith("CANCEL ")
    # The fake delivers its appointments' participants as the REST API shows them (`participant`), which the
    # spec's webhook participants do not define: the receiver logs that difference once (`spec_drift`).
    assert [line for line in done.stderr.splitlines() if "answered unlike openapi.yaml: field at" not in line] == []


def test_the_docs_page_shows_the_example_lines() -> None:
    page = (ROOT / "docs" / "webhooks.md").read_text()
    assert "<!-- example: examples/webhook_asgi_mount.py:mount -->" in page
    assert "Router" not in EXAMPLE.read_text()
