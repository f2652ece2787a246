"""`pexip-engage webhooks listen`: the webhook receiver on 127.0.0.1, printing each event as it arrives.

Deliveries must carry the receiver's shared secret as the `key` query parameter, as Engage's do:
give it in `PEXIP_ENGAGE_WEBHOOK_SECRET` or a file (`--secret-file`); it is never printed. While
the secret is rotated, give both: `--secret-file` once per file (each line of a file is a secret),
or the variable with the secrets separated by commas (`new,old`); a delivery carrying any of them
is accepted. Each
accepted delivery prints one JSON line (event id, entity, event type, whether it repeats an event
already received); `--full` prints the whole event in wire form instead. Try it with
`pexip-engage webhooks send --to 'http://127.0.0.1:8000/?key=...' --duplicates 1`.

Needs uvicorn to serve the receiver: the `mirror` extra brings it (`pip install 'pexip-engage-client[mirror]'`);
a redis:// store needs the `redis` extra too, a postgresql:// one the `postgres` extra.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from ._exit import OK, CommandError, read_text, shared_failure
from ._output import wire

if TYPE_CHECKING:
    from pexip_engage_client._shared.metrics import Reading
    from pexip_engage_client.webhooks import Arrival, WebhookReceiver

    from ._context import Context
    from ._spec import ParserSpec

SECRET_VARIABLE = "PEXIP_ENGAGE_WEBHOOK_SECRET"  # noqa: S105 - a variable's name, not a secret


def configure(parser: ParserSpec) -> None:
    parser.describe(__doc__)
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: %(default)s)")
    parser.add_argument(
        "--store",
        default="memory://",
        help="where events are kept: sqlite:///events.db, redis://... (the redis extra) or postgresql://... (the"
        " postgres extra) (default: %(default)s)",
    )
    add_secret_files(parser)
    parser.add_argument("--full", action="store_true", help="print each whole event, not a summary")


def add_secret_files(parser: ParserSpec) -> None:
    """`--secret-file`, as every command that receives deliveries takes it."""
    parser.add_argument(
        "--secret-file",
        metavar="FILE",
        action="append",
        help=f"file holding the shared secret, one a line (or {SECRET_VARIABLE}, comma-separated);"
        " repeat it while the secret is rotated",
    )


def secrets_given(options: argparse.Namespace, command: str = "webhooks listen") -> list[str]:
    """The secrets given: each line of each `--secret-file`, else `PEXIP_ENGAGE_WEBHOOK_SECRET` split
    at commas; CommandError (naming no secret) when there is none."""
    secrets: list[str] = []
    if options.secret_file:
        for path in options.secret_file:
            text = read_text(os.path.expanduser(path), f"--secret-file {path}", secret=True)
            found = [line.strip() for line in text.splitlines() if line.strip()]
            if not found:
                raise CommandError(f"--secret-file {path} holds no secret")
            secrets += found
    else:
        secrets = [part.strip() for part in os.environ.get(SECRET_VARIABLE, "").split(",") if part.strip()]
    if not secrets:
        raise CommandError(f"{command} needs the shared secret: set {SECRET_VARIABLE} or give --secret-file")
    return secrets


def summary(arrival: Arrival, full: bool) -> dict[str, Any]:
    """One accepted delivery, as printed."""
    event = arrival.event
    if full:
        document: dict[str, Any] = event.to_dict() if hasattr(event, "to_dict") else {"id": event.id}
        return {"duplicate": arrival.duplicate, "event": document}
    data = getattr(event, "data", None)
    event_type = getattr(data, "event_type", None)
    return {
        "id": event.id,
        "entity": getattr(event, "entity", None),
        "eventType": None if event_type is None else str(event_type),
        "duplicate": arrival.duplicate,
    }


def line(arrival: Arrival, full: bool) -> str:
    """The line printed for one delivery: its summary (or whole event) as JSON, date-times spelt as
    every command spells them (a model's `to_dict()` writes `+00:00` and microseconds)."""
    return json.dumps(wire(summary(arrival, full)), default=str)


def run(options: argparse.Namespace, context: Context) -> int:
    secrets = secrets_given(options)
    try:
        import uvicorn  # noqa: F401, PLC0415 - the port is served by it
    except ImportError:
        raise CommandError(
            "webhooks listen serves the receiver with uvicorn, which the mirror extra brings:"
            " pip install 'pexip-engage-client[mirror]'"
        ) from None
    import asyncio  # noqa: PLC0415

    from pexip_engage_client._shared.health import listening_socket, serve  # noqa: PLC0415
    from pexip_engage_client._shared.metrics import export  # noqa: PLC0415
    from pexip_engage_client.webhooks import WebhookReceiver  # noqa: PLC0415

    export()

    try:
        receiver = WebhookReceiver(store=options.store, secret=secrets)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    _store_opens(WebhookReceiver(store=options.store, secret=secrets))

    receiver.observe(lambda arrival: print(line(arrival, options.full), flush=True))
    try:  # bound here, so that the line names the port bound (`--port 0`: a free one)
        listening = listening_socket("127.0.0.1", options.port, "webhooks listen")
    except OSError as exc:
        raise CommandError(str(exc)) from None
    print(
        f"Listening on http://127.0.0.1:{listening.getsockname()[1]}/?key=<the secret> (Ctrl-C to stop)",
        file=sys.stderr,
        flush=True,
    )
    if not handles(options.store):
        print(STORES_ONLY, file=sys.stderr, flush=True)
    with listening:
        asyncio.run(serve(served(receiver, options.store), listening, lifespan="on"))
    return OK


# A receiver without handlers would settle each event it claims as unhandled (`webhooks worker` refuses one so):
# on a store that another process may read (a worker's, the mirror's), listen stores and never claims.
STORES_ONLY = (
    "webhooks listen stores each event without claiming or settling it: another process on this store (a worker,"
    " the mirror) handles it; events in memory:// are settled here, as unhandled"
)


def handles(store: str) -> bool:
    """Whether listen claims and settles what it stores: only in its own memory, which no other process reads."""
    return store.partition(":")[0] == "memory"


def served(receiver: WebhookReceiver, store: str) -> Any:
    """What listen serves: the receiver's face (`handles(store)`), with the probes (`ready`)."""
    from pexip_engage_client._shared.health import with_probes  # noqa: PLC0415

    return with_probes(receiver.asgi_app(handle=handles(store)), lambda: ready(receiver), lambda: readings(receiver))


async def readings(receiver: WebhookReceiver) -> list[Reading]:
    """What `/metrics` reads of a receiver's store when scraped (listen's, a worker's)."""
    from pexip_engage_client._shared.metrics import queue_readings  # noqa: PLC0415

    tallies = await receiver.tallies()
    return queue_readings(tallies.waiting, tallies.failed)


async def ready(receiver: WebhookReceiver) -> tuple[bool, dict[str, Any]]:
    """A receiver's readiness (listen's, a worker's): its store can be read; what waits, what is parked and the
    deliveries this process refused shown beside it."""
    from pexip_engage_client._shared.health import readiness_answer  # noqa: PLC0415

    try:
        tallies = await receiver.tallies()
    except Exception as error:  # any failure to read the store is the answer
        return readiness_answer([f"store unreachable: {type(error).__name__}"], {}, receiver.refused_deliveries)
    document = {"waiting": tallies.waiting, "failedEvents": tallies.failed}
    return readiness_answer([], document, receiver.refused_deliveries)


def _store_opens(probe: WebhookReceiver) -> None:
    """Open (and close) a store of its own at the receiver's URL before serving: a store that cannot be used (its
    database down, its schema missing or behind) ends the command now, exit 1, in one line naming why."""
    import asyncio  # noqa: PLC0415

    async def opened() -> None:
        try:
            await probe.store.open()
        finally:  # a pool left open would keep its loop from ending
            await probe.store.close()

    try:
        asyncio.run(opened())
    except Exception as exc:  # the store's own words: its URL shown redacted, never its password
        raise shared_failure("webhooks listen: the store cannot be used", exc) from None
