"""The one-shot sender (`http_backend="one-shot"`, `_one_shot/_sender.py`) against real loopback
servers: each way an HTTP/1.1 answer can be framed, the client's decoding and errors above it, where
it is refused, and that a call through it runs httpx2 only once something fails. The contract every
sender keeps (TLS, limits, deadlines, secrets) is tests/senders/test_senders.py's, run for it too."""

from __future__ import annotations

import asyncio
import gzip
import json
import ssl
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pexip_engage_client import PexipEngage, SyncPexipEngage, errors
from pexip_engage_client._one_shot._sender import OneShotSender
from pexip_engage_client._runtime.options import Timeouts
from pexip_engage_client._senders._base import OutgoingRequest, ReceivedResponse

from ..support.spec import ROOT

Answer = Callable[[bytes], Awaitable[bytes | None]]  # the request's head and body -> the raw answer


@asynccontextmanager
async def server(answer: Answer) -> AsyncIterator[tuple[str, list[bytes]]]:
    """A loopback server that reads one request per connection and writes what `answer` returns, then closes."""
    seen: list[bytes] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.lower().split(b"\r\n")
            length = next((int(line.split(b":")[1]) for line in lines if line.startswith(b"content-length")), 0)
            request = head + await reader.readexactly(length)
            seen.append(request)
            raw = await answer(request)
            if raw is not None:
                writer.write(raw)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    listening = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = listening.sockets[0].getsockname()[1]
    async with listening:
        yield f"http://127.0.0.1:{port}", seen


def fixed(raw: bytes) -> Answer:
    async def answer(request: bytes) -> bytes:
        return raw

    return answer


EMPLOYEE = {"data": {"id": "e1", "email": "a@example.com", "firstName": "A", "lastName": "B"}}
BODY = json.dumps(EMPLOYEE).encode()
JSON = "Content-Type: application/json"


async def get_employee(root: str, **kwargs: Any) -> Any:
    async with PexipEngage("acme", base_url=root, token="t", http_backend="one-shot", **kwargs) as engage:
        return await engage.get("/employees/e1")


def ok(body: bytes, *headers: str) -> bytes:
    return ("HTTP/1.1 200 OK\r\n" + "".join(h + "\r\n" for h in headers) + "\r\n").encode() + body


@pytest.mark.parametrize(
    "raw",
    [
        ok(BODY, JSON, f"Content-Length: {len(BODY)}"),
        ok(BODY, JSON),  # delimited by the close
        ok(
            b"".join(f"{len(part):x};ext=1\r\n".encode() + part + b"\r\n" for part in (BODY[:10], BODY[10:]))
            + b"0\r\nX-Trailer: 1\r\n\r\n",
            JSON,
            "Transfer-Encoding: chunked",
        ),
        b"HTTP/1.1 100 Continue\r\n\r\n" + ok(gzip.compress(BODY), JSON, "Content-Encoding: gzip"),
    ],
    ids=["content-length", "until-close", "chunked", "interim-and-gzip"],
)
async def test_every_framing_of_an_answer_is_read(raw: bytes) -> None:
    async with server(fixed(raw)) as (root, seen):
        employee = await get_employee(root)
    assert employee == EMPLOYEE
    head = seen[0].split(b"\r\n\r\n")[0].split(b"\r\n")
    assert head[0] == b"GET /enterprises/acme/employees/e1 HTTP/1.1"
    assert b"Connection: close" in head
    assert any(line.lower() == f"host: {root.removeprefix('http://')}".encode() for line in head)
    assert any(line.lower() == b"authorization: bearer t" for line in head)


async def test_a_body_and_query_are_sent_as_the_client_wrote_them() -> None:
    answer = fixed(ok(BODY, f"Content-Length: {len(BODY)}", JSON))
    async with (
        server(answer) as (root, seen),
        PexipEngage("acme", base_url=root, token="t", http_backend="one-shot") as engage,
    ):
        await engage.post("/employees", json={"email": "b@example.com", "firstName": "B", "lastName": "C"})
        await engage.get("/things", params={"q": "a b"})
    head, _, sent = seen[0].partition(b"\r\n\r\n")
    assert head.startswith(b"POST /enterprises/acme/employees HTTP/1.1")
    assert json.loads(sent) == {"email": "b@example.com", "firstName": "B", "lastName": "C"}
    assert seen[1].startswith(b"GET /enterprises/acme/things?q=a+b HTTP/1.1")


async def test_the_host_header_is_the_host_and_port_alone_never_a_urls_credentials() -> None:
    # The client refuses credentials in base_url; below that check, the sender itself writes only
    # the host and port into Host (it once wrote the URL's `user:password@` there).
    answer = fixed(ok(BODY, f"Content-Length: {len(BODY)}", JSON))
    async with server(answer) as (root, seen):
        port = root.rpartition(":")[2]
        sender = OneShotSender(ssl_context=ssl.create_default_context)
        request = OutgoingRequest("GET", f"http://user:hunter2@127.0.0.1:{port}/x", {}, None, Timeouts.seconds(5.0))
        assert (await sender.send(request)).status_code == 200
    head = seen[0].partition(b"\r\n\r\n")[0].split(b"\r\n")
    assert f"Host: 127.0.0.1:{port}".encode() in head
    assert b"hunter2" not in seen[0]
    assert b"user" not in seen[0]


