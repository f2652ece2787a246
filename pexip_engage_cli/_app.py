"""The `pexip-engage` command line: its parser, built for the command asked for only, and `main`.

Generated commands come from the command table `make generate` writes (`_table.py`), hand-written
ones from `HAND_WRITTEN`, each module imported only when its command runs or its help is shown.
Only the parsers on the way to the command asked for are filled in (docs/cli.md, "Start-up"), each
derived from its `ParserSpec` (`_spec.py`).
"""

from __future__ import annotations

import argparse
import functools
import logging
import sys
from importlib import import_module

from . import _table
from ._arguments import column_names, json_value, not_negative_int, positive_float
from ._checks import checked
from ._collector import resume
from ._exit import CONNECTION, FAILURE, INTERRUPTED, OK, USAGE, CommandError, unusable_answer
from ._parser import Parser
from ._spec import HELP, Group, ParserSpec, scan
from ._table import option_name
from ._terminal import visible

# Neither typing nor dataclasses at run time: together they would add about half of what `--help` costs.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any, Protocol

    from ._context import Context

    class HandWrittenModule(Protocol):
        """What a hand-written command's module provides."""

        def configure(self, parser: ParserSpec) -> None: ...
        def run(self, options: argparse.Namespace, context: Context) -> int: ...

    class Subcommands(Protocol):
        """What `add_subparsers` returns, as used here (argparse's class of it is private)."""

        def add_parser(self, name: str, **kwargs: Any) -> Parser: ...


PROG = "pexip-engage"
DESCRIPTION = """\
The Pexip Engage API from the command line: one command per operation (grouped as the API's
documentation groups them), a raw passthrough (`api`), an employee's free and busy time
(`availability free-busy`), a branch's times to propose (`availability candidates`), provisioning
from a directory (`employees plan`, `employees apply`), the fake API (`fake serve`), and webhooks:
test events (`webhooks send`),
a receiver on 127.0.0.1 (`webhooks listen`), the worker that handles stored events (`webhooks
worker`), the events its handlers failed (`webhooks failed`, `webhooks replay`), what a store kept of
failures (`webhooks status`), the changes whose
deliveries were lost (`webhooks reconcile`), the appointments as a table in your own database
(`mirror run`, `mirror status`, `mirror check`, `mirror cursors`) and its changes into a warehouse
(`mirror export`), the client's tables in PostgreSQL
(`postgres migrate`), the shared backend's lease state settled at deploy (`limits prepare`), where a tenant's answers
differ from the spec (`spec check`), and an MCP server for AI agents (`mcp`, read-only unless
asked).

Connection settings come from the options, then the PEXIP_ENGAGE_* environment variables, then the
profile in $XDG_CONFIG_HOME/pexip-engage/config.toml (`--profile`, or [default]).

exit codes: 0 success, 1 other failure, 2 usage or configuration error, 3 the API answered with an
error status, 4 no answer (connection failed or timed out), 130 interrupted. `employees plan` and
`employees apply` have their own (see their --help): 2 is "changes planned" there, any error is 1.
"""


class HandWritten:
    """A hand-written command: its one-line help, and the module (or `module:NAME`) that defines `configure(spec)`
    and `run(options, context) -> int`. `connects`: it takes the connection options. `error_code`: the exit status
    of every failure, for a command whose other statuses mean something else (`employees plan` exits 2)."""

    __slots__ = ("connects", "error_code", "module", "summary")

    def __init__(self, summary: str, module: str, connects: bool = True, error_code: int | None = None) -> None:
        self.summary = summary
        self.module = module
        self.connects = connects
        self.error_code = error_code

    def __repr__(self) -> str:
        return f"HandWritten({self.summary!r}, {self.module!r}, connects={self.connects}, error_code={self.error_code})"

    def failure(self, code: int) -> int:
        """The exit status for a failure that would otherwise end with `code`."""
        return code if self.error_code is None else self.error_code

    def load(self) -> HandWrittenModule:
        """The module, or for `module:NAME` that module's NAME: what defines `configure` and `run`."""
        module, _, name = self.module.partition(":")
        loaded: HandWrittenModule = import_module(module)
        return getattr(loaded, name) if name else loaded


