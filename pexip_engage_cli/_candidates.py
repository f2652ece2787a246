"""`pexip-engage availability candidates --office ID --from T --to T --duration MINUTES`: a branch's times to propose.

Reads the office's advisers (`engage.availability.team_free_busy`) and prints `Candidates.from_team`: each
candidate with the advisers free for it, in the order booking tries them (`--order fair`: fewest appointments in
the window first), and the reasons, naming each adviser who offers none. Times are printed in UTC with `Z`, as
every command prints them; `time_zone` names the zone to read them in. A proposal: Engage decides what it books
(docs/booking.md, "Any adviser at this branch").

`-o json` and `-o yaml` print the whole proposal. A sheet, a table or JSON Lines (`-o csv`, `table`, `jsonl`) is a
row per candidate, and the reasons and notes go to stderr, a line each: a spreadsheet gets the times, and an empty
sheet still comes with each adviser's reason.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from ._exit import USAGE, CommandError
from ._parser import invalid_choice

if TYPE_CHECKING:
    from pexip_engage_client import PexipEngage

    from ._context import Context
    from ._spec import ParserSpec


def configure(parser: ParserSpec) -> None:
    parser.describe(__doc__)
    add = parser.add_argument
    add("--office", dest="office_id", required=True, metavar="ID", help="the office (branch)")
    add("--subject", dest="subject_id", metavar="ID", help="only times for this subject (default: any)")
    add("--meeting-type", metavar="TYPE", help="only times for this meeting type, e.g. VIDEO (default: any)")
    add("--from", dest="start", required=True, metavar="TIME", help="the window's start: ISO 8601 with an offset")
    add("--to", dest="end", required=True, metavar="TIME", help="the window's end (exclusive): ISO 8601 with an offset")
    add("--duration", required=True, type=int, metavar="MINUTES", help="how long the appointment lasts")
    add("--step", type=int, default=15, metavar="MINUTES", help="the grid's step (default: 15)")
    add(
        "--order",
        choices=("earliest", "fair"),
        default="earliest",
        help="each time's advisers: as listed (earliest), or fewest appointments in the window first (fair)",
    )
    add(
        "--employee",
        dest="employee_ids",
        action="append",
        metavar="ID",
        help="an adviser to read, in the order booking tries them (repeat; default: the office's, by id)",
    )
    add("--zone", metavar="ZONE", help="the IANA zone named as the candidates' (default: the advisers' shared zone)")


def run(options: argparse.Namespace, context: Context) -> int:
    from pexip_engage_client.models import MeetingType  # noqa: PLC0415 - the spec's, when the command runs

    meeting_types = [kind.value for kind in MeetingType]
    if options.meeting_type is not None and options.meeting_type not in meeting_types:
        raise CommandError(invalid_choice("--meeting-type", options.meeting_type, meeting_types), USAGE)
    printer = context.printer()

    async def work(engage: PexipEngage) -> dict[str, Any]:
        from pexip_engage_client import Candidates  # noqa: PLC0415 - the client is loaded when a command runs

        team = await engage.availability.team_free_busy(
            options.office_id,
            start=options.start,
            end=options.end,
            subject_id=options.subject_id,
            meeting_type=options.meeting_type,
            employee_ids=options.employee_ids,
            zone=options.zone,
        )
        proposal = Candidates.from_team(team, options.duration, step=options.step, order=options.order)
        return {"office_id": team.office_id, "employee_ids": list(team.employee_ids), **proposal.to_dict()}

    proposal = context.call(work)
    if printer.format in ("json", "yaml"):
        printer.result(proposal)
        return 0
    printer.result(proposal["candidates"])
    for reason in proposal["reasons"]:
        print(f"reason: {reason['code']}: {reason['message']}", file=sys.stderr)
    for note in proposal["notes"]:
        print(f"note: {note}", file=sys.stderr)
    return 0
