"""httpx2, executed when the client first uses it rather than when the package is imported.

Importing httpx2 takes most of this package's import time. `httpx2` here is a `lazy_module.py`
object that imports it by an ordinary import when one of its names is first read (a `PexipEngage`
being created); type checkers see a plain import under `TYPE_CHECKING`.
"""

from __future__ import annotations

from .lazy_module import lazy_module

httpx2 = lazy_module("httpx2")