# Hand-written commands by group. A group that is also a generated one (a tag) gets these beside
# its generated commands; a new name makes a group of its own.
HAND_WRITTEN: dict[str, dict[str, HandWritten]] = {
    "api": {},  # `pexip-engage api METHOD PATH`: the group is the command (see SINGLE_COMMANDS)
    "availability": {
        "free-busy": HandWritten(
            "an employee's busy, available and free time in a window (a view; the timetable decides)",
            f"{__package__}._free_busy",
        ),
        "candidates": HandWritten(
            "a branch's times to propose, each with the advisers free for it, and why others offer none",
            f"{__package__}._candidates",
        ),
    },
    # Provisioning, beside the generated employee commands; every failure exits 1 (docs/cli.md, "Exit codes").
    "employees": {
        "plan": HandWritten(
            "plan the changes that make the employees match a directory export (exit 2: changes)",
            f"{__package__}._employees_plan",
            error_code=FAILURE,
        ),
        "apply": HandWritten(
            "make the changes of a plan saved by `employees plan --out`",
            f"{__package__}._employees_apply",
            error_code=FAILURE,
        ),
    },
    "fake": {
        "serve": HandWritten("run the fake Pexip Engage API on 127.0.0.1", f"{__package__}._fake", connects=False),
    },
    "mirror": {
        "run": HandWritten(
            "keep the appointments as a table in your database: serve the receiver, read, catch up",
            f"{__package__}._mirror:RUN",
        ),
        "status": HandWritten(
            "the mirror's rows, last catch-up, what waits and the newest updated_at",
            f"{__package__}._mirror:STATUS",
            connects=False,
        ),
        "check": HandWritten(
            "compare the mirror's table with the API; exit 1 naming each appointment that differs",
            f"{__package__}._mirror:CHECK",
        ),
        "cursors": HandWritten(
            "the mirror's change hooks' cursors (where each stands, when last held); `cursors drop NAME` drops one",
            f"{__package__}._mirror:CURSORS",
            connects=False,
        ),
        "export": HandWritten(
            "load the mirror's changes into a warehouse through dlt (DuckDB, PostgreSQL), each change once",
            f"{__package__}._mirror:EXPORT",
            connects=False,
        ),
    },
    "webhooks": {
        "send": HandWritten(
            "POST documented webhook events to a receiver (duplicated, shuffled)",
            f"{__package__}._webhooks",
            connects=False,
        ),
        "listen": HandWritten(
            "run the webhook receiver on 127.0.0.1 and print each event as it arrives",
            f"{__package__}._listen",
            connects=False,
        ),
        "worker": HandWritten(
            "handle the events web processes stored, with a receiver's handlers (no HTTP)",
            f"{__package__}._webhooks_worker",
        ),
        "failed": HandWritten(
            "list the events whose handler failed every attempt (table or JSON, filtered)",
            f"{__package__}._webhooks_parked:FAILED",
            connects=False,
        ),
        "replay": HandWritten(
            "hand parked events back to their handlers: ID ... or --all-failed",
            f"{__package__}._webhooks_parked:REPLAY",
            connects=False,
        ),
        "status": HandWritten(
            "what the store holds and kept of failures: waiting, parked, refused deliveries, the last error",
            f"{__package__}._webhooks_parked:STATUS",
            connects=False,
        ),
        "reconcile": HandWritten(
            "hand the handlers the appointment changes whose deliveries were lost (--from, --to)",
            f"{__package__}._webhooks_reconcile",
        ),
    },
    # Exit 0 or 1 say whether the answers differ from the spec; every failure is a usage error (2).
    "spec": {
        "check": HandWritten(
            "read a live tenant (GET only) and list where its answers differ from openapi.yaml",
            f"{__package__}._spec_check",
            error_code=USAGE,
        ),
    },
    "limits": {
        "prepare": HandWritten(
            "settle the shared backend's lease state (Redis or PostgreSQL) at deploy, before ensures run (the `redis`"
            " extra alone for a redis:// URL, the `postgres` extra for a postgresql:// one)",
            f"{__package__}._limits_prepare",
            connects=False,
        ),
    },
    "postgres": {
        "migrate": HandWritten(
            "make the client's tables in PostgreSQL (webhook store, shared limits, turns, mirror, MCP confirmations) at"
            " deploy, as the schema's owner (the `postgres` extra alone)",
            f"{__package__}._postgres_migrate",
            connects=False,
        ),
    },
    "completion": {},
    "mcp": {},
}
# Hand-written groups that are one command each, and their module.
SINGLE_COMMANDS: dict[str, HandWritten] = {
    "api": HandWritten("call any path through the client's auth, retries and errors", f"{__package__}._raw"),
    "completion": HandWritten("print a shell completion script (bash or zsh)", f"{__package__}._completion", False),
    "mcp": HandWritten(
        "serve the API to AI agents over MCP (stdio, or --http); read-only unless asked", f"{__package__}._mcp_command"
    ),
}
GROUP_HELP = {
    "fake": "the fake API, for trying commands without an account",
    "mirror": "the appointments as a table in your own database: run it, its status, check it against the API",
    "webhooks": "send test webhook events, receive them, or handle the stored ones (worker)",
    "limits": "the shared limits' backend: settle its lease state at deploy (prepare)",
    "postgres": "PostgreSQL as the shared backend: make its tables and settle its lease state (migrate)",
    "spec": "the API against openapi.yaml: where a live tenant's answers differ (check)",
}


