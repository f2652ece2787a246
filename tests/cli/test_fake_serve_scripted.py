"""`pexip-engage fake serve` as scriptable as the fake in process: webhook delivery duplicated,
reordered, delayed and sped up by options, a delivery lost for good said in its log, and faults
scripted by another process through the control channel."""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx2
import pytest

from ..support.loopback import Receive, Scope, Send, serve
from ..support.served_fake import serving
from ..support.waiting import wait_until
from .test_fake_serve import cli

# Starts servers and processes: left out of `make check`.
pytestmark = [pytest.mark.end_to_end, pytest.mark.main_python_only]

WEBHOOK_SECRET = "webhook-secret-that-must-never-print"
CONTROL_TOKEN = "control-token-that-must-never-print"
API = {"Authorization": "Bearer t"}
SEED = """\
appointments:
  - {id: a1, status: INCOMING_REQUEST}
  - {id: a2, status: INCOMING_REQUEST}
"""


@dataclass
class Hooks:
    """A receiver that notes each POST (when, which appointment) and answers `answer(appointment id)`."""

    answer: Callable[[str], int] = lambda _: 202
    hold: float = 0.0  # seconds before each answer
    arrived: list[tuple[float, str]] = field(default_factory=list)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        appointment = json.loads(body)["data"]["appointment"]["id"]
        self.arrived.append((time.monotonic(), appointment))
        if self.hold:
            await asyncio.sleep(self.hold)
        await send({"type": "http.response.start", "status": self.answer(appointment), "headers": []})
        await send({"type": "http.response.body", "body": b""})


@contextmanager
def fake_delivering_to(hooks: Hooks, tmp_path: Path, *options: str) -> Iterator[tuple[str, list[str]]]:
    (tmp_path / "seed.yaml").write_text(SEED)
    (tmp_path / "secret").write_text(WEBHOOK_SECRET + "\n")
    with serve(hooks) as url, serving(
        "--seed", str(tmp_path / "seed.yaml"),
        "--deliver-webhooks-to", f"{url}/hooks", "--webhook-secret", str(tmp_path / "secret"), *options,
    ) as served:  # fmt: skip
        yield served


def accept(root: str, appointment_id: str) -> float:
    """Accept the appointment through the served fake; when it was answered (`time.monotonic`)."""
    assert httpx2.post(f"{root}/enterprises/acme/appointments/{appointment_id}/_actions/accept", headers=API).is_success
    return time.monotonic()


def a_seed_that_reorders(window: float) -> int:
    """A `--webhook-seed` whose draws hold both copies of the first event back past 60% of the window
    and both of the second under 10%: the sender draws one hold per copy, event by event."""
    for seed in range(10_000):
        draws = random.Random(seed)  # noqa: S311 - the sender's own reproducible draws
        first, second = [draws.uniform(0, window) for _ in range(2)], [draws.uniform(0, window) for _ in range(2)]
        if min(first) > 0.6 * window and max(second) < 0.1 * window:
            return seed
    raise AssertionError("no such seed")


def test_deliveries_are_duplicated_reordered_delayed_sped_up_and_a_lost_one_is_logged(tmp_path: Path) -> None:
    window, delay = 2.0, 0.5
    seed = a_seed_that_reorders(window)
    hooks = Hooks(answer=lambda appointment: 500 if appointment == "a1" else 202)  # a1's deliveries all fail
    with fake_delivering_to(
        hooks, tmp_path,
        "--webhook-duplicates", "1", "--webhook-reorder-window", str(window), "--webhook-seed", str(seed),
        "--webhook-delay", str(delay), "--webhook-time-scale", "0.1",
    ) as (root, output):  # fmt: skip
        changed = accept(root, "a1")
        accept(root, "a2")
        # a1: 2 copies x 3 attempts, all refused; a2: 2 copies, each answered at once.
        wait_until(lambda: "".join(output).count("lost for good") == 2, 30)
        lost_after = time.monotonic() - changed
        wait_until(lambda: len(hooks.arrived) == 8, 5)
    log = "".join(output)
    assert f"Webhook delivery: 2 times each, held back 0.5 s + up to 2 s (seed {seed}), on Engage's production" in log
    arrivals = [appointment for _, appointment in hooks.arrived]
    assert arrivals[:2] == ["a2", "a2"]  # the later change overtook the earlier one (the reorder window)
    assert arrivals.count("a1") == 6  # the event twice (the duplicates), each copy tried 3 times
    assert hooks.arrived[0][0] - changed >= delay  # held back at least the delay
    # Engage's schedule waits 2 s and 10 s between attempts: at 0.1 of its timings, a1's copies were
    # lost within the delay and the window (2.5 s) and 1.2 s, not after 12 s and more.
    assert lost_after < 8
    lost = re.findall(r"webhook event (\S+): lost for good after 3 attempts", log)
    assert len(lost) == 2  # both copies of a1's one event
    assert len(set(lost)) == 1
    assert len(re.findall(rf"webhook event {lost[0]}: attempt [123] answered 500", log)) == 6
    assert len(re.findall(r"webhook event \S+: attempt \d answered 202", log)) == 2  # a2's, once per copy
    assert WEBHOOK_SECRET not in log


