# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.availability_template_type import AvailabilityTemplateType
from ..types import (
    UNSET,
    Unset,
    check_fields,
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

T = TypeVar("T", bound="AvailabilityTemplateUpdate")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "name",
        "type",
        "timeZone",
        "color",
        "order",
    )
)


@_attrs_define
class AvailabilityTemplateUpdate:
    """
    Attributes:
        name (str | Unset):
        type_ (AvailabilityTemplateType | Unset):
        time_zone (str | Unset):
        color (None | str | Unset):
        order (int | None | Unset):
    """

    name: str | Unset = UNSET
    type_: AvailabilityTemplateType | Unset = UNSET
    time_zone: str | Unset = UNSET
    color: None | str | Unset = UNSET
    order: int | None | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "name",
        "type",
        "timeZone",
        "color",
        "order",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            name = self.name

            type_: str | Unset = UNSET
            if not isinstance(self.type_, Unset):
                type_ = self.type_.value

            time_zone = self.time_zone

            color: None | str | Unset
            if isinstance(self.color, Unset):
                color = UNSET
            else:
                color = self.color

            order: int | None | Unset
            if isinstance(self.order, Unset):
                order = UNSET
            else:
                order = self.order

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update({})
            if name is not UNSET:
                field_dict["name"] = name
            if type_ is not UNSET:
                field_dict["type"] = type_
            if time_zone is not UNSET:
                field_dict["timeZone"] = time_zone
            if color is not UNSET:
                field_dict["color"] = color
            if order is not UNSET:
                field_dict["order"] = order

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
            raise TypeError(f"must be an object (AvailabilityTemplateUpdate), not {type(src_dict).__name__}")
        _raw_name = src_dict.get("name", UNSET)
        name = _raw_name
        if name is not UNSET and not isinstance(name, str):
            raise TypeError(f"name must be str, not {type(name).__name__}")

        _raw_type_ = src_dict.get("type", UNSET)
        _type_ = _raw_type_
        type_: AvailabilityTemplateType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = AvailabilityTemplateType._by_value.get(_type_) or AvailabilityTemplateType(_type_)

        _raw_time_zone = src_dict.get("timeZone", UNSET)
        time_zone = _raw_time_zone
        if time_zone is not UNSET and not isinstance(time_zone, str):
            raise TypeError(f"timeZone must be str, not {type(time_zone).__name__}")

        _raw_color = src_dict.get("color", UNSET)
        try:
            color = _raw_color
            if color is not None and color is not UNSET and not isinstance(color, str):
                raise TypeError(f"color must be str or None, not {type(color).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "color") from None

        _raw_order = src_dict.get("order", UNSET)
        try:
            order = _raw_order
            if order is not None and order is not UNSET and (isinstance(order, bool) or not isinstance(order, int)):
                raise TypeError(f"order must be int or None, not {type(order).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "order") from None

        unknown = len(src_dict) != 0 + (_raw_name is not UNSET) + (_raw_type_ is not UNSET) + (
            _raw_time_zone is not UNSET
        ) + (_raw_color is not UNSET) + (_raw_order is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            name,
            type_,
            time_zone,
            color,
            order,
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
