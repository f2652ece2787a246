"""`pexip-engage fake serve` in a process of its own, driven as a suite in another language drives it: plain HTTP
(urllib, as curl would) and a Node.js script using fetch. A fixed token after the fake's clock moves, a client's
token expired then renewed by a reset, the seed back after a reset, one change told to two webhook receivers
(each, or spread), a base URL with the enterprise twice and a port in use, each named with the fix. The same
promises in process: tests/fake/test_fake_for_every_language.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from ..support.loopback import Receive, Scope, Send, serve
from ..support.served_fake import serving
from ..support.spec import ROOT
from ..support.waiting import wait_until

# Starts the command line's server (and node): left out of `make check`.
pytestmark = [pytest.mark.end_to_end, pytest.mark.main_python_only]

TOKEN = "token-of-another-language"
CONTROL = "control-token-of-another-language"
CLIENT = ("suite", "suite-secret")
SEED = """\
employees: [{id: e1, firstName: Ada}]
appointments: [{id: a1, status: INCOMING_REQUEST}, {id: a2, status: INCOMING_REQUEST}]
"""


def http(method: str, url: str, token: str, body: Any = None) -> tuple[int, Any]:
    """One request as curl would send it (urllib, nothing of the client); the status and the JSON answered."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Authorization": f"Bearer {token}"})  # noqa: S310
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - the served fake on loopback
            status, text = answer.status, answer.read()
    except urllib.error.HTTPError as refused:
        status, text = refused.code, refused.read()
    return status, json.loads(text) if text else None


class Receiver:
    """A webhook receiver that notes the appointment of each event."""

    def __init__(self) -> None:
        self.heard: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = (await receive())["body"]
        self.heard.append(json.loads(body)["data"]["appointment"]["id"])
        await send({"type": "http.response.start", "status": 202, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def fake_serve(tmp_path: Path, *hooks: str, fanout: str = "each") -> Any:
    (tmp_path / "seed.yaml").write_text(SEED)
    (tmp_path / "control").write_text(CONTROL)
    (tmp_path / "secret").write_text("webhook-secret")
    delivery = [part for hook in hooks for part in ("--deliver-webhooks-to", hook)]
    if hooks:
        delivery += ["--webhook-secret", str(tmp_path / "secret"), "--webhook-fanout", fanout]
    return serving(
        "--seed",
        str(tmp_path / "seed.yaml"),
        "--token",
        TOKEN,
        "--client",
        ":".join(CLIENT),
        "--control-token-file",
        str(tmp_path / "control"),
        *delivery,
    )


def issued_token(root: str) -> str:
    form = f"grant_type=client_credentials&client_id={CLIENT[0]}&client_secret={CLIENT[1]}".encode()
    url = f"{root}/realms/acme/protocol/openid-connect/token"
    with urllib.request.urlopen(urllib.request.Request(url, data=form), timeout=10) as answer:  # noqa: S310
        token: str = json.loads(answer.read())["access_token"]
    return token


def test_plain_http_sees_tokens_a_reset_two_receivers_and_the_doubled_enterprise(tmp_path: Path) -> None:
    one, two = Receiver(), Receiver()
    with serve(one) as first, serve(two) as second, fake_serve(tmp_path, first, second) as (root, output):
        api = f"{root}/enterprises/acme"
        issued = issued_token(root)
        assert http("POST", f"{root}/_fake/clock", CONTROL, {"advance": "PT2H"})[0] == 200
        assert http("GET", f"{api}/employees", TOKEN)[0] == 200  # as long as the fake
        status, refused = http("GET", f"{api}/employees", issued)
        assert status == 401
        assert refused["errors"][0]["message"].startswith("The access token expired at ")
        made = http("POST", f"{api}/lead-segments", TOKEN, {"code": "FROM-CURL"})[1]["data"]["id"]
        assert http("POST", f"{api}/appointments/a1/_actions/accept", TOKEN)[0] == 200
        wait_until(lambda: one.heard == two.heard == ["a1"])
        assert http("POST", f"{root}/_fake/reset", CONTROL)[0] == 200
        assert http("GET", f"{api}/employees", issued)[0] == 200  # renewed
        assert http("GET", f"{api}/lead-segments/{made}", TOKEN)[0] == 404  # back to the seed
        status, doubled = http("GET", f"{api}/enterprises/acme/employees", TOKEN)
        wait_until(lambda: "".join(output).count("answered 202") == 2)
    assert status == 404
    assert "the path names the enterprise twice (/enterprises/acme)" in doubled["errors"][0]["message"]
    assert f"the base URL is the server's root ({root})" in doubled["errors"][0]["message"]
    log = "".join(output)
    assert f"Webhook events go to {first} and {second} (with the secret of " in log
    assert f"to {first}: attempt 1 answered 202" in log
    assert f"to {second}: attempt 1 answered 202" in log


def test_spread_gives_each_receiver_every_other_event(tmp_path: Path) -> None:
    one, two = Receiver(), Receiver()
    with serve(one) as first, serve(two) as second, fake_serve(tmp_path, first, second, fanout="spread") as (root, _):
        for appointment in ("a1", "a2"):
            assert http("POST", f"{root}/enterprises/acme/appointments/{appointment}/_actions/accept", TOKEN)[0] == 200
        wait_until(lambda: len(one.heard) + len(two.heard) == 2)
    assert (one.heard, two.heard) == (["a1"], ["a2"])


def test_a_second_fake_on_the_same_port_names_it_and_the_fix(tmp_path: Path) -> None:
    with fake_serve(tmp_path) as (root, _):
        port = root.rpartition(":")[2]
        taken = subprocess.run(
            [sys.executable, "-m", "pexip_engage_cli", "fake", "serve", "--port", port],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    assert taken.returncode == 2
    assert (
        f"error: --port {port}: cannot listen on 127.0.0.1:{port}: Address already in use; give another port, "
        "or 0 for a free one" in taken.stderr
    )


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_a_node_suite_with_fetch_sees_the_same(tmp_path: Path) -> None:
    one, two = Receiver(), Receiver()
    with serve(one) as first, serve(two) as second, fake_serve(tmp_path, first, second) as (root, _):
        environment = {
            **os.environ,
            "ROOT": root,
            "TOKEN": TOKEN,
            "CONTROL": CONTROL,
            "CLIENT_ID": CLIENT[0],
            "CLIENT_SECRET": CLIENT[1],
        }
        ran = subprocess.run(
            ["node", str(Path(__file__).with_name("served_fake_from_node.mjs"))],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
            env=environment,
        )
        assert ran.returncode == 0, ran.stderr
        wait_until(lambda: one.heard == two.heard == ["a1"])
    seen = json.loads(ran.stdout)
    assert seen["fixedAfterTwoHours"] == 200
    assert seen["issuedAfterTwoHours"][0] == 401
    assert seen["issuedAfterTwoHours"][1].startswith("The access token expired at ")
    after = (seen["accepted"], seen["reset"], seen["issuedAfterReset"], seen["segmentAfterReset"])
    assert after == (200, 200, 200, 404)
    assert seen["employeesAfterReset"] == ["e1"]
    assert seen["doubled"][0] == 404
    assert "the path names the enterprise twice (/enterprises/acme)" in seen["doubled"][1]
