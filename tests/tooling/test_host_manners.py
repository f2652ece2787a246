"""Nothing a host application can feel (issue 68, point 4), read from the package's source.

`pexip_engage_client` runs inside someone else's process: it leaves process-wide state alone.
No call on the garbage collector (`gc.`), no warning filter (`warnings.filterwarnings`,
`simplefilter`, `resetwarnings`), no signal handler (`signal.signal`), no `sys` hook assigned
(`sys.excepthook`, `threading.excepthook`, ...), and no fork hook (`os.register_at_fork`) but the
documented ones. The command line (`pexip_engage_cli`) is a process of its own and may pause its
collector; it is not scanned for that.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..support.code import SHARES_SYNTAX_TREES, parsed, walked

pytestmark = SHARES_SYNTAX_TREES

ROOT = Path(__file__).resolve().parents[2]

CALLS = {
    "gc": None,  # any use at all
    "warnings": {"filterwarnings", "simplefilter", "resetwarnings"},
    "signal": {"signal", "siginterrupt", "set_wakeup_fd"},
    "sys": {"setrecursionlimit", "setswitchinterval", "settrace", "setprofile", "addaudithook"},
    "os": {"register_at_fork"},
}
HOOKS = {"excepthook", "displayhook", "unraisablehook", "breakpointhook"}

# Each place allowed, with its reason.
ALLOWED = {
    # `python -m pexip_engage_client.testing serve`: the fake server's own process, in its main thread;
    # SIGTERM and SIGINT let it finish the calls in flight, and the previous handlers come back after.
    ("pexip_engage_client/testing/__main__.py", "signal.signal"): 2,
    # The documented fork hooks (docs/deploying.md): a forked child drops what it must not share with
    # its parent (connections, locks, leases) before any of its code runs.
    ("pexip_engage_client/_base/processes.py", "os.register_at_fork"): 1,
    ("pexip_engage_client/_shared/sqlite.py", "os.register_at_fork"): 1,
}


@functools.cache
def modules() -> list[tuple[str, ast.Module]]:
    return list(_modules())


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted((ROOT / "pexip_engage_client").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        yield relative, parsed(path.read_text(encoding="utf-8"))


def uses(tree: ast.Module) -> list[str]:
    """What the module does to process-wide state, as `module.name` for each place."""
    found: list[str] = []
    for node in walked(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [alias.name for alias in node.names]
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if "gc" in names or module == "gc":
                found.append("gc import")
            if module in CALLS and CALLS[module] is not None:
                found += [f"{module}.{name}" for name in names if name in (CALLS[module] or set())]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner, name = node.value.id, node.attr
            if owner == "gc" or (CALLS.get(owner) and name in (CALLS[owner] or set())):
                found.append(f"{owner}.{name}")
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr in HOOKS:
                    found.append(f"{ast.unparse(target)} =")
    return found


def test_the_package_leaves_process_wide_state_alone() -> None:
    counted: dict[tuple[str, str], int] = {}
    for path, tree in modules():
        for use in uses(tree):
            counted[(path, use)] = counted.get((path, use), 0) + 1
    assert counted == ALLOWED


@pytest.mark.parametrize(
    "source",
    [
        "import gc\ngc.disable()",
        "from gc import collect",
        "import warnings\nwarnings.simplefilter('ignore')",
        "from warnings import filterwarnings",
        "import signal\nsignal.signal(2, handler)",
        "import sys\nsys.excepthook = hook",
        "import threading\nthreading.excepthook = hook",
        "import os\nos.register_at_fork(after_in_child=reset)",
    ],
)
def test_the_scan_finds_each_kind(source: str) -> None:
    assert uses(ast.parse(source))
