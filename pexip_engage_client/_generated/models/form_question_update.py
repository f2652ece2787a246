# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.input_type import InputType
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

T = TypeVar("T", bound="FormQuestionUpdate")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "defaultValue",
        "externalId",
        "targetProperty",
        "required",
        "hidden",
        "inputType",
        "validator",
        "translations",
    )
)


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
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "defaultValue",
        "externalId",
        "targetProperty",
        "required",
        "hidden",
        "inputType",
        "validator",
        "translations",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
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

        except (AttributeError, TypeError):  # pexip: a field given a value of the wrong type is named
            if unread_fields(self):  # pexip: a field check_fields does not check (a const) left unreadable
                return unreadable_to_dict(self)
            raise_misfits(self)
            raise

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"must be an object (FormQuestionUpdate), not {type(src_dict).__name__}")
        _raw_default_value = src_dict.get("defaultValue", UNSET)
        try:
            default_value = _raw_default_value
            if default_value is not None and default_value is not UNSET and not isinstance(default_value, str):
                raise TypeError(f"defaultValue must be str or None, not {type(default_value).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "defaultValue") from None

        _raw_external_id = src_dict.get("externalId", UNSET)
        try:
            external_id = _raw_external_id
            if external_id is not None and external_id is not UNSET and not isinstance(external_id, str):
                raise TypeError(f"externalId must be str or None, not {type(external_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "externalId") from None

        _raw_target_property = src_dict.get("targetProperty", UNSET)
        try:
            target_property = _raw_target_property
            if target_property is not None and target_property is not UNSET and not isinstance(target_property, str):
                raise TypeError(f"targetProperty must be str or None, not {type(target_property).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "targetProperty") from None

        _raw_required = src_dict.get("required", UNSET)
        try:
            required = _raw_required
            if required is not None and required is not UNSET and not isinstance(required, bool):
                raise TypeError(f"required must be bool or None, not {type(required).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "required") from None

        _raw_hidden = src_dict.get("hidden", UNSET)
        try:
            hidden = _raw_hidden
            if hidden is not None and hidden is not UNSET and not isinstance(hidden, bool):
                raise TypeError(f"hidden must be bool or None, not {type(hidden).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "hidden") from None

        _raw_input_type = src_dict.get("inputType", UNSET)
        _input_type = _raw_input_type
        input_type: InputType | Unset
        if isinstance(_input_type, Unset):
            input_type = UNSET
        else:
            input_type = InputType._by_value.get(_input_type) or InputType(_input_type)

        _raw_validator = src_dict.get("validator", UNSET)
        try:
            validator = _raw_validator
            if validator is not None and validator is not UNSET:
                if not isinstance(validator, dict):
                    raise TypeError(f"validator must be FormQuestionValidator or None, not {type(validator).__name__}")
                validator_type_0 = FormQuestionValidator.from_dict(validator)

                validator = validator_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "validator") from None

        _raw_translations = src_dict.get("translations", UNSET)
        check_json_type(_raw_translations, (dict, Unset), "translations", "an object")
        try:
            _translations = _raw_translations
            translations: FormQuestionTranslations | Unset
            if isinstance(_translations, Unset):
                translations = UNSET
            else:
                translations = FormQuestionTranslations.from_dict(_translations)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "translations") from None

        unknown = len(src_dict) != 0 + (_raw_default_value is not UNSET) + (_raw_external_id is not UNSET) + (
            _raw_target_property is not UNSET
        ) + (_raw_required is not UNSET) + (_raw_hidden is not UNSET) + (_raw_input_type is not UNSET) + (
            _raw_validator is not UNSET
        ) + (_raw_translations is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()

        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            default_value,
            external_id,
            target_property,
            required,
            hidden,
            input_type,
            validator,
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
from ..models.form_question_translations import FormQuestionTranslations  # noqa: E402
from ..models.form_question_validator import FormQuestionValidator  # noqa: E402
