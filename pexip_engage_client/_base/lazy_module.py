"""A module imported when one of its names is first read, by any thread.

A tag's resource loads no operation module until that operation's first call; httpx2 is held this way too
(`lazy_httpx.py`). Never put in `sys.modules`: the first read runs an ordinary `importlib.import_module`, whose
per-module lock makes threads wait. Not `importlib.util.LazyLoader`, unsafe for threads before CPython 3.12.3 (a
module seen half executed). The package root hands the runtime rooms so, each imported by the root's `load`."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any


class LazyModule:
    """Reads its names from module `name`, imported on the first read (by `load`, when given)."""

    __slots__ = ("_load", "_module", "_name")

    def __init__(self, name: str, load: Callable[[], Any] | None = None) -> None:
        self._name, self._load = name, load
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        module = self._module
        if module is None:  # the import system makes a thread wait while another one runs the module
            module = self._module = self._load() if self._load else importlib.import_module(self._name)
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
