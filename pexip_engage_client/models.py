"""The API's data models (attrs classes with `from_dict` / `to_dict`), generated from openapi.yaml."""

from ._generated.models import *  # noqa: F403
from ._generated.models import __all__ as __all__
