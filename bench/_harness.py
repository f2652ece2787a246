"""Shared benchmark plumbing: a server subprocess on a free loopback port, and a timer."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx


@contextlib.contextmanager
def server(latency: float, items: int) -> Iterator[str]:
    """Run bench/_server.py in its own process; yield its root URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "bench._server", str(port), str(latency), str(items)])
    root = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"{root}/enterprises/bench/appointments/1", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the benchmark server did not start") from None
                time.sleep(0.1)
        yield root
    finally:
        process.terminate()
        process.wait(timeout=10)
