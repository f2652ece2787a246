"""A module registered at once and executed when one of its names is first read.

The generated resource classes hold each operation's module this way: creating a tag's resource
loads none of them, and an operation's first call loads its own (its request and its models), so
that a program calling one operation does not pay for the models of every other one of the tag.
After that first read the module is an ordinary one, and reading its names costs nothing more.
"""

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    """The module `name` (absolute), executed on first use; the loaded one if it is loaded already."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its own relative imports, and any later import of it, find it here
    loader.exec_module(module)
    return module
