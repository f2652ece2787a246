"""Ensures of one external id from the workers of one host, with no Redis: one appointment (issue 59, point 2).

`gunicorn --preload -w 3 -k gthread` (three forked workers of four threads), twelve simultaneous
bookings of one external id, three rounds. The workers take turns through lock files in
PEXIP_ENGAGE_LOCK_DIR. Before the lock files, each round made 2-3 appointments and 9 of 12 requests
answered 500 (`DuplicateExternalIdError`). `ENSURE_FAULT_CODE=/path/to/checkout` runs another
checkout's client.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2
import pytest

from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.ensure_bodies import seed_references
from ..support.loopback import free_port, wait_until_listening

pytestmark = [
    pytest.mark.slow,
    pytest.mark.end_to_end,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only"),
]

HERE = Path(__file__).resolve().parent
CODE = Path(os.environ.get("ENSURE_FAULT_CODE") or HERE.parents[1])
AT_ONCE, ROUNDS = 12, 3


def test_gunicorn_preload_workers_without_redis_book_one_external_id_once(tmp_path: Path) -> None:
    fake = seed_references(FakePexipEngage(max_in_flight=None, per_minute=None, latency=0.2))
    port = free_port()
    log = tmp_path / "gunicorn.log"
    with serve(fake) as root, log.open("wb") as output:
        env = {
            **os.environ,
            "ENGAGE_URL": root,
            "PEXIP_ENGAGE_LOCK_DIR": str(tmp_path / "locks"),
            "PYTHONPATH": f"{CODE}{os.pathsep}{HERE}",
        }
        gunicorn = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--preload",
                "-w",
                "3",
                "-k",
                "gthread",
                "--threads",
                "4",
                "-b",
                f"127.0.0.1:{port}",
                "_ensure_wsgi:app",
            ],
            cwd=tmp_path,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_listening(port, gunicorn, "gunicorn")
            answers: list[tuple[int, str]] = []
            for round_ in range(ROUNDS):

                def book(_: int, external_id: str = f"RACE-{round_}") -> tuple[int, str]:
                    answer = httpx2.get(f"http://127.0.0.1:{port}/?{external_id}", timeout=60)
                    return answer.status_code, answer.text

                with ThreadPoolExecutor(AT_ONCE) as pool:
                    answers += pool.map(book, range(AT_ONCE))
        finally:
            gunicorn.terminate()
            gunicorn.wait(20)
    per_id = Counter(str(item.get("externalId")) for item in fake.appointments.values())
    statuses = Counter(status for status, _ in answers)
    print(f"\ngunicorn --preload -w 3 -k gthread, no Redis: {dict(per_id)}; answers {dict(statuses)}")
    assert per_id == Counter({f"RACE-{n}": 1 for n in range(ROUNDS)}), log.read_text()[-2000:]
    assert statuses == Counter({200: AT_ONCE * ROUNDS}), [text for status, text in answers if status != 200][:3]
    assert len({text.split(" ")[1] for _, text in answers}) >= 2  # more than one worker answered
