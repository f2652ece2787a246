"""`pexip-engage spec check`: read a live tenant and say where its answers differ from openapi.yaml.

    pexip-engage spec check                      # a table of the differences
    pexip-engage spec check --json --overlay drift.yaml

Reads only (GET): every list operation the credentials allow (`--max-pages` pages each), then a
few reads by id (`--sample`) of the items the lists returned, within the API's documented limits
(the client's governor keeps them). What differed is what the client recorded
(`engage.spec_drift.records()`): printed as a table, or with `--json` as a document with a
`records` list; `--overlay FILE` writes the OpenAPI Overlay that makes openapi.yaml accept it
(`make spec-overlay OVERLAY=FILE`, then `make generate`: docs/spec-drift.md), when something differed.

`--probe-inferred` also asks whether each operation openapi.yaml infers (the appointment life-cycle
actions) exists, sending it for an appointment id that cannot exist (`_spec_probe.py` says how):
each is reported (`inferred` in the JSON document), and one found absent counts as a difference.

Exit status: 0 nothing differed, 1 something did, 2 a usage or connection error (or credentials
the API refuses). An operation the credentials may not call (403) or whose list is not there (404)
is skipped and named. A difference in what it reads itself (a page's `meta.totalCount`, its `data`)
is a record like any other: the reading goes on as far as it can (docs/spec-drift.md).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pexip_engage_client import lane

from . import _table
from ._arguments import not_negative_int, positive_int
from ._exit import FAILURE, OK, USAGE, CommandError
from ._output import dumps, instant, table, terminal_width
from ._parser import invalid_choice
from ._spec_probe import any_absent, print_probed, probe

if TYPE_CHECKING:
    from pexip_engage_client import PexipEngage

    from ._context import Context
    from ._spec import ParserSpec
    from ._table import CommandSpec


# What a record says, in this order (the table's columns and the JSON document's keys).
FIELDS = ("operation", "pointer", "kind", "expected", "actual", "count", "first_seen", "last_seen")


def configure(parser: ParserSpec) -> None:
    parser.describe(__doc__)
    parser.add_argument("--json", action="store_true", help="print a JSON document with a `records` list")
    parser.add_argument("--overlay", metavar="FILE", help="write the overlay that makes openapi.yaml accept it")
    parser.add_argument(
        "--operations",
        nargs="+",
        metavar="OPERATION",
        default=None,
        help="only these list operations (operationId or command name, e.g. getAppointments get-subjects)",
    )
    parser.add_argument(
        "--max-pages", type=positive_int, default=1, metavar="N", help="pages read of each list (default: 1)"
    )
    parser.add_argument(
        "--sample",
        type=not_negative_int,
        default=3,
        metavar="N",
        help="reads by id of the items each list returned (default: 3)",
    )
    parser.add_argument(
        "--probe-inferred",
        action="store_true",
        help="also ask whether each inferred operation exists (POSTs for an appointment id that cannot exist)",
    )


class Plan:
    """The reads to make: the top-level lists, the read by id of their items, and the lists below them."""

    def __init__(self, groups: dict[str, Any], chosen: list[str] | None) -> None:
        commands = [(g["namespace"], name, spec) for g in groups.values() for name, spec in g["commands"].items()]
        self._gets = {
            spec["http"].removeprefix("GET "): (namespace, spec) for namespace, _, spec in commands if _is_get(spec)
        }
        lists = [(namespace, name, spec) for namespace, name, spec in commands if _is_list(spec)]
        wanted = _wanted(lists, chosen)
        self.lists: list[tuple[str, CommandSpec]] = []
        self.by_id: dict[str, tuple[str, CommandSpec]] = {}  # a list's operationId -> the read by id
        self.nested: dict[str, list[tuple[str, CommandSpec]]] = {}  # a list's operationId -> lists below
        for namespace, name, spec in lists:
            if wanted is None or {spec["operation"], name} & wanted:
                self._add(namespace, spec)

    def _add(self, namespace: str, spec: CommandSpec) -> None:
        """A list chosen: below the top-level list whose items it takes, or a top-level one with its read by id."""
        path = spec["http"].removeprefix("GET ")
        parent = _parent_list(path, self._gets)
        if parent is not None:
            self.nested.setdefault(parent[1]["operation"], []).append((namespace, spec))
            if parent not in self.lists:
                self.lists.append(parent)
        elif not _positional(spec):
            if (namespace, spec) not in self.lists:
                self.lists.append((namespace, spec))
            read = next((self._gets[key] for key in self._gets if _one_parameter_below(key, path)), None)
            if read is not None and not _required_query(read[1]):
                self.by_id[spec["operation"]] = read


def _wanted(lists: list[tuple[str, str, CommandSpec]], chosen: list[str] | None) -> set[str] | None:
    """What `--operations` names (operation ids or command names); CommandError for a name of no list."""
    if chosen is None:
        return None
    operations = sorted(spec["operation"] for _, _, spec in lists)
    unknown = sorted(set(chosen) - set(operations) - {name for _, name, _ in lists})
    if unknown:  # the list operations' command names are taken too; the ids are what the message lists
        raise CommandError(invalid_choice("--operations", unknown[0], operations), USAGE)
    return set(chosen)


def _is_list(spec: CommandSpec) -> bool:
    return _is_get(spec) and spec["pages"] and not _required_query(spec)


def _positional(spec: CommandSpec) -> bool:
    return any(p["positional"] for p in spec["parameters"])


def _is_get(spec: CommandSpec) -> bool:
    return spec["http"].startswith("GET ")


def _required_query(spec: CommandSpec) -> bool:
    return any(p["required"] and not p["positional"] for p in spec["parameters"])


def _one_parameter_below(candidate: str, path: str) -> bool:
    """Whether `candidate` is `path/{something}`: the read by id of `path`'s items."""
    rest = candidate.removeprefix(path + "/")
    return rest != candidate and rest.startswith("{") and rest.endswith("}") and "/" not in rest


