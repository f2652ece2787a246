"""`pexip-engage fake serve` as scriptable as the fake in process: webhook delivery duplicated,
reordered, delayed and sped up by options, a delivery lost for good said in its log, and faults
scripted by another process through the control channel."""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2
import pytest

from pexip_engage_client._base.timing import parse_datetime

from ..support.cli import Cli
from ..support.ensure_bodies import APPOINTMENT_NEEDS
from ..support.loopback import Receive, Scope, Send, free_port, serve, wait_until_listening
from ..support.served_fake import serving
from ..support.spec import ROOT
from ..support.waiting import wait_until

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
    with (
        serve(hooks) as url,
        serving(
            "--seed",
            str(tmp_path / "seed.yaml"),
            "--deliver-webhooks-to",
            f"{url}/hooks",
            "--webhook-secret",
            str(tmp_path / "secret"),
            *options,
        ) as served,
    ):
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
        hooks,
        tmp_path,
        "--webhook-duplicates",
        "1",
        "--webhook-reorder-window",
        str(window),
        "--webhook-seed",
        str(seed),
        "--webhook-delay",
        str(delay),
        "--webhook-time-scale",
        "0.1",
    ) as (root, output):
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
    with fake_delivering_to(hooks, tmp_path, "--webhook-schedule", "development", "--webhook-time-scale", "0.5") as (
        root,
        output,
    ):
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
    assert (
        f"Control channel on {root}/_fake/faults, /_fake/reset, /_fake/clock and /_fake/calls (with the token of "
        in log
    )
    assert CONTROL_TOKEN not in log


def test_without_the_option_there_is_no_control_channel() -> None:
    with serving() as (root, _):
        answer = httpx2.post(f"{root}/_fake/faults", json={"operation": "getEmployees"}, headers=API)
        assert answer.status_code == 404


def test_an_assumption_loosened_on_the_command_line_is_lifted(tmp_path: Path) -> None:
    references = "subjects: [{id: subject-9}]\noffices: [{id: office-3}]\ncustomers: [{id: customer-1}]\n"
    (tmp_path / "seed.yaml").write_text(references + "employees: [{id: employee-1}]\n")
    timeless = APPOINTMENT_NEEDS  # no start, no end
    seed = str(tmp_path / "seed.yaml")
    with serving("--seed", seed) as (strict, _):
        refused = httpx2.post(f"{strict}/enterprises/acme/appointments", json=timeless, headers=API)
    with serving("--seed", seed, "--loosen", "appointment-time") as (loose, _):
        taken = httpx2.post(f"{loose}/enterprises/acme/appointments", json=timeless, headers=API)
    assert (refused.status_code, refused.json()["errors"][0]["message"][:11]) == (400, "body.start:")
    assert taken.status_code == 201, taken.text
    assert (taken.json()["data"]["start"], taken.json()["data"]["end"]) == (None, None)


BAD_OPTIONS: dict[str, tuple[list[str], str]] = {
    "an unknown assumption": (["--loosen", "appointment-times"], "invalid choice: 'appointment-times'"),
    "duplicates without a delivery": (["--webhook-duplicates", "1"], "--webhook-duplicates: only with"),
    "a seed without a delivery": (["--webhook-seed", "4"], "--webhook-seed: only with"),
    "a time scale of 0": (["--webhook-time-scale", "0"], "0 is not a time scale"),
    "a negative reorder window": (["--webhook-reorder-window", "-1"], "not a finite number of seconds"),
    "an unknown schedule": (["--webhook-schedule", "staging"], "invalid choice: 'staging'"),
    "an empty control token file": (["--control-token-file", "{dir}/empty"], "empty: the file holds no secret"),
    "a missing control token file": (["--control-token-file", "{dir}/none"], "none: cannot read it"),
}


