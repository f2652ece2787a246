# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `subject_group_translations` (see `__init__.py`)."""

import msgspec

from . import ABSENT
from .translation import TranslationWire


class SubjectGroupTranslationsWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"name": "name"}
):
    """The typed form of `SubjectGroupTranslations`."""

    name: list[TranslationWire] = ABSENT
