from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.input_type import InputType
from ..types import UNSET, Unset, check_json_type

if TYPE_CHECKING:
    from ..models.form_question_translations import FormQuestionTranslations
    from ..models.form_question_validator import FormQuestionValidator


T = TypeVar("T", bound="FormQuestionUpdate")


@_attrs_define
class FormQuestionUpdate:
    """The properties to change. The documentation does not render the enum field's name; it is
    `inputType` per the collection-properties topic. It is cut after `translations`, so more
    fields may exist; this body is open to them.

        Attributes:
            default_value (None | str | Unset):
            external_id (None | str | Unset):
            target_property (None | str | Unset):
            required (bool | None | Unset):
            hidden (bool | None | Unset):
            input_type (InputType | Unset): How a form question is answered.
            validator (FormQuestionValidator | None | Unset):
            translations (FormQuestionTranslations | Unset): The question's texts per language; cut in the documentation
                after `placeholder`.
    """

    default_value: None | str | Unset = UNSET
    external_id: None | str | Unset = UNSET
    target_property: None | str | Unset = UNSET
    required: bool | None | Unset = UNSET
    hidden: bool | None | Unset = UNSET
    input_type: InputType | Unset = UNSET
    validator: FormQuestionValidator | None | Unset = UNSET
    translations: FormQuestionTranslations | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True

    def to_dict(self) -> dict[str, Any]:
        from ..models.form_question_validator import FormQuestionValidator  # noqa: PLC0415

        default_value: None | str | Unset
        if isinstance(self.default_value, Unset):
            default_value = UNSET
        else:
            default_value = self.default_value

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        target_property: None | str | Unset
        if isinstance(self.target_property, Unset):
            target_property = UNSET
        else:
            target_property = self.target_property

        required: bool | None | Unset
        if isinstance(self.required, Unset):
            required = UNSET
        else:
            required = self.required

        hidden: bool | None | Unset
        if isinstance(self.hidden, Unset):
            hidden = UNSET
        else:
            hidden = self.hidden

        input_type: str | Unset = UNSET
        if not isinstance(self.input_type, Unset):
            input_type = self.input_type.value

        validator: dict[str, Any] | None | Unset
        if isinstance(self.validator, Unset):
            validator = UNSET
        elif isinstance(self.validator, FormQuestionValidator):
            validator = self.validator.to_dict()
        else:
            validator = self.validator

        translations: dict[str, Any] | Unset = UNSET
        if not isinstance(self.translations, Unset):
            translations = self.translations.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if default_value is not UNSET:
            field_dict["defaultValue"] = default_value
        if external_id is not UNSET:
            field_dict["externalId"] = external_id
        if target_property is not UNSET:
            field_dict["targetProperty"] = target_property
        if required is not UNSET:
            field_dict["required"] = required
        if hidden is not UNSET:
            field_dict["hidden"] = hidden
        if input_type is not UNSET:
            field_dict["inputType"] = input_type
        if validator is not UNSET:
            field_dict["validator"] = validator
        if translations is not UNSET:
            field_dict["translations"] = translations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.form_question_translations import FormQuestionTranslations  # noqa: PLC0415
        from ..models.form_question_validator import FormQuestionValidator  # noqa: PLC0415

        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"FormQuestionUpdate must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)

        def _parse_default_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"defaultValue: {type(data).__name__} matches no allowed type")

        default_value = _parse_default_value(d.pop("defaultValue", UNSET))

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"externalId: {type(data).__name__} matches no allowed type")

        external_id = _parse_external_id(d.pop("externalId", UNSET))

        def _parse_target_property(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"targetProperty: {type(data).__name__} matches no allowed type")

        target_property = _parse_target_property(d.pop("targetProperty", UNSET))

        def _parse_required(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (bool,)):
                return cast(bool | None | Unset, data)
            raise TypeError(f"required: {type(data).__name__} matches no allowed type")

        required = _parse_required(d.pop("required", UNSET))

        def _parse_hidden(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (bool,)):
                return cast(bool | None | Unset, data)
            raise TypeError(f"hidden: {type(data).__name__} matches no allowed type")

        hidden = _parse_hidden(d.pop("hidden", UNSET))

        _input_type = d.pop("inputType", UNSET)
        input_type: InputType | Unset
        if isinstance(_input_type, Unset):
            input_type = UNSET
        else:
            input_type = InputType.from_value(_input_type)

        def _parse_validator(data: object) -> FormQuestionValidator | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"validator: {type(data).__name__} matches no allowed type")
            validator_type_0 = FormQuestionValidator.from_dict(data)

            return validator_type_0

        validator = _parse_validator(d.pop("validator", UNSET))

        _raw_translations = d.pop("translations", UNSET)
        check_json_type(_raw_translations, (dict, Unset), "translations", "an object")
        _translations = _raw_translations
        translations: FormQuestionTranslations | Unset
        if isinstance(_translations, Unset):
            translations = UNSET
        else:
            translations = FormQuestionTranslations.from_dict(_translations)

        form_question_update = cls(
            default_value=default_value,
            external_id=external_id,
            target_property=target_property,
            required=required,
            hidden=hidden,
            input_type=input_type,
            validator=validator,
            translations=translations,
        )

        form_question_update.additional_properties = d
        return form_question_update

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
