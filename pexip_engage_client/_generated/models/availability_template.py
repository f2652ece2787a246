# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.availability_template_type import AvailabilityTemplateType
from ..types import (
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

T = TypeVar("T", bound="AvailabilityTemplate")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "name",
        "type",
        "timeZone",
        "employee",
        "color",
        "order",
        "isDefault",
        "createdAt",
        "updatedAt",
    )
)


@_attrs_define
class AvailabilityTemplate:
    """
    Attributes:
        id (str):
        name (str):
        type_ (AvailabilityTemplateType):
        time_zone (str):
        employee (Reference): A reference to another resource by its ID.
        color (str):
        order (int):
        is_default (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: str
    name: str
    type_: AvailabilityTemplateType
    time_zone: str
    employee: Reference
    color: str
    order: int
    is_default: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "id",
        "name",
        "type",
        "timeZone",
        "employee",
        "color",
        "order",
        "isDefault",
        "createdAt",
        "updatedAt",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            id = self.id

            name = self.name

            type_ = self.type_.value

            time_zone = self.time_zone

            employee = self.employee.to_dict()

            color = self.color

            order = self.order

            is_default = self.is_default

            created_at = self.created_at.isoformat()

            updated_at = self.updated_at.isoformat()

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update(
                {
                    "id": id,
                    "name": name,
                    "type": type_,
                    "timeZone": time_zone,
                    "employee": employee,
                    "color": color,
                    "order": order,
                    "isDefault": is_default,
                    "createdAt": created_at,
                    "updatedAt": updated_at,
                }
            )

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
            raise TypeError(f"must be an object (AvailabilityTemplate), not {type(src_dict).__name__}")
        id = src_dict["id"]
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        name = src_dict["name"]
        if not isinstance(name, str):
            raise TypeError(f"name must be str, not {type(name).__name__}")

        type_ = src_dict["type"]
        type_ = AvailabilityTemplateType._by_value.get(type_) or AvailabilityTemplateType(type_)

        time_zone = src_dict["timeZone"]
        if not isinstance(time_zone, str):
            raise TypeError(f"timeZone must be str, not {type(time_zone).__name__}")

        _raw_employee = src_dict["employee"]
        if not isinstance(_raw_employee, dict):
            raise TypeError(f"employee must be an object, not {type(_raw_employee).__name__}")
        try:
            employee = Reference.from_dict(_raw_employee)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "employee") from None

        color = src_dict["color"]
        if not isinstance(color, str):
            raise TypeError(f"color must be str, not {type(color).__name__}")

        order = src_dict["order"]
        if isinstance(order, bool) or not isinstance(order, int):
            raise TypeError(f"order must be int, not {type(order).__name__}")

        is_default = src_dict["isDefault"]
        if not isinstance(is_default, bool):
            raise TypeError(f"isDefault must be bool, not {type(is_default).__name__}")

        created_at = field_datetime(src_dict["createdAt"], "createdAt")

        updated_at = field_datetime(src_dict["updatedAt"], "updatedAt")

        unknown = len(src_dict) != 10
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            id,
            name,
            type_,
            time_zone,
            employee,
            color,
            order,
            is_default,
            created_at,
            updated_at,
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
