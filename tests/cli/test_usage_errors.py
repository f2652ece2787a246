"""A mistyped command line: the error comes first, with the nearest command, option or value."""

from __future__ import annotations

import pytest

from .conftest import Cli


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
)  # fmt: skip
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
