# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `time_range_availability_setting` (see `__init__.py`)."""

import msgspec

from .reference import ReferenceWire
from .subject_availability_settings import SubjectAvailabilitySettingsWire


class TimeRangeAvailabilitySettingWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "force_manual_accept": "forceManualAccept",
        "overrides_default": "overridesDefault",
        "availability_time_range": "availabilityTimeRange",
        "office": "office",
        "subject_availability_settings": "subjectAvailabilitySettings",
    },
):
    """The typed form of `TimeRangeAvailabilitySetting`."""

    force_manual_accept: bool
    overrides_default: bool
    availability_time_range: ReferenceWire
    office: ReferenceWire
    subject_availability_settings: list[SubjectAvailabilitySettingsWire]
