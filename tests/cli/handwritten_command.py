"""A hand-written command, as the provisioning commands join the generated `employees` group."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pexip_engage_cli._context import Context
    from pexip_engage_cli._spec import ParserSpec
    from pexip_engage_client import PexipEngage


def configure(parser: ParserSpec) -> None:
    parser.add_argument("file", help="a JSON list of e-mail addresses")


def run(options: argparse.Namespace, context: Context) -> int:
    with open(options.file, encoding="utf-8") as file:
        wanted = set(json.load(file))
    printer = context.printer()

    async def work(engage: PexipEngage) -> None:
        known = {employee.email async for employee in engage.employees.get_employees()}
        printer.result({"create": sorted(wanted - known), "keep": sorted(wanted & known)})

    context.call(work)
    return 0
