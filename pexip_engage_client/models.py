"""The API's data models (attrs classes with `from_dict` / `to_dict`), generated from openapi.yaml."""

from ._generated import models as _models
from ._generated.models import *  # noqa: F403

__all__ = _models.__all__
