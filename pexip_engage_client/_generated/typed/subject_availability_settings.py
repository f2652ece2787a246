# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `subject_availability_settings` (see `__init__.py`)."""

import msgspec

from .availability_setting import AvailabilitySettingWire
from .reference import ReferenceWire


class SubjectAvailabilitySettingsWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"subject": "subject", "availability_settings": "availabilitySettings"},
):
    """The typed form of `SubjectAvailabilitySettings`."""

    subject: ReferenceWire
    availability_settings: list[AvailabilitySettingWire]
