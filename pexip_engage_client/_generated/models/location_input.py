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

T = TypeVar("T", bound="LocationInput")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "countryCode",
        "translations",
        "postalCode",
        "geolocation",
    )
)


@_attrs_define
class LocationInput:
    """A postal address as sent in a request; the API geocodes it.

    Attributes:
        country_code (str): ISO 3166-1 alpha-2 country code.
        translations (LocationTranslations): Every translation of a location's translatable properties.
        postal_code (None | str | Unset):
        geolocation (Geolocation | None | Unset):
    """

    country_code: str
    translations: LocationTranslations
    postal_code: None | str | Unset = UNSET
    geolocation: Geolocation | None | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "countryCode",
        "translations",
        "postalCode",
        "geolocation",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            country_code = self.country_code

            translations = self.translations.to_dict()

            postal_code: None | str | Unset
            if isinstance(self.postal_code, Unset):
                postal_code = UNSET
            else:
                postal_code = self.postal_code

            geolocation: dict[str, Any] | None | Unset
            if isinstance(self.geolocation, Unset):
                geolocation = UNSET
            elif isinstance(self.geolocation, Geolocation):
                geolocation = self.geolocation.to_dict()
            else:
                geolocation = self.geolocation

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update(
                {
                    "countryCode": country_code,
                    "translations": translations,
                }
            )
            if postal_code is not UNSET:
                field_dict["postalCode"] = postal_code
            if geolocation is not UNSET:
                field_dict["geolocation"] = geolocation

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
            raise TypeError(f"must be an object (LocationInput), not {type(src_dict).__name__}")
        country_code = src_dict["countryCode"]
        if not isinstance(country_code, str):
            raise TypeError(f"countryCode must be str, not {type(country_code).__name__}")

        _raw_translations = src_dict["translations"]
        if not isinstance(_raw_translations, dict):
            raise TypeError(f"translations must be an object, not {type(_raw_translations).__name__}")
        try:
            translations = LocationTranslations.from_dict(_raw_translations)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "translations") from None

        _raw_postal_code = src_dict.get("postalCode", UNSET)
        try:
            postal_code = _raw_postal_code
            if postal_code is not None and postal_code is not UNSET and not isinstance(postal_code, str):
                raise TypeError(f"postalCode must be str or None, not {type(postal_code).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "postalCode") from None

        _raw_geolocation = src_dict.get("geolocation", UNSET)
        try:
            geolocation = _raw_geolocation
            if geolocation is not None and geolocation is not UNSET:
                if not isinstance(geolocation, dict):
                    raise TypeError(f"geolocation must be Geolocation or None, not {type(geolocation).__name__}")
                geolocation_type_0 = Geolocation.from_dict(geolocation)

                geolocation = geolocation_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "geolocation") from None

        unknown = len(src_dict) != 2 + (_raw_postal_code is not UNSET) + (_raw_geolocation is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            country_code,
            translations,
            postal_code,
            geolocation,
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
from ..models.geolocation import Geolocation  # noqa: E402
from ..models.location_translations import LocationTranslations  # noqa: E402
