from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, check_json_type

if TYPE_CHECKING:
    from ..models.reference import Reference
    from ..models.subject_translations import SubjectTranslations
    from ..models.translated_value import TranslatedValue


T = TypeVar("T", bound="Subject")


@_attrs_define
class Subject:
    """What an appointment is about. Modelled from the documentation's examples.

    Attributes:
        id (str):
        enabled_for_internal_use (bool | Unset):
        enabled_for_customer_use (bool | Unset):
        order (int | None | Unset):
        external_id (None | str | Unset):
        name (None | TranslatedValue | Unset):
        description (None | TranslatedValue | Unset):
        instructions (None | TranslatedValue | Unset):
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
    enabled_for_internal_use: bool | Unset = UNSET
    enabled_for_customer_use: bool | Unset = UNSET
    order: int | None | Unset = UNSET
    external_id: None | str | Unset = UNSET
    name: None | TranslatedValue | Unset = UNSET
    description: None | TranslatedValue | Unset = UNSET
    instructions: None | TranslatedValue | Unset = UNSET
    subject_group: None | Reference | Unset = UNSET
    cancellation_by_agent_form: None | Reference | Unset = UNSET
    cancellation_by_customer_form: None | Reference | Unset = UNSET
    completion_by_agent_form: None | Reference | Unset = UNSET
    questionnaire_form: None | Reference | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    deleted_at: datetime.datetime | None | Unset = UNSET
    translations: SubjectTranslations | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True

    def to_dict(self) -> dict[str, Any]:
        from ..models.reference import Reference  # noqa: PLC0415
        from ..models.translated_value import TranslatedValue  # noqa: PLC0415

        id = self.id

        enabled_for_internal_use = self.enabled_for_internal_use

        enabled_for_customer_use = self.enabled_for_customer_use

        order: int | None | Unset
        if isinstance(self.order, Unset):
            order = UNSET
        else:
            order = self.order

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        name: dict[str, Any] | None | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        elif isinstance(self.name, TranslatedValue):
            name = self.name.to_dict()
        else:
            name = self.name

        description: dict[str, Any] | None | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        elif isinstance(self.description, TranslatedValue):
            description = self.description.to_dict()
        else:
            description = self.description

        instructions: dict[str, Any] | None | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        elif isinstance(self.instructions, TranslatedValue):
            instructions = self.instructions.to_dict()
        else:
            instructions = self.instructions

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
            }
        )
        if enabled_for_internal_use is not UNSET:
            field_dict["enabledForInternalUse"] = enabled_for_internal_use
        if enabled_for_customer_use is not UNSET:
            field_dict["enabledForCustomerUse"] = enabled_for_customer_use
        if order is not UNSET:
            field_dict["order"] = order
        if external_id is not UNSET:
            field_dict["externalId"] = external_id
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
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

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reference import Reference  # noqa: PLC0415
        from ..models.subject_translations import SubjectTranslations  # noqa: PLC0415
        from ..models.translated_value import TranslatedValue  # noqa: PLC0415

        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"Subject must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)
        id = d.pop("id")
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        enabled_for_internal_use = d.pop("enabledForInternalUse", UNSET)
        if not isinstance(enabled_for_internal_use, Unset) and not isinstance(enabled_for_internal_use, bool):
            raise TypeError(f"enabledForInternalUse must be bool, not {type(enabled_for_internal_use).__name__}")

        enabled_for_customer_use = d.pop("enabledForCustomerUse", UNSET)
        if not isinstance(enabled_for_customer_use, Unset) and not isinstance(enabled_for_customer_use, bool):
            raise TypeError(f"enabledForCustomerUse must be bool, not {type(enabled_for_customer_use).__name__}")

        def _parse_order(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (int,)) and not isinstance(data, bool):
                return cast(int | None | Unset, data)
            raise TypeError(f"order: {type(data).__name__} matches no allowed type")

        order = _parse_order(d.pop("order", UNSET))

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"externalId: {type(data).__name__} matches no allowed type")

        external_id = _parse_external_id(d.pop("externalId", UNSET))

        def _parse_name(data: object) -> None | TranslatedValue | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"name: {type(data).__name__} matches no allowed type")
            name_type_0 = TranslatedValue.from_dict(data)

            return name_type_0

        name = _parse_name(d.pop("name", UNSET))

        def _parse_description(data: object) -> None | TranslatedValue | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"description: {type(data).__name__} matches no allowed type")
            description_type_0 = TranslatedValue.from_dict(data)

            return description_type_0

        description = _parse_description(d.pop("description", UNSET))

        def _parse_instructions(data: object) -> None | TranslatedValue | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"instructions: {type(data).__name__} matches no allowed type")
            instructions_type_0 = TranslatedValue.from_dict(data)

            return instructions_type_0

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        def _parse_subject_group(data: object) -> None | Reference | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"subjectGroup: {type(data).__name__} matches no allowed type")
            subject_group_type_0 = Reference.from_dict(data)

            return subject_group_type_0

        subject_group = _parse_subject_group(d.pop("subjectGroup", UNSET))

        def _parse_cancellation_by_agent_form(data: object) -> None | Reference | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"cancellationByAgentForm: {type(data).__name__} matches no allowed type")
            cancellation_by_agent_form_type_0 = Reference.from_dict(data)

            return cancellation_by_agent_form_type_0

        cancellation_by_agent_form = _parse_cancellation_by_agent_form(d.pop("cancellationByAgentForm", UNSET))

        def _parse_cancellation_by_customer_form(data: object) -> None | Reference | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"cancellationByCustomerForm: {type(data).__name__} matches no allowed type")
            cancellation_by_customer_form_type_0 = Reference.from_dict(data)

            return cancellation_by_customer_form_type_0

        cancellation_by_customer_form = _parse_cancellation_by_customer_form(d.pop("cancellationByCustomerForm", UNSET))

        def _parse_completion_by_agent_form(data: object) -> None | Reference | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"completionByAgentForm: {type(data).__name__} matches no allowed type")
            completion_by_agent_form_type_0 = Reference.from_dict(data)

            return completion_by_agent_form_type_0

        completion_by_agent_form = _parse_completion_by_agent_form(d.pop("completionByAgentForm", UNSET))

        def _parse_questionnaire_form(data: object) -> None | Reference | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"questionnaireForm: {type(data).__name__} matches no allowed type")
            questionnaire_form_type_0 = Reference.from_dict(data)

            return questionnaire_form_type_0

        questionnaire_form = _parse_questionnaire_form(d.pop("questionnaireForm", UNSET))

        _created_at = d.pop("createdAt", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updatedAt", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        def _parse_deleted_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError(f"deletedAt: {type(data).__name__} matches no allowed type")
            deleted_at_type_0 = datetime.datetime.fromisoformat(data)

            return deleted_at_type_0

        deleted_at = _parse_deleted_at(d.pop("deletedAt", UNSET))

        _raw_translations = d.pop("translations", UNSET)
        check_json_type(_raw_translations, (dict, Unset), "translations", "an object")
        _translations = _raw_translations
        translations: SubjectTranslations | Unset
        if isinstance(_translations, Unset):
            translations = UNSET
        else:
            translations = SubjectTranslations.from_dict(_translations)

        subject = cls(
            id=id,
            enabled_for_internal_use=enabled_for_internal_use,
            enabled_for_customer_use=enabled_for_customer_use,
            order=order,
            external_id=external_id,
            name=name,
            description=description,
            instructions=instructions,
            subject_group=subject_group,
            cancellation_by_agent_form=cancellation_by_agent_form,
            cancellation_by_customer_form=cancellation_by_customer_form,
            completion_by_agent_form=completion_by_agent_form,
            questionnaire_form=questionnaire_form,
            created_at=created_at,
            updated_at=updated_at,
            deleted_at=deleted_at,
            translations=translations,
        )

        subject.additional_properties = d
        return subject

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
