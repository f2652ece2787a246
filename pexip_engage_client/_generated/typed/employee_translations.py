# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `employee_translations` (see `__init__.py`)."""

import msgspec

from . import ABSENT
from .translation import TranslationWire


class EmployeeTranslationsWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"function": "function"}
):
    """The typed form of `EmployeeTranslations`."""

    function: list[TranslationWire] = ABSENT
