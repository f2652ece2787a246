"""`webhooks listen` receives what `webhooks send` sends: each event printed once it is stored,
repeats marked as such, the secret checked and never printed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ..support.cli import Cli
from ..support.loopback import free_port, wait_until_listening
from ..support.spec import ROOT

SECRET = "listen-secret-never-printed"

pytestmark = [pytest.mark.main_python_only, pytest.mark.end_to_end]


@pytest.mark.slow
def test_listen_prints_each_event_sent_and_marks_repeats(clean_environment: Path, cli: Cli) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_WEBHOOK_SECRET": SECRET}
    listener = subprocess.Popen(
        [sys.executable, "-m", "pexip_engage_cli", "webhooks", "listen", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        wait_until_listening(port, listener, "the listener")
        sent = cli("webhooks", "send", "--to", f"http://127.0.0.1:{port}/?key={SECRET}", "--duplicates", "1")
        assert sent.code == 0, sent.err
        refused = cli("webhooks", "send", "--to", f"http://127.0.0.1:{port}/?key=wrong")
        assert refused.code == 1
    finally:
        listener.send_signal(signal.SIGINT)
        out, err = listener.communicate(timeout=20)
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["duplicate"] for line in lines] == [False, True]
    assert lines[0]["id"] == lines[1]["id"] == json.loads(sent.out.splitlines()[0])["id"]
    assert lines[0]["eventType"] == "CREATE"
    assert SECRET not in out + err + sent.out + sent.err
