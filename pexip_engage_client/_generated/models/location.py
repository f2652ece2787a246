from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, check_json_type

if TYPE_CHECKING:
    from ..models.geolocation import Geolocation
    from ..models.location_translations import LocationTranslations
    from ..models.translated_value import TranslatedValue


T = TypeVar("T", bound="Location")


@_attrs_define
class Location:
    """A postal address with its geolocation, as the API returns it.

    Attributes:
        city (None | TranslatedValue):
        state (None | TranslatedValue):
        street1 (None | TranslatedValue):
        street2 (None | TranslatedValue):
        country_code (str): ISO 3166-1 alpha-2 country code.
        formatted_address (str):
        geolocation (Geolocation):
        translations (LocationTranslations): Every translation of a location's translatable properties.
        postal_code (None | str | Unset):
    """

    city: None | TranslatedValue
    state: None | TranslatedValue
    street1: None | TranslatedValue
    street2: None | TranslatedValue
    country_code: str
    formatted_address: str
    geolocation: Geolocation
    translations: LocationTranslations
    postal_code: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True

    def to_dict(self) -> dict[str, Any]:
        from ..models.translated_value import TranslatedValue  # noqa: PLC0415

        city: dict[str, Any] | None
        if isinstance(self.city, TranslatedValue):
            city = self.city.to_dict()
        else:
            city = self.city

        state: dict[str, Any] | None
        if isinstance(self.state, TranslatedValue):
            state = self.state.to_dict()
        else:
            state = self.state

        street1: dict[str, Any] | None
        if isinstance(self.street1, TranslatedValue):
            street1 = self.street1.to_dict()
        else:
            street1 = self.street1

        street2: dict[str, Any] | None
        if isinstance(self.street2, TranslatedValue):
            street2 = self.street2.to_dict()
        else:
            street2 = self.street2

        country_code = self.country_code

        formatted_address = self.formatted_address

        geolocation = self.geolocation.to_dict()

        translations = self.translations.to_dict()

        postal_code: None | str | Unset
        if isinstance(self.postal_code, Unset):
            postal_code = UNSET
        else:
            postal_code = self.postal_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "city": city,
                "state": state,
                "street1": street1,
                "street2": street2,
                "countryCode": country_code,
                "formattedAddress": formatted_address,
                "geolocation": geolocation,
                "translations": translations,
            }
        )
        if postal_code is not UNSET:
            field_dict["postalCode"] = postal_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.geolocation import Geolocation  # noqa: PLC0415
        from ..models.location_translations import LocationTranslations  # noqa: PLC0415
        from ..models.translated_value import TranslatedValue  # noqa: PLC0415

        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"Location must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)

        def _parse_city(data: object) -> None | TranslatedValue:
            if data is None:
                return data
            if not isinstance(data, dict):
                raise TypeError(f"city: {type(data).__name__} matches no allowed type")
            city_type_0 = TranslatedValue.from_dict(data)

            return city_type_0

        city = _parse_city(d.pop("city"))

        def _parse_state(data: object) -> None | TranslatedValue:
            if data is None:
                return data
            if not isinstance(data, dict):
                raise TypeError(f"state: {type(data).__name__} matches no allowed type")
            state_type_0 = TranslatedValue.from_dict(data)

            return state_type_0

        state = _parse_state(d.pop("state"))

        def _parse_street1(data: object) -> None | TranslatedValue:
            if data is None:
                return data
            if not isinstance(data, dict):
                raise TypeError(f"street1: {type(data).__name__} matches no allowed type")
            street1_type_0 = TranslatedValue.from_dict(data)

            return street1_type_0

        street1 = _parse_street1(d.pop("street1"))

        def _parse_street2(data: object) -> None | TranslatedValue:
            if data is None:
                return data
            if not isinstance(data, dict):
                raise TypeError(f"street2: {type(data).__name__} matches no allowed type")
            street2_type_0 = TranslatedValue.from_dict(data)

            return street2_type_0

        street2 = _parse_street2(d.pop("street2"))

        country_code = d.pop("countryCode")
        if not isinstance(country_code, str):
            raise TypeError(f"countryCode must be str, not {type(country_code).__name__}")

        formatted_address = d.pop("formattedAddress")
        if not isinstance(formatted_address, str):
            raise TypeError(f"formattedAddress must be str, not {type(formatted_address).__name__}")

        _raw_geolocation = d.pop("geolocation")
        check_json_type(_raw_geolocation, dict, "geolocation", "an object")
        geolocation = Geolocation.from_dict(_raw_geolocation)

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

        location = cls(
            city=city,
            state=state,
            street1=street1,
            street2=street2,
            country_code=country_code,
            formatted_address=formatted_address,
            geolocation=geolocation,
            translations=translations,
            postal_code=postal_code,
        )

        location.additional_properties = d
        return location

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
