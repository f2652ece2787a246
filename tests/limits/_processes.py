"""Worker processes (tests/limits/_worker.py) started together and read back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


class Workers:
    """Processes that each printed "ready" and wait for `go()` to start together."""

    def __init__(self, processes: list[subprocess.Popen[str]]) -> None:
        self.processes = processes
        self.went = 0.0

    def go(self) -> None:
        self.went = time.time()  # nothing a process does after "go" can be earlier
        for process in self.processes:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()

    def wait_for_line(self, process: subprocess.Popen[str], expected: str) -> None:
        """Read the process's next line (an exiting process ends it empty), which must be `expected`."""
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        assert line == expected, f"worker said {line!r}, expected {expected!r}"

    def results(self, timeout: float = 120) -> list[dict[str, Any]]:
        """The JSON line each process printed last, once every one has exited successfully."""
        found = []
        for process in self.processes:
            out, _ = process.communicate(timeout=timeout)
            assert process.returncode == 0, f"a worker failed (exit {process.returncode})"
            found.append(json.loads(out.strip().splitlines()[-1]))
        return found


@contextmanager
def workers(
    commands: list[list[str]], *, redis_url: str, key: str | None = None, env: dict[str, str] | None = None
) -> Iterator[Workers]:
    """Start one `_worker` process per argument list (after its mode), all on `redis_url` and `key`.

    `env`: more environment variables for every process.
    """
    env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    worker = [sys.executable, "-m", "tests.limits._worker"]
    processes = [
        subprocess.Popen(
            [*worker, *command, "--redis", redis_url, *([] if key is None else ["--key", key])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for command in commands
    ]
    started = Workers(processes)
    try:
        for process in processes:
            started.wait_for_line(process, "ready")
        yield started
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
            process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()
