"""`pexip-engage api METHOD PATH`: any path, through the client's auth, retries and errors.

Its help is this text's first line; examples, and what it prints (the whole answer as the API sent it):
docs/cli.md, "`api`: any call, raw".
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ._app import add_dry_run
from ._arguments import name_value
from ._context import Context, read_body
from ._exit import OK, CommandError

if TYPE_CHECKING:
    from pexip_engage_client import PexipEngage

    from ._spec import ParserSpec

_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def configure(parser: ParserSpec) -> None:
    parser.description = __doc__.split("\n\n")[0] if __doc__ else None
    parser.add_argument("method", type=str.upper, choices=_METHODS, metavar="METHOD", help=", ".join(_METHODS))
    parser.add_argument("path", help="relative to the enterprise, e.g. /appointments/123")
    parser.add_argument(
        "--param",
        "-p",
        action="append",
        type=name_value,
        default=[],
        metavar="NAME=VALUE",
        help="query parameter (repeatable)",
    )
    parser.add_argument(
        "--header",
        "-H",
        action="append",
        type=name_value,
        default=[],
        metavar="NAME=VALUE",
        help="extra header (repeatable)",
    )
    parser.add_argument("--body", metavar="JSON", help="JSON text, @FILE, or - for stdin")
    add_dry_run(parser)


def run(options: argparse.Namespace, context: Context) -> int:
    params: dict[str, list[str]] = {}
    for name, value in options.param:  # a name repeated is sent as `name=a&name=b`
        params.setdefault(name, []).append(value)
    headers = dict(options.header)
    body = read_body(options.body) if options.body is not None else None
    if body is not None and options.method in ("GET", "DELETE"):
        raise CommandError(f"{options.method} takes no --body here")
    printer = context.printer()

    async def work(engage: PexipEngage) -> None:
        call = getattr(engage, options.method.lower())
        arguments: dict[str, Any] = {"params": params or None, "headers": headers or None}
        if body is not None:
            arguments["json"] = body
        printer.result(await call(options.path, **arguments))

    if getattr(options, "dry_run", False):
        return context.dry_run(work, printer)
    context.call(work, one_shot=True)
    return OK
