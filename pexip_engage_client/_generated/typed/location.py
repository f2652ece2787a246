# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `location` (see `__init__.py`)."""

import msgspec

from . import ABSENT
from .geolocation import GeolocationWire
from .location_translations import LocationTranslationsWire
from .translated_value import TranslatedValueWire


class LocationWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "city": "city",
        "state": "state",
        "street1": "street1",
        "street2": "street2",
        "country_code": "countryCode",
        "formatted_address": "formattedAddress",
        "geolocation": "geolocation",
        "translations": "translations",
        "postal_code": "postalCode",
    },
):
    """The typed form of `Location`."""

    city: TranslatedValueWire | None
    state: TranslatedValueWire | None
    street1: TranslatedValueWire | None
    street2: TranslatedValueWire | None
    country_code: str
    formatted_address: str
    geolocation: GeolocationWire
    translations: LocationTranslationsWire
    postal_code: str | None = ABSENT