def _parent_list(path: str, gets: dict[str, tuple[str, CommandSpec]]) -> tuple[str, CommandSpec] | None:
    """The top-level list whose items' ids a nested list (`/employees/{id}/x`) takes, if it is one."""
    parts = path.split("/")
    if len(parts) < 4 or not parts[2].startswith("{") or any(p.startswith("{") for p in parts[3:]):
        return None
    found = gets.get("/" + parts[1])
    return found if found is not None and _is_list(found[1]) and not _positional(found[1]) else None


def run(options: argparse.Namespace, context: Context) -> int:
    plan = Plan(_table.load(), options.operations)
    report: dict[str, Any] = {"read": [], "skipped": {}}

    async def work(engage: PexipEngage) -> dict[str, Any]:
        for namespace, spec in plan.lists:
            ids = await _read_list(engage, namespace, spec, path=(), pages=options.max_pages, report=report)
            for item_id in ids[: options.sample]:
                read = plan.by_id.get(spec["operation"])
                if read is not None:
                    await _read_one(engage, read, (item_id,), report)
                for nested_namespace, nested in plan.nested.get(spec["operation"], []):
                    await _read_list(
                        engage, nested_namespace, nested, path=(item_id,), pages=options.max_pages, report=report
                    )
        if options.probe_inferred:
            report["inferred"] = await probe(engage, _table.load())
        drift = engage.spec_drift
        records = list(drift.records())
        overlay = drift.overlay() if options.overlay else None
        return {"records": records, "overlay": overlay}

    with lane("background"):  # a tenant's whole read, never in the way of its customers' calls
        found = context.call(work, lenient=True)  # strict reading would refuse what it is to record
    records = [_record(record) for record in found["records"]]
    if options.overlay and records:
        _write_overlay(options.overlay, found["overlay"])
    elif options.overlay:  # an overlay has at least one action: there is nothing to write
        print(f"--overlay: nothing differed, {options.overlay} not written", file=sys.stderr)
    if options.json:
        document = {"records": records, "read": sorted(set(report["read"])), "skipped": report["skipped"]}
        document.update({"inferred": report["inferred"]} if "inferred" in report else {})
        sys.stdout.write(dumps(document) + "\n")
    else:
        _print_table(records, report)
        print_probed(report.get("inferred", []))
    return FAILURE if records or any_absent(report.get("inferred", [])) else OK


