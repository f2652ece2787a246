"""`pexip-engage fake serve` as its documentation shows it: a served fake with a registered OAuth
client, called by the command line with that client's credentials."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2
import pytest

from ..support.cli import Cli
from ..support.served_fake import serving
from ..support.spec import ROOT

# Starts servers, processes or redis-server: left out of `make check`.
pytestmark = pytest.mark.end_to_end

CLIENT_SECRET = "fake-serve-secret-that-must-never-print"


@contextmanager
def served(*options: str) -> Iterator[str]:
    """`pexip-engage fake serve --port 0 OPTIONS` in a process of its own; yields its root URL."""
    with serving(*options) as (root, _):
        yield root


def cli(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    variables = {k: v for k, v in os.environ.items() if not k.startswith("PEXIP_ENGAGE_")}
    return subprocess.run(
        [sys.executable, "-m", "pexip_engage_cli", *argv],
        capture_output=True,
        text=True,
        check=False,
        env={**variables, "PYTHONPATH": str(ROOT), **(env or {})},
    )


@pytest.mark.main_python_only
def test_the_documented_client_option_registers_a_client_whose_tokens_the_fake_issues(tmp_path: Path) -> None:
    secret_file = tmp_path / "secret"
    secret_file.write_text(CLIENT_SECRET + "\n")
    with served("--client", f"app:{CLIENT_SECRET}") as root:
        connection = ["--enterprise", "acme", "--base-url", root, "--auth-url", root, "--client-id", "app"]
        created = cli(
            *connection,
            "--client-secret-file",
            str(secret_file),
            "lead-segments",
            "create-lead-segment",
            "--body",
            '{"code": "FROM-CLI"}',
            "-o",
            "json",
        )
        assert created.returncode == 0, created.stderr
        assert json.loads(created.stdout)["code"] == "FROM-CLI"
        wrong = tmp_path / "wrong"
        wrong.write_text("not-the-secret\n")
        refused = cli(*connection, "--client-secret-file", str(wrong), "employees", "get-employees")
        assert refused.returncode != 0
        assert CLIENT_SECRET not in created.stdout + created.stderr + refused.stdout + refused.stderr


def test_an_abbreviated_option_is_not_taken_for_a_longer_one() -> None:
    # `--client` is fake serve's own option; elsewhere it is no prefix of --client-id & co.
    run = cli("--client=x", "employees", "get-employees", env={"PEXIP_ENGAGE_TOKEN": "t"})
    assert run.returncode == 2
    assert "ambiguous" not in run.stderr
    assert "unrecognized arguments: --client=x" in run.stderr
    run = cli("employees", "get-employees", "--enterp=acme", env={"PEXIP_ENGAGE_TOKEN": "t"})
    assert run.returncode == 2
    assert "unrecognized arguments: --enterp=acme" in run.stderr


# --- Seeding, latency and webhook delivery ---------------------------------------------------------

WEBHOOK_SECRET = "webhook-secret-that-must-never-print"
SEED = """\
subjects: [{id: s1}]
offices: [{id: o1}]
customers: [{id: c1}]
employees: [{id: e1, first_name: Ada}]
listings: [{id: l1, externalId: L-1}]
listing_time_slots: [{listing_id: l1, id: ts1, startTime: "10:00", endTime: "11:00"}]
appointments:
  - id: a1
    status: INCOMING_REQUEST
    subject: {id: s1}
    office: {id: o1}
    appointmentParticipants:
      - {role: PRIMARY, participant: {id: c1}, type: CUSTOMER}
      - {role: PRIMARY, participant: {id: e1}, type: EMPLOYEE}
