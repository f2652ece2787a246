"""What users of `pexip-engage` rely on: output formats and walks, exit codes, configuration and
secrets, the raw passthrough, `--debug`, test webhooks and completion; against the fake on loopback."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import pexip_engage_client
from pexip_engage_cli import _completion
from pexip_engage_cli._app import top_help
from pexip_engage_cli._table import HELP_NAME, generated_path, load
from pexip_engage_client import webhooks
from pexip_engage_client.testing import FakePexipEngage

from ..support.cli import Cli
from ..support.clients import TOKEN
from ..support.loopback import free_port, serve
from ..support.spec import ROOT, SPEC

CLIENT_ID = "cli-tests"
CLIENT_SECRET = "s3cr3t-client-value-that-must-never-print"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


async def _read_body(receive: Any) -> bytes:
    body = b""
    while True:
        message = await receive()
        body += bytes(message.get("body", b""))
        if not message.get("more_body"):
            return body


async def _answer(send: Any, status: int) -> None:
    await send({"type": "http.response.start", "status": status, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def seed_employees(fake: FakePexipEngage, count: int) -> list[str]:
    return [fake.add_employee(id=f"employee-{n:03}", status="ACTIVE")["id"] for n in range(count)]


# --- output ---------------------------------------------------------------------------------------


@pytest.mark.usefixtures("engage_env")
def test_all_prints_one_json_array_across_pages(fake: FakePexipEngage, cli: Cli) -> None:
    ids = seed_employees(fake, 60)
    # 20 a page: a walk keeps the limit the caller chose, so that the array is made of three pages.
    run = cli("employees", "get-employees", "--limit", "20", "--all")
    assert run.code == 0, run.err
    document = json.loads(run.out)  # one document, not one per page
    assert [item["id"] for item in document] == ids
    assert len(fake.calls_to("getEmployees")) == 3
    assert "firstName" in document[0] or "email" in document[0]  # wire names, as the API documents
    assert all("_" not in key for item in document for key in item)


@pytest.mark.usefixtures("engage_env")
def test_all_as_jsonl_is_one_item_per_line_and_a_table_is_aligned(fake: FakePexipEngage, cli: Cli) -> None:
    ids = seed_employees(fake, 30)
    run = cli("employees", "get-employees", "--limit", "25", "--all", "-o", "jsonl")
    assert [json.loads(line)["id"] for line in run.out.splitlines()] == ids
    table = cli("employees", "get-employees", "--limit", "3", "--output", "table")
    header, rule, *rows = table.out.splitlines()
    assert header.split()[0] == "id"
    assert set(rule.replace(" ", "")) == {"-"}
    assert [row.split()[0] for row in rows] == ids[:3]
    assert "3 of 30 from offset 0" in table.err


@pytest.mark.usefixtures("engage_env")
def test_one_page_is_printed_as_the_api_sends_it(fake: FakePexipEngage, cli: Cli) -> None:
    seed_employees(fake, 5)
    run = cli("employees", "get-employees", "--limit", "2", "--offset", "1")
    document = json.loads(run.out)
    assert document["meta"] == {"offset": 1, "limit": 2, "totalCount": 5}
    assert [item["id"] for item in document["data"]] == ["employee-001", "employee-002"]


@pytest.mark.usefixtures("engage_env")
def test_a_progress_bar_goes_to_stderr_and_leaves_stdout_one_document(fake: FakePexipEngage, cli: Cli) -> None:
    seed_employees(fake, 120)
    run = cli("employees", "get-employees", "--limit", "10", "--all", "--progress")
    assert len(json.loads(run.out)) == 120
    assert "120 of 120 items" in run.err
    assert "[" + "#" * 30 + "]" in run.err


# --- exit codes and errors ---------------------------------------------------------------------


@pytest.mark.usefixtures("engage_env")
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["employees", "get-employees", "--status", "RETIRED"], "invalid choice: 'RETIRED'"),
        (["employees", "get-employees", "--limit", "many"], "invalid int value"),
        (["employees", "no-such-command"], "invalid choice"),
        (["appointments", "create-appointment"], "the following arguments are required: --body"),
        (["lead-segments", "create-lead-segment", "--body", "{not json"], "--body is not JSON"),
        (
            ["lead-segments", "update-lead-segment-by-id", "x", "--body", '{"colour": "blue"}'],
            "body has fields or values the API does not define: colour",
        ),
        (
            [
                "availability",
                "get-timetable",
                "--from",
                "2030-01-07T09:00:00",
                "--to",
                "2030-01-08T09:00:00Z",
                "--office-id",
                "o",
                "--subject-id",
                "s",
                "--meeting-type",
                "VIDEO",
            ],
            "argument --from: needs a UTC offset",
        ),
        (["api", "GET", "employees"], "path must start with '/'"),
        ([], "a command is required"),
    ],
)
def test_usage_errors_exit_2_with_one_message_and_no_traceback(cli: Cli, argv: list[str], message: str) -> None:
    run = cli(*argv)
    assert run.code == 2
    assert message in run.err
    assert "Traceback" not in run.err
    assert run.out == ""


@pytest.mark.usefixtures("engage_env")
def test_an_api_error_exits_3_with_status_codes_and_correlation_id(fake: FakePexipEngage, cli: Cli) -> None:
    run = cli("appointments", "get-appointment-by-id", "missing")
    assert run.code == 3
    [call] = fake.calls_to("getAppointmentById")
    correlation_id = call.request.headers["X-Correlation-Id"]
    assert "HTTP 404" in run.err
    assert "NOT_FOUND" in run.err
    assert f"correlation id {correlation_id}" in run.err
    assert "Traceback" not in run.err

    fake.add_appointment(id="cancelled", status="CANCELLED")
    business = cli("appointments", "accept-appointment", "cancelled")
    assert business.code == 3
    assert "HTTP 422" in business.err
    assert "APPOINTMENT_STATUS_INVALID" in business.err


def test_a_connection_failure_exits_4(monkeypatch: pytest.MonkeyPatch, clean_environment: Path, cli: Cli) -> None:
    port = free_port()
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", TOKEN)
    run = cli(
        "--enterprise",
        "acme",
        "--base-url",
        f"http://127.0.0.1:{port}",
        "employees",
        "get-employees",
        "--max-retries",
        "0",
    )
    assert run.code == 4
    assert "connection failed" in run.err
    assert "correlation id" in run.err
    assert "Traceback" not in run.err


def test_missing_configuration_is_a_usage_error(clean_environment: Path, cli: Cli) -> None:
    run = cli("employees", "get-employees")
    assert run.code == 2
    assert "enterprise is required" in run.err


# --- configuration and secrets -------------------------------------------------------------------


def write_profiles(config: Path, text: str) -> None:
    (config / "pexip-engage").mkdir(parents=True, exist_ok=True)
    (config / "pexip-engage" / "config.toml").write_text(text)


def test_a_profile_with_client_credentials_from_a_secret_file(
    fake: FakePexipEngage, root: str, clean_environment: Path, tmp_path: Path, cli: Cli
) -> None:
    fake.add_client(CLIENT_ID, CLIENT_SECRET)
    secret_file = tmp_path / "secret"
    secret_file.write_text(CLIENT_SECRET + "\n")
    write_profiles(
        clean_environment,
        f'[fake]\nenterprise = "acme"\nbase_url = "{root}"\nauth_url = "{root}"\nclient_id = "{CLIENT_ID}"\n'
        f'client_secret_file = "{secret_file}"\n',
    )
    fake.add_employee(id="e1")
    run = cli("--profile", "fake", "employees", "get-employee-by-id", "e1", "--debug")
    assert run.code == 0, run.err
    assert json.loads(run.out)["id"] == "e1"
    assert "/protocol/openid-connect/token" in run.err  # the token request, shown by --debug
    assert CLIENT_SECRET not in run.out + run.err
    [issued] = [call for call in fake.calls if call.operation_id == "getEmployeeById"]
    token = issued.request.headers["Authorization"].removeprefix("Bearer ")
    assert token not in run.err
    assert "authorization: Bearer <redacted>" in run.err


def test_client_secret_on_the_command_line_is_accepted_with_a_warning_and_never_printed(
    fake: FakePexipEngage, root: str, clean_environment: Path, cli: Cli
) -> None:
    fake.add_client(CLIENT_ID, CLIENT_SECRET)
    run = cli(
        "--enterprise",
        "acme",
        "--base-url",
        root,
        "--auth-url",
        root,
        "--client-id",
        CLIENT_ID,
        "--client-secret",
        CLIENT_SECRET,
        "employees",
        "get-employees",
        "--debug",
    )
    assert run.code == 0, run.err
    assert "shell's history" in run.err
    assert CLIENT_SECRET not in run.out + run.err
    wrong = cli(
        "--enterprise",
        "acme",
        "--base-url",
        root,
        "--auth-url",
        root,
        "--client-id",
        CLIENT_ID,
        "--client-secret",
        CLIENT_SECRET + "-wrong",
        "employees",
        "get-employees",
        "--debug",
    )
    assert wrong.code == 3
    assert CLIENT_SECRET not in wrong.out + wrong.err
    assert "Traceback" not in wrong.err


def test_the_secret_is_read_from_a_prompt_without_echo(
    fake: FakePexipEngage, root: str, clean_environment: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    import getpass

    fake.add_client(CLIENT_ID, CLIENT_SECRET)
    prompts: list[str] = []

    def prompt(text: str) -> str:
        prompts.append(text)
        return CLIENT_SECRET

    monkeypatch.setattr(getpass, "getpass", prompt)
    monkeypatch.setattr(sys, "stdin", _Terminal())
    run = cli(
        "--enterprise",
        "acme",
        "--base-url",
        root,
        "--auth-url",
        root,
        "--client-id",
        CLIENT_ID,
        "employees",
        "get-employees",
    )
    assert run.code == 0, run.err
    assert prompts == ["Client secret: "]
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: no prompt, a clear error
    refused = cli(
        "--enterprise",
        "acme",
        "--base-url",
        root,
        "--auth-url",
        root,
        "--client-id",
        CLIENT_ID,
        "employees",
        "get-employees",
    )
    assert refused.code == 2
    assert "no client secret" in refused.err


@pytest.mark.end_to_end
def test_a_cron_job_reads_the_client_secret_from_the_file_its_variable_names(
    fake: FakePexipEngage, root: str, clean_environment: Path, tmp_path: Path
) -> None:
    # A nightly job with its secret mounted as Docker and Kubernetes mount one: no option, no profile.
    fake.add_client(CLIENT_ID, CLIENT_SECRET)
    fake.add_employee(id="e1")
    secret_file = tmp_path / "client_secret"
    secret_file.write_text(CLIENT_SECRET + "\n")
    env = {
        "PEXIP_ENGAGE_ENTERPRISE": "acme",
        "PEXIP_ENGAGE_BASE_URL": root,
        "PEXIP_ENGAGE_AUTH_URL": root,
        "PEXIP_ENGAGE_CLIENT_ID": CLIENT_ID,
        "PEXIP_ENGAGE_CLIENT_SECRET_FILE": str(secret_file),
    }
    run = python(
        "-m", "pexip_engage_cli", "employees", "get-employee-by-id", "e1", "--debug", env=env, stdin=subprocess.DEVNULL
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["id"] == "e1"
    assert "/protocol/openid-connect/token" in run.stderr
    assert CLIENT_SECRET not in run.stdout + run.stderr
    missing = tmp_path / "absent"
    failed = python(
        "-m",
        "pexip_engage_cli",
        "employees",
        "get-employee-by-id",
        "e1",
        env={**env, "PEXIP_ENGAGE_CLIENT_SECRET_FILE": str(missing)},
        stdin=subprocess.DEVNULL,
    )
    assert failed.returncode == 2, failed.stderr  # a configuration error, as a bad profile is
    assert f"cannot read PEXIP_ENGAGE_CLIENT_SECRET_FILE ({missing}): No such file" in failed.stderr
    assert "Traceback" not in failed.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_options_beat_variables_which_beat_the_profile(
    fake: FakePexipEngage, root: str, clean_environment: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    write_profiles(clean_environment, f'[default]\nenterprise = "from-profile"\nbase_url = "{root}"\n')
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", TOKEN)
    cli("employees", "get-employees")
    monkeypatch.setenv("PEXIP_ENGAGE_ENTERPRISE", "from-variable")
    cli("employees", "get-employees")
    cli("--enterprise", "from-option", "employees", "get-employees")
    paths = [call.request.url.path for call in fake.calls]
    assert paths == [f"/enterprises/{name}/employees" for name in ("from-profile", "from-variable", "from-option")]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[default]\nenterprise = "acme"\nclient_secret = "x"\n', "keep the secret in a file of its own"),
        ('[default]\nenterprize = "acme"\n', "unknown settings ['enterprize']"),
        ("[default\n", "cannot read"),
    ],
)
def test_a_bad_config_file_is_a_usage_error(clean_environment: Path, cli: Cli, config: str, message: str) -> None:
    write_profiles(clean_environment, config)
    run = cli("employees", "get-employees")
    assert run.code == 2
    assert message in run.err
    missing = cli("--profile", "nope", "employees", "get-employees")
    assert missing.code == 2


# --- api, --debug -----------------------------------------------------------------------------


@pytest.mark.usefixtures("engage_env")
def test_api_passes_any_call_through_with_params_and_a_body_from_stdin_or_a_file(
    fake: FakePexipEngage, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seed_employees(fake, 3)
    run = cli("api", "GET", "/employees", "--param", "limit=1", "--param", "id=employee-001", "-p", "id=employee-002")
    assert run.code == 0, run.err
    document = json.loads(run.out)
    assert [item["id"] for item in document["data"]] == ["employee-001"]
    assert document["meta"]["totalCount"] == 2
    body = {"code": "VIP", "description": "Very important"}
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(body)))
    created = cli("api", "POST", "/lead-segments", "--body", "-")
    assert created.code == 0, created.err
    assert json.loads(created.out)["data"]["code"] == "VIP"
    body_file = tmp_path / "segment.json"
    body_file.write_text(json.dumps({**body, "code": "GOLD"}))
    from_file = cli("api", "post", "/lead-segments", "--body", f"@{body_file}")
    assert json.loads(from_file.out)["data"]["code"] == "GOLD"


@pytest.mark.usefixtures("engage_env")
def test_debug_shows_each_exchange_with_status_timing_and_correlation_id(fake: FakePexipEngage, cli: Cli) -> None:
    run = cli("employees", "get-employees", "--debug")
    assert run.code == 0
    [call] = fake.calls_to("getEmployees")
    correlation_id = call.request.headers["X-Correlation-Id"]
    assert re.search(r"^> GET http://127\.0\.0\.1:\d+/enterprises/acme/employees\?offset=0$", run.err, re.M)
    assert re.search(rf"^< 200 OK in \d+\.\d ms \(correlation id {correlation_id}\)$", run.err, re.M)
    assert "> authorization: Bearer <redacted>" in run.err
    assert TOKEN not in run.err
    assert json.loads(run.out)["meta"]["totalCount"] == 0  # stdout stays the result alone


@pytest.mark.usefixtures("engage_env")
@pytest.mark.parametrize(("variable", "backend"), [("FTP_PROXY", "one-shot"), ("https_proxy", None)])
def test_a_one_shot_command_leaves_the_one_shot_sender_only_for_a_proxy_the_client_goes_through(
    variable: str, backend: str | None, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The client's one rule (`_base/proxies.py`): FTP_PROXY routes no request, lower-case https_proxy does."""
    chosen: list[str | None] = []

    class Recorded(pexip_engage_client.PexipEngage):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            chosen.append(kwargs.get("http_backend"))
            super().__init__(*args, **kwargs)

    for name in [name for name in os.environ if name.lower().endswith("_proxy")] + ["REQUEST_METHOD"]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, "http://127.0.0.1:9")  # never reached: the fake is plain http
    monkeypatch.setattr(pexip_engage_client, "PexipEngage", Recorded)
    run = cli("employees", "get-employees", "--limit", "1")
    assert run.code == 0, run.err
    assert chosen == [backend]


