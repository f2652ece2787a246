"""The webhook store the on-call commands read (`webhooks failed`, `replay`, `status`, `reconcile`), its parked events.

The parked events are those whose handler failed every attempt; `webhooks failed` lists them,
`webhooks replay` hands them back and `webhooks status` counts them with what the store kept of
failures (`FAILED`, `REPLAY` and `STATUS`, the commands' parts).

On-call work without writing a script: list what is parked (table, JSON or JSON Lines, filtered
by error text or event type) and hand events back to their handlers, by id or all at once. The
store is named by URL (`--store sqlite:///events.db`, `--store redis://...`) or through the
application's receiver (`--receiver myapp.webhooks:receiver`, as `webhooks worker` names it). Nothing here
runs a handler: the processes that handle the store's events (workers, web processes) find a
replayed event due at their next look.

    pexip-engage webhooks failed --store sqlite:///events.db --error Timeout
    pexip-engage webhooks replay --receiver myapp.webhooks:receiver --all-failed
"""

from __future__ import annotations

import argparse
import datetime
import json
import secrets
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from ._app import add_output_options
from ._arguments import positive_float, positive_int
from ._exit import FAILURE, OK, CommandError, shared_failure
from ._output import instant
from ._webhooks_worker import load_receiver

if TYPE_CHECKING:
    from pexip_engage_client.webhooks import FailedEvent, StoreTallies, WebhookReceiver

    from ._context import Context
    from ._spec import ParserSpec

# At most this many parked events are read by --all-failed: far more than an outage parks.
_ALL = 100_000


def add_source(parser: ParserSpec) -> None:
    """`--store URL` or `--receiver MODULE:RECEIVER` (one of them), and `--app-dir`."""
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--store",
        metavar="URL",
        help="the store's URL: sqlite:///events.db, redis://host:6379/0 (the redis extra) or postgresql://user@host/db"
        " (the postgres extra)",
    )
    source.add_argument("--receiver", metavar="MODULE:RECEIVER", help="or the app's receiver: myapp.webhooks:receiver")
    parser.add_argument("--app-dir", default=".", metavar="DIR", help="where MODULE is imported from (default: .)")


def _describe(parser: ParserSpec, summary: str) -> None:
    """The command's help: its summary, then what both commands share (this module's notes)."""
    parser.describe(summary + "\n\n" + __doc__.split("\n\n", 1)[1])
    add_source(parser)
    parser.add_argument(
        "--timeout", type=positive_float, default=30.0, metavar="SECONDS", help="for the store to answer (default: 30)"
    )


def _configure_failed(parser: ParserSpec) -> None:
    _describe(parser, "`pexip-engage webhooks failed`: list the parked events, oldest first.")
    parser.add_argument("--limit", type=positive_int, default=100, metavar="N", help="at most this many, oldest first")
    parser.add_argument("--error", metavar="TEXT", help="only those whose last error contains TEXT (any case)")
    parser.add_argument("--event-type", metavar="TYPE", help="only this event type (ACCEPT, CANCEL, ...; any case)")
    # As the common options (SUPPRESS): `pexip-engage -o json webhooks failed` must not be undone here.
    add_output_options(parser)


def _configure_replay(parser: ParserSpec) -> None:
    _describe(
        parser,
        "`pexip-engage webhooks replay`: make parked events due again, by id or all of them. Its dry run is "
        "`webhooks failed`: --all-failed hands back exactly the events it lists.",
    )
    parser.add_argument("ids", nargs="*", metavar="ID", help="the ids of the events to replay")
    parser.add_argument("--all-failed", action="store_true", help="every parked event, instead of IDs")


def _configure_status(parser: ParserSpec) -> None:
    _describe(
        parser,
        "`pexip-engage webhooks status`: what the store holds and kept of failures: events waiting and parked,"
        " deliveries refused (how many, the last one's time and cause) and the last handler failure (its time"
        " and exception type); never a secret or an event's body.",
    )
    add_output_options(parser)


def store_receiver(options: argparse.Namespace) -> WebhookReceiver:
    """The receiver of `--receiver`, or one over the store `--store` names; CommandError if neither can be had.

    Its caller closes it (`with store_receiver(options) as receiver:`): the stores it opens in this process."""
    if options.receiver is not None:
        return load_receiver(options.receiver, options.app_dir)
    from pexip_engage_client.webhooks import WebhookReceiver  # noqa: PLC0415 - the client loads to run

    _check_store_url(options.store)
    try:
        # Nothing here checks a delivery: the secret is one nobody knows.
        return WebhookReceiver(options.store, secret=secrets.token_hex(16))
    except (ValueError, ImportError) as exc:
        raise CommandError(f"--store: {str(exc).removeprefix('store: ')}") from None


