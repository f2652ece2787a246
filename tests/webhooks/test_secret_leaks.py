"""An exception leaving the receiver's ASGI app carries no secret: not in a frame local of its
traceback (what Sentry and `--showlocals` record), nor in an exception it chains, nor in any answer."""

from __future__ import annotations

from typing import Any

import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import WebhookReceiver
from pexip_engage_client.webhooks._stores._memory import MemoryStore

from ..support.leaks import secret_leaks

SECRET = "leak-key-s3cr3t"
BODY = appointment_event({"id": "appointment-1"}, event_id="leak-1")


def scope() -> dict[str, Any]:
    return {
        "type": "http",
        "method": "POST",
        "path": "/engage-webhooks",
        "raw_path": b"/engage-webhooks",
        "query_string": f"key={SECRET}".encode(),
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(BODY)).encode())],
    }


async def receive_body() -> dict[str, Any]:
    return {"type": "http.request", "body": BODY, "more_body": False}


class BrokenOpen(MemoryStore):
    async def open(self) -> None:
        raise ConnectionError("the store cannot be reached")


async def call(app: Any, receive: Any, send: Any) -> BaseException:
    with pytest.raises(BaseException) as caught:  # noqa: PT011 - whatever escapes is what is examined
        await app(scope(), receive, send)
    return caught.value


async def test_a_failing_send_leaves_no_secret_in_the_traceback() -> None:
    async with WebhookReceiver("memory://", secret=SECRET) as receiver:

        async def send(message: Any) -> None:
            raise OSError("the client went away")

        error = await call(receiver.asgi_app(), receive_body, send)
    assert isinstance(error, OSError)
    assert secret_leaks(error, [SECRET]) == []


async def test_a_failing_receive_leaves_no_secret_in_the_traceback() -> None:
    async with WebhookReceiver("memory://", secret=SECRET) as receiver:

        async def receive() -> dict[str, Any]:
            raise RuntimeError("the connection broke")

        async def send(message: Any) -> None:
            return None

        error = await call(receiver.asgi_app(), receive, send)
    assert isinstance(error, RuntimeError)
    assert secret_leaks(error, [SECRET]) == []


async def test_a_store_that_cannot_open_is_a_503_not_an_escaped_exception() -> None:
    receiver = WebhookReceiver(BrokenOpen(), secret=SECRET)
    sent: list[dict[str, Any]] = []

    async def send(message: Any) -> None:
        sent.append(message)

    await receiver.asgi_app()(scope(), receive_body, send)
    assert sent[0]["status"] == 503
    assert all(SECRET.encode() not in repr(message).encode() for message in sent)
