"""Every parser of the command line is derived from its `ParserSpec`, and what reads a command's
arguments (completion, the usage errors' guesses, the scan for the command's name) reads the spec."""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

import pytest

from pexip_engage_cli import _app, _table
from pexip_engage_cli._parser import Parser, suggestions
from pexip_engage_cli._spec import ParserSpec, scan

PACKAGE = Path(_app.__file__).parent


def every_parser() -> list[tuple[str, Parser]]:
    top, commands = _app.build_parser([], _table.load(), everything=True)
    return [("pexip-engage", top)] + [
        (f"{group} {command}".strip(), parser) for (group, command), (parser, _) in commands.items()
    ]


@pytest.mark.parametrize(("name", "parser"), every_parser(), ids=lambda value: value if isinstance(value, str) else "")
def test_a_parser_takes_what_its_spec_declares_and_nothing_else(name: str, parser: Parser) -> None:
    # argparse's private list is read here only, to prove the derivation.
    actions = [action for action in parser._actions if not isinstance(action, argparse._SubParsersAction)]
    assert [name for action in actions for name in action.option_strings] == parser.spec.option_names()
    for action in actions:
        argument = next(
            (a for a in parser.spec.arguments if a.names[0] in (action.option_strings or [action.dest])), None
        )
        if action.dest == "help":
            continue
        assert argument is not None, action
        assert argument.takes_value == (action.option_strings != [] and action.nargs != 0)
        assert argument.choices == [str(choice) for choice in action.choices or ()]


def test_no_module_of_the_command_line_reads_argparses_private_list() -> None:
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        private = [node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "_actions"]
        assert not private, path.name


def test_the_options_that_take_a_value_come_from_the_declarations() -> None:
    assert {"--enterprise", "--timeout", "-o", "--output", "--client-secret-file"} <= _app.VALUE_OPTIONS
    assert "--debug" not in _app.VALUE_OPTIONS  # a flag: the word after it is the command
    assert _app.command_words(["--debug", "employees", "get-employees"]) == ("employees", "get-employees")
    assert _app.command_words(["--timeout", "5", "employees", "--help", "x"]) == ("employees", None)


def test_a_spec_declared_like_a_parser_gives_the_parser_and_the_guesses() -> None:
    spec = ParserSpec("a command")
    spec.add_argument("file", metavar="FILE")
    output = spec.add_argument_group("output")
    output.add_argument("--format", choices=("json", "table"), default="json")
    either = spec.add_mutually_exclusive_group()
    either.add_argument("--quiet", action="store_true")
    either.add_argument("--progress", action=argparse.BooleanOptionalAction)
    spec.set_defaults(kind="test")
    parser = Parser(prog="x", spec=spec)
    options = parser.parse_args(["f.json", "--format", "table", "--no-progress"])
    assert (options.file, options.format, options.progress, options.kind) == ("f.json", "table", False, "test")
    assert spec.option_names() == ["-h", "--help", "--format", "--quiet", "--progress", "--no-progress"]
    assert spec.value_options() == {"--format"}
    assert "output:" in parser.format_help()
    assert "a command" in parser.format_help()
    assert suggestions(spec, "argument --format: invalid choice: 'tabel' (choose from 'json', 'table')") == ["'table'"]
    assert suggestions(spec, "unrecognized arguments: --quite") == ["--quiet"]
    assert scan(["--format", "json", "a", "b", "c"], spec.value_options()) == ("a", "b")
