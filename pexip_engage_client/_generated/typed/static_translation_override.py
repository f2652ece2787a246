# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `static_translation_override` (see `__init__.py`)."""

import msgspec

from ..models.language import Language
from . import ABSENT


class StaticTranslationOverrideWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "module": "module",
        "key": "key",
        "language": "language",
        "value": "value",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
    },
):
    """The typed form of `StaticTranslationOverride`."""

    module: str
    key: str
    language: Language
    value: str
    created_at: str = ABSENT
    updated_at: str = ABSENT
