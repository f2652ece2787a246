# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from enum import StrEnum
from typing import ClassVar, cast

from ..types import has_utf8_form, note_unknown_enum_value

# Unknown values remembered per enum, so that the same one is the same object; beyond this many a
# server inventing values cannot grow memory without bound (later ones are still accepted).
_MAX_REMEMBERED_UNKNOWN = 256


class AppointmentEventType(StrEnum):
    ACCEPT = "ACCEPT"
    CANCEL = "CANCEL"
    COMPLETE = "COMPLETE"
    CREATE = "CREATE"
    CREATE_REQUEST = "CREATE_REQUEST"
    GENERIC_UPDATE = "GENERIC_UPDATE"
    REASSIGN = "REASSIGN"
    REOPEN = "REOPEN"
    REQUEST_ALTERNATIVE_DATE = "REQUEST_ALTERNATIVE_DATE"
    RESCHEDULE = "RESCHEDULE"
    RESCHEDULE_REQUEST = "RESCHEDULE_REQUEST"

    # Known members, by wire value (set below the class).
    _by_value: ClassVar[dict[str, "AppointmentEventType"]]
    # The unknown values seen so far, kept apart from the members so that each reading of one calls
    # _missing_, which counts it (`engage.spec_drift` then looks for it: `_runtime/lenient.py`).
    _unknown: ClassVar[dict[str, "AppointmentEventType"]]

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "AppointmentEventType":
        """The member for a wire value: a lookup for the known ones, a new value otherwise."""
        return cls._by_value.get(value) or cls(value)

    @property
    def is_known(self) -> bool:
        """Whether this value is one the API's documentation lists."""
        return self._name_ in type(self).__members__

    @classmethod
    def _missing_(cls, value: object) -> "AppointmentEventType | None":
        # Forward compatibility: accept any string.
        if not isinstance(value, str):
            return None
        note_unknown_enum_value()
        remembered = cls._unknown.get(value)
        if remembered is not None:
            return remembered
        unknown = str.__new__(cls, value)
        unknown._name_ = value
        unknown._value_ = value
        if len(cls._unknown) >= _MAX_REMEMBERED_UNKNOWN or not has_utf8_form(value):
            return unknown
        return cls._unknown.setdefault(value, unknown)


# The enum's own value map: Enum() lookups share it.
AppointmentEventType._by_value = cast(dict[str, AppointmentEventType], AppointmentEventType._value2member_map_)
AppointmentEventType._unknown = {}
