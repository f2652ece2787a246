"""httpx2, executed when the client first uses it rather than when the package is imported.

Importing httpx2 takes most of this package's import time (it loads urllib.request, email and
http.client among others), and importing a package should not cost what creating a client does.
The package's modules take `httpx2` from here: an object of ours (`lazy_module.py`) that imports
httpx2 by an ordinary import the first time one of its names is read, in practice when a
`PexipEngage` is created. Type checkers see a plain import (each module imports httpx2 under
`TYPE_CHECKING`).

Nothing is put in `sys.modules` but by that import: a program's own `import httpx2`, before or
after, gets httpx2's own module. httpx, the library httpx2 continues, is never
imported by the package: a caller's httpx object is recognised through `sys.modules` (`_senders/_stacks.py`).
"""

from __future__ import annotations

from .lazy_module import lazy_module

httpx2 = lazy_module("httpx2")
