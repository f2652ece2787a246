"""The inventory of the documented pages (docs/inventory.yaml), read against openapi.yaml.

    python -m scripts.checks.inventory [--docs DIR] [--check | --write]

Prints every page with what the spec does with it: an operation page's operationId and status
("modelled", "modelled, truncated" or "documented, not modelled", read from openapi.yaml), a
webhook-event page's entry in the spec's `webhooks`, a topic page's places in the repository; then
each operation the spec has that no copied page documents ("spec-only": added to openapi.yaml after
the documentation was copied, or from a newer spec, which is no failure).
`--check` exits 1 when the inventory, the spec, the page copies (when present) or the operation
count the README and docs state disagree; `--write` rewrites that count from the spec.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.checks.audit_spec.__main__ import DEFAULT_DOCS, DOCS_ENV
from scripts.checks.audit_spec.pages import normal_name, pages_dir

REPO_ROOT = Path(__file__).resolve().parents[2]
INVENTORY = REPO_ROOT / "docs" / "inventory.yaml"
# The files that state how many documented operations the client covers.
COUNTED_IN = ("README.md", "docs/index.md", "docs/calling-operations.md")
COUNT_RE = re.compile(r"\b(all|(\d+) of the) (\d+) operations in the public reference", re.IGNORECASE)
METHODS = ("get", "put", "post", "patch", "delete")
COPIES = ("complete", "truncated")


@dataclass(frozen=True)
class SpecOperation:
    operation_id: str
    method: str  # upper case
    where: str  # the path, or the name of the entry under `webhooks`
    webhook: bool


def spec_operations(document: dict[str, Any]) -> dict[str, SpecOperation]:
    """The spec's operations and webhook events by operationId in lower case (as pages are named)."""
    found: dict[str, SpecOperation] = {}
    for group in ("paths", "webhooks"):
        for where, path_item in (document.get(group) or {}).items():
            for method in METHODS:
                operation = path_item.get(method)
                if isinstance(operation, dict) and "operationId" in operation:
                    operation_id = str(operation["operationId"])
                    found[operation_id.lower()] = SpecOperation(
                        operation_id, method.upper(), where, webhook=group == "webhooks"
                    )
    return found


def load_inventory(path: Path = INVENTORY) -> dict[str, list[dict[str, Any]]]:
    inventory = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(inventory, dict):
        raise ValueError(f"{path} does not hold an inventory")
    return {kind: list(inventory.get(kind) or []) for kind in ("operations", "webhook_events", "topics")}


def status(entry: dict[str, Any], spec: dict[str, SpecOperation]) -> str:
    """What the spec does with an operation page: never written by hand, read from the spec."""
    if str(entry.get("operation", "")).lower() not in spec:
        return "documented, not modelled"
    return "modelled, truncated" if entry.get("copy") == "truncated" else "modelled"


def coverage(inventory: dict[str, list[dict[str, Any]]], document: dict[str, Any]) -> tuple[int, int]:
    """(operations the spec models, operations the reference documents); webhook events not counted."""
    spec = spec_operations(document)
    documented = inventory["operations"]
    return sum(status(entry, spec) != "documented, not modelled" for entry in documented), len(documented)


def count_text(modelled: int, documented: int) -> str:
    """How the README and docs say it."""
    if modelled == documented:
        return f"all {documented} operations in the public reference"
    return f"{modelled} of the {documented} operations in the public reference"


def count_problems(name: str, text: str, modelled: int, documented: int) -> list[str]:
    """Each statement of the count in `text` that does not match the spec, and its absence."""
    found = list(COUNT_RE.finditer(text))
    if not found:
        return [f"{name}: states no operation count ('{count_text(modelled, documented)}')"]
    wanted = count_text(modelled, documented)
    return [
        f"{name}: says '{match[0]}', openapi.yaml models {modelled} of the {documented} documented operations: "
        f"write '{wanted}' (python -m scripts.checks.inventory --write)"
        for match in found
        if match[0].lower() != wanted
    ]


def rewrite_count(text: str, modelled: int, documented: int) -> str:
    """`text` with every statement of the count made true (the first letter's case kept)."""
    wanted = count_text(modelled, documented)
    return COUNT_RE.sub(lambda match: (wanted[0].upper() if match[0][0].isupper() else wanted[0]) + wanted[1:], text)


def problems(
    inventory: dict[str, list[dict[str, Any]]],
    document: dict[str, Any],
    *,
    pages: Path | None = None,
    root: Path = REPO_ROOT,
) -> list[str]:
    """Everything on which the inventory, the spec, the page copies (`pages`) and the docs disagree."""
    spec = spec_operations(document)
    found = [*_operation_problems(inventory, spec), *_topic_problems(inventory, root)]
    listed = [str(entry.get("page")) for kind in inventory.values() for entry in kind]
    found += [f"page {name} is listed twice" for name in sorted({n for n in listed if listed.count(n) > 1})]
    if pages is not None:
        copies = {path.stem for path in pages.glob("*.txt")}
        found += [f"page {name} is not in the inventory" for name in sorted(copies - set(listed))]
        found += [f"page {name} is listed but has no copy in {pages}" for name in sorted(set(listed) - copies)]
    modelled, documented = coverage(inventory, document)
    for name in COUNTED_IN:
        found += count_problems(name, (root / name).read_text(encoding="utf-8"), modelled, documented)
    return found


