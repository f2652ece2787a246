"""httpx, executed when the client first uses it rather than when the package is imported.

Importing httpx takes about three quarters of this package's import time (it loads urllib.request,
email and http.client among others), and importing a package should not cost what creating a
client does. The package's modules take `httpx` from here: the module registered in `sys.modules`
as usual, but whose code runs the first time one of its names is read, in practice when a
`PexipEngage` is created. Type checkers see a plain import (each module imports httpx under
`TYPE_CHECKING`); an `import httpx` statement at run time would load it at once, since the import
system reads the module's `__spec__`.

A program that imported httpx before keeps its module untouched; one that imports it afterwards
gets this one, which is httpx from that moment on.
"""

from .lazy_module import lazy_module

httpx = lazy_module("httpx")
