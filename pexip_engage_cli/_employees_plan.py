"""`pexip-engage employees plan FILE`: what would make Engage's employees match a directory export.

Reads FILE (CSV or JSON, in the API's field names, or others mapped with --column; a CSV's columns
separated by `,`, `;` or tab, found on its header line unless --delimiter), compares it with the
employees of the --scope, matched on --key without regard to case, and prints the plan: + create,
~ update (field: before -> after), - deactivate, ! conflict (left alone, with the reason). Nothing is
written to Engage. No one is deactivated unless --missing deactivate, which needs a --scope. --out
saves the plan, for `employees apply` to make exactly those changes:

    pexip-engage employees plan branch-a.csv --scope office:<id> --missing deactivate --out plan.json
    pexip-engage employees apply plan.json

A progress bar shows on stderr when it is a terminal and FILE has more than 200 rows; the plan's
summary is logged (INFO) for such a file.

exit codes (as `terraform plan -detailed-exitcode`; every error is 1 here, unlike in other commands):
  0  no changes
  2  changes planned (saved, with --out)
  3  conflicts (!) planned, with or without changes (saved, with --out): employees the plan leaves
     alone (outside the scope, a key several employees share, ...), for a person to look at
  1  an error of any kind (usage, a directory that cannot be read, API, connection), a row of FILE
     rejected (invalid, or a key given twice) without --skip-invalid, or a plan over the safety
     threshold without --force (printed, not saved)
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ._arguments import name_value, not_negative_int, share
from ._exit import FAILURE, OK, CommandError, loaded

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from pexip_engage_client import PexipEngage
    from pexip_engage_client.provisioning import Plan, Scope

    from ._context import Context
    from ._spec import ParserSpec

# `terraform plan -detailed-exitcode`'s: a script applies only when the plan exits with this.
CHANGES = 2
# Left alone for a person to look at (a plan's conflicts; an apply's): never mistaken for "nothing to do".
CONFLICTS = 3
# Rows (or changes) past which a terminal shows a progress bar.
LONG = 200


def configure(parser: ParserSpec) -> None:
    parser.describe(__doc__)
    add = parser.add_argument
    add("file", metavar="FILE", help="the directory export: .csv or .json, in the API's field names")
    add("--out", metavar="PLAN", help="save the plan here (JSON), for `employees apply`")
    add(
        "--key",
        default="externalId",
        help="the field employees are matched on, ignoring case and surrounding spaces: externalId, email or username",
    )
    add(
        "--scope",
        action="append",
        default=[],
        metavar="SELECTOR",
        help="the employees the plan manages, and so may change or deactivate: office:ID (an office relation "
        "to it), key-prefix:PREFIX, or whole-enterprise; repeat for several offices (or prefixes); an office "
        "and a prefix together must both hold (default: none, and no one is deactivated)",
    )
    add(
        "--missing",
        choices=("deactivate", "leave"),
        default="leave",
        help="what happens to employees of the --scope whose key FILE does not have (default: %(default)s)",
    )
    add("--fields", metavar="A,B", help="the fields to manage, separated by commas (default: every field FILE has)")
    add(
        "--column",
        action="append",
        type=name_value,
        default=[],
        metavar="COLUMN=FIELD",
        help="the field a column of FILE holds (an HR export's 'Mail=email'); COLUMN= leaves it out; repeatable",
    )
    add(
        "--map-value",
        action="append",
        type=value_mapping,
        default=[],
        metavar="COLUMN:FROM=TO",
        help="replace a value of a column of FILE before it is read (an HR export's 'Kantoor:Gent=AGENT:<office "
        "id>'); repeatable; other values of the column are kept",
    )
    add(
        "--delimiter",
        type=delimiter,
        metavar="CHAR",
        help="what separates a CSV's columns: ',', ';' or tab (default: the one of those its header line holds "
        "most of)",
    )
    add(
        "--skip-invalid",
        action="store_true",
        help="plan without the rows of FILE that are rejected (invalid, or a key given twice), counting them on "
        "stderr, instead of exiting 1",
    )
    add(
        "--threshold",
        type=share,
        default=0.3,
        metavar="SHARE",
        help="the share of the scope's employees a plan may update or deactivate, and the share of them it may "
        "create, without --force (default: %(default)s; not applied below 10 of them)",
    )
    add(
        "--max-creates",
        type=not_negative_int,
        metavar="N",
        help="the employees a plan may create without --force, in place of the --threshold's share",
    )
    add("--force", action="store_true", help="save a plan over the threshold (and exit 2)")
    add(
        "--json",
        action="store_true",
        help="print the plan as JSON (what --out saves) instead of text; -o json says the same, -o yaml the same "
        "document as YAML",
    )


def run(options: argparse.Namespace, context: Context) -> int:
    # Imported here, not above: `employees plan --help` loads this module and must not load the client.
    from pathlib import Path  # noqa: PLC0415

    from pexip_engage_client.provisioning import employees_in, plan_employees  # noqa: PLC0415

    from ._context import in_cli_words  # noqa: PLC0415

    output = _output(options, context.option("output"))  # before anything is read
    scope = _scope(options.scope, options.missing)
    columns = _columns(options.column)
    values = _values(options.map_value)
    reading = {"columns": columns, "values": values, "delimiter": options.delimiter}

    def count_rows(path: str) -> int:  # read once through, errors first, holding no row: the plan reads it again
        try:
            return sum(1 for _ in employees_in(path, **reading))
        except ValueError as exc:  # a refused argument (`columns`) said with the option's name
            raise ValueError(in_cli_words(exc, _OPTIONS.items())) from None

    rows = loaded(count_rows, options.file)
    fields = _fields(options.fields)
    progress = rows > LONG and sys.stderr.isatty()

    async def work(engage: PexipEngage) -> Plan:
        try:
            return await plan_employees(
                engage, Path(options.file), key=options.key, scope=scope, fields=fields, missing=options.missing,
                threshold=options.threshold, max_creates=options.max_creates, progress=progress, **reading,
            )  # fmt: skip
        except ValueError as exc:  # a refused argument, directory or scope (nothing written), in our words
            raise CommandError(in_cli_words(exc, _OPTIONS.items()), FAILURE) from None

    plan = context.call(work)
    # Written as it is rendered, flushed before any error below, so that a terminal shows the plan first; its JSON
    # is what --out saves.
    if output == "yaml":
        print(printed_document(output, plan.to_dict, plan.render), end="")
    else:
        from ._terminal import visible  # noqa: PLC0415

        sys.stdout.writelines(plan.json_lines() if output == "json" else map(visible, plan.lines()))
    sys.stdout.flush()
    _rejected(plan, options)
    _save(plan, options)
    if not all(conflict.rejected for conflict in plan.conflicts):  # (rejected rows got here only with --skip-invalid)
        return CONFLICTS
    return CHANGES if plan.has_changes else OK


def _output(options: argparse.Namespace, output: str | None) -> str:
    """How the plan is printed: `text`, `json` (also `--json`) or `yaml` (`document_output`)."""
    if options.json:
        return "json"
    return document_output(
        output,
        "employees plan prints its plan as text, or as one document with --json, -o json or -o yaml (what --out saves)",
    )


def document_output(output: str | None, formats: str) -> str:
    """How a command that prints one document (a plan, an apply's report) prints it, by `-o`: `text` (the default,
    and a terminal's `table`), `json` or `yaml`. A CSV or JSON Lines is refused (exit 1) before anything is sent,
    not ignored: the document is not rows; `formats` says what the command prints instead."""
    if output in ("csv", "jsonl"):
        raise CommandError(f"-o {output}: {formats}", FAILURE)
    if output == "yaml":
        from ._sheets import check_yaml  # noqa: PLC0415 - for `-o yaml` only

        try:
            check_yaml()
        except CommandError as missing:  # every error of these commands exits 1
            raise CommandError(str(missing), FAILURE) from None
        return "yaml"
    return "json" if output == "json" else "text"


def printed_document(output: str, document: Callable[[], dict[str, Any]], text: Callable[[], str]) -> str:
    """The document as `document_output` chose: `json`, `yaml`, or `text` (for a terminal: control characters shown,
    `visible`); a plan's JSON is what `Plan.to_json` writes, a change a line."""
    if output == "json":
        import json  # noqa: PLC0415 - for `-o json` only

        return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"
    if output == "yaml":
        from ._sheets import yaml_text  # noqa: PLC0415 - for `-o yaml` only

        return yaml_text(document())
    from ._terminal import visible  # noqa: PLC0415

    return visible(text())


def _rejected(plan: Plan, options: argparse.Namespace) -> None:
    """Rows of FILE the plan rejects: an error naming each, unless `--skip-invalid` (then their count, on stderr)."""
    rows = sum(len(conflict.rows) or 1 for conflict in plan.conflicts if conflict.rejected)  # (none held: a big plan's)
    if not rows:
        return
    if options.skip_invalid:
        print(
            f"pexip-engage: {rows} row(s) of {options.file} rejected, left out of the plan (--skip-invalid)",
            file=sys.stderr,
            flush=True,
        )
        return
    each = "; ".join(f"{_rows(conflict.rows)}: {conflict.reason}" for conflict in plan.conflicts if conflict.rejected)
    not_saved = f"; {options.out} not saved" if options.out else ""
    raise CommandError(
        f"{rows} row(s) of {options.file} rejected: {each}{not_saved} (--skip-invalid to plan without them)", FAILURE
    )


def _rows(rows: tuple[int, ...]) -> str:
    """`row 3`, `rows 4, 7`."""
    return ("row " if len(rows) == 1 else "rows ") + ", ".join(map(str, rows))


def _values(triples: list[tuple[str, str, str]]) -> dict[str, dict[str, str]] | None:
    """`--map-value COLUMN:FROM=TO` (repeated) as the plan's `values`: per column, each value to replace."""
    values: dict[str, dict[str, str]] = {}
    for column, before, after in triples:
        given = values.setdefault(column, {})
        if given.get(before, after) != after:
            raise CommandError(f"--map-value {column}:{before}: given twice, as {given[before]} and {after}", FAILURE)
        given[before] = after
    return values or None


def _columns(pairs: list[tuple[str, str]]) -> dict[str, str | None] | None:
    """`--column COLUMN=FIELD` (repeated) as the plan's `columns`: `COLUMN=` leaves the column out."""
    return {column: field or None for column, field in pairs} or None


def _fields(given: str | None) -> list[str] | None:
    """`--fields a,b` as the plan's `fields` (None: not given, every field of the file)."""
    return None if given is None else [name.strip() for name in given.split(",") if name.strip()]


def value_mapping(text: str) -> tuple[str, str, str]:
    """`--map-value COLUMN:FROM=TO` as (column, the value to replace, its replacement): the first `:` ends the
    column, the first `=` after it the value (TO may hold both: `AGENT:<office id>`)."""
    column, colon, rest = text.partition(":")
    before, equals, after = rest.partition("=")
    if not (colon and equals and column.strip() and before.strip()):
        raise argparse.ArgumentTypeError(f"expected COLUMN:FROM=TO (got {text!r})")
    return column.strip(), before.strip(), after.strip()


# `--delimiter`'s words for a tab, which a shell makes hard to type.
_TAB = ("tab", "\\t", "\t")


def delimiter(text: str) -> str:
    """`--delimiter`: one character (`;`), or `tab`."""
    if text.lower() in _TAB:
        return "\t"
    if len(text) != 1 or text in '"\r\n':
        raise argparse.ArgumentTypeError(f"expected one character, or tab (got {text!r})")
    return text


# `--scope`'s selectors: office:ID and key-prefix:PREFIX (repeatable), or whole-enterprise alone.
_SELECTORS = {"office": "offices", "key-prefix": "key_prefixes"}


def _scope(selectors: list[str], missing: str) -> Scope | None:
    """`--scope` (repeated) as the plan's scope; refused before anything is read when it cannot be one, or
    when none is given to deactivate."""
    from pexip_engage_client.provisioning import WHOLE_ENTERPRISE, Scope  # noqa: PLC0415

    if missing == "deactivate" and not selectors:
        raise CommandError(
            "--missing deactivate needs --scope: office:ID, key-prefix:PREFIX, or whole-enterprise to say that "
            "every employee with a key may be deactivated",
            FAILURE,
        )
    if selectors == ["whole-enterprise"]:
        return WHOLE_ENTERPRISE
    parts: dict[str, list[str]] = {"offices": [], "key_prefixes": []}
    for kind, value in (_selector(selector) for selector in selectors):
        parts[kind].append(value)
    return Scope(frozenset(parts["offices"]), tuple(parts["key_prefixes"])) if selectors else None


def _selector(selector: str) -> tuple[str, str]:
    """One `--scope` selector as (the `Scope` field, its value)."""
    kind, _, value = selector.partition(":")
    if kind not in _SELECTORS or not value.strip():
        raise CommandError(
            f"--scope {selector!r}: expected office:ID, key-prefix:PREFIX or whole-enterprise (whole-enterprise alone)",
            FAILURE,
        )
    return _SELECTORS[kind], value.strip()


# The plan's arguments as this command calls them.
_OPTIONS = {
    "key": "--key",
    "scope": "--scope",
    "columns": "--column",
    "fields": "--fields",
    "missing": "--missing",
    "values": "--map-value",
    "delimiter": "--delimiter",
}


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
