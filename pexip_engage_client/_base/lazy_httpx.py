"""httpx2, executed when the client first uses it rather than when the package is imported.

Importing httpx2 takes most of this package's import time (it loads urllib.request, email and
http.client among others), and importing a package should not cost what creating a client does.
The package's modules take `httpx2` from here: the module registered in `sys.modules` as usual, but
whose code runs the first time one of its names is read, in practice when a `PexipEngage` is
created. Type checkers see a plain import (each module imports httpx2 under `TYPE_CHECKING`); an
`import httpx2` statement at run time would load it at once, since the import system reads the
module's `__spec__`.

A program that imported httpx2 before keeps its module untouched; one that imports it afterwards
gets this one, which is httpx2 from that moment on. httpx, the library httpx2 continues, is never
imported by the package: a caller's httpx object is recognised through `sys.modules` (`_senders/_stacks.py`).

httpx2's version, too, is read here rather than by httpx2 itself (the one place the package reaches
into httpx2's modules): its `__version__.py` asks `importlib.metadata`, whose import (zipfile,
email's parser, csv, ...) was a twentieth of a command line call's time (httpcore2, which httpx2's
connection pool loads, still reads its own version that way: the command line's calls do without
the pool). The version is in the name of the installed `httpx2-<version>.dist-info` beside the
package, which is where that lookup reads it from. Where there is no such single folder (a vendored
or unusual install), httpx2's own module runs.
"""

from __future__ import annotations

import os
import sys
from types import ModuleType

from .lazy_module import lazy_module

_VERSION_MODULE = "httpx2.__version__"


def _version_beside(package: ModuleType) -> str | None:
    """The version in the name of the one `httpx2-<version>.dist-info` beside the package; None if not one."""
    spec = package.__spec__
    origin = spec.origin if spec is not None else None
    if origin is None:
        return None
    installed_in = os.path.dirname(os.path.dirname(origin))
    try:
        names = os.listdir(installed_in)
    except OSError:
        return None
    folders = [name for name in names if name.startswith("httpx2-") and name.endswith(".dist-info")]
    return folders[0][len("httpx2-") : -len(".dist-info")] if len(folders) == 1 else None


def _stand_in_for_version_module(package: ModuleType) -> None:
    """Register `httpx2.__version__` with the names httpx2's package reads from it, when the version is known."""
    version = _version_beside(package)
    if version is None or _VERSION_MODULE in sys.modules:
        return
    module = ModuleType(_VERSION_MODULE, "httpx2's version, read from its installed metadata's folder name")
    vars(module).update(
        __title__="httpx2", __description__="A next generation HTTP client, for Python 3.", __version__=version
    )
    sys.modules[_VERSION_MODULE] = module


_was_loaded = "httpx2" in sys.modules
httpx2 = lazy_module("httpx2")
if not _was_loaded:  # httpx2's code has not run: it will find its version module registered
    _stand_in_for_version_module(httpx2)
