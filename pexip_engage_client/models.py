"""The API's data models (attrs classes with `from_dict` / `to_dict`), generated from openapi.yaml.

Each model's module is imported on first use, so importing the package stays quick.
"""

from typing import TYPE_CHECKING, Any

from ._generated import models as _models

if TYPE_CHECKING:
    from ._generated.models import *  # noqa: F403

__all__ = _models.__all__


def __getattr__(name: str) -> Any:
    return getattr(_models, name)


def __dir__() -> list[str]:
    return sorted(__all__)
