"""A real `redis-server` on a free loopback port (and a unix socket, if asked), started by the tests themselves,
with no disk state."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .loopback import free_port

INSTALL_HINT = (
    "redis-server is not installed; the Redis webhook store is tested against a real one. "
    "Install Debian's package (apt-get install redis-server; `make install` does it when it can) "
    "or put a redis-server on PATH."
)


@contextmanager
def redis_server(directory: Path, *, unix_socket: bool = False) -> Iterator[str]:
    """Run redis-server for the block; yields its URL. Fails (never skips) when it is missing.

    `unix_socket`: it listens on `directory/redis.sock` too, and the URL yielded is `unix://` that socket's path.
    """
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError(INSTALL_HINT)
    port = free_port()
    socket_path = directory / "redis.sock"
    on_socket = ["--unixsocket", str(socket_path), "--unixsocketperm", "700"] if unix_socket else []
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
            *on_socket,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {port}")
            time.sleep(0.02)
        # The socket is bound before the port's first answer (redis-server listens on both before serving).
        yield f"unix://{socket_path}" if unix_socket else f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