def add_common_options(parser: ParserSpec) -> None:
    """Connection and output options; given before the command or after it, they mean the same (their default
    is SUPPRESS: a subcommand's default would overwrite what was given before it)."""
    connection = parser.add_argument_group("connection (default: PEXIP_ENGAGE_* variables, then the profile)")
    add = connection.add_argument
    add("--profile", default=argparse.SUPPRESS, help="profile of the config file (PEXIP_ENGAGE_PROFILE)")
    add("--enterprise", default=argparse.SUPPRESS, help="enterprise identifier")
    add("--environment", default=argparse.SUPPRESS, choices=("production", "staging", "development"))
    add("--base-url", default=argparse.SUPPRESS, help="API root instead of the environment's, e.g. the fake's")
    add("--auth-url", default=argparse.SUPPRESS, help="OAuth server root (with --base-url and a client id)")
    add("--client-id", default=argparse.SUPPRESS, help="OAuth client id")
    add("--client-secret-file", default=argparse.SUPPRESS, metavar="FILE", help="file holding the client secret")
    add("--client-secret", default=argparse.SUPPRESS, help="the client secret (kept in shell history: avoid)")
    add("--timeout", type=positive_float, default=argparse.SUPPRESS, metavar="SECONDS", help="per attempt")
    add("--max-retries", type=not_negative_int, default=argparse.SUPPRESS, metavar="N")
    output = parser.add_argument_group("output")
    add_output_options(output)
    output.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print each request and response to stderr (credentials redacted)",
    )


def add_output_options(parser: ParserSpec | Group) -> None:
    """`-o/--output` and `--columns`: also of a command that prints results without connecting (`webhooks failed`)."""
    parser.add_argument(
        "-o",
        "--output",
        choices=("json", "jsonl", "table", "csv", "yaml"),
        default=argparse.SUPPRESS,
        help="json (default when piped), jsonl, table (default on a terminal), csv (nested fields by dotted path), "
        "or yaml (the cli extra)",
    )
    parser.add_argument(
        "--columns",
        type=column_names,
        default=argparse.SUPPRESS,
        metavar="A,B,...",
        help="a table's or CSV's columns, by their wire names (a CSV's by dotted path, address.city; "
        "default: the fields that fit the terminal, or a CSV's first page's)",
    )
    parser.add_argument(
        "--csv-raw",
        action="store_true",
        default=argparse.SUPPRESS,
        help="write CSV cells as they are: by default a cell a spreadsheet would run (=, +, -, @, tab, CR at its "
        "start) is written after a ' (employees plan reads it back as it was)",
    )


def add_dry_run(parser: ParserSpec) -> None:
    """`--dry-run`, of every command that writes to the API (`_dry_run.py`)."""
    parser.add_argument(
        "--dry-run",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print the request as it would be sent (method, URL, headers without secrets, body) and send nothing",
    )


