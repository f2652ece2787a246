# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `subject_group` (see `__init__.py`)."""

import msgspec

from . import ABSENT
from .subject_group_translations import SubjectGroupTranslationsWire
from .translated_value import TranslatedValueWire


class SubjectGroupWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "color": "color",
        "order": "order",
        "name": "name",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "deleted_at": "deletedAt",
        "external_id": "externalId",
        "image": "image",
        "translations": "translations",
    },
):
    """The typed form of `SubjectGroup`."""

    id: str
    color: str
    order: int
    name: TranslatedValueWire | None
    created_at: str
    updated_at: str
    deleted_at: str | None
    external_id: str | None = ABSENT
    image: str | None = ABSENT
    translations: SubjectGroupTranslationsWire = ABSENT