def _check_store_url(url: str) -> None:
    """Refuse a store no receiver can have written: listing it would say "nothing parked".

    A memory store lives and dies with its process, and opening a SQLite file that is not there
    creates an empty one (a mistyped path would read as an empty store, and leave a file behind).
    """
    if url.startswith("memory:"):
        raise CommandError(
            "--store: a memory:// store lives only in the process that made it: name the SQLite or Redis store"
        )
    if url.startswith("sqlite:///"):
        from pexip_engage_client._shared.sqlite import holds_room  # noqa: PLC0415 - the client loads to run

        path = Path(unquote(url[len("sqlite:///") :]))
        if path.name and not path.is_file():
            raise CommandError(f"--store: no SQLite store at {path}: is the path the receiver's?")
        if path.name and not holds_room(path, "webhooks"):  # nor its tables: a read makes nothing
            raise CommandError(
                f"--store: the SQLite file at {path} holds no webhook store (a receiver makes it): is the path"
                " the receiver's?",
                FAILURE,
            )


def _failed_events(receiver: WebhookReceiver, limit: int, timeout: float) -> list[FailedEvent]:
    try:
        return receiver.failed_sync(limit, timeout=timeout)
    except Exception as exc:  # the store is down, or not what the URL said
        raise shared_failure("reading the store failed", exc) from None


def _row(failed: FailedEvent) -> dict[str, Any]:
    try:
        event = json.loads(failed.body)
    except ValueError:
        event = None
    data = event.get("data") if isinstance(event, dict) else None
    data = data if isinstance(data, dict) else {}
    subject = data.get("appointment") or data.get("callbackRequest") or {}
    return {
        "id": failed.id,
        "failedAt": instant(datetime.datetime.fromtimestamp(failed.failed_at, datetime.UTC)),
        "attempts": failed.attempts,
        "eventType": data.get("eventType"),
        "subject": subject.get("id") if isinstance(subject, dict) else None,
        "error": failed.error,
        "event": event,
    }


def _wanted(row: dict[str, Any], error: str | None, event_type: str | None) -> bool:
    """Whether a parked event's row passes the filters: its error contains `error`, its type is `event_type`.

    Both in any case: event types are upper case, so `cancel` means CANCEL.
    """
    if error and error.casefold() not in row["error"].casefold():
        return False
    return not event_type or str(row["eventType"]).upper() == event_type.upper()


def _run_failed(options: argparse.Namespace, context: Context) -> int:
    filtered = bool(options.error or options.event_type)
    # Filters apply to every parked event, and --limit to what they leave: not the other way round.
    with store_receiver(options) as receiver:
        parked = _failed_events(receiver, _ALL if filtered else options.limit, options.timeout)
    rows = [row for row in map(_row, parked) if _wanted(row, options.error, options.event_type)][: options.limit]
    printer = context.printer()
    if printer.format == "table":  # the whole event is for JSON; a table shows what tells them apart
        rows = [{key: value for key, value in row.items() if key != "event"} for row in rows]
    printer.result(rows)
    return OK


def _run_replay(options: argparse.Namespace, context: Context) -> int:
    if bool(options.ids) == options.all_failed:
        raise CommandError("name the events to replay (ID ...) or give --all-failed, not both")
    missing = []
    with store_receiver(options) as chosen:
        ids = options.ids or [failed.id for failed in _failed_events(chosen, _ALL, options.timeout)]
        for event_id in ids:
            try:
                replayed = chosen.replay_sync(event_id, timeout=options.timeout)
            except Exception as exc:
                raise CommandError(f"replaying {event_id} failed: {type(exc).__name__}: {exc}", FAILURE) from None
            print(f"replayed {event_id}" if replayed else f"not parked: {event_id}", flush=True)
            if not replayed:
                missing.append(event_id)
    if missing and options.ids:
        raise CommandError(f"{len(missing)} of {len(ids)} events were not parked", FAILURE)
    return OK


def _run_status(options: argparse.Namespace, context: Context) -> int:
    try:
        with store_receiver(options) as receiver:
            tallies = receiver.tallies_sync(timeout=options.timeout)
    except CommandError:
        raise
    except Exception as exc:  # the store is down, or not what the URL said (its URL shown redacted)
        raise shared_failure("reading the store failed", exc) from None
    context.printer().result(status_document(tallies))
    return OK


def status_document(tallies: StoreTallies) -> dict[str, Any]:
    """What `webhooks status` prints: the store's tallies, times as every command writes them."""

    def at(moment: float | None) -> str | None:
        return None if moment is None else instant(datetime.datetime.fromtimestamp(moment, datetime.UTC))

    return {
        "waiting": tallies.waiting,
        "failed": tallies.failed,
        "refusedDeliveries": tallies.refused,
        "lastRefusedAt": at(tallies.last_refused_at),
        "lastRefusal": tallies.last_refused,
        "lastErrorAt": at(tallies.last_error_at),
        "lastError": tallies.last_error,
    }


# The commands, as `HandWritten` names them (`_webhooks_parked:FAILED`): their arguments and their run.
FAILED = SimpleNamespace(configure=_configure_failed, run=_run_failed)
REPLAY = SimpleNamespace(configure=_configure_replay, run=_run_replay)
STATUS = SimpleNamespace(configure=_configure_status, run=_run_status)