class _PrintVersion(argparse.Action):
    """`--version`: the installed client's version, read only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **options: Any) -> None:
        super().__init__(option_strings, dest, default=argparse.SUPPRESS, **options)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from ._table import client_version  # noqa: PLC0415 - read only when asked

        print(f"{PROG} {client_version()}", flush=True)
        parser.exit()


_COMMON = ParserSpec()
add_common_options(_COMMON)
# Options that take a value: the scan for the command's name must skip their values.
VALUE_OPTIONS = _COMMON.value_options()
_TOP_OPTIONS = frozenset(_COMMON.option_names())


_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _boolean(text: str) -> bool:
    try:
        return _BOOLEANS[text.lower()]
    except KeyError:
        raise argparse.ArgumentTypeError(f"{text!r} is not true or false") from None


_TYPES: dict[str, Callable[[str], Any]] = {"integer": int, "number": float, "boolean": _boolean, "object": json_value}


def configure_generated(parser: ParserSpec, command: _table.CommandSpec) -> None:
    """A generated command's arguments: path parameters positional, the others options."""
    for parameter in command["parameters"]:
        kind = checked(_TYPES.get(parameter["type"], str), parameter["checks"])
        text = parameter["help"].replace("%", "%%")
        if parameter["positional"]:
            parser.add_argument(
                "p_" + parameter["python"], metavar=parameter["python"].strip("_").upper(), type=kind, help=text
            )
            continue
        extra: dict[str, Any] = {}
        if parameter["array"]:
            extra["action"] = "append"
            text = f"{text} (repeat for several)" if text else "repeat for several"
        # With choices, no metavar: argparse shows them, `{A,B}`.
        parser.add_argument(
            option_name(parameter["python"]),
            dest="p_" + parameter["python"],
            type=kind,
            choices=parameter["enum"],
            metavar=None if parameter["enum"] else parameter["python"].strip("_").upper(),
            required=parameter["required"],
            help=text or None,
            **extra,
        )
    if not command["http"].startswith("GET "):  # a write: it may be shown and not sent
        add_dry_run(parser)
    body = command["body"]
    if body is not None:
        parser.add_argument(
            "--body",
            required=body["required"],
            metavar="JSON",
            help=(body["help"] + ". " if body["help"] else "")
            + "JSON text, @FILE to read it from a file, or - to read it from stdin (wire names, camelCase)",
        )
    if command["pages"]:
        parser.add_argument(
            "--all", action="store_true", help="walk every page and print one JSON array (or JSONL, CSV, YAML)"
        )
        parser.add_argument(
            "--progress",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="a progress bar on stderr during --all (default: when stderr is a terminal)",
        )


class Chosen:
    """What the command line asked for, once parsed."""

    def __init__(
        self,
        options: argparse.Namespace,
        *,
        group: str | None,
        command: str | None,
        generated: _table.CommandSpec | None,
        namespace: str | None,
        hand_written: HandWritten | None,
        parser: argparse.ArgumentParser,
    ) -> None:
        self.options = options
        self.group, self.command = group, command
        self.generated, self.namespace = generated, namespace
        self.hand_written = hand_written
        self.parser = parser


def command_words(argv: Sequence[str]) -> tuple[str | None, str | None]:
    """The group and the command `argv` names (either may be None)."""
    return scan(argv, VALUE_OPTIONS)


def _choose(spec: ParserSpec, dest: str, summaries: dict[str, str], wanted: str | None, everything: bool) -> list[str]:
    """The subcommands the parser of `spec` gets a parser for: the one asked for only (or all, `everything`).
    None: a positional whose choices refuse an unknown name, as a parser per subcommand would cost each one's
    set-up (argparse looks its messages up in translation catalogues on disk)."""
    names = list(summaries)
    if everything:
        return names
    if wanted in names:
        return [wanted]
    spec.formatter_class = argparse.RawDescriptionHelpFormatter
    width = max(map(len, names))  # the commands offered, as the help's last section
    spec.epilog = "commands:\n" + "\n".join(f"  {name.ljust(width)}  {summaries[name]}".rstrip() for name in names)
    spec.add_argument(dest, metavar="COMMAND", choices=names, help="one of the commands below")
    return []


def _subparsers(parser: Parser, dest: str) -> Subcommands:
    subparsers = parser.add_subparsers(dest=dest, metavar="COMMAND", title="commands", parser_class=Parser)
    subparsers.required = True
    return subparsers


