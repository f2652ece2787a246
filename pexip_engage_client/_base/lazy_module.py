"""A module imported when one of its names is first read, by any thread.

The generated resource classes hold each operation's module this way: creating a tag's resource
loads none of them, and an operation's first call loads its own (its request and its models), so
that a program calling one operation does not pay for the models of every other one of the tag.
The package's modules hold httpx2 this way too (`lazy_httpx.py`).

`LazyModule` is an object of ours, never put in `sys.modules`: the first read of a name imports the
module by an ordinary `importlib.import_module`, which registers the module's own object, made from
its own spec, as any import does. Nothing of the module is re-classed or stood in for, and a
program's own `import` gets the real module, before or after. Threads are the import system's
job: a thread that needs a module another thread is running waits for it (its per-module lock),
and the lock is made anew in a child after `fork()` by the interpreter itself. Not
`importlib.util.LazyLoader`: before CPython 3.12.3 it is not safe for threads (eight threads of a
thread pool making their first calls at once saw a module half executed, `module ... has no
attribute 'build_request'`, most of the time).
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType
from typing import Any


class LazyModule:
    """Reads its names from module `name`, imported on the first read."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        module = self._module
        if module is None:  # the import system makes a thread wait while another one runs the module
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<deferred module {self._name!r}>"


def lazy_module(name: str) -> ModuleType | LazyModule:
    """The module `name` (absolute), imported when a name is first read; the loaded one if it is loaded already."""
    loaded = sys.modules.get(name)
    if loaded is not None:
        return loaded
    if importlib.util.find_spec(name) is None:  # refused now, as an import would be, not on the first call
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    return LazyModule(name)
