"""What a suite in another language meets on the served fake, in process: a token that lives as long as the
fake unless given a lifetime, a reset that renews the tokens it kept and returns to the seed `serve()` kept,
webhooks to several receivers (each, or spread), a base URL with the enterprise twice and a port in use named
with the fix. tests/fake/test_fake_from_other_languages.py drives the same through `fake serve` in a process
of its own, from plain HTTP and from Node.js."""

from __future__ import annotations

import argparse
import json
import socket
from typing import Any

import httpx2
import pytest

from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing import __main__ as served
from pexip_engage_client.testing._server import FakeServer

from ..support.loopback import Receive, Scope, Send

CONTROL = "control-token-of-this-test"
EMPLOYEES = "/enterprises/acme/employees"


def answer(fake: FakePexipEngage, token: str, path: str = EMPLOYEES) -> httpx2.Response:
    with httpx2.Client(transport=fake, base_url="https://api.pexipengage.com") as client:
        return client.get(path, headers={"Authorization": f"Bearer {token}"})


def message(response: httpx2.Response) -> str:
    text: str = response.json()["errors"][0]["message"]
    return text


def test_a_token_lives_as_long_as_the_fake_unless_given_a_lifetime() -> None:
    fake = FakePexipEngage()
    fake.add_token("forever")
    fake.add_token("an-hour", expires_in=3600)
    fake.clock.advance(hours=1)
    assert answer(fake, "forever").status_code == 200
    expired = answer(fake, "an-hour")
    assert expired.status_code == 401
    assert expired.json()["errors"][0]["code"] == "UNAUTHORIZED"  # Engage's error shape
    assert message(expired).startswith("The access token expired at ")
    assert "a reset of the fake renews it" in message(expired)
    assert "did not issue it" in message(answer(fake, "made-up"))  # another refusal, in other words
    fake.reset()
    assert answer(fake, "an-hour").status_code == 200  # renewed from the reset on
    fake.clock.advance(days=400)
    assert answer(fake, "forever").status_code == 200
    assert answer(fake, "an-hour").status_code == 401


def test_an_issued_token_keeps_its_client_s_lifetime_and_a_reset_renews_it() -> None:
    fake = FakePexipEngage()
    fake.add_client("app", "app-secret")  # Keycloak's 300 s, unless `expires_in=`
    with httpx2.Client(transport=fake, base_url="https://api.pexipengage.com") as client:
        form = {"grant_type": "client_credentials", "client_id": "app", "client_secret": "app-secret"}
        issued = client.post("/realms/acme/protocol/openid-connect/token", data=form).json()
    assert issued["expires_in"] == 300
    fake.clock.advance(seconds=299)
    assert answer(fake, issued["access_token"]).status_code == 200
    fake.clock.advance(seconds=1)
    assert "expired" in message(answer(fake, issued["access_token"]))
    fake.reset()
    assert answer(fake, issued["access_token"]).status_code == 200


def test_serve_keeps_its_seed_and_the_control_channel_s_reset_returns_to_it_with_the_tokens_renewed() -> None:
    fake = FakePexipEngage()
    fake.add_employee(id="e1", firstName="Ada")
    fake.add_token("t", expires_in=60)
    with fake.serve(control_token=CONTROL) as root, httpx2.Client(base_url=root) as http:
        api, control = {"Authorization": "Bearer t"}, {"Authorization": f"Bearer {CONTROL}"}
        made = http.post("/enterprises/acme/lead-segments", headers=api, json={"code": "VIP"})
        assert made.status_code == 201
        assert http.patch(f"{EMPLOYEES}/e1", headers=api, json={"firstName": "Bea"}).status_code == 200
        assert http.post("/_fake/clock", headers=control, json={"advance": "PT1H"}).status_code == 200
        assert http.get(EMPLOYEES, headers=api).status_code == 401
        assert http.post("/_fake/reset", headers=control).status_code == 200
        employees = http.get(EMPLOYEES, headers=api)
        segment = http.get(f"/enterprises/acme/lead-segments/{made.json()['data']['id']}", headers=api)
    assert employees.status_code == 200
    assert [(item["id"], item["firstName"]) for item in employees.json()["data"]] == [("e1", "Ada")]
    assert segment.status_code == 404  # made after the seed: gone


