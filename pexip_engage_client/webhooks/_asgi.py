"""The receiver as a plain ASGI callable: no web framework needed, mountable in any.

It answers POSTs on any path, reads the body only up to the size limit (`_accepting.py`), and never
logs nor echoes the secret. It starts the receiver at lifespan start, else on the first request.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, TypeAlias

from ._accepting import Answer, Face, before_body, key_of, too_large

Scope: TypeAlias = MutableMapping[str, Any]
Message: TypeAlias = MutableMapping[str, Any]
Receive: TypeAlias = Callable[[], Awaitable[Message]]
Send: TypeAlias = Callable[[Message], Awaitable[None]]
ASGIApp: TypeAlias = Callable[[Scope, Receive, Send], Awaitable[None]]


class ReceiverApp:
    """The ASGI application of one receiver: an instance, which `Route(path, app)` serves as ASGI (a
    function it would call as `endpoint(request)`). The key is compared in a frame of its own and the
    scope kept has no query string: no frame an exception passes holds the secret (reporters record locals).
    """

    def __init__(self, receiver: Face, *, handle: bool = True) -> None:
        self._receiver = receiver
        self._start = functools.partial(receiver.start, handle=handle)  # False: only stores; workers handle

    def __repr__(self) -> str:
        return f"ReceiverApp({self._receiver!r})"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(self._receiver, self._start, receive, send)
            return
        if scope["type"] != "http":
            return
        authentic = self._receiver._acceptor.authentic(_key(scope))
        scope = {name: value for name, value in scope.items() if name != "query_string"}
        await self._http(scope, authentic, receive, send)

    async def _http(self, scope: Scope, authentic: bool, receive: Receive, send: Send) -> None:
        headers = {name.lower(): value for name, value in scope.get("headers", [])}
        acceptor, limit = self._receiver._acceptor, self._receiver.max_body_size
        declared = headers.get(b"content-length", b"").decode("latin-1")
        client = scope.get("client")
        source = str(client[0]) if client else None  # the sender's address, which the refusals' log names
        refusal = before_body(scope["method"], authentic, declared, limit)
        if refusal is not None:
            await _answer(send, await acceptor.refused(refusal, source, start=self._start))
            return
        body = await _read(receive, limit)
        if body is None:  # the sender went away
            return
        if len(body) > limit:
            await _answer(send, await acceptor.refused(too_large(limit), source, start=self._start))
            return
        content_type = headers.get(b"content-type", b"").decode("latin-1")
        await _answer(send, await acceptor.accept(body, content_type, start=self._start, source=source))


async def _read(receive: Receive, limit: int) -> bytes | None:
    """The body, read no further than past `limit`; None when the sender disconnected."""
    body = bytearray()
    while len(body) <= limit:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    return bytes(body)


def _key(scope: Scope) -> str | None:
    """The `key` query parameter; called where nothing can raise before the frame ends."""
    return key_of(scope.get("query_string", b"").decode("latin-1"))


async def _lifespan(receiver: Face, start: Callable[[], Awaitable[None]], receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            try:
                await start()
            except Exception as error:
                await send({"type": "lifespan.startup.failed", "message": f"{type(error).__name__}: {error}"})
                return
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await receiver.stop()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def _answer(send: Send, answer: Answer) -> None:
    headers = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in answer.headers]
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body})
