"""The WSGI face and `receive_sync` in this process: each store's insert from a thread is the async
store's (one id kept once, across both), the body is read no further than the limit however it
is framed, no frame an exception leaves holds the key, and a store the face cannot use is refused
when the app is made."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from contextlib import ExitStack
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import Answer, Arrival, WebhookReceiver, WebhookStore
from pexip_engage_client.webhooks._accepting import ThreadIntake
from pexip_engage_client.webhooks._stores import store_from_url

from ..support.leaks import secret_leaks
from ..support.loopback import free_port
from ..support.redis_server import redis_server

KEY = "wsgi-key-s3cr3t"
BODY = appointment_event({"id": "appointment-1"}, event_id="wsgi-1")


def environ(body: bytes = BODY, *, query: str = f"key={KEY}", length: bool = True, **extra: Any) -> dict[str, Any]:
    given: dict[str, Any] = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/engage-webhooks",
        "QUERY_STRING": query,
        "CONTENT_TYPE": "application/json",
        "wsgi.input": io.BytesIO(body),
    }
    if length:
        given["CONTENT_LENGTH"] = str(len(body))
    return {**given, **extra}


def call(app: Callable[..., Any], env: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
    started: list[tuple[str, list[tuple[str, str]]]] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
        started.append((status, headers))
        return lambda data: None

    body = b"".join(app(env, start_response))
    return started[0][0], started[0][1], body


def thread_intake(store: WebhookStore, url: str) -> Callable[..., int | None]:
    """The WSGI face's insert of a receiver of `url` whose store is `store`: blocking, from a thread."""
    receiver = WebhookReceiver(url, secret=KEY)
    receiver.store = store
    intake = ThreadIntake(receiver)
    return lambda *args, **kwargs: intake.run(intake.opened().add(*args, **kwargs))


async def test_the_sync_insert_is_the_async_stores_own(store: WebhookStore, any_store_url: str) -> None:
    add_sync = thread_intake(store, any_store_url)
    first = await asyncio.to_thread(add_sync, "a", b"{}", subject="s", updated_at=5, now=1.0)
    assert first is not None
    assert await store.add("a", b"{}", subject="s", updated_at=5, now=1.0) is None  # known, whoever stored it
    second = await store.add("b", b"{}", subject="s", updated_at=6, now=1.0)
    assert second is not None
    assert second > first
    assert await asyncio.to_thread(add_sync, "b", b"{}", subject="s", updated_at=6, now=1.0) is None
    claimed = await store.claim("a", "me", 2.0, 30)
    assert claimed is not None
    assert (claimed.id, claimed.subject, claimed.updated_at, claimed.position) == ("a", "s", 5, first)
    assert await store.claim("b", "other", 2.0, 30) is None  # its turn comes after a's, stored by the other face


def test_the_wsgi_face_stores_and_answers_as_the_receiver_says(tmp_path: Path) -> None:
    receiver = WebhookReceiver(f"sqlite:///{tmp_path}/events.db", secret=KEY)
    seen: list[Arrival] = []
    receiver.observe(seen.append)
    app = receiver.wsgi_app()
    status, headers, body = call(app, environ())
    assert (status, body) == ("202 Accepted", b'{"status": "accepted"}')
    assert headers == Answer(202, "accepted").headers
    assert call(app, environ())[0] == "200 OK"
    assert [(arrival.event.id, arrival.duplicate) for arrival in seen] == [("wsgi-1", False), ("wsgi-1", True)]
    assert receiver.receive_sync(BODY, key="wrong") == Answer(
        401, "the request must carry the shared secret as the query parameter `key`"
    )


@pytest.mark.parametrize(
    ("body", "options", "status"),
    [
        (BODY, {"length": False, "wsgi.input_terminated": True}, 202),  # chunked, read to its end
        (b" " * 2049, {"length": False, "wsgi.input_terminated": True}, 413),
        (BODY, {"length": False}, 400),  # no length, no end: no body (PEP 3333)
        (b" " * 2049, {}, 413),  # declared too long: refused unread
        (BODY, {"REQUEST_METHOD": "PUT"}, 405),
    ],
)
def test_the_body_is_read_no_further_than_the_limit(body: bytes, options: dict[str, Any], status: int) -> None:
    receiver = WebhookReceiver("memory://", secret=KEY, max_body_size=2048)
    env = environ(body, **options)
    stream = env["wsgi.input"]
    # The reason phrase is the running Python's (3.13 calls 413 "Content Too Large", after RFC 9110).
    assert call(receiver.wsgi_app(), env)[0] == f"{status} {HTTPStatus(status).phrase}"
    assert stream.tell() <= 2049


def test_a_failing_start_response_leaves_no_key_in_the_traceback() -> None:
    app = WebhookReceiver("memory://", secret=KEY).wsgi_app()

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        raise OSError("the client went away")

    with pytest.raises(OSError, match="went away") as caught:
        app(environ(), start_response)
    assert secret_leaks(caught.value, [KEY]) == []


def test_a_store_that_cannot_open_is_a_503(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    receiver = WebhookReceiver(f"sqlite:///{tmp_path}/file/events.db", secret=KEY)
    status, _, body = call(receiver.wsgi_app(), environ())
    assert (status, body) == (
        "503 Service Unavailable",
        b'{"error": "the receiver\'s store cannot be reached; retry later"}',
    )


async def test_redis_that_cannot_be_reached_is_the_same_503_on_both_faces() -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    answer = WebhookReceiver(url, secret=KEY).receive_sync(BODY, key=KEY)
    assert answer.status == 503
    assert answer == await WebhookReceiver(url, secret=KEY).receive(BODY, key=KEY)


def test_a_store_the_face_cannot_use_is_refused_when_the_app_is_made() -> None:
    class AsyncOnly:
        async def add(self, *args: Any, **kwargs: Any) -> int | None:
            return None

    receiver = WebhookReceiver(store_from_url("memory://"), secret=KEY)
    receiver.store = AsyncOnly()  # type: ignore[assignment]
    with pytest.raises(TypeError, match="open, add and close"):
        receiver.wsgi_app()


@pytest.mark.end_to_end
async def test_a_redis_outage_after_opening_is_the_same_503_on_both_faces(tmp_path: Path) -> None:
    with ExitStack() as server:
        url = server.enter_context(redis_server(tmp_path))
        wsgi_side = WebhookReceiver(url, secret=KEY)
        # From a thread of its own, as a WSGI server calls it: never on the event loop's thread.

        async def receive_sync(body: bytes, key: str) -> Answer:
            return await asyncio.to_thread(wsgi_side.receive_sync, body, key=key)

        async with WebhookReceiver(url, secret=KEY) as asgi_side:
            assert (await receive_sync(BODY, key=KEY)).status == 202
            assert (await asgi_side.receive(BODY, key=KEY)).status == 200  # stored by the other face
            server.close()  # redis-server stops
            during = appointment_event({"id": "appointment-2"}, event_id="during")
            answer = await receive_sync(during, key=KEY)
            assert answer == Answer(503, "the event could not be stored; retry later")
            assert answer == await asgi_side.receive(during, key=KEY)
