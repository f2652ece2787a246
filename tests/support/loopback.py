"""A real HTTP server on 127.0.0.1 for tests: uvicorn in a thread, serving an ASGI app."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import httpx2
import uvicorn

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Linux's table of IPv4 TCP connections, where a test sees what no client or server tells it.
TCP_TABLE = Path("/proc/net/tcp")


async def unavailable(scope: Scope, receive: Receive, send: Send) -> None:
    """A receiver that is down: every delivery answered 503, as a store outage is, so that Engage's
    three attempts are spent and the event is lost."""
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 503, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def transport_app(transport: httpx2.AsyncBaseTransport) -> ASGIApp:
    """An ASGI app that answers each HTTP request with what `transport` answers."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = [(name.decode("latin-1"), value.decode("latin-1")) for name, value in scope["headers"]]
        query = scope.get("query_string", b"")
        url = httpx2.URL(scheme="http", host="127.0.0.1", path=scope["path"], query=query)
        response = await transport.handle_async_request(
            httpx2.Request(scope["method"], url, headers=headers, content=body)
        )
        content = await response.aread()
        await send(
            {
                "type": "http.response.start",
                "status": response.status_code,
                "headers": [
                    (name.encode("latin-1"), value.encode("latin-1"))
                    for name, value in response.headers.items()
                    if name.lower() not in ("content-length", "transfer-encoding")
                ]
                + [(b"content-length", str(len(content)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": content})

    return app


def established(port: int, *, server_side: bool, this_process: bool = False) -> list[int]:
    """The established IPv4 connections to 127.0.0.1:`port`, from Linux's TCP table (`TCP_TABLE`):
    their server's side (accepted or still in the listen backlog) or their clients' side; the bytes
    each has received that its owner has not read yet.

    `this_process`: only the sockets this process holds. The table is the machine's: a test in another
    worker that connects to a port it found free (`free_port`) reaches a server that took the port since.
    """
    ours = f"0100007F:{port:04X}"
    held = _socket_inodes() if this_process else None
    unread = []
    for line in TCP_TABLE.read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, state, queues, inode = fields[1], fields[2], fields[3], fields[4], fields[9]
        if (local if server_side else remote) != ours or state != "01":  # 01: ESTABLISHED
            continue
        if held is None or inode in held:
            unread.append(int(queues.split(":")[1], 16))
    return unread


def _socket_inodes() -> set[str]:
    """The inodes of the sockets this process holds (`/proc/self/fd` links read `socket:[inode]`)."""
    inodes = set()
    for descriptor in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(descriptor)
        except OSError:  # closed since it was listed
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def free_port() -> int:
    """A loopback port that nothing listens on now: to start a server on, or to have a connection refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_listening(port: int, process: subprocess.Popen[Any], what: str) -> None:
    """Return once `process` (or a process it started) listens on the loopback `port`; RuntimeError naming `what`
    if `process` exits first or 20 s pass.

    Whose listener it is matters: between `free_port()` and the server's bind, another test's server (another
    xdist worker) may take the same port; this one then fails to bind, and a test that only connected would talk
    to the other server. On Linux the listening socket is found among the process tree's descriptors; elsewhere a
    connection that succeeds while `process` runs is taken for it."""
    deadline = time.monotonic() + 20
    while True:
        if process.poll() is None and _listening(port, process.pid):
            return
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start")
        time.sleep(0.05)


def _listening(port: int, pid: int) -> bool:
    """Whether the process `pid`, or one of its descendants, holds a socket listening on the loopback `port`."""
    if not Path("/proc/net/tcp").exists():
        with socket.socket() as attempt:
            return attempt.connect_ex(("127.0.0.1", port)) == 0
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:] if Path(table).exists() else ():
            fields = line.split()
            if fields[1].rsplit(":", 1)[1] == f"{port:04X}" and fields[3] == "0A":  # 0A: LISTEN
                inodes.add(f"socket:[{fields[9]}]")
    return bool(inodes) and any(_holds(pid, inodes) for pid in _tree(pid))


def _tree(root: int) -> list[int]:
    """`root` and every process descended from it, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # ended meanwhile
            children.setdefault(parent, []).append(int(entry.name))
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children.get(pid, ()))
    return found


def _holds(pid: int, inodes: set[str]) -> bool:
    try:
        descriptors = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for descriptor in descriptors:
        try:
            if os.readlink(descriptor) in inodes:
                return True
        except OSError:
            continue
    return False


@contextmanager
def serve(app: ASGIApp, *, lifespan: Literal["on", "off"] = "off") -> Iterator[str]:
    """Serve `app` on a free loopback port for the duration of the block; yields its root URL.

    With `lifespan="on"`, uvicorn runs the app's startup before the first request and its shutdown
    at the end of the block, as a deployment would.
    """
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan=lifespan)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the loopback server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
