"""A webhook receiver in its own process (uvicorn serving tests.support.webhook_app), for the
end-to-end tests that kill it or run two of it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .loopback import free_port, wait_until_listening

ROOT = Path(__file__).resolve().parents[2]
SECRET = "receiver-key-s3cr3t"  # the receiver process's secret


def start_receiver(
    store: str, record: Path, *, block: Path | None = None, lease: float = 30.0, handler_delay: float = 0.0
) -> tuple[subprocess.Popen[bytes], str]:
    """Start a receiver process; returns it and its URL once it accepts connections."""
    port = free_port()
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        WEBHOOK_STORE=store,
        WEBHOOK_RECORD=str(record),
        WEBHOOK_LEASE=str(lease),
        WEBHOOK_HANDLER_DELAY=str(handler_delay),
        WEBHOOK_BLOCK=str(block or ROOT / "no-such-file"),
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "tests.support.webhook_app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        wait_until_listening(port, process, "the receiver process")
    except RuntimeError:
        process.kill()
        raise
    return process, f"http://127.0.0.1:{port}/engage-webhooks"


@contextmanager
def receiver_process(store: str, record: Path, **options: object) -> Iterator[str]:
    process, url = start_receiver(store, record, **options)  # type: ignore[arg-type]
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
