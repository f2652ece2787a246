# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    check_fields,
    check_json_type,
    field_datetime,
    in_field,
    model_html,
    model_json,
    model_pretty,
    model_record,
    model_repr,
    model_state,
    note_unknown_field,
    raise_misfits,
    set_model_state,
    unread_fields,
    unreadable_field,
    unreadable_to_dict,
)

T = TypeVar("T", bound="Subject")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "enabledForInternalUse",
        "enabledForCustomerUse",
        "order",
        "name",
        "description",
        "instructions",
        "externalId",
        "subjectGroup",
        "cancellationByAgentForm",
        "cancellationByCustomerForm",
        "completionByAgentForm",
        "questionnaireForm",
        "createdAt",
        "updatedAt",
        "deletedAt",
        "translations",
    )
)


@_attrs_define
class Subject:
    """What an appointment is about. getSubjects documents the properties up to `instructions`
    (its text is cut there); the others come from the examples.

        Attributes:
            id (str):
            enabled_for_internal_use (bool):
            enabled_for_customer_use (bool):
            order (int):
            name (None | TranslatedValue):
            description (None | TranslatedValue):
            instructions (None | TranslatedValue):
            external_id (None | str | Unset):
            subject_group (None | Reference | Unset):
            cancellation_by_agent_form (None | Reference | Unset):
            cancellation_by_customer_form (None | Reference | Unset):
            completion_by_agent_form (None | Reference | Unset):
            questionnaire_form (None | Reference | Unset):
            created_at (datetime.datetime | Unset):
            updated_at (datetime.datetime | Unset):
            deleted_at (datetime.datetime | None | Unset):
            translations (SubjectTranslations | Unset):
    """

    id: str
    enabled_for_internal_use: bool
    enabled_for_customer_use: bool
    order: int
    name: None | TranslatedValue
    description: None | TranslatedValue
    instructions: None | TranslatedValue
    external_id: None | str | Unset = UNSET
    subject_group: None | Reference | Unset = UNSET
    cancellation_by_agent_form: None | Reference | Unset = UNSET
    cancellation_by_customer_form: None | Reference | Unset = UNSET
    completion_by_agent_form: None | Reference | Unset = UNSET
    questionnaire_form: None | Reference | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    deleted_at: datetime.datetime | None | Unset = UNSET
    translations: SubjectTranslations | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "id",
        "enabledForInternalUse",
        "enabledForCustomerUse",
        "order",
        "name",
        "description",
        "instructions",
        "externalId",
        "subjectGroup",
        "cancellationByAgentForm",
        "cancellationByCustomerForm",
        "completionByAgentForm",
        "questionnaireForm",
        "createdAt",
        "updatedAt",
        "deletedAt",
        "translations",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            id = self.id

            enabled_for_internal_use = self.enabled_for_internal_use

            enabled_for_customer_use = self.enabled_for_customer_use

            order = self.order

            name: dict[str, Any] | None
            if isinstance(self.name, TranslatedValue):
                name = self.name.to_dict()
            else:
                name = self.name

            description: dict[str, Any] | None
            if isinstance(self.description, TranslatedValue):
                description = self.description.to_dict()
            else:
                description = self.description

            instructions: dict[str, Any] | None
            if isinstance(self.instructions, TranslatedValue):
                instructions = self.instructions.to_dict()
            else:
                instructions = self.instructions

            external_id: None | str | Unset
            if isinstance(self.external_id, Unset):
                external_id = UNSET
            else:
                external_id = self.external_id

            subject_group: dict[str, Any] | None | Unset
            if isinstance(self.subject_group, Unset):
                subject_group = UNSET
            elif isinstance(self.subject_group, Reference):
                subject_group = self.subject_group.to_dict()
            else:
                subject_group = self.subject_group

            cancellation_by_agent_form: dict[str, Any] | None | Unset
            if isinstance(self.cancellation_by_agent_form, Unset):
                cancellation_by_agent_form = UNSET
            elif isinstance(self.cancellation_by_agent_form, Reference):
                cancellation_by_agent_form = self.cancellation_by_agent_form.to_dict()
            else:
                cancellation_by_agent_form = self.cancellation_by_agent_form

            cancellation_by_customer_form: dict[str, Any] | None | Unset
            if isinstance(self.cancellation_by_customer_form, Unset):
                cancellation_by_customer_form = UNSET
            elif isinstance(self.cancellation_by_customer_form, Reference):
                cancellation_by_customer_form = self.cancellation_by_customer_form.to_dict()
            else:
                cancellation_by_customer_form = self.cancellation_by_customer_form

            completion_by_agent_form: dict[str, Any] | None | Unset
            if isinstance(self.completion_by_agent_form, Unset):
                completion_by_agent_form = UNSET
            elif isinstance(self.completion_by_agent_form, Reference):
                completion_by_agent_form = self.completion_by_agent_form.to_dict()
            else:
                completion_by_agent_form = self.completion_by_agent_form

            questionnaire_form: dict[str, Any] | None | Unset
            if isinstance(self.questionnaire_form, Unset):
                questionnaire_form = UNSET
            elif isinstance(self.questionnaire_form, Reference):
                questionnaire_form = self.questionnaire_form.to_dict()
            else:
                questionnaire_form = self.questionnaire_form

            created_at: str | Unset = UNSET
            if not isinstance(self.created_at, Unset):
                created_at = self.created_at.isoformat()

            updated_at: str | Unset = UNSET
            if not isinstance(self.updated_at, Unset):
                updated_at = self.updated_at.isoformat()

            deleted_at: None | str | Unset
            if isinstance(self.deleted_at, Unset):
                deleted_at = UNSET
            elif isinstance(self.deleted_at, datetime.datetime):
                deleted_at = self.deleted_at.isoformat()
            else:
                deleted_at = self.deleted_at

            translations: dict[str, Any] | Unset = UNSET
            if not isinstance(self.translations, Unset):
                translations = self.translations.to_dict()

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update(
                {
                    "id": id,
                    "enabledForInternalUse": enabled_for_internal_use,
                    "enabledForCustomerUse": enabled_for_customer_use,
                    "order": order,
                    "name": name,
                    "description": description,
                    "instructions": instructions,
                }
            )
            if external_id is not UNSET:
                field_dict["externalId"] = external_id
            if subject_group is not UNSET:
                field_dict["subjectGroup"] = subject_group
            if cancellation_by_agent_form is not UNSET:
                field_dict["cancellationByAgentForm"] = cancellation_by_agent_form
            if cancellation_by_customer_form is not UNSET:
                field_dict["cancellationByCustomerForm"] = cancellation_by_customer_form
            if completion_by_agent_form is not UNSET:
                field_dict["completionByAgentForm"] = completion_by_agent_form
            if questionnaire_form is not UNSET:
                field_dict["questionnaireForm"] = questionnaire_form
            if created_at is not UNSET:
                field_dict["createdAt"] = created_at
            if updated_at is not UNSET:
                field_dict["updatedAt"] = updated_at
            if deleted_at is not UNSET:
                field_dict["deletedAt"] = deleted_at
            if translations is not UNSET:
                field_dict["translations"] = translations

            return field_dict

        except (AttributeError, TypeError):  # pexip: a field given a value of the wrong type is named
            if unread_fields(self):  # pexip: a field check_fields does not check (a const) left unreadable
                return unreadable_to_dict(self)
            raise_misfits(self)
            raise

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"must be an object (Subject), not {type(src_dict).__name__}")
        id = src_dict["id"]
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        enabled_for_internal_use = src_dict["enabledForInternalUse"]
        if not isinstance(enabled_for_internal_use, bool):
            raise TypeError(f"enabledForInternalUse must be bool, not {type(enabled_for_internal_use).__name__}")

        enabled_for_customer_use = src_dict["enabledForCustomerUse"]
        if not isinstance(enabled_for_customer_use, bool):
            raise TypeError(f"enabledForCustomerUse must be bool, not {type(enabled_for_customer_use).__name__}")

        order = src_dict["order"]
        if isinstance(order, bool) or not isinstance(order, int):
            raise TypeError(f"order must be int, not {type(order).__name__}")

        _raw_name = src_dict["name"]
        try:
            name = _raw_name
            if name is not None:
                if not isinstance(name, dict):
                    raise TypeError(f"name must be TranslatedValue or None, not {type(name).__name__}")
                name_type_0 = TranslatedValue.from_dict(name)

                name = name_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "name") from None

        _raw_description = src_dict["description"]
        try:
            description = _raw_description
            if description is not None:
                if not isinstance(description, dict):
                    raise TypeError(f"description must be TranslatedValue or None, not {type(description).__name__}")
                description_type_0 = TranslatedValue.from_dict(description)

                description = description_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "description") from None

        _raw_instructions = src_dict["instructions"]
        try:
            instructions = _raw_instructions
            if instructions is not None:
                if not isinstance(instructions, dict):
                    raise TypeError(f"instructions must be TranslatedValue or None, not {type(instructions).__name__}")
                instructions_type_0 = TranslatedValue.from_dict(instructions)

                instructions = instructions_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "instructions") from None

        _raw_external_id = src_dict.get("externalId", UNSET)
        try:
            external_id = _raw_external_id
            if external_id is not None and external_id is not UNSET and not isinstance(external_id, str):
                raise TypeError(f"externalId must be str or None, not {type(external_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "externalId") from None

        _raw_subject_group = src_dict.get("subjectGroup", UNSET)
        try:
            subject_group = _raw_subject_group
            if subject_group is not None and subject_group is not UNSET:
                if not isinstance(subject_group, dict):
                    raise TypeError(f"subjectGroup must be Reference or None, not {type(subject_group).__name__}")
                subject_group_type_0 = Reference.from_dict(subject_group)

                subject_group = subject_group_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "subjectGroup") from None

        _raw_cancellation_by_agent_form = src_dict.get("cancellationByAgentForm", UNSET)
        try:
            cancellation_by_agent_form = _raw_cancellation_by_agent_form
            if cancellation_by_agent_form is not None and cancellation_by_agent_form is not UNSET:
                if not isinstance(cancellation_by_agent_form, dict):
                    raise TypeError(
                        f"cancellationByAgentForm must be Reference or None, not {type(cancellation_by_agent_form).__name__}"
                    )
                cancellation_by_agent_form_type_0 = Reference.from_dict(cancellation_by_agent_form)

                cancellation_by_agent_form = cancellation_by_agent_form_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "cancellationByAgentForm") from None

        _raw_cancellation_by_customer_form = src_dict.get("cancellationByCustomerForm", UNSET)
        try:
            cancellation_by_customer_form = _raw_cancellation_by_customer_form
            if cancellation_by_customer_form is not None and cancellation_by_customer_form is not UNSET:
                if not isinstance(cancellation_by_customer_form, dict):
                    raise TypeError(
                        f"cancellationByCustomerForm must be Reference or None, not {type(cancellation_by_customer_form).__name__}"
                    )
                cancellation_by_customer_form_type_0 = Reference.from_dict(cancellation_by_customer_form)

                cancellation_by_customer_form = cancellation_by_customer_form_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "cancellationByCustomerForm") from None

        _raw_completion_by_agent_form = src_dict.get("completionByAgentForm", UNSET)
        try:
            completion_by_agent_form = _raw_completion_by_agent_form
            if completion_by_agent_form is not None and completion_by_agent_form is not UNSET:
                if not isinstance(completion_by_agent_form, dict):
                    raise TypeError(
                        f"completionByAgentForm must be Reference or None, not {type(completion_by_agent_form).__name__}"
                    )
                completion_by_agent_form_type_0 = Reference.from_dict(completion_by_agent_form)

                completion_by_agent_form = completion_by_agent_form_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "completionByAgentForm") from None

        _raw_questionnaire_form = src_dict.get("questionnaireForm", UNSET)
        try:
            questionnaire_form = _raw_questionnaire_form
            if questionnaire_form is not None and questionnaire_form is not UNSET:
                if not isinstance(questionnaire_form, dict):
                    raise TypeError(
                        f"questionnaireForm must be Reference or None, not {type(questionnaire_form).__name__}"
                    )
                questionnaire_form_type_0 = Reference.from_dict(questionnaire_form)

                questionnaire_form = questionnaire_form_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "questionnaireForm") from None

        _raw_created_at = src_dict.get("createdAt", UNSET)
        _created_at = _raw_created_at
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = field_datetime(_created_at, "createdAt")

        _raw_updated_at = src_dict.get("updatedAt", UNSET)
        _updated_at = _raw_updated_at
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = field_datetime(_updated_at, "updatedAt")

        _raw_deleted_at = src_dict.get("deletedAt", UNSET)
        try:
            deleted_at = _raw_deleted_at
            if deleted_at is not None and deleted_at is not UNSET:
                if not isinstance(deleted_at, str | datetime.datetime):
                    raise TypeError(f"deletedAt must be datetime.datetime or None, not {type(deleted_at).__name__}")
                deleted_at_type_0 = field_datetime(deleted_at, "deletedAt_type_0")

                deleted_at = deleted_at_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "deletedAt") from None

        _raw_translations = src_dict.get("translations", UNSET)
        check_json_type(_raw_translations, (dict, Unset), "translations", "an object")
        try:
            _translations = _raw_translations
            translations: SubjectTranslations | Unset
            if isinstance(_translations, Unset):
                translations = UNSET
            else:
                translations = SubjectTranslations.from_dict(_translations)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "translations") from None

        unknown = len(src_dict) != 7 + (_raw_external_id is not UNSET) + (_raw_subject_group is not UNSET) + (
            _raw_cancellation_by_agent_form is not UNSET
        ) + (_raw_cancellation_by_customer_form is not UNSET) + (_raw_completion_by_agent_form is not UNSET) + (
            _raw_questionnaire_form is not UNSET
        ) + (_raw_created_at is not UNSET) + (_raw_updated_at is not UNSET) + (_raw_deleted_at is not UNSET) + (
            _raw_translations is not UNSET
        )
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()

        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            id,
            enabled_for_internal_use,
            enabled_for_customer_use,
            order,
            name,
            description,
            instructions,
            external_id,
            subject_group,
            cancellation_by_agent_form,
            cancellation_by_customer_form,
            completion_by_agent_form,
            questionnaire_form,
            created_at,
            updated_at,
            deleted_at,
            translations,
            additional_properties,
        )

    if not TYPE_CHECKING:  # pexip: hidden from type checkers, which would then accept any attribute name
        # pexip: a field an answer left unreadable raises UnreadableFieldError when read (_runtime/lenient.py)
        def __getattr__(self, name: str) -> Any:
            raise unreadable_field(self, name)

    # pexip: pickled and copied without the fields an answer left unreadable
    def __getstate__(self) -> dict[str, Any]:
        return model_state(self)

    def __setstate__(self, state: dict[str, Any]) -> None:
        set_model_state(self, state)

    # pexip: the fields that were set, key fields first, enums by value (see _views/_models.py)
    def __repr__(self) -> str:
        return model_repr(self)

    # pexip: IPython and Jupyter show the same fields a line each
    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        model_pretty(self, printer, cycle)

    # pexip: Jupyter shows a table of the same fields
    def _repr_html_(self) -> str:
        return model_html(self)

    # pexip: the wire form as JSON text
    def to_json(self, *, indent: int | None = None) -> str:
        """The model as the API's JSON text: `to_dict()`'s camelCase keys and ISO date-times."""
        return model_json(self, indent)

    # pexip: a row for a DataFrame
    def to_record(self) -> dict[str, Any]:
        """Every field by its Python (snake_case) name, unset ones as None, with real `datetime`s and
        `date`s, enums as their values and nested models as records: `pandas.DataFrame(rows)` ready."""
        return model_record(self)

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Imported last: models that refer to each other are defined before either needs the other.
from ..models.reference import Reference  # noqa: E402
from ..models.subject_translations import SubjectTranslations  # noqa: E402
from ..models.translated_value import TranslatedValue  # noqa: E402
