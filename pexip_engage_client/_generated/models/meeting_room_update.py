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

T = TypeVar("T", bound="MeetingRoomUpdate")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "email",
        "externalId",
        "name",
        "capacity",
        "isWheelChairAccessible",
    )
)


@_attrs_define
class MeetingRoomUpdate:
    """
    Attributes:
        email (str | Unset):
        external_id (str | Unset):
        name (str | Unset):
        capacity (int | None | Unset):
        is_wheel_chair_accessible (bool | None | Unset):
    """

    email: str | Unset = UNSET
    external_id: str | Unset = UNSET
    name: str | Unset = UNSET
    capacity: int | None | Unset = UNSET
    is_wheel_chair_accessible: bool | None | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "email",
        "externalId",
        "name",
        "capacity",
        "isWheelChairAccessible",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            email = self.email

            external_id = self.external_id

            name = self.name

            capacity: int | None | Unset
            if isinstance(self.capacity, Unset):
                capacity = UNSET
            else:
                capacity = self.capacity

            is_wheel_chair_accessible: bool | None | Unset
            if isinstance(self.is_wheel_chair_accessible, Unset):
                is_wheel_chair_accessible = UNSET
            else:
                is_wheel_chair_accessible = self.is_wheel_chair_accessible

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update({})
            if email is not UNSET:
                field_dict["email"] = email
            if external_id is not UNSET:
                field_dict["externalId"] = external_id
            if name is not UNSET:
                field_dict["name"] = name
            if capacity is not UNSET:
                field_dict["capacity"] = capacity
            if is_wheel_chair_accessible is not UNSET:
                field_dict["isWheelChairAccessible"] = is_wheel_chair_accessible

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
            raise TypeError(f"must be an object (MeetingRoomUpdate), not {type(src_dict).__name__}")
        _raw_email = src_dict.get("email", UNSET)
        email = _raw_email
        if email is not UNSET and not isinstance(email, str):
            raise TypeError(f"email must be str, not {type(email).__name__}")

        _raw_external_id = src_dict.get("externalId", UNSET)
        external_id = _raw_external_id
        if external_id is not UNSET and not isinstance(external_id, str):
            raise TypeError(f"externalId must be str, not {type(external_id).__name__}")

        _raw_name = src_dict.get("name", UNSET)
        name = _raw_name
        if name is not UNSET and not isinstance(name, str):
            raise TypeError(f"name must be str, not {type(name).__name__}")

        _raw_capacity = src_dict.get("capacity", UNSET)
        try:
            capacity = _raw_capacity
            if (
                capacity is not None
                and capacity is not UNSET
                and (isinstance(capacity, bool) or not isinstance(capacity, int))
            ):
                raise TypeError(f"capacity must be int or None, not {type(capacity).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "capacity") from None

        _raw_is_wheel_chair_accessible = src_dict.get("isWheelChairAccessible", UNSET)
        try:
            is_wheel_chair_accessible = _raw_is_wheel_chair_accessible
            if (
                is_wheel_chair_accessible is not None
                and is_wheel_chair_accessible is not UNSET
                and not isinstance(is_wheel_chair_accessible, bool)
            ):
                raise TypeError(
                    f"isWheelChairAccessible must be bool or None, not {type(is_wheel_chair_accessible).__name__}"
                )

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "isWheelChairAccessible") from None

        unknown = len(src_dict) != 0 + (_raw_email is not UNSET) + (_raw_external_id is not UNSET) + (
            _raw_name is not UNSET
        ) + (_raw_capacity is not UNSET) + (_raw_is_wheel_chair_accessible is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            email,
            external_id,
            name,
            capacity,
            is_wheel_chair_accessible,
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