def test_the_development_schedule_gives_the_first_attempt_its_longer_timeout(tmp_path: Path) -> None:
    # At half of Engage's timings the first attempt times out after 1.5 s in production and 2.5 s in
    # development: a receiver answering after 2 s is heard at the first attempt in development only.
    hooks = Hooks(hold=2.0)
    with fake_delivering_to(
        hooks, tmp_path, "--webhook-schedule", "development", "--webhook-time-scale", "0.5"
    ) as (root, output):  # fmt: skip
        accept(root, "a1")
        wait_until(lambda: "attempt 1" in "".join(output), 10)
    assert re.search(r"webhook event \S+: attempt 1 answered 202", "".join(output)), "".join(output)


def test_faults_scripted_from_another_process_through_the_control_channel(tmp_path: Path) -> None:
    (tmp_path / "control").write_text(CONTROL_TOKEN + "\n")
    control = {"Authorization": f"Bearer {CONTROL_TOKEN}"}
    with serving("--control-token-file", str(tmp_path / "control")) as (root, output):
        faults = f"{root}/_fake/faults"
        segments = f"{root}/enterprises/acme/lead-segments"

        scripted = httpx2.post(
            faults, json={"operation": "createLeadSegment", "status": 503, "times": 2}, headers=control
        )
        assert scripted.status_code == 201
        assert [httpx2.post(segments, json={"code": "A"}, headers=API).status_code for _ in range(3)] == [503, 503, 201]

        assert httpx2.post(
            faults, json={"operation": "createLeadSegment", "disconnect": True}, headers=control
        ).is_success
        with pytest.raises(httpx2.RemoteProtocolError):
            httpx2.post(segments, json={"code": "B"}, headers=API)

        fault = {"operation": "createLeadSegment", "commit": True, "status": 502, "delay": 0.3}
        assert httpx2.post(faults, json=fault, headers=control).is_success
        started = time.monotonic()
        assert httpx2.post(segments, json={"code": "C"}, headers=API).status_code == 502
        assert time.monotonic() - started >= 0.3
        again = httpx2.post(segments, json={"code": "C"}, headers=API)  # the committed write landed
        assert (again.status_code, again.json()["errors"][0]["code"]) == (422, "LEAD_SEGMENT_CODE_ALREADY_IN_USE")

        refused = httpx2.post(faults, json={"operation": "getEmployees"}, headers={"Authorization": "Bearer guess"})
        assert refused.status_code == 401
        assert httpx2.get(faults, headers=control).json()["data"] == []
    log = "".join(output)
    assert f"Control channel on {root}/_fake/faults (with the token of {tmp_path / 'control'})" in log
    assert CONTROL_TOKEN not in log


def test_without_the_option_there_is_no_control_channel() -> None:
    with serving() as (root, _):
        answer = httpx2.post(f"{root}/_fake/faults", json={"operation": "getEmployees"}, headers=API)
        assert answer.status_code == 404


BAD_OPTIONS: dict[str, tuple[list[str], str]] = {
    "duplicates without a delivery": (["--webhook-duplicates", "1"], "--webhook-duplicates: only with"),
    "a seed without a delivery": (["--webhook-seed", "4"], "--webhook-seed: only with"),
    "a time scale of 0": (["--webhook-time-scale", "0"], "0 is not a time scale"),
    "a negative reorder window": (["--webhook-reorder-window", "-1"], "not a finite number of seconds"),
    "an unknown schedule": (["--webhook-schedule", "staging"], "invalid choice: 'staging'"),
    "an empty control token file": (["--control-token-file", "{dir}/empty"], "empty: the file holds no secret"),
    "a missing control token file": (["--control-token-file", "{dir}/none"], "none: cannot read it"),
}


@pytest.mark.parametrize(("options", "message"), BAD_OPTIONS.values(), ids=BAD_OPTIONS.keys())
def test_bad_delivery_and_control_options_are_usage_errors(tmp_path: Path, options: list[str], message: str) -> None:
    (tmp_path / "empty").write_text("\n")
    run = cli("fake", "serve", "--port", "0", *[option.format(dir=tmp_path) for option in options])
    assert run.returncode == 2, run.stdout + run.stderr
    assert message in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
