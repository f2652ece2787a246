"""The receiver as a plain ASGI callable: no web framework needed, mountable in any.

It answers POSTs on any path (where it is mounted is the caller's choice), reads the body only up
to the size limit (a larger declared `Content-Length` is refused before reading), and takes the
secret from the query string, which it never logs. With a lifespan (uvicorn running it directly)
it starts and stops the receiver; mounted in an app that does not pass lifespan events on, it
starts on the first request.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import TYPE_CHECKING, Any, TypeAlias
from urllib.parse import parse_qsl

if TYPE_CHECKING:
    from ._receiver import Answer, WebhookReceiver

Scope: TypeAlias = MutableMapping[str, Any]
Message: TypeAlias = MutableMapping[str, Any]
Receive: TypeAlias = Callable[[], Awaitable[Message]]
Send: TypeAlias = Callable[[Message], Awaitable[None]]
ASGIApp: TypeAlias = Callable[[Scope, Receive, Send], Awaitable[None]]


def asgi_app(receiver: WebhookReceiver) -> ASGIApp:
    from ._receiver import Answer  # noqa: PLC0415 - a cycle at import time otherwise

    async def app(scope: Scope, receive: Receive, send: Send) -> None:  # noqa: PLR0911 - one answer per refusal
        if scope["type"] == "lifespan":
            await _lifespan(receiver, receive, send)
            return
        if scope["type"] != "http":
            return
        if scope["method"] != "POST":
            await _answer(send, Answer(405, "webhook deliveries are POSTed"), [(b"allow", b"POST")])
            return
        headers = {name.lower(): value for name, value in scope.get("headers", [])}
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        key = next((value for name, value in query if name == "key"), None)
        declared = headers.get(b"content-length", b"")
        limit = receiver.max_body_size
        if not receiver.authentic(key):
            # Refused before the body is read: an unauthenticated sender costs nothing but the headers.
            await _answer(send, await receiver.receive(b"", key=key, content_type=None))
            return
        if declared.isdigit() and int(declared) > limit:
            await _answer(send, Answer(413, f"the body is larger than {limit} bytes"))
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > limit:
                await _answer(send, Answer(413, f"the body is larger than {limit} bytes"))
                return
            if not message.get("more_body"):
                break
        content_type = headers.get(b"content-type", b"").decode("latin-1")
        await _answer(send, await receiver.receive(bytes(body), key=key, content_type=content_type))

    return app


async def _lifespan(receiver: WebhookReceiver, receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            try:
                await receiver.start()
            except Exception as error:
                await send({"type": "lifespan.startup.failed", "message": f"{type(error).__name__}: {error}"})
                return
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await receiver.stop()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def _answer(send: Send, answer: Answer, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    key = "status" if answer.status < 400 else "error"
    content = json.dumps({key: answer.reason}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode())]
    await send({"type": "http.response.start", "status": answer.status, "headers": headers + (extra or [])})
    await send({"type": "http.response.body", "body": content})
