"""`webhooks listen` receives what `webhooks send` sends: each event printed once it is stored,
repeats marked as such, the secret checked and never printed."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
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
def test_listen_takes_both_secrets_of_a_rotation_and_prints_neither(
    clean_environment: Path, cli: Cli, tmp_path: Path
) -> None:
    new, old = "listen-new-s3cr3t", "listen-old-s3cr3t"
    old_file = tmp_path / "old-secret"
    old_file.write_text(old + "\n", encoding="utf-8")
    new_file = tmp_path / "new-secret"
    new_file.write_text(new + "\n", encoding="utf-8")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    listener = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pexip_engage_cli",
            "webhooks",
            "listen",
            "--port",
            str(port),
            "--secret-file",
            str(new_file),
            "--secret-file",
            str(old_file),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        wait_until_listening(port, listener, "the listener")
        with_new = cli("webhooks", "send", "--to", f"http://127.0.0.1:{port}/?key={new}")
        with_old = cli("webhooks", "send", "--to", f"http://127.0.0.1:{port}/?key={old}")
        wrong = cli("webhooks", "send", "--to", f"http://127.0.0.1:{port}/?key=listen-bad-s3cr3t")
    finally:
        listener.send_signal(signal.SIGINT)
        out, err = listener.communicate(timeout=20)
    assert (with_new.code, with_old.code, wrong.code) == (0, 0, 1)
    assert len(out.splitlines()) == 2  # the two accepted deliveries
    for secret in (new, old, "listen-bad-s3cr3t"):
        assert secret not in out + err


@pytest.mark.slow
def test_listen_prints_each_event_sent_and_marks_repeats(clean_environment: Path, cli: Cli) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_WEBHOOK_SECRET": SECRET}
    listener = subprocess.Popen(
        [sys.executable, "-m", "pexip_engage_cli", "webhooks", "listen", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
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


@pytest.mark.slow
def test_listen_on_port_0_prints_the_port_it_bound(clean_environment: Path, cli: Cli) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_WEBHOOK_SECRET": SECRET}
    listener = subprocess.Popen(
        [sys.executable, "-m", "pexip_engage_cli", "webhooks", "listen", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert listener.stderr is not None
        first = listener.stderr.readline()  # printed, flushed, before the server starts
        found = re.fullmatch(r"Listening on http://127\.0\.0\.1:(\d+)/\?key=<the secret> \(Ctrl-C to stop\)\n", first)
        assert found, first
        port = int(found.group(1))
        assert port != 0
        wait_until_listening(port, listener, "the listener")
        sent = cli("webhooks", "send", "--to", f"http://127.0.0.1:{port}/?key={SECRET}")
        assert sent.code == 0, sent.err
    finally:
        listener.send_signal(signal.SIGINT)
        out, _ = listener.communicate(timeout=20)
    assert [json.loads(line)["eventType"] for line in out.splitlines()] == ["CREATE"]


def test_a_port_it_cannot_bind_is_a_command_error(
    clean_environment: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_WEBHOOK_SECRET", SECRET)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        refused = cli("webhooks", "listen", "--port", str(port))
    assert refused.code != 0
    assert f"cannot listen on 127.0.0.1:{port}" in refused.err


def test_several_secrets_come_from_repeated_files_or_a_comma_separated_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argparse

    from pexip_engage_cli._exit import CommandError
    from pexip_engage_cli._listen import secrets_given

    new, old = tmp_path / "new", tmp_path / "old"
    new.write_text("new-s3cr3t\n", encoding="utf-8")
    old.write_text("old-s3cr3t\n\nolder-s3cr3t\n", encoding="utf-8")
    monkeypatch.setenv("PEXIP_ENGAGE_WEBHOOK_SECRET", "ignored-when-files-are-given")
    given = secrets_given(argparse.Namespace(secret_file=[str(new), str(old)]))
    assert given == ["new-s3cr3t", "old-s3cr3t", "older-s3cr3t"]
    monkeypatch.setenv("PEXIP_ENGAGE_WEBHOOK_SECRET", " new-s3cr3t , old-s3cr3t ")
    assert secrets_given(argparse.Namespace(secret_file=None)) == ["new-s3cr3t", "old-s3cr3t"]
    empty = tmp_path / "empty"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(CommandError, match="holds no secret"):
        secrets_given(argparse.Namespace(secret_file=[str(empty)]))
    monkeypatch.setenv("PEXIP_ENGAGE_WEBHOOK_SECRET", ",")
    with pytest.raises(CommandError, match="needs the shared secret") as caught:
        secrets_given(argparse.Namespace(secret_file=None))
    assert "s3cr3t" not in str(caught.value)