# --- webhooks, completion, entry points ------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["api", "GET", "/employees", "-H", "Authorization: Bearer s3cr3t-header-value"],
        ["api", "GET", "/employees", "--param", "=s3cr3t-header-value"],
        ["webhooks", "send", "--to", "http://127.0.0.1:9/", "--header", "X-Key: s3cr3t-header-value"],
    ],
)
def test_a_pair_that_is_not_name_equals_value_is_a_usage_error_that_does_not_repeat_it(
    argv: list[str], clean_environment: Path, cli: Cli
) -> None:
    run = cli(*argv)
    assert run.code == 2
    assert "expected NAME=VALUE" in run.err
    assert "s3cr3t-header-value" not in run.out + run.err


def test_webhooks_send_refuses_a_negative_number_of_duplicates(clean_environment: Path, cli: Cli) -> None:
    run = cli("webhooks", "send", "--to", "http://127.0.0.1:9/", "--duplicates", "-1")
    assert run.code == 2
    assert "argument --duplicates: -1 is negative" in run.err


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ("{not json", "argument --data: not JSON: "),
        ("[1, 2]", "argument --data: not a JSON object"),
        ("null", "argument --data: not a JSON object"),
    ],
)
def test_webhooks_send_takes_a_json_object_as_data(clean_environment: Path, cli: Cli, data: str, error: str) -> None:
    run = cli("webhooks", "send", "--to", "http://127.0.0.1:9/", "--data", data)
    assert run.code == 2
    assert error in run.err
    assert run.out == ""


