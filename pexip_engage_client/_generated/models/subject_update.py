# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    check_fields,
    check_json_type,
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

T = TypeVar("T", bound="SubjectUpdate")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "externalId",
        "translations",
        "order",
        "subjectGroupId",
        "enabledForInternalUse",
        "enabledForCustomerUse",
        "cancellationByAgentFormId",
        "cancellationByCustomerFormId",
        "completionByAgentFormId",
        "questionnaireFormId",
    )
)


@_attrs_define
class SubjectUpdate:
    """The properties to change; absent ones are left as they are.

    Attributes:
        external_id (None | str | Unset):
        translations (SubjectTranslationsInput | Unset):
        order (int | None | Unset):
        subject_group_id (None | str | Unset):
        enabled_for_internal_use (bool | None | Unset):
        enabled_for_customer_use (bool | None | Unset):
        cancellation_by_agent_form_id (None | str | Unset):
        cancellation_by_customer_form_id (None | str | Unset):
        completion_by_agent_form_id (None | str | Unset):
        questionnaire_form_id (None | str | Unset):
    """

    external_id: None | str | Unset = UNSET
    translations: SubjectTranslationsInput | Unset = UNSET
    order: int | None | Unset = UNSET
    subject_group_id: None | str | Unset = UNSET
    enabled_for_internal_use: bool | None | Unset = UNSET
    enabled_for_customer_use: bool | None | Unset = UNSET
    cancellation_by_agent_form_id: None | str | Unset = UNSET
    cancellation_by_customer_form_id: None | str | Unset = UNSET
    completion_by_agent_form_id: None | str | Unset = UNSET
    questionnaire_form_id: None | str | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "externalId",
        "translations",
        "order",
        "subjectGroupId",
        "enabledForInternalUse",
        "enabledForCustomerUse",
        "cancellationByAgentFormId",
        "cancellationByCustomerFormId",
        "completionByAgentFormId",
        "questionnaireFormId",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            external_id: None | str | Unset
            if isinstance(self.external_id, Unset):
                external_id = UNSET
            else:
                external_id = self.external_id

            translations: dict[str, Any] | Unset = UNSET
            if not isinstance(self.translations, Unset):
                translations = self.translations.to_dict()

            order: int | None | Unset
            if isinstance(self.order, Unset):
                order = UNSET
            else:
                order = self.order

            subject_group_id: None | str | Unset
            if isinstance(self.subject_group_id, Unset):
                subject_group_id = UNSET
            else:
                subject_group_id = self.subject_group_id

            enabled_for_internal_use: bool | None | Unset
            if isinstance(self.enabled_for_internal_use, Unset):
                enabled_for_internal_use = UNSET
            else:
                enabled_for_internal_use = self.enabled_for_internal_use

            enabled_for_customer_use: bool | None | Unset
            if isinstance(self.enabled_for_customer_use, Unset):
                enabled_for_customer_use = UNSET
            else:
                enabled_for_customer_use = self.enabled_for_customer_use

            cancellation_by_agent_form_id: None | str | Unset
            if isinstance(self.cancellation_by_agent_form_id, Unset):
                cancellation_by_agent_form_id = UNSET
            else:
                cancellation_by_agent_form_id = self.cancellation_by_agent_form_id

            cancellation_by_customer_form_id: None | str | Unset
            if isinstance(self.cancellation_by_customer_form_id, Unset):
                cancellation_by_customer_form_id = UNSET
            else:
                cancellation_by_customer_form_id = self.cancellation_by_customer_form_id

            completion_by_agent_form_id: None | str | Unset
            if isinstance(self.completion_by_agent_form_id, Unset):
                completion_by_agent_form_id = UNSET
            else:
                completion_by_agent_form_id = self.completion_by_agent_form_id

            questionnaire_form_id: None | str | Unset
            if isinstance(self.questionnaire_form_id, Unset):
                questionnaire_form_id = UNSET
            else:
                questionnaire_form_id = self.questionnaire_form_id

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update({})
            if external_id is not UNSET:
                field_dict["externalId"] = external_id
            if translations is not UNSET:
                field_dict["translations"] = translations
            if order is not UNSET:
                field_dict["order"] = order
            if subject_group_id is not UNSET:
                field_dict["subjectGroupId"] = subject_group_id
            if enabled_for_internal_use is not UNSET:
                field_dict["enabledForInternalUse"] = enabled_for_internal_use
            if enabled_for_customer_use is not UNSET:
                field_dict["enabledForCustomerUse"] = enabled_for_customer_use
            if cancellation_by_agent_form_id is not UNSET:
                field_dict["cancellationByAgentFormId"] = cancellation_by_agent_form_id
            if cancellation_by_customer_form_id is not UNSET:
                field_dict["cancellationByCustomerFormId"] = cancellation_by_customer_form_id
            if completion_by_agent_form_id is not UNSET:
                field_dict["completionByAgentFormId"] = completion_by_agent_form_id
            if questionnaire_form_id is not UNSET:
                field_dict["questionnaireFormId"] = questionnaire_form_id

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
            raise TypeError(f"must be an object (SubjectUpdate), not {type(src_dict).__name__}")
        _raw_external_id = src_dict.get("externalId", UNSET)
        try:
            external_id = _raw_external_id
            if external_id is not None and external_id is not UNSET and not isinstance(external_id, str):
                raise TypeError(f"externalId must be str or None, not {type(external_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "externalId") from None

        _raw_translations = src_dict.get("translations", UNSET)
        check_json_type(_raw_translations, (dict, Unset), "translations", "an object")
        try:
            _translations = _raw_translations
            translations: SubjectTranslationsInput | Unset
            if isinstance(_translations, Unset):
                translations = UNSET
            else:
                translations = SubjectTranslationsInput.from_dict(_translations)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "translations") from None

        _raw_order = src_dict.get("order", UNSET)
        try:
            order = _raw_order
            if order is not None and order is not UNSET and (isinstance(order, bool) or not isinstance(order, int)):
                raise TypeError(f"order must be int or None, not {type(order).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "order") from None

        _raw_subject_group_id = src_dict.get("subjectGroupId", UNSET)
        try:
            subject_group_id = _raw_subject_group_id
            if subject_group_id is not None and subject_group_id is not UNSET and not isinstance(subject_group_id, str):
                raise TypeError(f"subjectGroupId must be str or None, not {type(subject_group_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "subjectGroupId") from None

        _raw_enabled_for_internal_use = src_dict.get("enabledForInternalUse", UNSET)
        try:
            enabled_for_internal_use = _raw_enabled_for_internal_use
            if (
                enabled_for_internal_use is not None
                and enabled_for_internal_use is not UNSET
                and not isinstance(enabled_for_internal_use, bool)
            ):
                raise TypeError(
                    f"enabledForInternalUse must be bool or None, not {type(enabled_for_internal_use).__name__}"
                )

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "enabledForInternalUse") from None

        _raw_enabled_for_customer_use = src_dict.get("enabledForCustomerUse", UNSET)
        try:
            enabled_for_customer_use = _raw_enabled_for_customer_use
            if (
                enabled_for_customer_use is not None
                and enabled_for_customer_use is not UNSET
                and not isinstance(enabled_for_customer_use, bool)
            ):
                raise TypeError(
                    f"enabledForCustomerUse must be bool or None, not {type(enabled_for_customer_use).__name__}"
                )

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "enabledForCustomerUse") from None

        _raw_cancellation_by_agent_form_id = src_dict.get("cancellationByAgentFormId", UNSET)
        try:
            cancellation_by_agent_form_id = _raw_cancellation_by_agent_form_id
            if (
                cancellation_by_agent_form_id is not None
                and cancellation_by_agent_form_id is not UNSET
                and not isinstance(cancellation_by_agent_form_id, str)
            ):
                raise TypeError(
                    f"cancellationByAgentFormId must be str or None, not {type(cancellation_by_agent_form_id).__name__}"
                )

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "cancellationByAgentFormId") from None

        _raw_cancellation_by_customer_form_id = src_dict.get("cancellationByCustomerFormId", UNSET)
        try:
            cancellation_by_customer_form_id = _raw_cancellation_by_customer_form_id
            if (
                cancellation_by_customer_form_id is not None
                and cancellation_by_customer_form_id is not UNSET
                and not isinstance(cancellation_by_customer_form_id, str)
            ):
                raise TypeError(
                    f"cancellationByCustomerFormId must be str or None, not {type(cancellation_by_customer_form_id).__name__}"
                )

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "cancellationByCustomerFormId") from None

        _raw_completion_by_agent_form_id = src_dict.get("completionByAgentFormId", UNSET)
        try:
            completion_by_agent_form_id = _raw_completion_by_agent_form_id
            if (
                completion_by_agent_form_id is not None
                and completion_by_agent_form_id is not UNSET
                and not isinstance(completion_by_agent_form_id, str)
            ):
                raise TypeError(
                    f"completionByAgentFormId must be str or None, not {type(completion_by_agent_form_id).__name__}"
                )

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "completionByAgentFormId") from None

        _raw_questionnaire_form_id = src_dict.get("questionnaireFormId", UNSET)
        try:
            questionnaire_form_id = _raw_questionnaire_form_id
            if (
                questionnaire_form_id is not None
                and questionnaire_form_id is not UNSET
                and not isinstance(questionnaire_form_id, str)
            ):
                raise TypeError(f"questionnaireFormId must be str or None, not {type(questionnaire_form_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "questionnaireFormId") from None

        unknown = len(src_dict) != 0 + (_raw_external_id is not UNSET) + (_raw_translations is not UNSET) + (
            _raw_order is not UNSET
        ) + (_raw_subject_group_id is not UNSET) + (_raw_enabled_for_internal_use is not UNSET) + (
            _raw_enabled_for_customer_use is not UNSET
        ) + (_raw_cancellation_by_agent_form_id is not UNSET) + (_raw_cancellation_by_customer_form_id is not UNSET) + (
            _raw_completion_by_agent_form_id is not UNSET
        ) + (_raw_questionnaire_form_id is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            external_id,
            translations,
            order,
            subject_group_id,
            enabled_for_internal_use,
            enabled_for_customer_use,
            cancellation_by_agent_form_id,
            cancellation_by_customer_form_id,
            completion_by_agent_form_id,
            questionnaire_form_id,
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
from ..models.subject_translations_input import SubjectTranslationsInput  # noqa: E402
