# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `fetch_configuration_header` (see `__init__.py`)."""

import msgspec


class FetchConfigurationHeaderWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"name": "name"}
):
    """The typed form of `FetchConfigurationHeader`."""

    name: str