async def _read_list(
    engage: PexipEngage,
    namespace: str,
    spec: CommandSpec,
    *,
    path: tuple[str, ...],
    pages: int,
    report: dict[str, Any],
) -> list[str]:
    """The ids of the items of up to `max_pages` pages of a list operation (none if it was refused)."""
    ids: list[str] = []
    method = getattr(getattr(engage, namespace), spec["method"])
    page = await _allowed(spec["operation"], report, method(*path))
    read = 0
    while page is not None and read < pages:
        read += 1
        # A page whose `data` could not be read (a difference recorded like any other) has no
        # items to follow, and no next page to find: the list's reading ends there.
        items = getattr(page, "data", None)
        ids += [item_id for item in items or () if isinstance(item_id := getattr(item, "id", None), str)]
        page = await _allowed(spec["operation"], report, page.next_page()) if items and page.has_next_page else None
    if read:
        report["read"].append(spec["operation"])
    return ids


async def _read_one(
    engage: PexipEngage, read: tuple[str, CommandSpec], path: tuple[str, ...], report: dict[str, Any]
) -> None:
    namespace, spec = read
    if await _allowed(spec["operation"], report, getattr(getattr(engage, namespace), spec["method"])(*path)):
        report["read"].append(spec["operation"])


async def _allowed(operation: str, report: dict[str, Any], call: Any) -> Any:
    """What `call` answers; None, with the reason noted, when the API refuses this operation."""
    from pexip_engage_client import errors  # noqa: PLC0415 - imported when a command talks to the API

    try:
        return await call
    except errors.AuthenticationError as error:
        raise CommandError(f"the API refuses these credentials: {error}") from None
    except (errors.PermissionDeniedError, errors.NotFoundError, errors.BadRequestError) as error:
        report["skipped"][operation] = f"HTTP {error.status_code}"
    except errors.UnexpectedResponseError as error:  # nothing to read (not JSON, no `data`): noted, not fatal
        report["skipped"][operation] = f"unreadable answer: {error}"
    return None


def _record(record: Any) -> dict[str, Any]:
    """A record as JSON: each of `FIELDS` it has, times as ISO 8601 text."""
    values = {name: getattr(record, name, None) for name in FIELDS}
    return {name: instant(value) if isinstance(value, datetime) else value for name, value in values.items()}


def _write_overlay(path: str, overlay: Any) -> None:
    text = dumps(overlay) + "\n"
    if path.endswith((".yaml", ".yml")):
        with contextlib.suppress(ImportError):  # JSON is YAML too: without PyYAML, the JSON text
            import yaml  # noqa: PLC0415 - the `testing` extra's

            text = yaml.safe_dump(overlay, sort_keys=False, allow_unicode=True, width=100)
    from pexip_engage_client._base.private_files import write_private  # noqa: PLC0415 - it holds a tenant's answers

    try:
        write_private(path, text)
    except OSError as error:
        raise CommandError(f"--overlay {path}: {error.strerror or error}") from None


def _print_table(records: list[dict[str, Any]], report: dict[str, Any]) -> None:
    if records:
        columns = ["operation", "pointer", "kind", "expected", "actual", "count"]
        shown, _ = table(records, columns, terminal_width(sys.stdout))
        sys.stdout.write(shown)
    read = len(set(report["read"]))
    summary = f"{len(records)} difference(s) from openapi.yaml in the answers of {read} operation(s)"
    print(
        summary if records else f"no difference from openapi.yaml in the answers of {read} operation(s)",
        file=sys.stderr,
    )
    for operation, reason in sorted(report["skipped"].items()):
        print(f"skipped {operation}: {reason}", file=sys.stderr)
