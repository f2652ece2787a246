"""httpx2, executed when the client first uses it rather than when the package is imported.

Importing httpx2 takes most of this package's import time. `httpx2` here is a `lazy_module.py`
object that imports it by an ordinary import when one of its names is first read (a `PexipEngage`
being created); type checkers see the module itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy_module import lazy_module

__all__ = ["httpx2"]

if TYPE_CHECKING:
    import httpx2
else:
    httpx2 = lazy_module("httpx2")
