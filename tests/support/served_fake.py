"""`pexip-engage fake serve` in a process of its own, for tests that need the fake outside theirs:
`serving` yields its root URL and the lines it writes, as they come."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .spec import ROOT


@contextmanager
def serving(*options: str) -> Iterator[tuple[str, list[str]]]:
    """`pexip-engage fake serve --port 0 OPTIONS`; yields its root URL and the lines the process wrote:
    its stderr as it comes, the rest once it has stopped. A webhook attempt's line is printed once the
    fake has the receiver's answer, which may be well after the receiver's handler ran: wait for it,
    never for a while. Fails if the process printed a traceback."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "pexip_engage_cli", "fake", "serve", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert server.stdout is not None
    assert server.stderr is not None
    output: list[str] = []
    stderr = server.stderr

    def read() -> None:
        for line in stderr:
            output.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    banner = ""
    try:
        banner = server.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+)/enterprises/", banner)
        assert found, banner + "".join(output)
        yield found.group(1), output
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=10)
        reader.join(timeout=10)
        errors = "".join(output)
        output += [banner, server.stdout.read()]
        server.stdout.close()
        stderr.close()
        assert "Traceback" not in errors