def _operation_problems(inventory: dict[str, list[dict[str, Any]]], spec: dict[str, SpecOperation]) -> list[str]:
    found: list[str] = []
    listed: set[str] = set()
    for kind, webhook in (("operations", False), ("webhook_events", True)):
        for entry in inventory[kind]:
            page, operation = str(entry.get("page")), str(entry.get("operation"))
            if normal_name(page) != operation.lower():
                found.append(f"page {page} does not document {operation} (pages are named after the operationId)")
            if entry.get("copy") not in COPIES:
                found.append(f"page {page}: copy must be one of {', '.join(COPIES)}, not {entry.get('copy')!r}")
            listed.add(operation.lower())
            modelled = spec.get(operation.lower())
            method = "POST" if webhook else str(entry.get("method"))
            where = str((entry.get("webhook") if webhook else entry.get("path")) or "?")
            if webhook and modelled is None:
                found.append(f"webhook event {page}: openapi.yaml has no webhook {operation}")
            elif modelled is not None and modelled != SpecOperation(modelled.operation_id, method, where, webhook):
                found.append(
                    f"page {page} documents {method} {where}, openapi.yaml has {operation} as "
                    f"{modelled.method} {modelled.where}"
                )
    return found


def spec_only(inventory: dict[str, list[dict[str, Any]]], document: dict[str, Any]) -> list[SpecOperation]:
    """The spec's operations and webhook events that no page of the inventory documents.

    A spec that grows after the documentation was copied (a newer upstream spec, or one vendored
    elsewhere) adds operations no page describes: they are told apart from the documented ones,
    never a failure, so that a compatible spec change needs no edit of the inventory.
    """
    listed = {str(entry.get("operation", "")).lower() for kind in inventory.values() for entry in kind}
    spec = spec_operations(document)
    return [spec[name] for name in sorted(spec.keys() - listed)]


def _topic_problems(inventory: dict[str, list[dict[str, Any]]], root: Path) -> list[str]:
    found: list[str] = []
    for entry in inventory["topics"]:
        page = str(entry.get("page"))
        if not page.startswith("topic-"):
            found.append(f"topic page {page}: topic pages are named topic-...")
        if not entry.get("applies") or not entry.get("applied_in"):
            found.append(f"topic page {page}: say what applies it (applies) and where (applied_in)")
        missing = [place for place in entry.get("applied_in") or [] if not (root / place).exists()]
        found += [f"topic page {page}: {place} does not exist" for place in missing]
    return found


def table(inventory: dict[str, list[dict[str, Any]]], document: dict[str, Any]) -> list[str]:
    """One line per page: its name, and what the spec or the project does with it."""
    spec = spec_operations(document)
    lines = []
    for entry in inventory["operations"]:
        modelled = spec.get(str(entry["operation"]).lower())
        operation_id = modelled.operation_id if modelled else entry["operation"]
        lines.append(f"{entry['page']:<40} {operation_id:<40} {status(entry, spec)}")
    for entry in inventory["webhook_events"]:
        lines.append(f"{entry['page']:<40} webhooks.{entry['webhook']:<31} {status(entry, spec)}")
    for entry in inventory["topics"]:
        lines.append(f"{entry['page']:<40} applied in {', '.join(entry['applied_in'])}")
    for operation in spec_only(inventory, document):
        where = f"webhooks.{operation.where}" if operation.webhook else f"{operation.method} {operation.where}"
        lines.append(f"{'(no page)':<40} {operation.operation_id:<40} spec-only: {where}")
    modelled_count, documented = coverage(inventory, document)
    lines.append(f"{modelled_count} of {documented} documented operations modelled")
    if extra := len(spec_only(inventory, document)):
        lines.append(f"{extra} operation(s) of openapi.yaml documented by no copied page (spec-only)")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=Path(os.environ.get(DOCS_ENV, DEFAULT_DOCS)))
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--check", action="store_true", help="exit 1 on any disagreement")
    action.add_argument("--write", action="store_true", help="rewrite the operation count in the README and docs")
    args = parser.parse_args(argv)
    inventory = load_inventory()
    document = yaml.safe_load((REPO_ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    if args.write:
        modelled, documented = coverage(inventory, document)
        for name in COUNTED_IN:
            path = REPO_ROOT / name
            path.write_text(rewrite_count(path.read_text(encoding="utf-8"), modelled, documented), encoding="utf-8")
        return 0
    if not args.check:
        print("\n".join(table(inventory, document)))
        return 0
    pages = pages_dir(args.docs)
    found = problems(inventory, document, pages=pages if pages.is_dir() else None)
    print("\n".join(found) or "inventory: every page listed, every operation in openapi.yaml accounted for")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
