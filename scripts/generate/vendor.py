"""Vendor the package into another project, or regenerate a vendored copy from that project's spec.

    python -m scripts.generate.vendor TARGET --spec SPEC [--update]     (or: make vendor TARGET=... SPEC=...)

TARGET is the folder the package is to be in the other project, under any name
(`myproj/_vendor/engage`: imported as `myproj._vendor.engage`, since the package imports itself
only relatively). Run from this checkout, with its development tools:

- when TARGET does not exist, the hand-written package is copied there first (`pexip_engage_client/`
  without its generated layer, and LICENSE, whose notice must travel with the code); with
  `--update`, an existing copy's hand-written files are replaced by this checkout's too;
- then its generated layer, `TARGET/_generated/`, is written from SPEC, every file of it
  (`scripts/generate/layer.py`: the generated code, its 18 sync twins, the typed parsers against
  TARGET's own `_runtime`, the spec as JSON for the fake, the command table, the page sizes),
  in a temporary folder first, so that a failed step leaves the copy as it was;
- last, a fresh interpreter imports the copy by its own dotted name (the folders above TARGET that
  are packages give it), loads its sync client and resources, and reads the spec the fake will
  serve: a copy that cannot be imported fails here, not in the project's tests.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .layer import write_layer

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "pexip_engage_client"
GENERATED = "_generated"

_CHECK = """
import importlib, sys
package = importlib.import_module(sys.argv[1])
package.SyncPexipEngage, package.PexipEngage
importlib.import_module(sys.argv[1] + "._generated.api._sync")
spec = importlib.import_module(sys.argv[1] + ".testing._spec").spec()
print(len(spec.operations))
"""


def copy_package(target: Path) -> None:
    """The hand-written package (not its generated layer) and LICENSE into `target`, replacing all but `_generated`."""
    if target.exists():
        for entry in target.iterdir():
            if entry.name != GENERATED:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    shutil.copytree(
        PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", GENERATED), dirs_exist_ok=True
    )
    shutil.copy2(ROOT / "LICENSE", target / "LICENSE")


def dotted_name(target: Path) -> tuple[Path, str]:
    """The folder to put on `sys.path`, and the dotted name `target` is imported by from there."""
    parts = [target.name]
    parent = target.parent
    while (parent / "__init__.py").is_file():
        parts.insert(0, parent.name)
        parent = parent.parent
    return parent, ".".join(parts)


def regenerate(target: Path, spec: Path) -> None:
    """`target/_generated` written afresh from `spec`, swapped in once every step has succeeded."""
    with tempfile.TemporaryDirectory(dir=target.parent) as folder:
        fresh = Path(folder) / GENERATED
        write_layer(spec, fresh, runtime=target / "_runtime")
        old = target / GENERATED
        if old.exists():
            shutil.rmtree(old)
        fresh.rename(old)


def check_importable(target: Path) -> int:
    """The number of operations the copy's fake serves, read in a fresh interpreter that imports the copy."""
    root, name = dotted_name(target)
    ran = subprocess.run(
        [sys.executable, "-c", _CHECK, name], cwd=root, capture_output=True, text=True, check=False, timeout=120
    )
    if ran.returncode != 0:
        raise SystemExit(f"vendor: {name} (in {root}) cannot be imported:\n{ran.stderr.strip()}")
    return int(ran.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("target", type=Path, help="the vendored package's folder (myproj/_vendor/engage)")
    parser.add_argument("--spec", type=Path, required=True, help="the OpenAPI document to generate from")
    parser.add_argument("--update", action="store_true", help="also replace an existing copy's hand-written files")
    arguments = parser.parse_args(argv)
    target: Path = arguments.target.resolve()
    if not arguments.spec.is_file():
        parser.error(f"--spec: no file at {arguments.spec}")
    if target == PACKAGE or PACKAGE in target.parents:
        parser.error("TARGET is this project's own package: `make generate` regenerates it")
    if not target.exists() or arguments.update:
        target.parent.mkdir(parents=True, exist_ok=True)
        copy_package(target)
    elif not (target / "_runtime" / "__init__.py").is_file():
        parser.error(f"{target} exists but holds no copy of the package (no _runtime/): give an empty or new folder")
    regenerate(target, arguments.spec)
    operations = check_importable(target)
    _, name = dotted_name(target)
    print(f"vendor: {name} in {target} regenerated from {arguments.spec}: {operations} operations, importable")
    return 0


if __name__ == "__main__":
    sys.exit(main())
