"""`pexip-engage mirror run | status | check | cursors | export`: Engage's appointments as a table in your
database (`--database`: SQLite, its tables made on first use, or PostgreSQL, made by `postgres migrate`).
The guide: docs/mirror.md.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote

from ._app import add_output_options
from ._arguments import DEFAULT_FROM, DEFAULT_TO, positive_span, seconds, span
from ._exit import FAILURE, OK, CommandError, missing_extra, shared_failure
from ._first_call import refused_at_start
from ._listen import add_secret_files, secrets_given
from ._output import instant
from ._webhooks_worker import configure_logging, load_named

if TYPE_CHECKING:
    from pexip_engage_client.mirror import AppointmentMirror, CheckResult, MirrorStatus

    from ._context import Context
    from ._spec import ParserSpec

_T = TypeVar("_T")

DATABASE_VARIABLE = "PEXIP_ENGAGE_MIRROR_DATABASE"
_LEVELS = ("debug", "info", "warning", "error")
_LOGGERS = ("pexip_engage_client.mirror", "pexip_engage_client.webhooks")


def _add_database(parser: ParserSpec) -> None:
    parser.add_argument(
        "--database",
        default=os.environ.get(DATABASE_VARIABLE) or None,
        metavar="URL",
        help=f"sqlite:///path.db or postgresql://user@host/db?schema=name, the postgres extra (or {DATABASE_VARIABLE})",
    )


def _database(options: argparse.Namespace, *, existing: bool) -> str:
    """The database's URL; with `existing`, a SQLite file must be there and hold the mirror's tables (a read makes
    nothing: a mistyped path, or another database's file, would read as an empty table and be given its tables)."""
    url: str | None = options.database
    if not url:
        raise CommandError(f"name the mirror's database: --database URL (or {DATABASE_VARIABLE})")
    if existing and url.startswith("sqlite:///"):
        from pexip_engage_client._shared.sqlite import holds_room  # noqa: PLC0415 - the client loads to run

        path = Path(unquote(url[len("sqlite:///") :]))
        if not path.is_file():
            raise CommandError(f"--database: no SQLite database at {path}: is the path the mirror's?")
        if not holds_room(path, "mirror"):
            raise CommandError(
                f"--database: the SQLite database at {path} has no mirror tables (`mirror run` makes them):"
                " is the path the mirror's?",
                FAILURE,
            )
    return url


def _mirror(url: str, secret: str | list[str], **options: Any) -> AppointmentMirror:
    try:
        from pexip_engage_client.mirror import AppointmentMirror  # noqa: PLC0415 - the client loads to run
    except ImportError as exc:
        raise missing_extra("mirror", "mirror", exc) from None
    try:
        return AppointmentMirror(url, secret=secret, **options)
    except ImportError as exc:  # psycopg, for a postgresql:// URL
        raise missing_extra("a PostgreSQL mirror", "postgres", exc) from None
    except ValueError as exc:
        raise CommandError(f"--database: {str(exc).removeprefix('database: ')}") from None


# --- mirror run --------------------------------------------------------------------------------

_RUN = """`pexip-engage mirror run`: serve the webhook receiver on 127.0.0.1 and keep the table equal to the API.

Each delivery must carry the shared secret as its `key` (PEXIP_ENGAGE_WEBHOOK_SECRET or --secret-file, as
`webhooks listen` takes it). Each event's appointment is read through the API, a page of them at a time, applied
when its updatedAt is newer than its row's, and handed to the --on-change hook. It catches up at start (every
appointment) and every --catch-up-every (the window from --window-from to --window-to, then every row not read
since). SIGTERM or SIGINT stops it with nothing half-applied. Needs the `mirror` extra (uvicorn).

    pexip-engage mirror run --database sqlite:///crm.db --port 8000 --on-change crm_hooks:changed
"""


def _configure_run(parser: ParserSpec) -> None:
    parser.describe(_RUN)
    _add_database(parser)
    add = parser.add_argument
    add("--port", type=int, default=8000, help="port on 127.0.0.1 (0: a free one; default: %(default)s)")
    add(
        "--no-serve",
        action="store_true",
        help="serve nothing: deliveries reach the database through your own server (the mirror's WSGI or ASGI face)",
    )
    add_secret_files(parser)
    add(
        "--on-change",
        metavar="MODULE:FUNCTION",
        help="a hook(before, after) called once for each change, in each appointment's order (myapp.crm:changed)",
    )
    add(
        "--cursor", default="default", metavar="NAME", help="the name the hook's place is kept under (default: default)"
    )
    add("--app-dir", default=".", metavar="DIR", help="where MODULE is imported from (default: the current one)")
    add(
        "--catch-up-every",
        type=positive_span,
        default=600.0,
        metavar="SPAN",
        help="between catch-ups of the window (10m, 1h; default: 10m)",
    )
    add(
        "--everything-every",
        type=positive_span,
        default=86400.0,
        metavar="SPAN",
        help="between catch-ups of every appointment, the first at start (default: 1d)",
    )
    add(
        "--window-from",
        type=span,
        default=DEFAULT_FROM,
        metavar="SPAN",
        help=f"the window's start (default: {DEFAULT_FROM})",
    )
    add("--window-to", type=span, default=DEFAULT_TO, metavar="SPAN", help=f"the window's end (default: {DEFAULT_TO})")
    add(
        "--horizon",
        type=positive_span,
        default=7 * 86400.0,
        metavar="SPAN",
        help="a window's catch-up reads again the rows whose start or updated_at is within it of now (default: 7d)",
    )
    add(
        "--grace",
        type=seconds,
        default=10.0,
        metavar="SECONDS",
        help="at SIGTERM, how long the hook call and the read in hand get to finish (default: %(default)s)",
    )
    add("--log-level", choices=_LEVELS, default="info", help="of the log on stderr (default: %(default)s)")


def _run(options: argparse.Namespace, context: Context) -> int:
    secret = secrets_given(options, "mirror run")
    if not options.no_serve:  # refused before its database is made
        try:
            import uvicorn  # noqa: F401, PLC0415 - its port is served by it
        except ImportError as exc:
            raise missing_extra("mirror run", "mirror", exc) from None
        from pexip_engage_client._shared.metrics import export  # noqa: PLC0415

        export()  # before the client is made: its instruments are read at `/metrics`
    url = _database(options, existing=False)
    if not options.window_from < options.window_to:
        raise CommandError("--window-from must be before --window-to")
    hook = None
    if options.on_change:
        hook = load_named(options.on_change, options.app_dir, "MODULE:FUNCTION, such as myapp.crm:changed")
    configure_logging(options.log_level, _LOGGERS)
    mirror = _mirror(
        url,
        secret,
        window=(options.window_from, options.window_to),
        catch_up_every=options.catch_up_every,
        everything_every=options.everything_every,
        horizon=options.horizon,
    )
    if hook is not None:
        try:
            mirror.on_change(hook, cursor=options.cursor)  # type: ignore[call-overload] # checked there
        except (TypeError, ValueError) as exc:
            raise CommandError(f"--on-change {options.on_change}: {exc}") from None
    settings = context.settings().client_arguments()

    import asyncio  # noqa: PLC0415

    from pexip_engage_client import PexipEngage  # noqa: PLC0415

    async def work() -> None:  # the client made on the mirror's loop
        async with PexipEngage(**settings, **context.client_options()) as engage:
            await refused_at_start(engage, "mirror run")  # credentials refused: exit 1 now, not a warning forever
            mirror.client = engage
            await mirror.run(port=None if options.no_serve else options.port, grace=options.grace)

    try:
        asyncio.run(work())
    except CommandError:
        raise
    except ImportError as exc:  # uvicorn
        raise missing_extra("mirror run", "mirror", exc) from None
    except OSError as exc:  # the port, or the SQLite file
        raise CommandError(f"mirror run: {exc}", FAILURE) from None
    except Exception as exc:  # opening the database, typically: one line, as every command's error
        raise shared_failure("the mirror stopped", exc) from None
    return OK


# --- mirror status -------------------------------------------------------------------------------


def _configure_status(parser: ParserSpec) -> None:
    parser.describe(
        "`pexip-engage mirror status`: the rows, the last catch-up, what waits (events for their handler,"
        " appointments for a read, changes for each hook) and the newest updated_at."
    )
    _add_database(parser)
    add_output_options(parser)


def _run_status(options: argparse.Namespace, context: Context) -> int:
    context.printer().result(status_document(_read_status(_database(options, existing=True))))
    return OK


def _read_status(url: str) -> MirrorStatus:
    """The mirror's status, read from its database alone (which it never makes: a schema or table missing is
    refused, naming it and `postgres migrate`)."""
    import asyncio  # noqa: PLC0415

    mirror = _mirror(url, secrets.token_hex(16))  # nothing here checks a delivery: a secret nobody knows
    try:
        return asyncio.run(_then_stopped(mirror, mirror.status))
    except Exception as exc:
        raise shared_failure("reading the mirror failed", exc) from None


async def _then_stopped(mirror: AppointmentMirror, read: Callable[[], Awaitable[_T]]) -> _T:
    """What `read` gives, the mirror (never started here) stopped after it: its database closed."""
    try:
        return await read()
    finally:
        await mirror.stop()


def status_document(status: MirrorStatus) -> dict[str, Any]:
    """What `mirror status` prints."""
    last = status.last_catch_up
    return {
        "rows": status.rows,
        "gone": status.gone,
        "unreadable": status.unreadable,
        "newestUpdatedAt": None if status.newest_updated_at is None else instant(status.newest_updated_at),
        "waitingEvents": status.waiting_events,
        "waitingReads": status.waiting_reads,
        "refused": status.refused,
        "failedEvents": status.failed_events,
        "lastChange": status.last_change,
        "hooksBehind": {name: status.last_change - at for name, at in sorted(status.cursors.items())},
        "staleCursors": status.stale_cursors,
        "lastCatchUp": None if last is None else {
            "finishedAt": instant(last.finished_at),
            "window": "everything" if last.start is None or last.end is None
            else f"{instant(last.start)} to {instant(last.end)}",
            "read": last.read, "listed": last.listed, "reread": last.reread, "changed": last.changed,
            "added": last.added, "updated": last.updated, "gone": last.gone, "repaired": last.repaired,
            "unidentified": last.unidentified,
        },
        "lastError": status.last_error,
        "refusedDeliveries": status.refused_deliveries,
        "lastRefusedAt": None if status.last_refused_at is None else instant(status.last_refused_at),
        "lastRefusal": status.last_refusal,
        "processes": status.processes,
        "unsharedLimits": status.unshared_limits,
    }  # fmt: skip


# Said first by `mirror check` of a table no catch-up ever finished on: its differences are that, not drift.
NEVER_CAUGHT_UP = (
    "the mirror never caught up (no catch-up finished on this table: see `pexip-engage mirror status`"
    " and the log of `mirror run`)"
)

# --- mirror check --------------------------------------------------------------------------------


def _configure_check(parser: ParserSpec) -> None:
    parser.describe(
        "`pexip-engage mirror check`: compare the table with a consistent listing of the API (every appointment)"
        " and exit 1 naming each appointment that differs; 0 when the table equals the API."
    )
    _add_database(parser)


def _run_check(options: argparse.Namespace, context: Context) -> int:
    url = _database(options, existing=True)
    # The table first: one missing is refused before the API is read, and one that never caught up is said first.
    never = _read_status(url).last_catch_up is None
    if never:
        print(NEVER_CAUGHT_UP, file=sys.stderr, flush=True)
    mirror = _mirror(url, secrets.token_hex(16))

    async def work(engage: Any) -> CheckResult:
        return await _then_stopped(mirror, lambda: mirror.check(engage))

    result = context.call(work)
    for difference in result.differences:
        print(str(difference), flush=True)
    summary = (
        f"{len(result.differences)} appointment(s) differ between the table's {result.rows} row(s) and the"
        f" {result.listed} the API lists"
        + (f"; {result.unidentified} listed without a readable id" if result.unidentified else "")
        + (
            ""
            if result.consistent
            else "; and no consistent listing (the list changed while it was read, 3 times): an appointment it"
            " skipped cannot be told"
        )
    )
    if not result.equal:
        raise CommandError(f"{NEVER_CAUGHT_UP}; {summary}" if never else summary, FAILURE)
    print(f"the table equals the API: {result.rows} row(s), {result.listed} appointment(s) listed", flush=True)
    return OK


# --- mirror cursors ------------------------------------------------------------------------------


def _configure_cursors(parser: ParserSpec) -> None:
    parser.describe(
        "`pexip-engage mirror cursors`: each change hook's cursor, the number of the last change it was handed,"
        " when a process last held it, and whether it is stale (not held for longer than the change retention:"
        " it no longer holds back pruning).\n\n"
        "`pexip-engage mirror cursors drop NAME` drops one (a hook renamed or removed for good)."
    )
    parser.add_argument("action", nargs="?", choices=["drop"], help="drop the cursor NAME")
    parser.add_argument("name", nargs="?", metavar="NAME", help="the cursor to drop")
    _add_database(parser)
    parser.add_argument(
        "--change-retention",
        type=positive_span,
        default=7 * 86400.0,
        metavar="SPAN",
        help="as the mirror runs with it: how long a cursor may go unheld before it is stale (default: 7d)",
    )
    add_output_options(parser)


def _run_cursors(options: argparse.Namespace, context: Context) -> int:
    import asyncio  # noqa: PLC0415

    if options.action == "drop" and not options.name:
        raise CommandError("mirror cursors drop: give the NAME of the cursor to drop")
    if options.action is None and options.name:
        raise CommandError(f"mirror cursors: unexpected {options.name!r}; to drop a cursor: mirror cursors drop NAME")
    url = _database(options, existing=True)
    mirror = _mirror(url, secrets.token_hex(16), change_retention=options.change_retention)
    try:
        if options.action == "drop":
            dropped = asyncio.run(_then_stopped(mirror, lambda: mirror.forget_cursor(options.name)))
        else:
            held = asyncio.run(_then_stopped(mirror, mirror.cursors))
    except ValueError as exc:
        raise CommandError(f"mirror cursors drop: {str(exc).removeprefix('name: ')}", FAILURE) from None
    except Exception as exc:
        raise shared_failure("reading the mirror failed", exc) from None
    if options.action == "drop":
        if not dropped:
            raise CommandError(f"mirror cursors drop: no cursor {options.name!r}", FAILURE)
        print(f"dropped the cursor {options.name!r}", flush=True)
        return OK
    context.printer().result(
        [
            {
                "name": cursor.name,
                "sequence": cursor.sequence,
                "heldAt": None if cursor.held_at is None else instant(cursor.held_at),
                "held": cursor.holder is not None,
                "stale": cursor.stale,
            }
            for cursor in held
        ]
    )
    return OK


# --- mirror export --------------------------------------------------------------------------------

_EXPORT = """`pexip-engage mirror export`: load the mirror's changes into a warehouse through dlt, each change once.

Loads the tables `appointments`, `appointment_history` and `_engage_load_proof` into the dataset (a schema in
PostgreSQL), a load at a time until none is left, moving the mirror's cursor after each. It reads the mirror's
database only: no Engage credentials are needed. Exit 0 when the warehouse holds every change; 1 when a load
failed (run it again: nothing is loaded twice) or the log lost changes not loaded (the message says so: run a
--full-reload). Needs the `dlt` extra.

    pexip-engage mirror export --database sqlite:///crm.db --to duckdb:///warehouse.duckdb
"""


def _configure_export(parser: ParserSpec) -> None:
    parser.describe(_EXPORT)
    _add_database(parser)
    add = parser.add_argument
    add(
        "--to",
        required=True,
        metavar="DESTINATION",
        help="duckdb:///path/to/file.duckdb, a postgresql:// URL, or a dlt destination's name configured through dlt",
    )
    add("--dataset", default="engage", metavar="NAME", help="the dataset (a schema in PostgreSQL; default: engage)")
    add("--cursor", default="warehouse", metavar="NAME", help="the mirror's cursor it keeps its place with")
    add("--full-reload", action="store_true", help="load the mirror's table whole, replacing the warehouse's tables")
    add("--hard-delete", action="store_true", help="remove a gone appointment's row rather than keep it (gone_at)")
    add("--max-changes", type=int, default=50_000, metavar="N", help="the most changes one load takes (50000)")
    add("--pipelines-dir", metavar="DIR", help="dlt's working folder (default: dlt's, ~/.dlt/pipelines)")


def _run_export(options: argparse.Namespace, context: Context) -> int:
    url = _database(options, existing=True)
    try:
        from pexip_engage_client.mirror import Loaded, export  # noqa: PLC0415 - the client loads to run
    except ImportError as exc:
        raise missing_extra("mirror export", "dlt", exc) from None

    def print_load(load: Loaded) -> None:
        proof = load.proof
        done = (
            "the table whole" if proof["full_reload"] else f"changes {proof['first_sequence']}-{proof['last_sequence']}"
        )
        print(
            f"loaded {done}: {proof['appointments_rows']} appointment(s), {proof['history_rows']} history row(s);"
            f" {load.behind} change(s) left",
            file=sys.stderr,
            flush=True,
        )

    try:
        total = export(
            url,
            options.to,
            dataset=options.dataset,
            cursor=options.cursor,
            full_reload=options.full_reload,
            hard_delete=options.hard_delete,
            max_changes=options.max_changes,
            pipelines_dir=options.pipelines_dir,
            loaded=print_load,
        )
    except ValueError as exc:
        raise CommandError(f"mirror export: {exc}") from None
    except Exception as exc:
        raise shared_failure("mirror export failed", exc) from None
    print(f"the warehouse holds every change: {total} loaded now", flush=True)
    return OK


# The commands, as `HandWritten` names them (`_mirror:RUN`): their arguments and their run.
RUN = SimpleNamespace(configure=_configure_run, run=_run)
STATUS = SimpleNamespace(configure=_configure_status, run=_run_status)
CHECK = SimpleNamespace(configure=_configure_check, run=_run_check)
CURSORS = SimpleNamespace(configure=_configure_cursors, run=_run_cursors)
EXPORT = SimpleNamespace(configure=_configure_export, run=_run_export)