"""


def wait_until(condition: Callable[[], bool], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.05)


@pytest.mark.main_python_only
def test_a_seeded_fake_with_latency_delivers_signed_webhooks_to_the_projects_receiver(tmp_path: Path) -> None:
    from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

    from ..support.loopback import serve

    (tmp_path / "seed.yaml").write_text(SEED)
    (tmp_path / "secret").write_text(WEBHOOK_SECRET + "\n")
    received: list[tuple[str, str]] = []
    receiver = WebhookReceiver("memory://", secret=WEBHOOK_SECRET)

    @receiver.on(AppointmentWebhookEvent)
    async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        received.append((str(event.data.event_type), event.data.appointment.id))

    with (
        serve(receiver.asgi_app(), lifespan="on") as hooks,
        serving(
            "--seed",
            str(tmp_path / "seed.yaml"),
            "--latency",
            "0.3",
            "--deliver-webhooks-to",
            f"{hooks}/",
            "--webhook-secret",
            str(tmp_path / "secret"),
        ) as (root, output),
    ):
        api = httpx2.Client(base_url=f"{root}/enterprises/acme", headers={"Authorization": "Bearer t"})
        with api:
            started = time.monotonic()
            slot = api.get("/listings/l1/time-slots/ts1")
            assert time.monotonic() - started >= 0.3  # held back
            assert (slot.status_code, slot.json()["data"]["startTime"]) == (200, "10:00")
            assert api.get("/employees/e1").json()["data"]["firstName"] == "Ada"
            assert api.post("/appointments/a1/_actions/accept").status_code == 200
        wait_until(lambda: received == [("ACCEPT", "a1")])
        wait_until(lambda: "attempt 1 answered" in "".join(output))  # printed once the fake has the answer
    everything = "".join(output)
    assert f"Webhook events go to {hooks}/ (with the secret of {tmp_path / 'secret'})" in everything
    assert re.search(r"webhook event \S+: attempt 1 answered 20\d", everything), everything
    assert WEBHOOK_SECRET not in everything


@pytest.mark.main_python_only
def test_a_wrong_webhook_secret_is_refused_by_the_receiver_and_never_printed(tmp_path: Path) -> None:
    from pexip_engage_client.webhooks import WebhookReceiver

    from ..support.loopback import serve

    (tmp_path / "seed.yaml").write_text(SEED)
    (tmp_path / "wrong").write_text("not-" + WEBHOOK_SECRET)
    receiver = WebhookReceiver("memory://", secret=WEBHOOK_SECRET)
    with (
        serve(receiver.asgi_app(), lifespan="on") as hooks,
        serving(
            "--seed",
            str(tmp_path / "seed.yaml"),
            "--deliver-webhooks-to",
            hooks,
            "--webhook-secret",
            str(tmp_path / "wrong"),
        ) as (root, output),
    ):
        headers = {"Authorization": "Bearer t"}
        assert httpx2.post(f"{root}/enterprises/acme/appointments/a1/_actions/accept", headers=headers).is_success
        wait_until(lambda: "attempt 1 answered" in "".join(output))  # the first attempt's answer
    everything = "".join(output)
    assert re.search(r"webhook event \S+: attempt 1 answered 401", everything), everything
    assert WEBHOOK_SECRET not in everything


BAD_OPTIONS = {
    "a field the schema does not define": (
        ["--seed", "{dir}/seed.yaml"],
        "employees: [{{id: e1}}, {{colour: red}}]\n",
        r"--seed .*seed\.yaml: employees\[1\]: Employee has no field\(s\) colour",
    ),
    "an unknown kind": (["--seed", "{dir}/seed.yaml"], "staff: []\n", r"seed\.yaml: 'staff' is not a kind of record"),
    "a nested record without its parent": (
        ["--seed", "{dir}/seed.yaml"],
        "listing_time_slots: [{{id: ts1}}]\n",
        r"seed\.yaml: listing_time_slots\[0\]: listing_id missing",
    ),
    "broken YAML": (["--seed", "{dir}/seed.yaml"], "employees: [\n", r"seed\.yaml: not YAML"),
    "a missing seed file": (["--seed", "{dir}/none.json"], "", r"none\.json: cannot read it"),
    "a negative latency": (["--latency", "-1"], "", r"--latency: .*not a finite number of seconds"),
    "webhooks without a secret": (["--deliver-webhooks-to", "http://127.0.0.1:9/"], "", "go together"),
    "the secret in the URL": (
        ["--deliver-webhooks-to", "http://127.0.0.1:9/?key=" + WEBHOOK_SECRET, "--webhook-secret", "{dir}/secret"],
        "",
        "not as `key` in the URL",
    ),
    "an empty secret file": (
        ["--deliver-webhooks-to", "http://127.0.0.1:9/", "--webhook-secret", "{dir}/empty"],
        "",
        "empty: the file holds no secret",
    ),
}


def _written(folder: Path, seed: str, options: list[str]) -> list[str]:
    """`fake serve --port 0 OPTIONS`, with the seed and the secret files they name written in `folder`."""
    (folder / "seed.yaml").write_text(seed.format())
    (folder / "secret").write_text(WEBHOOK_SECRET)
    (folder / "empty").write_text("\n")
    return ["fake", "serve", "--port", "0", *[option.format(dir=folder) for option in options]]


def assert_usage_error(code: int, err: str, message: str) -> None:
    assert code == 2, err
    assert re.search(message, err), err
    assert "Traceback" not in err
    assert WEBHOOK_SECRET not in err.replace("?key=" + WEBHOOK_SECRET, "")  # only where the user wrote it


@pytest.mark.parametrize(("options", "seed", "message"), BAD_OPTIONS.values(), ids=BAD_OPTIONS.keys())
@pytest.mark.usefixtures("clean_environment")  # as a process started without PEXIP_ENGAGE_*
def test_bad_seeds_and_options_are_usage_errors_naming_the_file_kind_and_field(
    tmp_path: Path, options: list[str], seed: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # In process (`main(argv)`, as a process runs it); the test below runs one in a process of its own.
    run = Cli(capsys)(*_written(tmp_path, seed, options))
    assert_usage_error(run.code, run.err, message)


def test_a_bad_seed_is_a_usage_error_of_the_process(tmp_path: Path) -> None:
    options, seed, message = BAD_OPTIONS["a field the schema does not define"]
    run = cli(*_written(tmp_path, seed, options))
    assert_usage_error(run.returncode, run.stderr, message)
