"""httpx's own command line, loaded when it is called rather than with httpx.

httpx 0.23 to 0.28 import their command line (`httpx._main`) from `httpx/__init__.py`, to offer
`httpx.main`; it imports click, rich and pygments whenever they are installed, as they often are
beside other tools: more than half of what importing httpx costs then, and a fifth of the modules a
`pexip-engage` call loaded, for a command line no client process runs. `keep_out()`, called as the
client is imported (before httpx is first executed: see `_runtime/lazy_httpx.py`), registers a
stand-in `httpx._main` whose `main` loads the real module when it is called and runs it, so that
`httpx.main` still works, only later.

This is the one module that touches that part of httpx, and it does so only where it knows what it
touches: an httpx release from `KNOWN_HTTPX`, whose `__init__` imports `main` from `._main`, read
from its files without importing it. Elsewhere (another release, or httpx already executed) it
registers nothing, and httpx imports its command line itself: the public path.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
from importlib.machinery import PathFinder
from types import ModuleType
from typing import Any

from . import Known, known_release

NAME = "httpx._main"
# The releases this module was written for: (major, minor), from, up to and including.
KNOWN_HTTPX: Known = ((0, 23), (0, 28))
_IMPORT = "from ._main import main"


def keep_out() -> None:
    """Register the stand-in for `httpx._main`, when `usable()` and httpx has not run yet."""
    if NAME in sys.modules or "httpx._api" in sys.modules or not usable():
        return
    stand_in = ModuleType(NAME)
    stand_in.main = _main  # type: ignore[attr-defined]
    sys.modules[NAME] = stand_in


@functools.cache
def usable() -> bool:
    """Whether the installed httpx is a release this was written for, importing its command line as it expects."""
    # Found on sys.path, not through sys.modules: reading anything of the lazily executed httpx
    # registered there (`_runtime/lazy_httpx.py`), even its __spec__, would execute it.
    spec = PathFinder.find_spec("httpx")
    if spec is None or not spec.submodule_search_locations:
        return False
    folder = next(iter(spec.submodule_search_locations))
    version = _version(_read(os.path.join(folder, "__version__.py")))
    return known_release(version, KNOWN_HTTPX) and _IMPORT in _read(os.path.join(folder, "__init__.py"))


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except OSError:
        return ""


def _version(version_file: str) -> str:
    """ "0.28.1" from `__version__ = "0.28.1"` (empty when the file says none)."""
    for line in version_file.splitlines():
        name, _, value = line.partition("=")
        if name.strip() == "__version__":
            return value.strip().strip("\"'")
    return ""


def _main(*args: Any, **kwargs: Any) -> Any:
    """httpx's command line, loaded now: the real `httpx._main` replaces the stand-in, and runs."""
    if getattr(sys.modules.get(NAME), "main", None) is _main:
        del sys.modules[NAME]
    try:
        real = importlib.import_module(NAME)
    except ImportError:  # what httpx says itself when its command line's dependencies are missing
        sys.exit("The httpx command line client could not run: pip install 'httpx[cli]'")
    return real.main(*args, **kwargs)
