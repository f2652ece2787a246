"""A real redis-server that a test stops and starts again on the same port: a Redis restart, or an outage."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..support.loopback import free_port
from ..support.redis_server import INSTALL_HINT


class RestartableRedis:
    """redis-server on one loopback port, with no disk state: `stop()` loses every key, as a restart does.

    With `persistent=True` every write is in its append-only file before it is answered, and a
    restart keeps every key: a broker restarted, as a queue's is.
    """

    def __init__(self, directory: Path, *, persistent: bool = False) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError(INSTALL_HINT)
        self._binary = binary
        self._directory = directory
        self._persistent = persistent
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [self._binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        aof = ["--appendonly", "yes", "--appendfsync", "always"] if self._persistent else ["--appendonly", "no"]
        command += [*aof, "--dir", str(self._directory)]
        self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not self._answers():
            if self._process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.02)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None

    def freeze(self, seconds: float) -> None:
        """Stop the server (SIGSTOP) for `seconds`, its keys kept: a stalled Redis, then SIGCONT."""
        assert self._process is not None
        self._process.send_signal(signal.SIGSTOP)
        try:
            time.sleep(seconds)
        finally:
            self._process.send_signal(signal.SIGCONT)

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@contextmanager
def restartable_redis(directory: Path) -> Iterator[RestartableRedis]:
    """A started `RestartableRedis`, stopped at the end of the block."""
    redis = RestartableRedis(directory)
    redis.start()
    try:
        yield redis
    finally:
        redis.stop()