def test_webhooks_send_delivers_documented_events_duplicated_and_shuffled(clean_environment: Path, cli: Cli) -> None:
    received: list[bytes] = []

    async def receiver(scope: Any, receive: Any, send: Any) -> None:
        received.append(await _read_body(receive))
        await _answer(send, 204)

    with serve(receiver) as url:
        argv = [
            "webhooks",
            "send",
            "--to",
            f"{url}/hooks",
            "--event-type",
            "CREATE",
            "--event-type",
            "CANCEL",
            "--duplicates",
            "2",
            "--shuffle",
            "--seed",
            "7",
        ]
        run = cli(*argv)
    assert run.code == 0, run.err
    lines = [json.loads(line) for line in run.out.splitlines()]
    assert [line["status"] for line in lines] == [204] * 6
    parsed = [webhooks.parse_event(body) for body in received]
    events = [event for event in parsed if isinstance(event, webhooks.AppointmentWebhookEvent)]
    assert len(events) == len(parsed) == 6
    assert sorted(event.data.event_type for event in events) == ["CANCEL"] * 3 + ["CREATE"] * 3
    assert len({event.id for event in events}) == 2  # each event three times, with its one id
    order = [event.data.event_type for event in events]
    assert order != sorted(order, key=["CREATE", "CANCEL"].index)  # shuffled, not in the order built


