# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `location_translations` (see `__init__.py`)."""

import msgspec

from . import ABSENT
from .translation import TranslationWire


class LocationTranslationsWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"city": "city", "street1": "street1", "state": "state", "street2": "street2"},
):
    """The typed form of `LocationTranslations`."""

    city: list[TranslationWire]
    street1: list[TranslationWire]
    state: list[TranslationWire] = ABSENT
    street2: list[TranslationWire] = ABSENT
