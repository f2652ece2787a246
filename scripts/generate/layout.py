"""LAYOUT.md, the map of the code, written from architecture.toml and the module docstrings (`make layout`).

The section between the two layout markers is replaced whole: one table per room of the
architecture, in the table's order, with what the room may import and each module's summary (the
first sentence of its docstring), then the folders around the package. A module with no
docstring stops the script: the Layout would otherwise have a hole. `--check` writes nothing and
exits 1 when the file differs from what it would write.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The map's own file, linked from CONTRIBUTING.md (which stays a short guide to where to change what).
LAYOUT = ROOT / "LAYOUT.md"
START, END = "<!-- layout: written by scripts/generate/layout.py -->", "<!-- end of layout -->"
PACKAGES = ("pexip_engage_client", "pexip_engage_cli")
# Folders around the package, each summed up by its __init__.py docstring or its modules' ones.
AROUND = ("tests", "scripts", "bench", "examples")
# Folders whose modules are not listed one by one: written by a tool, or one module of many alike.
# Every `_sync/` folder (the sync twins, one per package) is summed up by its __init__ too.
WHOLE = {"pexip_engage_client/_generated"}


def _whole(folder: str) -> str | None:
    """The folder, or the folder above it, that the Layout sums up in one line (None: list its modules)."""
    for whole in WHOLE:
        if folder == whole or folder.startswith(whole + "/"):
            return whole
    parts = folder.split("/")
    if "_sync" in parts:
        return "/".join(parts[: parts.index("_sync") + 1])
    return None


def summary(path: Path) -> str:
    """The first sentence of a module's docstring, on one line."""
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    if not docstring:
        raise SystemExit(f"layout: {path.relative_to(ROOT)} has no docstring to sum it up")
    paragraph = " ".join(docstring.split("\n\n", 1)[0].split())
    sentence = re.split(r"(?<=[.:])\s+(?=[A-Z`])", paragraph, maxsplit=1)[0]
    return sentence.rstrip(":").replace("|", "\\|")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def listed_modules() -> list[Path]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            folder = path.parent.relative_to(ROOT).as_posix()
            whole = _whole(folder)
            if whole is not None and not (path.name == "__init__.py" and folder == whole):
                continue
            found.append(path)
    return found


def room_of(module: str, rooms: dict[str, dict[str, list[str]]]) -> str:
    for room, spec in rooms.items():
        if module in spec.get("modules", ()):
            return room
    return max(
        (len(prefix), room)
        for room, spec in rooms.items()
        for prefix in spec.get("prefixes", ())
        if module == prefix or module.startswith(prefix + ".")
    )[1]


def _by_folder(paths: list[Path]) -> dict[Path | None, list[Path]]:
    """A room's modules by the folder holding them (a `_sync/` folder counts as its parent's), when
    they lie in several; the room's top folder comes first and is keyed None."""

    def folder(path: Path) -> Path:
        parent = path.parent
        return parent.parent if parent.name == "_sync" else parent

    top = min((folder(path) for path in paths), key=lambda found: len(found.parts), default=None)
    groups: dict[Path | None, list[Path]] = {}
    for path in paths:
        found = folder(path)
        if path.name == "__init__.py" and found == path.parent and found != top:
            continue  # a concern's folder is named by its heading
        groups.setdefault(None if found == top else found, []).append(path)
    return dict(sorted(groups.items(), key=lambda item: "" if item[0] is None else item[0].as_posix()))


def render() -> str:
    rooms = tomllib.loads((ROOT / "architecture.toml").read_text(encoding="utf-8"))["rooms"]
    members: dict[str, list[Path]] = {room: [] for room in rooms}
    for path in listed_modules():
        members[room_of(module_name(path), rooms)].append(path)
    lines = [
        START,
        "",
        "The rooms of the package and the directions their imports may take are stated once, in",
        "[architecture.toml](architecture.toml); `tests/tooling/test_architecture.py` enforces them",
        "and finds any import circle. This section is written from that table and the module",
        "docstrings by `make layout`, and a test fails when it is out of date.",
    ]
    for room, spec in rooms.items():
        allowed = ", ".join(spec["may_import"]) or "nothing of the package"
        lines += ["", f"### {room}: {spec['holds']}", "", f"May import: {allowed}."]
        for concern, paths in _by_folder(members[room]).items():
            if concern is not None:  # a room's concerns, one folder each (the client room's `_pipeline/`, ...)
                lines += ["", f"#### `{concern.relative_to(ROOT).as_posix()}/`: {summary(concern / '__init__.py')}"]
            lines += ["", "| module | |", "|---|---|"]
            lines += [f"| `{path.relative_to(ROOT).as_posix()}` | {summary(path)} |" for path in paths]
    lines += ["", "### Around the package", "", "| folder or file | |", "|---|---|"]
    for folder in AROUND:
        for path in sorted((ROOT / folder).glob("*/__init__.py")) + sorted((ROOT / folder).glob("[!_]*.py")):
            name = path.parent if path.name == "__init__.py" else path
            lines.append(f"| `{name.relative_to(ROOT).as_posix()}` | {summary(path)} |")
    lines += ["", END]
    return "\n".join(lines)


def updated(text: str) -> str:
    before, found_start, rest = text.partition(START)
    _, found_end, after = rest.partition(END)
    if not (found_start and found_end):
        raise SystemExit(f"layout: {LAYOUT.name} has no {START} ... {END} section")
    return before + render() + after


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when LAYOUT.md is out of date")
    arguments = parser.parse_args()
    path = LAYOUT
    text = path.read_text(encoding="utf-8")
    new = updated(text)
    if arguments.check:
        if new != text:
            print("layout: LAYOUT.md is out of date: run 'make layout'", file=sys.stderr)
            return 1
        return 0
    path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