def test_webhooks_send_to_a_receiver_that_refuses_or_is_not_there(clean_environment: Path, cli: Cli) -> None:
    async def refusing(scope: Any, receive: Any, send: Any) -> None:
        await _read_body(receive)
        await _answer(send, 500)

    with serve(refusing) as url:
        run = cli("webhooks", "send", "--to", url)
    assert run.code == 1
    assert "1 of 1 deliveries were not accepted" in run.err
    gone = cli("webhooks", "send", "--to", f"{url}/hooks?key=receiver-secret", "--timeout", "2")
    assert gone.code == 4
    assert "Traceback" not in gone.err
    assert "receiver-secret" not in gone.out + gone.err


@pytest.mark.end_to_end
def test_completion_scripts_and_candidates(cli: Cli) -> None:
    bash = cli("completion", "bash")
    assert bash.code == 0
    assert "complete -o default -F _pexip_engage pexip-engage" in bash.out
    checked = subprocess.run(["bash", "-n"], input=bash.out, text=True, capture_output=True, check=False)
    assert checked.returncode == 0, checked.stderr
    zsh = cli("completion", "zsh")
    assert zsh.out.startswith("#compdef pexip-engage")
    assert _completion.candidates(["app"]) == ["appointments"]
    assert "get-appointment-by-id" in _completion.candidates(["appointments", "get"])
    assert _completion.candidates(["employees", "get-employees", "--stat"]) == ["--status"]
    statuses = SPEC["components"]["schemas"]["EmployeeStatus"]["enum"]
    assert _completion.candidates(["employees", "get-employees", "--status", ""]) == statuses
    asked = cli("__complete", "employees", "get-employees", "--available-role", "A")
    assert asked.out.split() == ["ADMIN", "AGENT"]


