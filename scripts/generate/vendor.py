"""Vendor the package into another project, or regenerate a vendored copy from that project's spec.

    python -m scripts.generate.vendor TARGET --spec SPEC [--update] [--parts client,testing,...] [--top-level]
    (or: make vendor TARGET=... SPEC=... [UPDATE=1] [PARTS=...] [TOP_LEVEL=1])

TARGET is the folder the package is to be in the other project, under any name
(`myproj/_vendor/engage`: imported as `myproj._vendor.engage`, since the package imports itself
only relatively). Its folder must be a package (hold an `__init__.py`), or the copy would be a
top-level package named after TARGET alone: that is refused, with the name it would get, unless
`--top-level` says it is meant. Run from this checkout, with its development tools:

- when TARGET does not exist, the hand-written package is copied there first (`pexip_engage_client/`
  without its generated layer, and LICENSE, whose notice must travel with the code), with the parts
  `--parts` names: `client` (always) and any of `testing` (the fake), `webhooks` (the receiver) and
  `provisioning` (employees from a directory export); all of them by default. The choice, and a
  fingerprint of the release the files came from, are kept in `TARGET/_vendored.json`, which later
  runs read: a part left out stays out, and a part named later is added;
- an existing copy of another release (a newer checkout, an older copy) is refused, in one line,
  unless `--update` replaces its hand-written files with this checkout's: the generated layer is
  written against this checkout's runtime, which an older copy's does not have;
- then its generated layer, `TARGET/_generated/`, is written from SPEC, every file of it
  (`scripts/generate/layer.py`: the generated code, its sync twins, the typed parsers against
  TARGET's own `_runtime`, the spec as JSON for the fake, the command table, the page sizes,
  `ErrorCode`'s members from the spec's business error codes), in a temporary folder first, so
  that a failed step leaves the copy as it was;
- last, a fresh interpreter imports the copy by its own dotted name (the folders above TARGET that
  are packages give it), loads its sync client and resources and each part vendored, and counts
  the operations of the spec the copy carries: a copy that cannot be imported fails here, not in
  the project's tests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from .layer import write_layer

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "pexip_engage_client"
GENERATED = "_generated"
# The parts a copy may leave out, each a subpackage that nothing of the client imports; and the parts one
# needs, which naming it brings (the mirror is built on the webhook receiver).
OPTIONAL_PARTS = ("testing", "webhooks", "provisioning", "mirror")
NEEDS = {"mirror": ("webhooks",)}
PARTS = ("client", *OPTIONAL_PARTS)
# The copy's record of what it holds and which release its hand-written files are.
MARKER = "_vendored.json"
_SKIPPED = ("__pycache__", "*.pyc", GENERATED)

_CHECK = """
import importlib, json, pathlib, sys
name, parts = sys.argv[1], sys.argv[2].split(",")
package = importlib.import_module(name)
package.SyncPexipEngage, package.PexipEngage
importlib.import_module(name + "._generated.api._sync")
for part in parts[1:]:
    importlib.import_module(name + "." + part)
if "testing" in parts:
    operations = len(importlib.import_module(name + ".testing._spec").spec().operations)
else:
    document = json.loads((pathlib.Path(package.__file__).parent / "_generated" / "openapi.json").read_text())
    methods = ("get", "put", "post", "patch", "delete")
    operations = sum(method in methods for item in document.get("paths", {}).values() for method in item)
print(operations)
"""


def part_files(package: Path, part: str) -> list[Path]:
    """The hand-written files of one part of a package folder (the client: all but the optional parts)."""
    if part != "client":
        folder = package / part
        return sorted(path for path in folder.rglob("*") if path.is_file() and _kept(path, package))
    return sorted(
        path
        for path in package.rglob("*")
        if path.is_file()
        and _kept(path, package)
        and path.relative_to(package).parts[0] not in (*OPTIONAL_PARTS, MARKER, "LICENSE")
    )


def _kept(path: Path, package: Path) -> bool:
    parts = path.relative_to(package).parts
    return GENERATED not in parts[:1] and "__pycache__" not in parts and path.suffix != ".pyc"


def fingerprint(package: Path, part: str) -> str:
    """The files of a part, names and bytes, hashed: equal for copies of the same release."""
    digest = hashlib.sha256()
    for path in part_files(package, part):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _version(package: Path) -> str:
    text = (package / "_version.py").read_text(encoding="utf-8") if (package / "_version.py").is_file() else ""
    found = [line.split("=", 1)[1].strip().strip("\"'") for line in text.splitlines() if line.startswith("VERSION")]
    return found[0] if found else "unknown"


def read_marker(target: Path) -> dict[str, Any] | None:
    path = target / MARKER
    if not path.is_file():
        return None
    marker: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return marker


def write_marker(target: Path, parts: list[str]) -> None:
    marker = {
        "parts": parts,
        "version": _version(PACKAGE),
        "fingerprints": {part: fingerprint(PACKAGE, part) for part in parts},
        "note": "written by `make vendor` (scripts/generate/vendor.py): the parts vendored and their release",
    }
    (target / MARKER).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")


def copy_package(target: Path, parts: list[str]) -> None:
    """The package's hand-written `parts` and LICENSE into `target`, replacing all there but `_generated`."""
    if target.exists():
        for entry in target.iterdir():
            if entry.name != GENERATED:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    left_out = [part for part in OPTIONAL_PARTS if part not in parts]
    shutil.copytree(PACKAGE, target, ignore=_ignore(left_out), dirs_exist_ok=True)
    shutil.copy2(ROOT / "LICENSE", target / "LICENSE")
    write_marker(target, parts)


