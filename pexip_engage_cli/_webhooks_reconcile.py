"""`pexip-engage webhooks reconcile`: hand the handlers the appointment changes whose deliveries were lost.

Engage gives a delivery three attempts within about 50 seconds; a receiver down longer loses those
changes. This reads every appointment whose time lies in the window (`getAppointments` with
`from`/`to`, every page, within the API's limits, with the connection settings of every command)
and adds each change the store never saw to it, for the handlers, as a `ReconciledAppointmentEvent`
(see the webhooks guide). Nothing here runs a handler: the processes that handle the store's
events (workers, web processes) do. It prints the counts: appointments read, changes handed over,
already seen. Several runs at once (or with a worker's schedule) hand each change over once.

The window's ends are ISO 8601 times with an offset (`2026-12-01T00:00:00Z`) or spans from now
(`-1d`, `+90d`, `-12h`, `30m`, `now`); a span starting with `-` is written `--from=-1d`.

    pexip-engage webhooks reconcile --store sqlite:///events.db --from=-1d --to=+90d
    pexip-engage webhooks reconcile --receiver myapp.webhooks:receiver --from 2026-12-01T00:00:00Z --to +30d
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ._arguments import DEFAULT_FROM, DEFAULT_TO, span
from ._exit import OK, CommandError
from ._output import instant
from ._webhooks_parked import add_source, store_receiver

if TYPE_CHECKING:
    from pexip_engage_client import PexipEngage
    from pexip_engage_client.webhooks import ReconcileResult

    from ._context import Context
    from ._spec import ParserSpec


def moment(text: str, now: datetime) -> datetime:
    """An ISO 8601 time with an offset, `now`, or a span from `now` (`-1d`, `+90d`)."""
    if text.strip() == "now":
        return now
    try:
        return now + span(text)
    except argparse.ArgumentTypeError:
        pass
    from pexip_engage_client._base.timing import parse_datetime  # noqa: PLC0415 - help loads no client

    try:
        found = parse_datetime(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected an ISO 8601 time with an offset (2026-12-01T00:00:00Z) or a span from now (-1d), not {text!r}"
        ) from None
    if found.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no offset: add Z (UTC) or +HH:MM")
    return found


def configure(parser: ParserSpec) -> None:
    parser.describe(__doc__)
    add_source(parser)
    parser.add_argument(
        "--from",
        dest="start",
        default=DEFAULT_FROM,
        metavar="TIME",
        help="the window's start: ISO 8601 with an offset, or a span from now (default: %(default)s)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        default=DEFAULT_TO,
        metavar="TIME",
        help="the window's end, as --from (default: %(default)s)",
    )


def window(start: str, end: str) -> tuple[datetime, datetime]:
    """The window from the two options, read against one now; CommandError naming the option."""
    now = datetime.now(UTC)
    ends = []
    for option, text in (("--from", start), ("--to", end)):
        try:
            ends.append(moment(text, now))
        except argparse.ArgumentTypeError as exc:
            raise CommandError(f"{option}: {exc}") from None
    first, last = ends
    if not first < last:
        raise CommandError("--from must be before --to")
    return first, last


def run(options: argparse.Namespace, context: Context) -> int:
    start, end = window(options.start, options.end)
    receiver = store_receiver(options)

    async def work(engage: PexipEngage) -> ReconcileResult:
        try:
            return await receiver.reconcile(engage, start=start, end=end)
        finally:
            await receiver.aclose()

    result = context.call(work)
    counts = {
        "from": instant(start),
        "to": instant(end),
        "appointments": result.appointments,
        "handedOver": result.handed_over,
        "alreadySeen": result.already_seen,
        "withoutUpdatedAt": result.without_updated_at,
    }
    context.printer().result(counts)
    return OK