def python(*argv: str, **extra: Any) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **extra.pop("env", {})}
    return subprocess.run([sys.executable, *argv], capture_output=True, text=True, check=False, env=env, **extra)


@pytest.mark.end_to_end
def test_help_never_imports_the_client() -> None:
    probe = (
        "import sys, contextlib, io\nfrom pexip_engage_cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    codes = [main(['--help']), main(['employees', '--help']),\n"
        "             main(['employees', 'get-employees', '--help']), main(['employees', 'plan', '--help']),\n"
        "             main(['employees', 'apply', '--help'])]\n"
        "print(codes, sorted(m for m in sys.modules if m.startswith('pexip_engage_client')))"
    )
    assert python("-c", probe).stdout.strip() == "[0, 0, 0, 0, 0] []"


@pytest.mark.end_to_end
def test_the_console_scripts_help_is_the_generated_file_and_imports_neither_argparse_nor_json() -> None:
    probe = (
        "import sys, atexit\n"
        "atexit.register(lambda: print(sorted({'argparse', 'json', 'pexip_engage_cli._app'} & set(sys.modules)),"
        " file=sys.stderr))\n"
        "sys.argv = ['pexip-engage', '--help']\nimport pexip_engage_cli\npexip_engage_cli.run()"
    )
    run = python("-c", probe)
    assert run.returncode == 0
    assert run.stderr.strip() == "[]"
    assert run.stdout.startswith("usage: pexip-engage ")


