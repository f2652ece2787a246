"""`pexip_engage_client.__version__`, without importing the client (what `--version` prints).

Importing the package loads the whole client (many times what the rest of `--version` costs): its
`_version.py` alone, run from where the package is, gives the same answer, and imports only `os`.
"""

import os
from importlib.machinery import SourceFileLoader
from types import ModuleType

from ._table import client_directory


def client_version() -> str:
    """The installed client's version, read from its `_version.py` as a file."""
    path = os.path.join(client_directory(), "_version.py")
    loader = SourceFileLoader("_pexip_engage_client_version", path)
    module = ModuleType(loader.name)
    module.__file__ = path
    loader.exec_module(module)
    return str(module.installed_version())
