"""One consistent listing (`_shared/listing.py`) and one failure log (`_shared/failures.py`), used by every room
that lists a collection or backs off after failures (issue 98, point 3): a second of either fails here.

Read from the source, as the architecture test reads imports: the async modules (sync twins are
generated from them) of the client and the command line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LISTING = "pexip_engage_client/_shared/listing.py"
FAILURES = "pexip_engage_client/_shared/failures.py"
# The walk of `items()` itself, which offers `until_empty` to users.
PAGINATION = "pexip_engage_client/_runtime/pagination.py"
# The listing's rules, by the names of their parts: defined in `_shared/listing.py` alone.
LISTING_PARTS = {"continued_by", "reached_total", "_find_place", "_one_pass", "pass_items", "in_pass"}
# A failure log's parts: a class with one of the first and one of the second is a failure log.
FAILING = {"failed", "fail", "on_failure"}
WORKING = {"worked", "succeeded", "recovered", "works_again", "ok"}


def sources() -> dict[str, ast.Module]:
    found = {}
    for package in ("pexip_engage_client", "pexip_engage_cli"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "_generated" in path.parts or "_sync" in path.parts:
                continue
            found[path.relative_to(ROOT).as_posix()] = ast.parse(path.read_text(), str(path))
    return found


@pytest.mark.costly  # a scan of the whole package: in make test, not make check's minute
def test_the_listing_and_the_failure_log_are_where_this_test_looks() -> None:
    modules = sources()
    assert {LISTING, FAILURES, PAGINATION} <= set(modules)  # renamed or moved: say so here


@pytest.mark.costly  # a scan of the whole package: in make test, not make check's minute
def test_no_room_walks_pages_by_itself_but_through_the_one_listing() -> None:
    """`until_empty` (the walk reconcile and the catch-up used, blind to items moving between pages) only in the
    walk that offers it; the listing's parts defined once; every feature module that asks for a page by its
    offset hands it to the one listing."""
    wrong = []
    for name, tree in sources().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "until_empty" and name != PAGINATION:
                wrong.append(f"{name}:{node.value.lineno}: walks `until_empty`, not the one listing")
            defined = (
                node.name
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                else node.attr
                if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
                else None
            )
            if defined in LISTING_PARTS and name != LISTING:
                wrong.append(f"{name}:{getattr(node, 'lineno', 0)}: defines {defined}, a part of the one listing")
        feature = name.startswith(("pexip_engage_client/webhooks/", "pexip_engage_client/mirror/",
                                   "pexip_engage_client/provisioning/"))  # fmt: skip
        by_offset = any(
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr.startswith("get_")
            and any(keyword.arg == "offset" for keyword in node.keywords)
            for node in ast.walk(tree)
        )
        if feature and by_offset and not _imports_listing(tree):
            wrong.append(f"{name}: asks for pages by offset without the one listing (`_shared/listing.py`)")
    assert wrong == []


def _imports_listing(tree: ast.Module) -> bool:
    """Whether `tree` imports the one listing, or its `read_consistently` (provisioning's names it)."""
    return any(
        isinstance(node, ast.ImportFrom)
        and ((node.module or "").endswith("_shared.listing") or "read_consistently" in {a.name for a in node.names})
        for node in ast.walk(tree)
    )


@pytest.mark.costly  # a scan of the whole package: in make test, not make check's minute
def test_no_room_keeps_a_failure_log_or_a_back_off_of_its_own() -> None:
    """No class but the one failure log counts failures until a success (`failed` with `worked`/`succeeded`,
    `in_a_row`), and no wait after a failure grows by itself (a sleep in an `except` of `backoff(...)` or `**`):
    the wait comes from the failure log."""
    wrong = []
    for name, tree in sources().items():
        if name == FAILURES:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and not _is_protocol(node):  # a Protocol: a face of the one log
                methods = {item.name for item in node.body if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)}
                if methods & FAILING and methods & WORKING:
                    wrong.append(f"{name}:{node.lineno}: {node.name} is a failure log of its own")
            if (
                isinstance(node, ast.Attribute)
                and node.attr in {"in_a_row", "_in_a_row"}
                and isinstance(node.ctx, ast.Store)
            ):
                wrong.append(f"{name}:{node.lineno}: counts failures in a row by itself")
            if isinstance(node, ast.ExceptHandler):
                wrong += [
                    f"{name}:{call.lineno}: backs off by itself after a failure" for call in _growing_sleeps(node)
                ]
    assert wrong == []


def _is_protocol(node: ast.ClassDef) -> bool:
    """Whether the class is a typing Protocol (the face the request core knows the failure log by), which counts
    nothing itself."""
    return any(isinstance(base, ast.Name) and base.id == "Protocol" for base in node.bases)


def _growing_sleeps(handler: ast.ExceptHandler) -> list[ast.Call]:
    """The waits `handler` computes itself: `timing.backoff(...)` called there, or a sleep of a power."""
    found = []
    for node in ast.walk(handler):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "backoff":
            found.append(node)
            continue
        if not (isinstance(node, ast.Call) and _called(node) == "sleep"):
            continue
        for part in (part for argument in node.args for part in ast.walk(argument)):
            if (isinstance(part, ast.Call) and _called(part) == "backoff") or (
                isinstance(part, ast.BinOp) and isinstance(part.op, ast.Pow)
            ):
                found.append(node)
                break
    return found


def _called(call: ast.Call) -> str:
    function = call.func
    return (
        function.attr if isinstance(function, ast.Attribute) else function.id if isinstance(function, ast.Name) else ""
    )


def test_this_test_finds_a_second_of_each(tmp_path: Path) -> None:
    """The checks above can fail: the shapes they look for, as the house had them before the one of each."""
    before = ast.parse(
        "import asyncio\n"
        "class Failures:\n"
        "    def failed(self, error): self.in_a_row = 1\n"
        "    def worked(self): pass\n"
        "async def loop(read, failures):\n"
        "    while True:\n"
        "        try:\n"
        "            await read()\n"
        "        except Exception:\n"
        "            await asyncio.sleep(min(60, 5.0 * 2 ** failures.in_a_row))\n"
    )
    classes = [node for node in ast.walk(before) if isinstance(node, ast.ClassDef)]
    handlers = [node for node in ast.walk(before) if isinstance(node, ast.ExceptHandler)]
    assert {item.name for item in classes[0].body if isinstance(item, ast.FunctionDef)} & FAILING
    assert len(_growing_sleeps(handlers[0])) == 1
    walk = ast.parse("pages = engage.appointments.get_appointments(offset=0).items(until_empty=True)")
    assert {node.arg for node in ast.walk(walk) if isinstance(node, ast.keyword)} == {"offset", "until_empty"}
    assert not _imports_listing(walk)