def _ignore(left_out: list[str]) -> Any:
    skipped = shutil.ignore_patterns(*_SKIPPED)

    def ignore(folder: str, names: list[str]) -> set[str]:
        dropped = set(skipped(folder, names))
        return dropped | set(left_out) if Path(folder) == PACKAGE else dropped

    return ignore


def dotted_name(target: Path) -> tuple[Path, str]:
    """The folder to put on `sys.path`, and the dotted name `target` is imported by from there."""
    parts = [target.name]
    parent = target.parent
    while (parent / "__init__.py").is_file():
        parts.insert(0, parent.name)
        parent = parent.parent
    return parent, ".".join(parts)


def choose_parts(given: str | None, marker: dict[str, Any] | None, target: Path) -> list[str]:
    """The parts to vendor: as given, else as the copy's record says, else those the copy holds, else all."""
    if given is not None:
        named = [part.strip() for part in given.split(",") if part.strip()]
        unknown = [part for part in named if part not in PARTS]
        if unknown:
            raise ValueError(f"PARTS: no part {', '.join(unknown)} (the parts: {', '.join(PARTS)})")
        needed = {need for part in named for need in NEEDS.get(part, ())}
        return [part for part in PARTS if part in named or part in needed or part == "client"]
    if marker is not None:
        return [part for part in PARTS if part in marker.get("parts", PARTS)]
    if (target / "_runtime").is_dir():  # a copy made before the record: the parts it holds
        return [part for part in PARTS if part == "client" or (target / part).is_dir()]
    return list(PARTS)


def another_release(target: Path, marker: dict[str, Any] | None) -> str | None:
    """Why an existing copy's hand-written files are not this checkout's release, or None when they are."""
    ours = fingerprint(PACKAGE, "client")
    theirs = marker.get("fingerprints", {}).get("client") if marker else fingerprint(target, "client")
    if theirs == ours:
        return None
    version = marker.get("version") if marker else _version(target)
    return (
        f"its hand-written files are release {version} (client {theirs}), this checkout's {_version(PACKAGE)} ({ours})"
    )


def regenerate(target: Path, spec: Path) -> None:
    """`target/_generated` written afresh from `spec`, swapped in once every step has succeeded."""
    with tempfile.TemporaryDirectory(dir=target.parent) as folder:
        fresh = Path(folder) / GENERATED
        write_layer(spec, fresh, runtime=target / "_runtime")
        old = target / GENERATED
        if old.exists():
            shutil.rmtree(old)
        fresh.rename(old)


def check_importable(target: Path, parts: list[str]) -> int:
    """The number of operations the copy's spec has, read in a fresh interpreter that imports the copy and its parts."""
    root, name = dotted_name(target)
    ran = subprocess.run(
        [sys.executable, "-c", _CHECK, name, ",".join(parts)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if ran.returncode != 0:
        raise SystemExit(f"vendor: {name} (in {root}) cannot be imported:\n{ran.stderr.strip()}")
    return int(ran.stdout)


def _refusal(target: Path, top_level: bool) -> str | None:
    """Why TARGET cannot be vendored into, or None."""
    if target == PACKAGE or PACKAGE in target.parents:
        return "TARGET is this project's own package: `make generate` regenerates it"
    _, name = dotted_name(target)
    if "." not in name and not top_level:
        return (
            f"{target.parent} is no package (no __init__.py), so the copy would be imported as `{name}`: "
            "add an __init__.py to the folders above it, or pass TOP_LEVEL=1 (--top-level) if that name is meant"
        )
    return None


def _sync_parts(target: Path, parts: list[str]) -> None:
    """An existing copy of this release brought to `parts`: a part left out removed, a part named added."""
    for part in OPTIONAL_PARTS:
        if part not in parts and (target / part).exists():
            shutil.rmtree(target / part)
        elif part in parts and not (target / part).exists():
            shutil.copytree(PACKAGE / part, target / part, ignore=shutil.ignore_patterns(*_SKIPPED))
    write_marker(target, parts)


def _refuse(message: str) -> int:
    """A refusal in one line, without argparse's usage: the line says what to do."""
    print(f"vendor: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("target", type=Path, help="the vendored package's folder (myproj/_vendor/engage)")
    parser.add_argument("--spec", type=Path, required=True, help="the OpenAPI document to generate from")
    parser.add_argument("--update", action="store_true", help="also replace an existing copy's hand-written files")
    parser.add_argument("--parts", help=f"comma-separated, of {', '.join(PARTS)} (default: as before, else all)")
    parser.add_argument("--top-level", action="store_true", help="TARGET's folder is no package: the name is meant")
    arguments = parser.parse_args(argv)
    target: Path = arguments.target.resolve()
    if not arguments.spec.is_file():
        return _refuse(f"SPEC: no file at {arguments.spec}")
    if refusal := _refusal(target, arguments.top_level):
        return _refuse(refusal)
    marker = read_marker(target)
    try:
        parts = choose_parts(arguments.parts, marker, target)
    except ValueError as exc:
        return _refuse(str(exc))
    if not target.exists() or arguments.update:
        target.parent.mkdir(parents=True, exist_ok=True)
        copy_package(target, parts)
    elif not (target / "_runtime" / "__init__.py").is_file():
        return _refuse(f"{target} exists but holds no copy of the package (no _runtime/): give an empty or new folder")
    elif why := another_release(target, marker):
        return _refuse(f"{target} is a copy of another release ({why}): add UPDATE=1 (--update) to replace it")
    else:
        _sync_parts(target, parts)
    regenerate(target, arguments.spec)
    operations = check_importable(target, parts)
    _, name = dotted_name(target)
    print(
        f"vendor: {name} in {target} regenerated from {arguments.spec}: {operations} operations, importable "
        f"(parts: {', '.join(parts)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
