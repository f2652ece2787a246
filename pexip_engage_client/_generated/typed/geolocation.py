# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `geolocation` (see `__init__.py`)."""

import msgspec


class GeolocationWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"latitude": "latitude", "longitude": "longitude"},
):
    """The typed form of `Geolocation`."""

    latitude: int | float
    longitude: int | float