def build_parser(
    argv: Sequence[str], groups: dict[str, _table.GroupSpec], *, everything: bool = False
) -> tuple[Parser, dict[tuple[str, str], tuple[Parser, Any]]]:
    """The parser for `argv`, filled in along the way to its command (or everywhere, `everything`), and each
    filled-in command's parser with what it runs (a command spec or a `HandWritten`)."""
    wanted_group, wanted_command = command_words(argv)
    top_spec = ParserSpec(DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    top_spec.add_argument("--version", action=_PrintVersion, nargs=0, help="print the installed version and exit")
    add_common_options(top_spec)
    commands: dict[tuple[str, str], tuple[Parser, Any]] = {}
    summaries: dict[str, str] = {}
    for name in group_names(groups):
        single = SINGLE_COMMANDS.get(name)
        generated = groups.get(name)
        summaries[name] = single.summary if single else generated["help"] if generated else GROUP_HELP[name]
    chosen = _choose(top_spec, "group", summaries, wanted_group, everything)
    top = Parser(prog=PROG, spec=top_spec)
    if not chosen:
        return top, commands
    subparsers = _subparsers(top, "group")
    for name in chosen:
        single = SINGLE_COMMANDS.get(name)
        if single is None:
            _fill_group(
                subparsers,
                name,
                summaries[name],
                entries=group_commands(name, groups),
                wanted_command=wanted_command,
                everything=everything,
                commands=commands,
            )
            continue
        spec = _command_spec(single, summaries[name])
        commands[(name, "")] = (subparsers.add_parser(name, help=summaries[name], spec=spec), single)
    return top, commands


def group_names(groups: dict[str, _table.GroupSpec]) -> list[str]:
    """Every group, generated (`groups`) or hand-written, in order."""
    return sorted({*groups, *HAND_WRITTEN})


def group_commands(name: str, groups: dict[str, _table.GroupSpec]) -> dict[str, Any]:
    """A group's commands by name: its generated ones (command specs), and its hand-written ones (`HandWritten`)."""
    return {**(groups[name]["commands"] if name in groups else {}), **HAND_WRITTEN.get(name, {})}


def _fill_group(
    subparsers: Subcommands,
    name: str,
    summary: str,
    *,
    entries: dict[str, Any],
    wanted_command: str | None,
    everything: bool,
    commands: dict[tuple[str, str], tuple[Parser, Any]],
) -> None:
    """A group's parser and commands, generated and hand-written; the one asked for gets its arguments."""
    summaries = {
        command_name: entry.summary if isinstance(entry, HandWritten) else entry["summary"]
        for command_name, entry in sorted(entries.items())
    }
    group_spec = ParserSpec(summary)
    chosen = _choose(group_spec, "command", summaries, wanted_command, everything)
    group_parser = subparsers.add_parser(name, help=summary, spec=group_spec)
    if not chosen:
        return
    command_parsers = _subparsers(group_parser, "command")
    for command_name in chosen:
        entry = entries[command_name]
        spec = _command_spec(entry, summaries[command_name])
        commands[(name, command_name)] = (
            command_parsers.add_parser(command_name, help=summaries[command_name], spec=spec),
            entry,
        )


def _command_spec(entry: Any, summary: str) -> ParserSpec:
    """What a command takes: the connection options if it connects, and its own arguments."""
    if isinstance(entry, HandWritten):
        spec = ParserSpec(summary.replace("%", "%%"))
        if entry.connects:
            add_common_options(spec)
        entry.load().configure(spec)
        return spec
    description = f"{entry['summary']}. {entry['http']}\n\n{entry['description']}".strip()
    spec = ParserSpec(description.replace("%", "%%"))
    add_common_options(spec)
    configure_generated(spec, entry)
    return spec


def parse(argv: Sequence[str]) -> Chosen:
    groups = _table.load()
    top, commands = build_parser(argv, groups)
    _refuse_without_command(top, argv, groups)
    options, unknown = top.parse_known_args(argv)
    # Set: without a group, argparse has exited (a usage error, or `--help` with no command).
    group: str = options.group
    command: str | None = getattr(options, "command", None)
    parser, entry = commands[(group, command or "")]
    if unknown:  # said by the command's parser, which knows the options that were meant
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if isinstance(entry, HandWritten):
        return Chosen(
            options, group=group, command=command, generated=None, namespace=None, hand_written=entry, parser=parser
        )
    # An `ensure` command names its own namespace: its group spans several.
    namespace = entry.get("namespace") or groups[group]["namespace"]
    return Chosen(
        options, group=group, command=command, generated=entry, namespace=namespace, hand_written=None, parser=parser
    )


def _refuse_without_command(top: Parser, argv: Sequence[str], groups: dict[str, _table.GroupSpec]) -> None:
    """A usage error for a command line naming no command, or an unknown option before an unknown one."""
    wanted = command_words(argv)[0]
    if wanted is None:
        if set(argv).isdisjoint((*HELP, "--version")):
            top.error("a command is required")
    elif wanted not in group_names(groups):
        # `--enterprize acme employees ...`: the value of a mistyped option is no command; the option is the error
        before = argv[: list(argv).index(wanted)]
        unknown = [word for word in before if word.startswith("--") and word.partition("=")[0] not in _TOP_OPTIONS]
        if unknown:
            top.error(f"unrecognized arguments: {unknown[0]}")


def _failure(arguments: Sequence[str], code: int) -> int:
    """The exit status of a failure ending with `code`: the command's own, if it has one (`error_code`), found
    from the words of the command line, as a usage error ends before anything was chosen."""
    group, command = command_words(arguments)
    entry = SINGLE_COMMANDS.get(group or "") or HAND_WRITTEN.get(group or "", {}).get(command or "")
    return code if entry is None else entry.failure(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: `sys.argv[1:]`); returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in arguments
    # psycopg's pool warns of each failed connection and of a thread it stopped: with no logging set
    # up, Python's last resort would print them beside the command's own one line. A command that
    # sets logging up (mirror run, webhooks worker) logs them at --log-level debug only (`configure_logging`).
    logging.getLogger("psycopg").addHandler(logging.NullHandler())
    try:
        return _run(arguments)
    except CommandError as exc:
        _error(str(exc))
        return exc.code if exc.kept else _failure(arguments, exc.code)
    except KeyboardInterrupt:
        _error("interrupted")
        return INTERRUPTED
    except BrokenPipeError:  # `pexip-engage ... | head`: the reader has what it wanted
        sys.stderr.close()
        return OK
    except ConnectionError as exc:  # a socket failure outside the client (webhooks send)
        _error(f"connection failed: {exc}")
        return _failure(arguments, CONNECTION)
    except Exception as exc:
        return _other_failure(exc, arguments, debug=debug)


def _run(arguments: list[str]) -> int:
    """The command `arguments` name, run; a failure it cannot turn into an exit status is raised."""
    try:
        chosen = parse(arguments)
    except SystemExit as exit_:  # argparse: --help (0) or a usage error (2, message already printed)
        code = exit_.code if isinstance(exit_.code, int) else USAGE
        return code if code == OK else _failure(arguments, code)
    from ._context import Context  # noqa: PLC0415 - the client is imported only to run a command

    context = Context(chosen)
    if chosen.hand_written is not None:
        resume()  # a hand-written command may run on: a server, an apply, a listener
        return chosen.hand_written.load().run(chosen.options, context)
    return context.run_generated()


def _other_failure(exc: Exception, arguments: Sequence[str], *, debug: bool) -> int:
    """A failure no command turned into a CommandError: a field the API sent differently is named
    (exit 5, `unusable_answer`), anything else is "unexpected" (its traceback with `--debug`)."""
    if debug:
        import traceback  # noqa: PLC0415

        traceback.print_exc()
    refused = unusable_answer(exc)
    if refused is not None:
        _error(str(refused))
        return _failure(arguments, refused.code)
    _error(f"unexpected {type(exc).__name__}: {exc}")
    return _failure(arguments, FAILURE)


def _error(message: str) -> None:
    print(f"{PROG}: error: {visible(message)}", file=sys.stderr, flush=True)


def top_help(groups: dict[str, _table.GroupSpec]) -> str:
    """`pexip-engage --help` at 80 columns: what `make generate` writes for the console script to print."""
    top = build_parser([], groups)[0]
    # argparse's width at COLUMNS=80 (it keeps 2 back): the file is the same on every machine.
    top.formatter_class = functools.partial(argparse.RawDescriptionHelpFormatter, width=78)
    return top.format_help()
