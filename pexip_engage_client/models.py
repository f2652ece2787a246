"""The API's data models (attrs classes with `from_dict` / `to_dict`), generated from openapi.yaml.

Each model's module is imported on first use, so importing the package stays quick. Type checkers
see the generated models' own imports, so a misspelt model name is an error.
"""

from typing import TYPE_CHECKING

from ._generated import models as _models

if TYPE_CHECKING:
    from ._generated.models import *  # noqa: F403
else:

    def __getattr__(name: str) -> type:
        try:
            return getattr(_models, name)  # type: ignore[no-any-return]
        except AttributeError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None

    def __dir__() -> list[str]:
        return sorted(__all__)


__all__: list[str] = []
__all__ += _models.__all__
