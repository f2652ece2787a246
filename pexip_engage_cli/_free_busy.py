"""`pexip-engage availability free-busy EMPLOYEE_ID --from T --to T`: an employee's busy and free time.

Prints `engage.availability.free_busy`'s view: the busy intervals (appointments that hold time,
busy external calendar events), the defined availability per office, subject and meeting type, and
the free intervals, their times in UTC with `Z` as every command prints them (`_output.instant`),
with the zone to read them in (`time_zone`: the employee's, unless `--zone` names another). A view for people:
Engage's timetable (`availability get-timetable`), not this, decides what can be booked.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pexip_engage_client import FreeBusy, PexipEngage

    from ._context import Context
    from ._spec import ParserSpec


def configure(parser: ParserSpec) -> None:
    parser.describe(__doc__)
    add = parser.add_argument
    add("employee_id", metavar="EMPLOYEE_ID", help="the employee")
    add("--from", dest="start", required=True, metavar="TIME", help="the window's start: ISO 8601 with an offset")
    add("--to", dest="end", required=True, metavar="TIME", help="the window's end (exclusive): ISO 8601 with an offset")
    add(
        "--office-id",
        action="append",
        metavar="ID",
        help="an office whose defined availability to read (repeat for more; default: the employee's offices)",
    )
    add("--zone", metavar="ZONE", help="the IANA zone named as the view's (time_zone; default: the employee's)")


def run(options: argparse.Namespace, context: Context) -> int:
    printer = context.printer()

    async def work(engage: PexipEngage) -> FreeBusy:
        return await engage.availability.free_busy(
            options.employee_id, start=options.start, end=options.end, office_id=options.office_id, zone=options.zone
        )

    printer.result(context.call(work).to_dict())
    return 0