async def test_an_error_status_is_the_clients_error_with_its_body() -> None:
    body = b'{"errors": [{"code": "NOT_FOUND", "message": "no such employee"}]}'
    raw = b"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    async with server(fixed(raw)) as (root, _):
        with pytest.raises(errors.NotFoundError) as caught:
            await get_employee(root)
    assert "no such employee" in str(caught.value)


async def test_a_refused_connection_is_a_connection_error() -> None:
    async with server(fixed(b"")) as (root, _):
        pass  # closed: nothing listens there any more
    with pytest.raises(errors.APIConnectionError):
        await get_employee(root, max_retries=1)


async def test_a_silent_server_times_out_as_a_timeout_error() -> None:
    async def never(request: bytes) -> None:
        await asyncio.sleep(30)

    async with server(never) as (root, _):
        with pytest.raises(errors.APITimeoutError):
            await get_employee(root, timeout=0.3, max_retries=0)


@pytest.mark.parametrize(
    "raw",
    [
        b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{}",
        b"SMTP ready\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nBad header\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type : application/json\r\n\r\n",
        b"HTTP/1.1 20 OK\r\nContent-Length: 2\r\n\r\n{}",
    ],
    ids=["cut-short", "not-http", "malformed-header", "space-before-colon", "two-digit-status"],
)
async def test_a_broken_answer_is_a_connection_error_after_sending(raw: bytes) -> None:
    async with server(fixed(raw)) as (root, seen):
        engage = PexipEngage("acme", base_url=root, token="t", http_backend="one-shot", max_retries=2)
        with pytest.raises(errors.APIConnectionError):
            async with engage:
                await engage.post("/employees", json={"email": "b@example.com"})
    assert len(seen) == 1  # a write whose answer was lost is not sent again


@pytest.mark.end_to_end
def test_a_call_runs_httpx2_only_once_something_fails() -> None:
    # In a process of its own: this one has loaded httpx2 long ago. A call that succeeds makes no
    # httpx2 object (the package's httpx2 stays registered, unrun), nor does an error status, whose
    # error keeps the answer's headers; a connection that fails is told by httpx2's error classes.
    script = """
import asyncio, json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pexip_engage_client import PexipEngage, errors

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        found = self.path.endswith("/e1")
        body = json.dumps({"data": {"id": "e1"}} if found else {"errors": [{"code": "NOT_FOUND"}]}).encode()
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()

def httpx2_ran():
    return type(sys.modules.get("httpx2")).__name__ == "module"

async def main():
    root = f"http://127.0.0.1:{server.server_address[1]}"
    async with PexipEngage("acme", base_url=root, token="t", http_backend="one-shot") as engage:
        found = await engage.get("/employees/e1")
        ran_after_a_call = httpx2_ran()
        try:
            await engage.get("/employees/e2")
        except errors.NotFoundError as error:
            content_type = error.headers["Content-Type"]
        ran_after_an_error_status = httpx2_ran()
    server.shutdown()
    server.server_close()
    async with PexipEngage("acme", base_url=root, token="t", http_backend="one-shot", max_retries=0) as engage:
        try:
            await engage.get("/employees/e1")
        except errors.APIConnectionError:
            pass
    print(json.dumps([found["data"]["id"], ran_after_a_call, content_type, ran_after_an_error_status, httpx2_ran()]))

asyncio.run(main())
"""
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == ["e1", False, "application/json", False, True]


def test_it_is_refused_where_it_cannot_do_what_was_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "example.com")  # no proxy to bypass: fine
    PexipEngage("acme", token="t", http_backend="one-shot")
    monkeypatch.setenv("https_proxy", "http://proxy:3128")
    with pytest.raises(ValueError, match="one-shot' connects directly, and a proxy is configured"):
        PexipEngage("acme", token="t", http_backend="one-shot")
    monkeypatch.setenv("https_proxy", "")  # set but empty: no proxy
    PexipEngage("acme", token="t", http_backend="one-shot")
    with pytest.raises(ValueError, match="one-shot' needs an event loop"):
        SyncPexipEngage("acme", token="t", http_backend="one-shot")
    with pytest.raises(ValueError, match="cannot be used with http_backend='one-shot'"):
        PexipEngage("acme", token="t", http_backend="one-shot", transport=httpx2.MockTransport(lambda request: None))  # type: ignore[arg-type]


_HEADER_NAMES = st.sampled_from([b"Content-Type", b"content-type", b"X-Correlation-Id", b"Set-Cookie", b"SET-COOKIE"])
_HEADER_VALUES = st.sampled_from([b"application/json", b"a=1", b"", b"caf\xc3\xa9", b"\xe9t\xe9", b"x, y"])


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.tuples(_HEADER_NAMES, _HEADER_VALUES), max_size=6))
def test_an_answers_headers_read_without_httpx2_are_what_httpx2_reads(raw: list[tuple[bytes, bytes]]) -> None:
    # An error status's error keeps the answer's headers (`ReceivedResponse.text_headers`): from the
    # raw ones when they are ASCII, which needs no httpx2; through httpx2.Headers otherwise.
    request = OutgoingRequest("GET", "http://127.0.0.1/x", {}, None, Timeouts.seconds(1.0))
    assert ReceivedResponse(404, raw, b"", request).text_headers() == dict(httpx2.Headers(raw).items())
