# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `fetch_configuration_mapping` (see `__init__.py`)."""

import msgspec

from . import ABSENT


class FetchConfigurationMappingWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"source_property": "sourceProperty", "target_property": "targetProperty"},
):
    """The typed form of `FetchConfigurationMapping`."""

    source_property: str = ABSENT
    target_property: str = ABSENT
