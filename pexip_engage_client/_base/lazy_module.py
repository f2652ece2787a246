"""A heavy library imported when one of its names is first read, by any thread, and never across a fork.

For httpx2 (`lazy_httpx.py`), msgspec and an operation's module, whose import would otherwise cost every program that
never uses them. The package's own modules are deferred by a function-local import instead. Never put in
`sys.modules`: the first read runs an ordinary `importlib.import_module` (not `importlib.util.LazyLoader`, unsafe for
threads before CPython 3.12.3), under the lock a fork takes (`processes.importing`): a child never inherits such an
import half done, whose lock it would wait on for ever.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType
from typing import Any

from .processes import importing


class LazyModule:
    """Reads its names from module `name`, imported on the first read."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.load(), attribute)

    def load(self) -> ModuleType:
        """The module, imported now if no thread imported it yet."""
        module = self._module
        if module is None:
            with importing():
                module = self._module = importlib.import_module(self._name)
        return module

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
