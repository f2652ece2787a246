# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `subject_translations` (see `__init__.py`)."""

import msgspec

from . import ABSENT
from .translation import TranslationWire


class SubjectTranslationsWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"name": "name", "description": "description", "instructions": "instructions"},
):
    """The typed form of `SubjectTranslations`."""

    name: list[TranslationWire] = ABSENT
    description: list[TranslationWire] = ABSENT
    instructions: list[TranslationWire] = ABSENT
