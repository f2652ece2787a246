from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, check_json_type

if TYPE_CHECKING:
    from ..models.geolocation import Geolocation
    from ..models.location_translations import LocationTranslations


T = TypeVar("T", bound="LocationInput")


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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False

    def to_dict(self) -> dict[str, Any]:
        from ..models.geolocation import Geolocation  # noqa: PLC0415

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

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.geolocation import Geolocation  # noqa: PLC0415
        from ..models.location_translations import LocationTranslations  # noqa: PLC0415

        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"LocationInput must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)
        country_code = d.pop("countryCode")
        if not isinstance(country_code, str):
            raise TypeError(f"countryCode must be str, not {type(country_code).__name__}")

        _raw_translations = d.pop("translations")
        check_json_type(_raw_translations, dict, "translations", "an object")
        translations = LocationTranslations.from_dict(_raw_translations)

        def _parse_postal_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"postalCode: {type(data).__name__} matches no allowed type")

        postal_code = _parse_postal_code(d.pop("postalCode", UNSET))

        def _parse_geolocation(data: object) -> Geolocation | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"geolocation: {type(data).__name__} matches no allowed type")
            geolocation_type_0 = Geolocation.from_dict(data)

            return geolocation_type_0

        geolocation = _parse_geolocation(d.pop("geolocation", UNSET))

        location_input = cls(
            country_code=country_code,
            translations=translations,
            postal_code=postal_code,
            geolocation=geolocation,
        )

        location_input.additional_properties = d
        return location_input

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