@pytest.mark.parametrize(("options", "message"), BAD_OPTIONS.values(), ids=BAD_OPTIONS.keys())
@pytest.mark.usefixtures("clean_environment")  # as a process started without PEXIP_ENGAGE_*
def test_bad_delivery_and_control_options_are_usage_errors(
    tmp_path: Path, options: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # In process (`main(argv)`): test_fake_serve.py runs a usage error in a process of its own.
    (tmp_path / "empty").write_text("\n")
    run = Cli(capsys)("fake", "serve", "--port", "0", *[option.format(dir=tmp_path) for option in options])
    assert run.code == 2, run.out + run.err
    assert message in run.err, run.err
    assert "Traceback" not in run.err


# A suite in another language, as plain Python: the standard library only (`-I -S`: no site-packages, so the
# client cannot be imported), driving the served fake's reset and clock over HTTP.
OTHER_LANGUAGE = r"""
import json, sys, time, urllib.error, urllib.parse, urllib.request

root, token = sys.argv[1], sys.argv[2]

def call(method, path, body=None, headers=()):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(root + path, data=data, method=method, headers=dict(headers))
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")

control = [("Authorization", "Bearer " + token)]
form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": "suite", "client_secret": "s3cret"})
issued = urllib.request.urlopen(root + "/realms/acme/protocol/openid-connect/token", form.encode(), timeout=10)
api = [("Authorization", "Bearer " + json.loads(issued.read())["access_token"])]
report = {}
report["before"] = call("GET", "/enterprises/acme/lead-segments/s1", headers=api)
report["created"] = call("POST", "/enterprises/acme/lead-segments", {"code": "NEW"}, api)[0]
report["changed"] = call("PATCH", "/enterprises/acme/lead-segments/s1", {"code": "CHANGED"}, api)[1]["data"]["code"]
report["fault"] = call("POST", "/_fake/faults", {"operation": "getLeadSegmentById", "status": 503}, control)[0]
report["logged"] = call("GET", "/_fake/calls", None, control)[1]["data"]
report["reset"] = call("POST", "/_fake/reset", None, control)
report["log_after_reset"] = call("GET", "/_fake/calls", None, control)[1]["data"]
report["after"] = call("GET", "/enterprises/acme/lead-segments/s1", headers=api)
report["again"] = call("POST", "/enterprises/acme/lead-segments", {"code": "NEW"}, api)[0]
report["clock"] = call("GET", "/_fake/clock", None, control)[1]["data"]
time.sleep(0.3)  # a real clock goes on meanwhile, a fixed one does not
report["advanced"] = call("POST", "/_fake/clock", {"advance": "PT1H"}, control)[1]["data"]
report["expired"] = call("GET", "/enterprises/acme/lead-segments/s1", headers=api)[0]
report["set"] = call("POST", "/_fake/clock", {"set": "2030-01-07T09:00:00+01:00"}, control)[1]["data"]
report["refused"] = call("POST", "/_fake/clock", {"advance": "an hour"}, control)
report["no_token"] = call("POST", "/_fake/reset", None, [])[0]
report["client_loaded"] = any(name.startswith("pexip_engage") for name in sys.modules)
print(json.dumps(report))
"""


def other_language(root: str, token: str) -> dict[str, Any]:
    """What `OTHER_LANGUAGE` saw, run by a plain interpreter that cannot import the client."""
    ran = subprocess.run(
        [sys.executable, "-I", "-S", "-c", OTHER_LANGUAGE, root, token],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": os.environ.get("PATH", "")},
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    report: dict[str, Any] = json.loads(ran.stdout)
    return report


@pytest.mark.slow
@pytest.mark.parametrize("clock", ["fixed", "real"])
def test_reset_and_clock_driven_from_a_process_that_does_not_import_the_client(tmp_path: Path, clock: str) -> None:
    (tmp_path / "control").write_text(CONTROL_TOKEN + "\n")
    (tmp_path / "seed.yaml").write_text("lead_segments:\n  - {id: s1, code: SEEDED}\n")
    options = [
        "--seed",
        str(tmp_path / "seed.yaml"),
        "--control-token-file",
        str(tmp_path / "control"),
        "--client",
        "suite:s3cret",
        "--clock",
        clock,
    ]
    with serving(*options) as (root, output):
        started = datetime.now(UTC)
        report = other_language(root, CONTROL_TOKEN)
    assert report["client_loaded"] is False
    assert report["before"][0] == 200
    assert report["before"][1]["data"]["code"] == "SEEDED"
    assert (report["created"], report["changed"], report["fault"]) == (201, "CHANGED", 201)
    assert report["reset"][0] == 200
    # The call log, as the fake recorded it until the reset, which cleared it (the control calls are not in it).
    logged = [(call["method"], call["operationId"], call["status"]) for call in report["logged"]["calls"]]
    assert logged == [
        ("GET", "getLeadSegmentById", 200),
        ("POST", "createLeadSegment", 201),
        ("PATCH", "updateLeadSegmentById", 200),
    ]
    assert report["logged"]["tokenRequests"] == [
        {"method": "POST", "path": "/realms/acme/protocol/openid-connect/token"}
    ]
    assert report["log_after_reset"] == {"calls": [], "tokenRequests": []}
    # Back to the seed: the change undone, the created one gone (its code free again), the fault dropped.
    assert report["after"][0] == 200
    assert report["after"][1]["data"]["code"] == "SEEDED"
    assert report["again"] == 201
    now = datetime.fromisoformat(report["clock"]["now"])
    advanced = datetime.fromisoformat(report["advanced"]["now"])
    assert report["clock"]["real"] is (clock == "real")
    if clock == "real":  # it followed the wall clock while the suite slept, and moved on from there
        assert timedelta(hours=1, seconds=0.3) <= advanced - now < timedelta(hours=1, seconds=5)
    else:
        assert advanced - now == timedelta(hours=1)
    assert report["expired"] == 401  # the token's 300 s have passed on the fake's clock
    assert report["set"]["now"].startswith("2030-01-07T08:00:0")
    assert report["refused"][0] == 400
    assert report["refused"][1]["errors"][0]["message"].startswith("body.advance: 'an hour' is no ISO 8601 duration")
    assert report["no_token"] == 401
    if clock == "real":  # the wall clock's time when the suite read it
        assert abs(now - started) < timedelta(seconds=30)
    assert CONTROL_TOKEN not in "".join(output)


PAGE = ROOT / "docs" / "testing.md"
_CONSOLE = re.compile(r"```console\n(.*?)```", re.S)
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z")


def _transcript(block: str) -> list[tuple[str, str]]:
    """A console block's commands (continued lines joined) and what each printed."""
    steps: list[tuple[str, str]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], ""))
        elif steps and steps[-1][0].endswith("\\"):
            steps[-1] = (steps[-1][0][:-1] + line.strip(), "")
        else:
            steps[-1] = (steps[-1][0], steps[-1][1] + line + "\n")
    return steps


