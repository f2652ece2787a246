"""A mistyped command line: the error comes first, with the nearest command, option or value."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ..support.cli import Cli


@pytest.mark.usefixtures("engage_env")
@pytest.mark.parametrize(
    ("argv", "error", "guess"),
    [
        (["employes"], "pexip-engage: error: argument COMMAND: invalid choice: 'employes'", "'employees'"),
        (["employees", "get-employes"], "invalid choice: 'get-employes'", "'get-employees'"),
        (["employees", "get-employees", "--stauts", "ACTIVE"], "unrecognized arguments: --stauts ACTIVE", "--status"),
        (["employees", "get-employees", "--status", "ACTIV"], "invalid choice: 'ACTIV'", "'ACTIVE'"),
        (["employees", "get-employees", "-o", "jsn"], "invalid choice: 'jsn'", "'json'"),
        (["--enterprize", "acme", "employees", "get-employees"], "unrecognized arguments: --enterprize", "--enterpr"),
        (["fake", "serve", "--clients", "a:b"], "unrecognized arguments: --clients a:b", "--client"),
        (["employees", "plan", "x.csv", "--treshold", "0.5"], "unrecognized arguments", "--threshold"),
    ],
)
def test_the_error_comes_first_with_the_nearest_name(cli: Cli, argv: list[str], error: str, guess: str) -> None:
    run = cli(*argv)
    assert run.code in (1, 2)  # 1: `employees plan`, whose every failure is 1
    lines = run.err.splitlines()
    assert error in lines[0], run.err
    assert lines[0].startswith("pexip-engage")
    assert lines[1].startswith("  did you mean "), run.err
    assert guess in lines[1]
    assert "see `pexip-engage" in lines[-1]
    assert len(lines) == 3  # never the usage block of up to twenty lines
    assert "usage:" not in run.err
    assert run.out == ""


@pytest.mark.usefixtures("engage_env")
def test_a_long_list_of_commands_is_left_to_help_and_nothing_is_guessed_from_nothing(cli: Cli) -> None:
    run = cli("employees", "zzzzzz")
    first, *rest = run.err.splitlines()
    assert first == "pexip-engage employees: error: argument COMMAND: invalid choice: 'zzzzzz'"
    assert rest == ["  see `pexip-engage employees --help`"]
    missing = cli("employees", "get-employee-by-id")
    assert missing.code == 2
    assert missing.err.splitlines()[0].endswith("the following arguments are required: ID")
    nothing = cli()
    assert nothing.code == 2
    assert nothing.err.splitlines()[0] == "pexip-engage: error: a command is required"


@pytest.mark.usefixtures("engage_env")
@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("inf", "'inf' is not a finite number of seconds"),
        ("Infinity", "'Infinity' is not a finite number of seconds"),
        ("nan", "'nan' is not a finite number of seconds"),
        ("-1", "-1 is not positive"),
        ("0", "0 is not positive"),
        ("soon", "'soon' is not a number"),
    ],
)
def test_a_timeout_must_be_a_finite_positive_number_of_seconds(cli: Cli, value: str, reason: str) -> None:
    run = cli("--timeout", value, "employees", "get-employees")
    assert run.code == 2
    assert run.err.splitlines()[0].endswith(f"argument --timeout: {reason}"), run.err
    assert cli("employees", "get-employees", f"--timeout={value}").code == 2
    assert cli("employees", "get-employees", "--timeout", "2.5").code == 0


@pytest.mark.end_to_end
@pytest.mark.parametrize(
    "argv", [["fake", "serve", "--port", "0"], ["webhooks", "send", "--to", "http://127.0.0.1:9/"]]
)
def test_a_missing_extra_is_said_once_with_what_to_install(argv: list[str]) -> None:
    # jsonschema made unimportable, as in an install without the `testing` extra.
    script = (
        "import sys; sys.modules['jsonschema'] = None\nfrom pexip_engage_cli import main\nsys.exit(main(sys.argv[1:]))"
    )
    run = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 2
    assert run.stderr.count("pip install") == 1, run.stderr
    assert "needs the testing extra: pip install 'pexip-engage-client[testing]'" in run.stderr
    assert len(run.stderr.splitlines()) == 1


@pytest.mark.usefixtures("engage_env")
def test_a_value_a_body_enum_does_not_list_is_named_in_wire_form_with_the_allowed_values(cli: Cli) -> None:
    participant = '{"role": "BOSS", "participantId": "e", "type": "EMPLOYEE"}'
    body = (
        '{"start": "2026-03-01T10:00:00Z", "end": "2026-03-01T10:30:00Z", "subjectId": "s", "officeId": "o", '
        f'"meetingType": "ZOOM", "appointmentParticipants": [{participant}]}}'
    )
    run = cli("appointments", "create-appointment", "--body", body)
    assert run.code == 2
    assert run.err == (
        "pexip-engage: error: body has fields or values the API does not define: "
        "appointmentParticipants.role: 'BOSS' is not one of ['PRIMARY', 'SECONDARY'], "
        "meetingType: 'ZOOM' is not one of ['OFFICE', 'ON_LOCATION', 'PHONE', 'VIDEO']\n"
    )
