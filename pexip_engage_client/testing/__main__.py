"""`python -m pexip_engage_client.testing --port 8080`: the fake API on 127.0.0.1, until Ctrl-C.

Any bearer token is accepted unless `--token T` names the tokens to accept, or `--client ID:SECRET`
registers an OAuth client, whose tokens the fake then issues at
`/realms/<enterprise>/protocol/openid-connect/token`.
"""

from __future__ import annotations

import argparse
import sys

from ._fake import FakePexipEngage
from ._server import FakeServer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pexip_engage_client.testing", description=__doc__)
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0 picks a free one)")
    parser.add_argument("--enterprise", default=None, help="serve only this enterprise (default: any)")
    parser.add_argument("--client", action="append", default=[], metavar="ID:SECRET", help="register an OAuth client")
    parser.add_argument("--token", action="append", default=[], help="accept this bearer token (and only known ones)")
    options = parser.parse_args(argv)
    fake = FakePexipEngage(enterprise=options.enterprise)
    for client in options.client:
        client_id, _, secret = client.partition(":")
        if not client_id or not secret:
            parser.error("--client takes ID:SECRET")
        fake.add_client(client_id, secret)
    for token in options.token:
        fake.add_token(token, enterprise=options.enterprise)
    server = FakeServer(fake, options.port)
    print(f"Fake Pexip Engage API on {server.url}/enterprises/{options.enterprise or 'acme'}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)


if __name__ == "__main__":
    main()
