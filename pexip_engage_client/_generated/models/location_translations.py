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

T = TypeVar("T", bound="LocationTranslations")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "city",
        "street1",
        "state",
        "street2",
    )
)


@_attrs_define
class LocationTranslations:
    """Every translation of a location's translatable properties.

    Attributes:
        city (list[Translation]):
        street1 (list[Translation]):
        state (list[Translation] | Unset):
        street2 (list[Translation] | Unset):
    """

    city: list[Translation]
    street1: list[Translation]
    state: list[Translation] | Unset = UNSET
    street2: list[Translation] | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "city",
        "street1",
        "state",
        "street2",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            city = []
            for city_item_data in self.city:
                city_item = city_item_data.to_dict()
                city.append(city_item)

            street1 = []
            for street1_item_data in self.street1:
                street1_item = street1_item_data.to_dict()
                street1.append(street1_item)

            state: list[dict[str, Any]] | Unset = UNSET
            if not isinstance(self.state, Unset):
                state = []
                for state_item_data in self.state:
                    state_item = state_item_data.to_dict()
                    state.append(state_item)

            street2: list[dict[str, Any]] | Unset = UNSET
            if not isinstance(self.street2, Unset):
                street2 = []
                for street2_item_data in self.street2:
                    street2_item = street2_item_data.to_dict()
                    street2.append(street2_item)

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update(
                {
                    "city": city,
                    "street1": street1,
                }
            )
            if state is not UNSET:
                field_dict["state"] = state
            if street2 is not UNSET:
                field_dict["street2"] = street2

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
            raise TypeError(f"must be an object (LocationTranslations), not {type(src_dict).__name__}")
        _raw_city = src_dict["city"]
        if not isinstance(_raw_city, list):
            raise TypeError(f"city must be an array, not {type(_raw_city).__name__}")
        try:
            city = []
            _city = _raw_city
            for city_item_data in _city:
                city_item = Translation.from_dict(city_item_data)

                city.append(city_item)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "city", city) from None

        _raw_street1 = src_dict["street1"]
        if not isinstance(_raw_street1, list):
            raise TypeError(f"street1 must be an array, not {type(_raw_street1).__name__}")
        try:
            street1 = []
            _street1 = _raw_street1
            for street1_item_data in _street1:
                street1_item = Translation.from_dict(street1_item_data)

                street1.append(street1_item)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "street1", street1) from None

        _raw_state = src_dict.get("state", UNSET)
        check_json_type(_raw_state, (list, Unset), "state", "an array")
        try:
            _state = _raw_state
            state: list[Translation] | Unset = UNSET
            if _state is not UNSET:
                state = []
                for state_item_data in _state:
                    state_item = Translation.from_dict(state_item_data)

                    state.append(state_item)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "state", state) from None

        _raw_street2 = src_dict.get("street2", UNSET)
        check_json_type(_raw_street2, (list, Unset), "street2", "an array")
        try:
            _street2 = _raw_street2
            street2: list[Translation] | Unset = UNSET
            if _street2 is not UNSET:
                street2 = []
                for street2_item_data in _street2:
                    street2_item = Translation.from_dict(street2_item_data)

                    street2.append(street2_item)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "street2", street2) from None

        unknown = len(src_dict) != 2 + (_raw_state is not UNSET) + (_raw_street2 is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            city,
            street1,
            state,
            street2,
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
from ..models.translation import Translation  # noqa: E402
