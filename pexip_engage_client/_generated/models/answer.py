# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.answer_type import AnswerType
from ..types import (
    UNSET,
    Unset,
    check_fields,
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

T = TypeVar("T", bound="Answer")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "form",
        "question",
        "answerType",
        "createdAt",
        "updatedAt",
        "value",
        "selectedAnswerOptions",
        "files",
    )
)


@_attrs_define
class Answer:
    """An answer to a form question, given for the appointment.

    Attributes:
        id (str):
        form (Reference): A reference to another resource by its ID.
        question (Reference): A reference to another resource by its ID.
        answer_type (AnswerType):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        value (None | str | Unset):
        selected_answer_options (list[Reference] | None | Unset):
        files (list[Reference] | None | Unset):
    """

    id: str
    form: Reference
    question: Reference
    answer_type: AnswerType
    created_at: datetime.datetime
    updated_at: datetime.datetime
    value: None | str | Unset = UNSET
    selected_answer_options: list[Reference] | None | Unset = UNSET
    files: list[Reference] | None | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "id",
        "form",
        "question",
        "answerType",
        "createdAt",
        "updatedAt",
        "value",
        "selectedAnswerOptions",
        "files",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            id = self.id

            form = self.form.to_dict()

            question = self.question.to_dict()

            answer_type = self.answer_type.value

            created_at = self.created_at.isoformat()

            updated_at = self.updated_at.isoformat()

            value: None | str | Unset
            if isinstance(self.value, Unset):
                value = UNSET
            else:
                value = self.value

            selected_answer_options: list[dict[str, Any]] | None | Unset
            if isinstance(self.selected_answer_options, Unset):
                selected_answer_options = UNSET
            elif isinstance(self.selected_answer_options, list):
                selected_answer_options = []
                for selected_answer_options_type_0_item_data in self.selected_answer_options:
                    selected_answer_options_type_0_item = selected_answer_options_type_0_item_data.to_dict()
                    selected_answer_options.append(selected_answer_options_type_0_item)

            else:
                selected_answer_options = self.selected_answer_options

            files: list[dict[str, Any]] | None | Unset
            if isinstance(self.files, Unset):
                files = UNSET
            elif isinstance(self.files, list):
                files = []
                for files_type_0_item_data in self.files:
                    files_type_0_item = files_type_0_item_data.to_dict()
                    files.append(files_type_0_item)

            else:
                files = self.files

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update(
                {
                    "id": id,
                    "form": form,
                    "question": question,
                    "answerType": answer_type,
                    "createdAt": created_at,
                    "updatedAt": updated_at,
                }
            )
            if value is not UNSET:
                field_dict["value"] = value
            if selected_answer_options is not UNSET:
                field_dict["selectedAnswerOptions"] = selected_answer_options
            if files is not UNSET:
                field_dict["files"] = files

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
            raise TypeError(f"must be an object (Answer), not {type(src_dict).__name__}")
        id = src_dict["id"]
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        _raw_form = src_dict["form"]
        if not isinstance(_raw_form, dict):
            raise TypeError(f"form must be an object, not {type(_raw_form).__name__}")
        try:
            form = Reference.from_dict(_raw_form)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "form") from None

        _raw_question = src_dict["question"]
        if not isinstance(_raw_question, dict):
            raise TypeError(f"question must be an object, not {type(_raw_question).__name__}")
        try:
            question = Reference.from_dict(_raw_question)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "question") from None

        answer_type = src_dict["answerType"]
        answer_type = AnswerType._by_value.get(answer_type) or AnswerType(answer_type)

        created_at = field_datetime(src_dict["createdAt"], "createdAt")

        updated_at = field_datetime(src_dict["updatedAt"], "updatedAt")

        _raw_value = src_dict.get("value", UNSET)
        try:
            value = _raw_value
            if value is not None and value is not UNSET and not isinstance(value, str):
                raise TypeError(f"value must be str or None, not {type(value).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "value") from None

        _raw_selected_answer_options = src_dict.get("selectedAnswerOptions", UNSET)
        try:
            selected_answer_options = _raw_selected_answer_options
            if selected_answer_options is not None and selected_answer_options is not UNSET:
                if not isinstance(selected_answer_options, list):
                    raise TypeError(
                        f"selectedAnswerOptions must be list[Reference] or None, not {type(selected_answer_options).__name__}"
                    )
                selected_answer_options_type_0 = []
                _selected_answer_options_type_0 = selected_answer_options
                for selected_answer_options_type_0_item_data in _selected_answer_options_type_0:
                    selected_answer_options_type_0_item = Reference.from_dict(selected_answer_options_type_0_item_data)

                    selected_answer_options_type_0.append(selected_answer_options_type_0_item)

                selected_answer_options = selected_answer_options_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "selectedAnswerOptions", locals().get("selected_answer_options_type_0")) from None

        _raw_files = src_dict.get("files", UNSET)
        try:
            files = _raw_files
            if files is not None and files is not UNSET:
                if not isinstance(files, list):
                    raise TypeError(f"files must be list[Reference] or None, not {type(files).__name__}")
                files_type_0 = []
                _files_type_0 = files
                for files_type_0_item_data in _files_type_0:
                    files_type_0_item = Reference.from_dict(files_type_0_item_data)

                    files_type_0.append(files_type_0_item)

                files = files_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "files", locals().get("files_type_0")) from None

        unknown = len(src_dict) != 6 + (_raw_value is not UNSET) + (_raw_selected_answer_options is not UNSET) + (
            _raw_files is not UNSET
        )
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()

        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            id,
            form,
            question,
            answer_type,
            created_at,
            updated_at,
            value,
            selected_answer_options,
            files,
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
