"""The `employees plan` and `employees apply` commands, as functions a command line calls.

    plan FILE [--out plan.json] [--key externalId] [--fields a,b] [--missing deactivate|leave]
              [--threshold 0.3] [--force] [--json]
    apply PLAN.json [--force] [--progress] [--stop-on-error] [--concurrency N]

Exit codes, as `terraform plan -detailed-exitcode`: `plan` 0 when there is nothing to change, 2 when
there are changes (and the plan was saved, with `--out`), 1 on an error, or when the plan exceeds
its safety threshold without `--force` (nothing is saved then). `apply` 0 when every change was made
or was already made, 1 when one failed or conflicted, or on an error.
Credentials come from the environment (`PEXIP_ENGAGE_ENTERPRISE`, ...), as `PexipEngage()` reads them.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TextIO, TypeVar

from .. import PexipEngage, errors
from ._apply import PlanRefusedError, apply_plan
from ._input import read_employees
from ._plan import Plan, plan_employees

T = TypeVar("T")
EngageFactory = Callable[[], PexipEngage]

NO_CHANGES, ERROR, CHANGES = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise ValueError(f"{self.prog}: {message}")


def _plan_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="employees plan", description="Plan the changes that make Engage's employees match FILE.")
    parser.add_argument("file", help="the directory export: CSV or JSON, in the API's field names")
    parser.add_argument("--out", help="save the plan as JSON here, to apply later")
    parser.add_argument("--key", default="externalId", help="the field employees are matched on")
    parser.add_argument("--fields", help="the fields to manage, separated by commas (default: every field in FILE)")
    parser.add_argument("--missing", default="deactivate", choices=["deactivate", "leave"])
    parser.add_argument("--threshold", type=float, default=0.3)
    parser.add_argument("--force", action="store_true", help="save a plan that exceeds the threshold")
    parser.add_argument("--json", action="store_true", help="print the plan as JSON instead of text")
    return parser


def _apply_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="employees apply", description="Apply a plan saved by `employees plan --out`.")
    parser.add_argument("plan", help="the saved plan (JSON)")
    parser.add_argument("--force", action="store_true", help="apply a plan that exceeds its threshold")
    parser.add_argument("--progress", action="store_true", help="show a progress bar on stderr")
    parser.add_argument("--stop-on-error", action="store_true", help="stop at the first failed change")
    parser.add_argument("--concurrency", type=int, default=4)
    return parser


def plan_command(
    argv: Sequence[str],
    *,
    engage_factory: EngageFactory | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """`employees plan FILE ...`: print the plan, save it with `--out`; 0 no changes, 2 changes, 1 error."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        args = _plan_parser().parse_args(list(argv))
        desired = read_employees(args.file)
        fields = None if args.fields is None else [name.strip() for name in args.fields.split(",") if name.strip()]
        plan = asyncio.run(
            _with_client(
                engage_factory,
                lambda engage: plan_employees(
                    engage, desired, key=args.key, fields=fields, missing=args.missing, threshold=args.threshold
                ),
            )
        )
    except (ValueError, OSError, errors.PexipEngageError) as exc:
        err.write(f"error: {exc}\n")
        return ERROR
    out.write(plan.to_json() if args.json else plan.render())
    if plan.refusal and not args.force:
        err.write("error: the plan exceeds its safety threshold; not saved (use --force if it is intended)\n")
        return ERROR
    if args.out:
        try:
            plan.save(args.out)
        except OSError as exc:
            err.write(f"error: cannot save the plan: {exc}\n")
            return ERROR
    return CHANGES if plan.has_changes else NO_CHANGES


def apply_command(
    argv: Sequence[str],
    *,
    engage_factory: EngageFactory | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """`employees apply PLAN.json ...`: make the saved plan's changes; 0 all done, 1 a failure or an error."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        args = _apply_parser().parse_args(list(argv))
        plan = Plan.load(Path(args.plan))
        report = asyncio.run(
            _with_client(
                engage_factory,
                lambda engage: apply_plan(
                    engage,
                    plan,
                    force=args.force,
                    concurrency=args.concurrency,
                    stop_on_error=args.stop_on_error,
                    progress=args.progress,
                ),
            )
        )
    except PlanRefusedError as exc:
        err.write(f"error: {exc}\n")
        return ERROR
    except (ValueError, OSError, errors.PexipEngageError) as exc:
        err.write(f"error: {exc}\n")
        return ERROR
    out.write(report.render())
    return NO_CHANGES if report.ok else ERROR


async def _with_client(factory: EngageFactory | None, work: Callable[[PexipEngage], Awaitable[T]]) -> T:
    """Run `work` with a client made in this event loop (by `factory`, or from the environment), then close it."""
    engage = factory() if factory is not None else PexipEngage()
    async with engage:
        return await work(engage)
