"""The receiver inside Starlette and FastAPI, as docs/webhooks.md shows it, served by a real uvicorn
with its lifespan: every delivery reaches it at the configured path, with or without a trailing
slash, and no answer carries the key."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from starlette.applications import Starlette
from starlette.routing import Mount

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

from ..support.loopback import free_port

SECRET = "mount-key-s3cr3t"


def documented(framework: str, receiver: WebhookReceiver) -> Any:
    """The application docs/webhooks.md shows for `framework`."""

    @asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        async with receiver:
            yield

    api = FastAPI(lifespan=lifespan) if framework == "fastapi" else Starlette(lifespan=lifespan)
    api.router.routes.append(Mount("/engage-webhooks", receiver.asgi_app()))
    return api


@contextmanager
def served(app: Any) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        assert thread.is_alive(), "uvicorn did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.parametrize("framework", ["starlette", "fastapi"])
@pytest.mark.parametrize("path", ["/engage-webhooks", "/engage-webhooks/"])
def test_the_documented_mount_receives_at_the_configured_path(framework: str, path: str) -> None:
    receiver = WebhookReceiver("memory://", secret=SECRET)
    handled: list[str] = []

    @receiver.on(AppointmentWebhookEvent)
    async def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        handled.append(event.id)

    body = appointment_event({"id": "appointment-1"}, event_id="mounted-1")
    with served(documented(framework, receiver)) as root:
        url = root + path
        response = httpx.post(url, params={"key": SECRET}, content=body, headers={"Content-Type": "application/json"})
        wait_for(lambda: bool(handled))
        refused = httpx.post(url, params={"key": SECRET}, content=b"{}", headers={"Content-Type": "application/json"})
        not_post = httpx.get(url, params={"key": SECRET})
    for answer in (response, refused, not_post):
        assert SECRET not in answer.text
        assert all(SECRET not in value for value in answer.headers.values())
    assert (response.status_code, response.json()) == (202, {"status": "accepted"})
    assert refused.status_code == 400
    assert not_post.status_code == 405
    assert handled == ["mounted-1"]
