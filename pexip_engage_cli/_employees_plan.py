"""`pexip-engage employees plan FILE`: what would make Engage's employees match a directory export.

Reads FILE (CSV or JSON, in the API's field names), compares it with the enterprise's employees,
matched on --key, and prints the plan: + create, ~ update (field: before -> after), - deactivate,
! conflict (left alone, with the reason). Nothing is written to Engage. --out saves the plan, for
`employees apply` to make exactly those changes:

    pexip-engage employees plan directory.csv --out plan.json
    pexip-engage employees apply plan.json

exit codes (as `terraform plan -detailed-exitcode`; every error is 1 here, unlike in other commands):
  0  no changes
  2  changes planned (saved, with --out)
  1  an error of any kind (usage, file, API, connection), or a plan over the safety threshold
     without --force (printed, not saved)
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ._arguments import share
from ._exit import FAILURE, OK, CommandError, loaded

if TYPE_CHECKING:
    from pexip_engage_client import PexipEngage
    from pexip_engage_client.provisioning import Plan

    from ._context import Context
    from ._spec import ParserSpec

# `terraform plan -detailed-exitcode`'s: a script applies only when the plan exits with this.
CHANGES = 2


def configure(parser: ParserSpec) -> None:
    parser.describe(__doc__)
    add = parser.add_argument
    add("file", metavar="FILE", help="the directory export: .csv or .json, in the API's field names")
    add("--out", metavar="PLAN", help="save the plan here (JSON), for `employees apply`")
    add("--key", default="externalId", help="the field employees are matched on: externalId, email or username")
    add("--fields", metavar="A,B", help="the fields to manage, separated by commas (default: every field FILE has)")
    add(
        "--missing", choices=("deactivate", "leave"), default="deactivate",
        help="what happens to employees whose key FILE does not have (default: %(default)s)",
    )  # fmt: skip
    add(
        "--threshold", type=share, default=0.3, metavar="SHARE",
        help="the share of managed employees a plan may update or deactivate without --force "
        "(default: %(default)s; not applied below 10 managed employees)",
    )  # fmt: skip
    add("--force", action="store_true", help="save a plan over the threshold (and exit 2)")
    add("--json", action="store_true", help="print the plan as JSON (what --out saves) instead of text")


def run(options: argparse.Namespace, context: Context) -> int:
    # Imported here, not above: `employees plan --help` loads this module and must not load the client.
    from pexip_engage_client.provisioning import plan_employees, read_employees  # noqa: PLC0415

    desired = loaded(read_employees, options.file)
    fields = None if options.fields is None else [name.strip() for name in options.fields.split(",") if name.strip()]

    async def work(engage: PexipEngage) -> Plan:
        return await plan_employees(
            engage, desired, key=options.key, fields=fields, missing=options.missing, threshold=options.threshold
        )

    plan = context.call(work)
    # Flushed before any error below, so that a terminal shows the plan first.
    print(plan.to_json() if options.json else plan.render(), end="", flush=True)
    _save(plan, options)
    return CHANGES if plan.has_changes else OK


def _save(plan: Plan, options: argparse.Namespace) -> None:
    """The plan to `--out`, unless it exceeds its safety threshold without `--force`."""
    if plan.refusal and not options.force:
        not_saved = f"; {options.out} not saved" if options.out else ""
        raise CommandError(f"the plan exceeds its safety threshold{not_saved} (--force if it is intended)", FAILURE)
    if options.out:
        try:
            plan.save(options.out)
        except OSError as exc:
            raise CommandError(f"cannot save the plan to {options.out}: {exc.strerror or exc}", FAILURE) from None
