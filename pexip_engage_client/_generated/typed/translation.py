# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `translation` (see `__init__.py`)."""

import msgspec

from ..models.language import Language


class TranslationWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"language": "language", "value": "value"},
):
    """The typed form of `Translation`."""

    language: Language
    value: str
