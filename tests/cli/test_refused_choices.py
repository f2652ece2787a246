"""Every refused choice on the command line lists the valid ones: each argument of the command table that has
choices (enums from the spec, modes, formats), refused by argparse, and each value a command checks itself (where
the valid ones depend on another option or on the spec the command loads to run), in the same words."""

from __future__ import annotations

import pytest

from pexip_engage_cli import _app, _table, main
from pexip_engage_cli._parser import Parser

WRONG = "no-such-choice"


def with_choices() -> list[tuple[str, Parser, list[str], list[str]]]:
    """Each argument with choices of every command: the command, its parser, what refuses a wrong value, the choices
    (an option every command shares, `--output`, `--environment`, once)."""
    _, commands = _app.build_parser([], _table.load(), everything=True)
    found, seen = [], set()
    for (group, command), (parser, _) in commands.items():
        positionals = [argument for argument in parser.spec.arguments if not argument.is_option]
        for argument in parser.spec.arguments:
            if not argument.choices or (argument.names, *argument.choices) in seen:
                continue
            seen.add((argument.names, *argument.choices))
            before = ["x"] * positionals.index(argument) if argument in positionals else []
            argv = [*before, WRONG] if before or not argument.is_option else [argument.names[-1], WRONG]
            found.append((f"{group} {command} {argument.names[-1]}".replace("  ", " "), parser, argv, argument.choices))
    return found


CHOICES = with_choices()


def test_the_table_has_choices_of_every_kind() -> None:
    named = {name for name, *_ in CHOICES}
    # An enum from the spec, an output format, a mode and a positional's: each kind is among them.
    assert {"employees get-employees --status", "api --output", "fake serve --webhook-fanout", "api method"} <= named


@pytest.mark.parametrize(("name", "parser", "argv", "choices"), CHOICES, ids=[name for name, *_ in CHOICES])
def test_a_wrong_value_is_refused_listing_every_valid_one(
    name: str, parser: Parser, argv: list[str], choices: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        parser.parse_args(argv)
    first = capsys.readouterr().err.splitlines()[0]
    assert exited.value.code == 2
    assert f"invalid choice: {WRONG.upper() if 'method' in name else WRONG!r}" in first, first
    assert f"(choose from {', '.join(map(repr, choices))})" in first, first


@pytest.mark.parametrize(
    ("argv", "says", "nearest"),
    [
        (
            ["webhooks", "send", "--to", "http://127.0.0.1:9/", "--event-type", "UPDATE"],
            "--event-type: invalid choice: 'UPDATE' (choose from 'ACCEPT', 'CANCEL', 'COMPLETE', 'CREATE', "
            "'CREATE_REQUEST', 'GENERIC_UPDATE', 'REASSIGN', 'REOPEN', 'REQUEST_ALTERNATIVE_DATE', 'RESCHEDULE', "
            "'RESCHEDULE_REQUEST')",
            "GENERIC_UPDATE",
        ),
        (
            [
                "availability",
                "candidates",
                "--office",
                "o",
                "--meeting-type",
                "VIDO",
                "--from",
                "2030-01-01T00:00:00Z",
                "--to",
                "2030-01-02T00:00:00Z",
                "--duration",
                "30",
            ],
            "--meeting-type: invalid choice: 'VIDO' (choose from 'OFFICE', 'ON_LOCATION', 'PHONE', 'VIDEO')",
            "VIDEO",
        ),
        (
            ["spec", "check", "--operations", "getAppointmentz"],
            "--operations: invalid choice: 'getAppointmentz' (choose from 'getAppliedTemplates', 'getAppointments', ",
            "getAppointments",
        ),
        (
            ["mcp", "--toolsets", "read,reed"],
            "--toolsets: invalid choice: 'reed' (choose from 'read', 'book', 'admin')",
            "read",
        ),
    ],
)
def test_a_value_a_command_checks_itself_is_refused_in_the_same_words(
    argv: list[str], says: str, nearest: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", "t")
    connection = [] if argv[0] == "webhooks" else ["--enterprise", "acme", "--base-url", "http://127.0.0.1:9"]
    code = main([*argv, *connection])
    err = capsys.readouterr().err
    assert code == 2
    assert f"argument {says}" in err, err
    assert f"did you mean {nearest!r}?" in err
    assert "Traceback" not in err
