"""A griffe extension for the documentation site: `pexip_engage_client.models` lists its models.

The module loads each model on first use (a module `__getattr__`), and imports them for type
checkers under `TYPE_CHECKING` with a wildcard that griffe does not expand, so griffe would see no
models there. This adds one alias per name in the module's `__all__`, pointing at the generated
model, so that the reference shows every model under the name users import it by
(`pexip_engage_client.models.Appointment`).
"""

from __future__ import annotations

from typing import Any

import griffe

_MODULE = "pexip_engage_client.models"
_TARGET = "pexip_engage_client._generated.models"


class ModelsExports(griffe.Extension):
    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        # After the whole package is loaded: only then is `__all__ += _models.__all__` expanded.
        if pkg.path != _MODULE.split(".", 1)[0]:
            return
        mod = pkg["models"]
        for name in mod.exports or ():
            if isinstance(name, str) and name not in mod.members:
                mod.set_member(name, griffe.Alias(name, f"{_TARGET}.{name}", parent=mod))
