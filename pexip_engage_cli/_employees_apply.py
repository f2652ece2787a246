"""`pexip-engage employees apply PLAN`: make the changes of a plan saved by `employees plan --out`.

Only what the plan says is written, and only while its target is still what the plan saw: a target
changed in Engage since is reported as a conflict (!), not overwritten; a change already made is
skipped (=). Prints a summary and a line for each change that was not simply made.

Its dry run is `employees plan`: the plan it prints (and saves with --out) is every change this command
can make, and nothing else is written, so it takes no --dry-run of its own.

One apply of an enterprise runs at a time: the apply holds a lock (a file in the plan's folder, or
with --lock redis://... a Redis key, postgresql://... a PostgreSQL lease), and a second one fails at once
saying who holds it. A plan made for another enterprise is refused.

-o json or -o yaml prints the report as one document: whether every change was made, the counts, and
per employee the change the plan asked for and its outcome (created, updated, deactivated, skipped,
conflict, failed), with its detail and correlation id. -o csv and -o jsonl are refused before anything
is sent.

A progress bar shows on stderr when it is a terminal and the plan has more than 200 changes (--progress
for any plan). Interrupted (Ctrl-C), it prints what was made and what was not, and exits 130: applying the
same plan again completes it (each target is read first; a change already made is skipped).

exit codes (every other error is 1 here, unlike in other commands):
  0  every change made, or already made
  1  a change failed (x) or was not attempted, or an error of any kind (usage, file, API, connection,
     a plan over its safety threshold without --force, the lock held by another apply)
  3  conflicts (!): changes left alone because Engage moved past the plan; every other change made
  4  the --lock database or Redis cannot be reached (as in every command that uses one)
  6  the --lock database or Redis refused the login
  130  interrupted (the report printed)
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from ._arguments import positive_int
from ._employees_plan import CONFLICTS, LONG, document_output, printed_document
from ._exit import FAILURE, INTERRUPTED, OK, CommandError, failure_code, loaded

if TYPE_CHECKING:
    from pexip_engage_client import PexipEngage
    from pexip_engage_client.provisioning import ApplyReport

    from ._context import Context
    from ._spec import ParserSpec


def configure(parser: ParserSpec) -> None:
    parser.describe(__doc__)
    add = parser.add_argument
    add("plan", metavar="PLAN", help="the plan saved by `employees plan --out` (JSON)")
    add("--force", action="store_true", help="apply a plan over its safety threshold")
    add("--progress", action="store_true", help="a progress bar on stderr (default: on a terminal, past 200 changes)")
    add("--stop-on-error", action="store_true", help="stop at the first failed change (the rest are counted)")
    add(
        "--concurrency",
        type=positive_int,
        default=4,
        metavar="N",
        help="batches of changes worked on at once (default: %(default)s)",
    )
    add(
        "--lock",
        metavar="DIR|URL",
        help="where the enterprise's apply lock lives, so that no two applies run at once: a folder (a lock "
        "file; default: the plan's folder) or, for applies on several machines, a Redis URL (redis://host:6379/0) "
        "or a PostgreSQL one (postgresql://host/db)",
    )


def run(options: argparse.Namespace, context: Context) -> int:
    # Imported here, not above: `employees apply --help` loads this module and must not load the client.
    from pexip_engage_client._leasing._lease import LeaseUnreachableError  # noqa: PLC0415
    from pexip_engage_client.provisioning import (  # noqa: PLC0415
        ApplyInterruptedError,
        ApplyLockedError,
        Plan,
        apply_plan,
    )

    output = document_output(  # before anything is read or sent
        context.option("output"),
        "employees apply prints its report as text, or as one document with -o json or -o yaml",
    )
    plan = loaded(Plan.load, options.plan)
    # Refused before connecting; apply_plan would refuse it too, naming its own `force=True`.
    if plan.refusal and not options.force:
        raise CommandError(f"{plan.refusal}; not applied (--force if it is intended)", FAILURE)
    lock = options.lock or os.path.dirname(os.path.abspath(options.plan))
    progress = options.progress or (
        len(plan.creates) + len(plan.updates) + len(plan.removals) > LONG and sys.stderr.isatty()
    )

    async def work(engage: PexipEngage) -> ApplyReport:
        return await apply_plan(
            engage,
            plan,
            force=options.force,
            concurrency=options.concurrency,
            stop_on_error=options.stop_on_error,
            progress=progress,
            lock=lock,
        )

    try:
        report = context.call(work)
    except (ApplyLockedError, LeaseUnreachableError) as exc:  # who holds it, or that its backend is out of reach
        raise CommandError(f"{exc}; not applied", failure_code(exc), kept=True) from None
    except ApplyInterruptedError as interrupted:
        print(printed_document(output, interrupted.report.to_dict, interrupted.report.render), end="", flush=True)
        return INTERRUPTED
    print(printed_document(output, report.to_dict, report.render), end="", flush=True)
    if report.failed or report.not_attempted:
        return FAILURE
    return CONFLICTS if report.conflicts else OK
