"""Fill mypy's cache with the installed libraries the project imports (`make install`).

Half of a first mypy run is spent on third-party modules (dlt, hypothesis, redis, ...), which do
not change until the venv does. Checking a file that imports each of them, with the project's own
mypy configuration, caches them as the project's run would, so that `make check` on a fresh clone
checks only the project's modules; an edited library or an edited configuration is checked again as
usual. The project's modules are left out: their cache is `make check`'s to fill.
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ("pexip_engage_client", "pexip_engage_cli", "tests", "examples", "bench", "scripts")


def imported_libraries() -> list[str]:
    """The modules outside the project and the standard library that its checked files import."""
    names: set[str] = set()
    for folder in CHECKED:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_bytes())):
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names.add(node.module)
    return sorted(name for name in names if _is_library(name))


def _is_library(name: str) -> bool:
    top = name.partition(".")[0]
    if top in CHECKED or top in sys.stdlib_module_names or top == "__future__":
        return False
    try:
        return importlib.util.find_spec(top) is not None
    except (ImportError, ValueError):
        return False


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        module = Path(folder) / "libraries.py"
        module.write_text("".join(f"import {name}\n" for name in imported_libraries()), encoding="utf-8")
        # What mypy says of the file itself (an untyped library, a missing submodule) is not the project's.
        subprocess.run([sys.executable, "-m", "mypy", str(module)], cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
