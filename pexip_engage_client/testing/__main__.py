"""`python -m pexip_engage_client.testing --port 8080`: the fake API on 127.0.0.1, until Ctrl-C.

Any bearer token is accepted unless `--token T` names the tokens to accept, or `--client ID:SECRET`
registers an OAuth client, whose tokens the fake then issues at
`/realms/<enterprise>/protocol/openid-connect/token`.

It runs for as long as it is left to, so it bounds what it keeps: the last `--max-recorded-calls`
requests (100 by default) and bodies of up to `--max-body-size` bytes (1 MiB), a larger one being
refused with 413 unread.

It keeps the API's documented limits per remote address, as Engage does: beyond 4 requests in
flight or 3,000 in 60 seconds it answers 429 with a `Retry-After` (`--max-in-flight`,
`--per-minute`; 0 turns one off).
"""

from __future__ import annotations

import argparse
import sys

from .. import DOCUMENTED_MAX_IN_FLIGHT, DOCUMENTED_PER_MINUTE
from ._fake import FakePexipEngage
from ._server import DEFAULT_MAX_BODY_SIZE, FakeServer

# Nothing outside this process can read what the fake records: a few are kept, for a debugger.
DEFAULT_MAX_RECORDED_CALLS = 100


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pexip_engage_client.testing", description=__doc__)
    configure(parser)
    run(parser.parse_args(argv), parser)


def configure(parser: argparse.ArgumentParser) -> None:
    """The server's options (`pexip-engage fake serve` takes the same)."""
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0 picks a free one)")
    parser.add_argument("--enterprise", default=None, help="serve only this enterprise (default: any)")
    parser.add_argument("--client", action="append", default=[], metavar="ID:SECRET", help="register an OAuth client")
    parser.add_argument("--token", action="append", default=[], help="accept this bearer token (and only known ones)")
    parser.add_argument(
        "--max-body-size",
        type=_not_negative,
        default=DEFAULT_MAX_BODY_SIZE,
        metavar="BYTES",
        help="refuse a larger request body with 413, without reading it (default: %(default)s)",
    )
    parser.add_argument(
        "--max-recorded-calls",
        type=_not_negative,
        default=DEFAULT_MAX_RECORDED_CALLS,
        metavar="N",
        help="keep only the last N requests in memory (default: %(default)s)",
    )

    parser.add_argument(
        "--max-in-flight",
        type=_not_negative,
        default=DOCUMENTED_MAX_IN_FLIGHT,
        metavar="N",
        help="answer 429 beyond N requests in flight from one address, as Engage does (0: no limit; "
        "default: %(default)s)",
    )
    parser.add_argument(
        "--per-minute",
        type=_not_negative,
        default=DOCUMENTED_PER_MINUTE,
        metavar="N",
        help="answer 429 beyond N requests in 60 seconds from one address, as Engage does (0: no limit; "
        "default: %(default)s)",
    )


def run(options: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Serve the fake as `options` say, until Ctrl-C."""
    fake = FakePexipEngage(
        enterprise=options.enterprise,
        max_recorded_calls=options.max_recorded_calls,
        max_in_flight=options.max_in_flight or None,
        per_minute=options.per_minute or None,
    )
    for client in options.client:
        client_id, _, secret = client.partition(":")
        if not client_id or not secret:
            parser.error("--client takes ID:SECRET")
        fake.add_client(client_id, secret)
    for token in options.token:
        fake.add_token(token, enterprise=options.enterprise)
    server = FakeServer(fake, options.port, max_body_size=options.max_body_size)
    print(f"Fake Pexip Engage API on {server.url}/enterprises/{fake.name}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)


def _not_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative")
    return value


if __name__ == "__main__":
    main()