def _shown(printed: str, command: str) -> str:
    """What a command printed as the page shows it: a date-time the command does not give stands for any."""
    return _DATE_TIME.sub(lambda found: found.group() if found.group()[:19] in command else "<time>", printed)


def test_the_pages_curl_commands_do_what_it_shows(tmp_path: Path) -> None:
    # docs/testing.md, "Scripting a served fake from another process": its serve command and its curl commands,
    # run as they are written (by curl, as a suite in another language runs them), print what the page shows.
    section = PAGE.read_text(encoding="utf-8").split("## Scripting a served fake from another process", 1)[1]
    (serve_block, curl_block) = _CONSOLE.findall(section)[:2]
    [(serve_command, banner)] = _transcript(serve_block)
    (tmp_path / "control-token.txt").write_text(CONTROL_TOKEN + "\n")
    (tmp_path / "seed.yaml").write_text("employees:\n  - {id: e1, firstName: Ada, lastName: Byron}\n")
    port = free_port()
    argv = shlex.split(serve_command.replace("--port 8080", f"--port {port}"))
    assert argv[:3] == ["pexip-engage", "fake", "serve"]
    server = subprocess.Popen(
        [sys.executable, "-m", "pexip_engage_cli", *argv[1:]],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert server.stdout is not None
    try:
        wait_until_listening(port, server, serve_command)
        printed = server.stdout.readline() + server.stdout.readline()
        assert printed == banner.replace("8080", str(port))
        steps = _transcript(curl_block)
        assert [command.split()[0] for command, _ in steps] == ["TOKEN=$(cat", *["curl"] * (len(steps) - 1)]
        script = steps[0][0]  # the token, read from the file as the page reads it
        before = ""  # what the command before printed
        for command, shown in steps[1:]:
            done = subprocess.run(
                ["bash", "-c", f"{script}\n{command.replace('8080', str(port))}"],
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
            assert done.returncode == 0, command + done.stderr
            assert _shown(done.stdout.rstrip("\n") + "\n", command) == _shown(shown, command), command
            if '"advance"' in command:  # an hour after the reset's time
                [advanced], [reset] = (_DATE_TIME.findall(text) for text in (done.stdout, before))
                assert parse_datetime(advanced) - parse_datetime(reset) == timedelta(hours=1)
            before = done.stdout
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=10)
        rest = server.stdout.read()
        server.stdout.close()
    assert CONTROL_TOKEN not in rest