@pytest.mark.main_python_only  # argparse words its help a little differently from one Python to the next
def test_the_generated_help_is_what_argparse_prints_for_the_current_table() -> None:
    # `make generate` writes the file with the main Python's argparse, at 80 columns
    with open(generated_path(HELP_NAME), encoding="utf-8") as file:
        assert file.read() == top_help(load())


@pytest.mark.end_to_end
def test_the_console_script_and_both_module_entry_points(engage_env: str, fake: FakePexipEngage) -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"pexip-engage": "pexip_engage_cli:_script"}
    fake.add_employee(id="e1")
    for module in ("pexip_engage_cli", "pexip_engage_client"):
        run = python("-m", module, "employees", "get-employee-by-id", "e1", "-o", "jsonl")
        assert run.returncode == 0, run.stderr
        assert json.loads(run.stdout)["id"] == "e1"
    failed = python("-m", "pexip_engage_cli", "employees", "get-employee-by-id", "nope")
    assert failed.returncode == 3
    assert "Traceback" not in failed.stderr


@pytest.mark.slow
@pytest.mark.main_python_only
def test_fake_serve_runs_the_fake_until_interrupted(clean_environment: Path) -> None:
    import signal

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "pexip_engage_cli", "fake", "serve", "--port", "0", "--token", "t0ken"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert server.stdout is not None
        banner = server.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+)/enterprises/acme", banner)
        assert found, banner
        run = python(
            "-m",
            "pexip_engage_cli",
            "--enterprise",
            "acme",
            "--base-url",
            found.group(1),
            "employees",
            "get-employees",
            env={"PEXIP_ENGAGE_TOKEN": "t0ken"},
        )
        assert run.returncode == 0, run.stderr
        assert json.loads(run.stdout)["meta"]["totalCount"] == 0
        refused = python(
            "-m",
            "pexip_engage_cli",
            "--enterprise",
            "acme",
            "--base-url",
            found.group(1),
            "employees",
            "get-employees",
            env={"PEXIP_ENGAGE_TOKEN": "other"},
        )
        assert refused.returncode == 3
        assert "HTTP 401" in refused.stderr
    finally:
        server.send_signal(signal.SIGINT)
        _, errors = server.communicate(timeout=10)
    assert "Traceback" not in errors
