"""The receiver as a plain WSGI application (PEP 3333): no web framework, no event loop.

It does what the ASGI app does up to the answer, by the same rules (`_accepting.py`) and with the same
durable insert (`Acceptor.accept_sync`); it runs no handler. Every server thread may call it at once
(gunicorn's gthread worker). The key is compared in a frame of its own, and the environ kept is one
without the query string.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from http import HTTPStatus
from types import TracebackType
from typing import Any, Protocol, TypeAlias

from ._accepting import Answer, Face, before_body, key_of, too_large

Environ: TypeAlias = dict[str, Any]
_ExcInfo: TypeAlias = tuple[type[BaseException], BaseException, TracebackType | None]
_CHUNK = 64 * 1024


class StartResponse(Protocol):
    def __call__(
        self, status: str, headers: list[tuple[str, str]], exc_info: _ExcInfo | None = ..., /
    ) -> Callable[[bytes], object]: ...


WSGIApplication: TypeAlias = Callable[[Environ, StartResponse], Iterable[bytes]]


class ReceiverWSGIApp:
    """The WSGI application of one receiver; answers POSTs on any path it is routed to."""

    def __init__(self, receiver: Face) -> None:
        self._receiver = receiver

    def __repr__(self) -> str:
        return f"ReceiverWSGIApp({self._receiver!r})"

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        authentic = self._receiver._acceptor.authentic(key_of(environ.get("QUERY_STRING", "")))
        environ = {name: value for name, value in environ.items() if name != "QUERY_STRING"}
        answer = self._answer(environ, authentic)
        start_response(f"{answer.status} {HTTPStatus(answer.status).phrase}", answer.headers)
        return [answer.body]

    def _answer(self, environ: Environ, authentic: bool) -> Answer:
        acceptor, limit = self._receiver._acceptor, self._receiver.max_body_size
        source = environ.get("REMOTE_ADDR") or None  # the sender's address, which the refusals' log names
        refusal = before_body(environ.get("REQUEST_METHOD", ""), authentic, environ.get("CONTENT_LENGTH"), limit)
        if refusal is not None:
            return acceptor.refused_sync(refusal, source)
        body = _read(environ, limit)
        if body is None:
            return acceptor.refused_sync(too_large(limit), source)
        return acceptor.accept_sync(body, environ.get("CONTENT_TYPE"), source=source)


def _read(environ: Environ, limit: int) -> bytes | None:
    """The body, or None when it is longer than `limit` (read no further than one byte past it).

    With a `Content-Length` (already known to be within the limit) exactly that many bytes; without
    one, to the end only when the server says the stream ends there (`wsgi.input_terminated`, a
    chunked body), else nothing, as PEP 3333 asks.
    """
    stream = environ["wsgi.input"]
    declared = (environ.get("CONTENT_LENGTH") or "").strip()
    if declared.isdigit():
        wanted = int(declared)
    elif environ.get("wsgi.input_terminated"):
        wanted = limit + 1
    else:
        return b""
    body = bytearray()
    while len(body) < wanted:
        chunk = stream.read(min(_CHUNK, wanted - len(body)))
        if not chunk:
            break
        body += chunk
    return None if len(body) > limit else bytes(body)
