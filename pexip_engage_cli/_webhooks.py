"""`pexip-engage webhooks send --to URL`: documented webhook events POSTed to a receiver.

Engage delivers each event at least once and in no particular order: `--duplicates N` sends every
event N more times (same body, same event id), `--shuffle` sends them in random order (`--seed`
makes that order repeatable). Each delivery is printed as one JSON line: the event id, its type,
the receiver's status. With `--dry-run`, each delivery's request is printed instead, as one JSON line
(method, URL, headers, body; `--header` values and the URL's secret query values redacted), and nothing
is sent (an event's id is drawn anew by each run).

    pexip-engage webhooks send --to http://127.0.0.1:8000/webhooks --event-type CREATE \\
        --event-type CANCEL --duplicates 1 --shuffle --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from typing import TYPE_CHECKING, Any

from ._app import add_dry_run
from ._arguments import json_object, name_value, not_negative_int
from ._exit import CONNECTION, FAILURE, OK, USAGE, CommandError, missing_extra
from ._parser import invalid_choice

if TYPE_CHECKING:
    import httpx2

    from ._context import Context
    from ._spec import ParserSpec

_ENTITIES = ("appointment", "callback-request")


def configure(parser: ParserSpec) -> None:
    parser.describe(__doc__)
    add = parser.add_argument
    add("--to", required=True, metavar="URL", help="the receiver's URL")
    add("--entity", choices=_ENTITIES, default="appointment", help="the kind of event (default: %(default)s)")
    add(
        "--event-type",
        action="append",
        metavar="TYPE",
        help="an event type of the entity (an appointment's: CREATE, ACCEPT, CANCEL, ...; a callback request's: any "
        "word, none is documented); repeat for several (default: CREATE)",
    )
    add(
        "--data",
        type=json_object,
        metavar="JSON",
        help="the appointment or callback request the events carry (a JSON object, wire form)",
    )
    add(
        "--duplicates",
        type=not_negative_int,
        default=0,
        metavar="N",
        help="send every event N more times (default: 0)",
    )
    add("--shuffle", action="store_true", help="send the deliveries in random order")
    add("--seed", type=int, metavar="N", help="seed of --shuffle's order, to repeat it")
    add(
        "--header",
        action="append",
        type=name_value,
        default=[],
        metavar="NAME=VALUE",
        help="extra header (repeatable; not printed)",
    )
    add("--timeout", type=float, default=3.0, metavar="SECONDS", help="per delivery (default: Engage's first, 3 s)")
    add_dry_run(parser)


def build_events(entity: str, event_types: list[str], data: dict[str, Any] | None) -> list[bytes]:
    """One event body per type, built and validated as `pexip_engage_client.testing` builds them."""
    try:
        from pexip_engage_client.testing import appointment_event, callback_request_event  # noqa: PLC0415
    except ImportError as exc:
        raise missing_extra("webhooks send", "testing", exc) from None
    build = appointment_event if entity == "appointment" else callback_request_event
    if entity == "appointment":
        from pexip_engage_client.models import AppointmentEventType  # noqa: PLC0415 - the spec's, when it runs

        valid = [kind.value for kind in AppointmentEventType]
        for event_type in event_types:
            if event_type not in valid:
                raise CommandError(invalid_choice("--event-type", event_type, valid), USAGE)
    events = []
    for number, event_type in enumerate(event_types, 1):
        try:
            events.append(build(data or {"id": f"{entity}-{number}"}, event_type))
        except ValueError as exc:
            raise CommandError(f"cannot build a {entity} {event_type} event: {exc}") from None
    return events


def run(options: argparse.Namespace, context: Context) -> int:
    headers = {"Content-Type": "application/json", **dict(options.header)}
    events = build_events(options.entity, options.event_type or ["CREATE"], options.data)
    deliveries = [body for body in events for _ in range(1 + options.duplicates)]
    if options.shuffle:
        random.Random(options.seed).shuffle(deliveries)  # noqa: S311 - an order for tests, not a secret

    import httpx2  # noqa: PLC0415

    if getattr(options, "dry_run", False):
        return _print_deliveries(
            [httpx2.Request("POST", options.to, content=body, headers=headers) for body in deliveries],
            hidden=frozenset(name.lower() for name, _ in options.header),
        )
    failed = 0
    with httpx2.Client(timeout=options.timeout) as client:
        for body in deliveries:
            event = json.loads(body)
            try:
                response = client.post(options.to, content=body, headers=headers)
            except httpx2.HTTPError as exc:
                # Without its query's values (the receiver's secret travels there, `?key=...`) or credentials.
                from pexip_engage_client._base.redaction import redacted_url  # noqa: PLC0415 - only on a failure

                where = redacted_url(options.to, every_value=True)
                raise CommandError(f"POST {where}: {type(exc).__name__}", CONNECTION) from None
            failed += not response.is_success
            line = {"id": event["id"], "eventType": event["data"]["eventType"], "status": response.status_code}
            print(json.dumps(line), flush=True)
    if failed:
        raise CommandError(f"{failed} of {len(deliveries)} deliveries were not accepted", FAILURE)
    return OK


def _print_deliveries(requests: list[httpx2.Request], hidden: frozenset[str]) -> int:
    """`--dry-run`: each delivery's request as a JSON line, as `_dry_run.shown` shows a request; nothing sent."""
    from ._dry_run import shown  # noqa: PLC0415 - with --dry-run only

    for request in requests:
        document, _ = shown(request, token_added=False, hidden=hidden)
        print(json.dumps(document), flush=True)
    print(
        f"pexip-engage: note: dry run: nothing was sent ({len(requests)} deliveries); when sent, the sender adds "
        "User-Agent and Accept-Encoding and its connection's headers",
        file=sys.stderr,
        flush=True,
    )
    return OK
