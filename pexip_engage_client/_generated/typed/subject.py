# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `subject` (see `__init__.py`)."""

import msgspec

from . import ABSENT
from .reference import ReferenceWire
from .subject_translations import SubjectTranslationsWire
from .translated_value import TranslatedValueWire


class SubjectWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "enabled_for_internal_use": "enabledForInternalUse",
        "enabled_for_customer_use": "enabledForCustomerUse",
        "order": "order",
        "name": "name",
        "description": "description",
        "instructions": "instructions",
        "external_id": "externalId",
        "subject_group": "subjectGroup",
        "cancellation_by_agent_form": "cancellationByAgentForm",
        "cancellation_by_customer_form": "cancellationByCustomerForm",
        "completion_by_agent_form": "completionByAgentForm",
        "questionnaire_form": "questionnaireForm",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "deleted_at": "deletedAt",
        "translations": "translations",
    },
):
    """The typed form of `Subject`."""

    id: str
    enabled_for_internal_use: bool
    enabled_for_customer_use: bool
    order: int
    name: TranslatedValueWire | None
    description: TranslatedValueWire | None
    instructions: TranslatedValueWire | None
    external_id: str | None = ABSENT
    subject_group: ReferenceWire | None = ABSENT
    cancellation_by_agent_form: ReferenceWire | None = ABSENT
    cancellation_by_customer_form: ReferenceWire | None = ABSENT
    completion_by_agent_form: ReferenceWire | None = ABSENT
    questionnaire_form: ReferenceWire | None = ABSENT
    created_at: str = ABSENT
    updated_at: str = ABSENT
    deleted_at: str | None = ABSENT
    translations: SubjectTranslationsWire = ABSENT
