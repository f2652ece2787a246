"""A module-level client used before the fork, under the servers that fork: gunicorn and Celery.

A client made and used at import time in gunicorn's `--preload` master, or in a Celery prefork
worker's main process, is copied into every worker. Before each process had a sender of its own,
2-4 of 40 requests to a Flask app under `gunicorn --preload` answered another request's body, and
Celery's children saw "illegal status line". Here the real servers run against the served fake:
every answer must be the appointment asked for, from more than one worker, in bounded time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx2
import pytest

from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.loopback import free_port, wait_until_listening
from ..support.redis_server import redis_server

pytestmark = [
    pytest.mark.slow,
    pytest.mark.end_to_end,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only"),
]

ROOT = Path(__file__).resolve().parents[2]
_REQUESTS = 120


@pytest.fixture(scope="module")
def engage_env() -> Iterator[tuple[dict[str, str], list[str]]]:
    """The served fake (its limits off: every worker has its own governor), and the env naming it."""
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)
    ids = [fake.add_appointment(status="INCOMING_REQUEST")["id"] for _ in range(40)]
    with serve(fake) as root:
        yield {**os.environ, "ENGAGE_URL": root, "ENGAGE_FIRST_ID": ids[0]}, ids


@contextmanager
def _running(command: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _check(asked: list[str], answers: list[str], log: Path) -> set[str]:
    """Every answer is `<the id asked for> <pid>`: the pids that answered."""
    wrong = [(want, got) for want, got in zip(asked, answers, strict=True) if got.split(" ")[0] != want]
    assert wrong == [], f"{len(wrong)} of {len(asked)} wrong, e.g. {wrong[:3]}; log: {log.read_text()[-2000:]}"
    return {answer.split(" ")[1] for answer in answers}


def test_gunicorn_preload_with_three_workers_answers_every_request_with_its_own_body(
    engage_env: tuple[dict[str, str], list[str]], tmp_path: Path
) -> None:
    env, ids = engage_env
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--preload",
        "-w",
        "3",
        "-b",
        f"127.0.0.1:{port}",
        "tests.processes._preload_wsgi:app",
    ]
    log = tmp_path / "gunicorn.log"
    with _running(command, env, log) as gunicorn:
        wait_until_listening(port, gunicorn, "gunicorn")
        asked = [ids[n % len(ids)] for n in range(_REQUESTS)]
        started = time.monotonic()

        def ask(appointment_id: str) -> str:  # a connection per request, as browsers behind a proxy
            return httpx2.get(f"http://127.0.0.1:{port}/?{appointment_id}", timeout=30).text

        with ThreadPoolExecutor(max_workers=6) as pool:
            answers = list(pool.map(ask, asked))
        seconds = time.monotonic() - started
    pids = _check(asked, answers, log)
    assert len(pids) >= 2, f"one worker answered everything: {pids}"
    assert seconds < 60
    assert b"illegal status line" not in log.read_bytes()


def test_a_celery_prefork_worker_answers_every_task_with_its_own_body(
    engage_env: tuple[dict[str, str], list[str]], tmp_path: Path
) -> None:
    env, ids = engage_env
    with redis_server(tmp_path) as redis_url:
        env = {**env, "CELERY_REDIS_URL": redis_url}
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tests.processes._celery_tasks",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            "3",
            "--loglevel",
            "warning",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        log = tmp_path / "celery.log"
        with _running(command, env, log):
            from celery import Celery  # type: ignore[import-untyped]

            sender = Celery("sender", broker=redis_url, backend=redis_url)
            asked = [ids[n % len(ids)] for n in range(_REQUESTS)]
            started = time.monotonic()
            results = [sender.send_task("preforked.read", args=[appointment_id]) for appointment_id in asked]
            answers = [str(result.get(timeout=60)) for result in results]
            seconds = time.monotonic() - started
            sender.close()
    pids = _check(asked, answers, log)
    assert len(pids) >= 2, f"one pool process ran everything: {pids}"
    assert seconds < 60
    assert b"illegal status line" not in log.read_bytes()