class Receiver:
    """An ASGI receiver that notes each event's appointment id, and answers `status`."""

    def __init__(self, status: int = 202) -> None:
        self.status = status
        self.heard: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = (await receive())["body"]
        self.heard.append(json.loads(body)["data"]["appointment"]["id"])
        await send({"type": "http.response.start", "status": self.status, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def deliveries(fanout: str, *receivers: Any, **options: Any) -> FakePexipEngage:
    """A fake that delivers to `receivers` as `fanout` says, after two appointments were accepted."""
    fake = FakePexipEngage()
    for number in (1, 2):
        fake.add_appointment(id=f"a{number}", status="INCOMING_REQUEST")
    fake.deliver_webhooks(list(receivers), fanout=fanout, key="s", time_scale=0.001, **options)
    with httpx2.Client(transport=fake, base_url="https://api.pexipengage.com") as client:
        for number in (1, 2):
            accepted = client.post(
                f"/enterprises/acme/appointments/a{number}/_actions/accept", headers={"Authorization": "Bearer t"}
            )
            assert accepted.status_code == 200
    assert fake.webhooks is not None
    fake.webhooks.wait(10)
    return fake


def test_each_receiver_gets_every_event_with_its_own_duplicates_and_attempts() -> None:
    one, two = Receiver(), Receiver(status=500)
    fake = deliveries("each", one, two, duplicates=1)
    assert sorted(one.heard) == ["a1", "a1", "a2", "a2"]
    assert sorted(two.heard) == ["a1"] * 6 + ["a2"] * 6  # 2 copies x 3 attempts, each refused
    assert fake.webhooks is not None
    assert {attempt.receiver for attempt in fake.webhooks.attempts if attempt.lost} == {1}
    assert (len(fake.webhooks.lost), len(fake.webhooks.delivered)) == (4, 4)


def test_spread_sends_each_delivery_to_the_next_receiver_in_turn() -> None:
    one, two = Receiver(), Receiver()
    fake = deliveries("spread", one, two, duplicates=1)
    assert (sorted(one.heard), sorted(two.heard)) == (["a1", "a2"], ["a1", "a2"])  # copies split across the hosts
    assert fake.webhooks is not None
    assert "2 receivers, spread" in repr(fake.webhooks)


def test_a_fanout_other_than_each_or_spread_is_refused() -> None:
    with pytest.raises(ValueError, match="'each' or 'spread'"):
        FakePexipEngage().deliver_webhooks([Receiver()], fanout="all")


def test_the_enterprise_twice_in_the_path_is_named_with_the_fix() -> None:
    fake = FakePexipEngage()
    doubled = answer(fake, "any", "/enterprises/acme/enterprises/acme/employees")
    assert doubled.status_code == 404
    assert message(doubled) == (
        "No operation at /enterprises/acme/enterprises/acme/employees: the path names the enterprise twice "
        "(/enterprises/acme); the base URL is the server's root (https://api.pexipengage.com), without "
        "/enterprises/..., which the client adds"
    )


def test_a_port_in_use_is_named_with_the_fix(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(OSError, match=rf"cannot listen on 127\.0\.0\.1:{port}: .*give another port, or 0"):
            FakeServer(FakePexipEngage(), port)
        with pytest.raises(SystemExit) as exited:
            served.main(["--port", str(port)])
    assert exited.value.code == 2
    assert f"error: --port {port}: cannot listen on 127.0.0.1:{port}: " in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["--token-expires-in", "60"], "--token-expires-in: only with --token"),
        (["--webhook-fanout", "spread"], "--webhook-fanout: only with --deliver-webhooks-to URL"),
        (["--webhook-fanout", "all"], "invalid choice: 'all' (choose from 'each', 'spread')"),
    ],
)
def test_the_serve_options_are_checked(arguments: list[str], says: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        served.main(["--port", "0", *arguments])
    assert says in capsys.readouterr().err


def test_fake_serve_delivers_to_each_url_it_names(tmp_path: Any) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s\n")
    parser = argparse.ArgumentParser()
    served.configure(parser)
    options = parser.parse_args(
        [
            "--deliver-webhooks-to",
            "http://127.0.0.1:9/a",
            "--deliver-webhooks-to",
            "http://user:pw@127.0.0.1:9/b",
            "--webhook-secret",
            str(secret),
            "--webhook-fanout",
            "spread",
        ]
    )
    fake = FakePexipEngage()
    shown = served._deliver_webhooks(fake, options, parser)
    assert shown == "http://127.0.0.1:9/a and http://<redacted>@127.0.0.1:9/b"
    assert served._delivery(options).startswith("spread over the URLs in turn, 1 time each")
    assert fake.webhooks is not None
    assert fake.webhooks.fanout == "spread"
