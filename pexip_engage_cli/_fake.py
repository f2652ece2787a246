"""`pexip-engage fake serve`: the fake API of `pexip_engage_client.testing` on 127.0.0.1.

Point other commands at it with `--base-url http://127.0.0.1:PORT` and any token
(`PEXIP_ENGAGE_TOKEN=anything`), or register a client with `--client ID:SECRET` and use
`--client-id ID --auth-url http://127.0.0.1:PORT`.
"""

from __future__ import annotations

import argparse
from types import ModuleType
from typing import TYPE_CHECKING

from ._exit import missing_extra

if TYPE_CHECKING:
    from ._context import Context
    from ._spec import ParserSpec


def configure(parser: ParserSpec) -> None:
    parser.describe(__doc__)
    _testing_main().configure(parser)


def run(options: argparse.Namespace, context: Context) -> int:
    status: int = _testing_main().run(options, context.chosen.parser)
    return status


def _testing_main() -> ModuleType:
    try:
        from pexip_engage_client.testing import __main__ as testing_main  # noqa: PLC0415
    except ImportError as exc:  # jsonschema: the `testing` extra
        raise missing_extra("the fake API", "testing", exc) from None
    return testing_main
