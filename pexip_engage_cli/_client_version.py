"""`pexip_engage_client.__version__`, without importing the client (what `--version` prints).

Importing the package loads the whole client (many times what the rest of `--version` costs): its
`_version.py` alone, run from where the package is, gives the same answer, and imports only `os`.
"""

import os
import sys
from importlib.machinery import ModuleSpec, SourceFileLoader
from types import ModuleType


def client_version() -> str:
    """The installed client's version, read from its `_version.py` as a file."""
    package = _found("pexip_engage_client")  # found, not imported
    origin = getattr(package, "origin", None)
    if not origin:
        raise ModuleNotFoundError("No module named 'pexip_engage_client'", name="pexip_engage_client")
    path = os.path.join(os.path.dirname(origin), "_version.py")
    loader = SourceFileLoader("_pexip_engage_client_version", path)
    module = ModuleType(loader.name)
    module.__file__ = path
    loader.exec_module(module)
    return str(module.installed_version())


def _found(name: str) -> ModuleSpec | None:
    # What `importlib.util.find_spec` asks of the finders, without importing it (and what it
    # imports: contextlib, collections, functools), a third of what `--version` costs beside them.
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        spec = find_spec(name, None) if find_spec is not None else None
        if spec is not None:
            return spec  # type: ignore[no-any-return]
    return None
