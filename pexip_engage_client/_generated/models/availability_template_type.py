from enum import StrEnum


class AvailabilityTemplateType(StrEnum):
    DAY = "DAY"
    WEEK = "WEEK"

    def __str__(self) -> str:
        return str(self.value)

    @property
    def is_known(self) -> bool:
        """Whether this value is one the API's documentation lists."""
        return self._name_ in type(self).__members__

    @classmethod
    def _missing_(cls, value: object) -> "AvailabilityTemplateType | None":
        # Forward compatibility: accept any string, once per value (so `is` and hashing behave).
        if not isinstance(value, str):
            return None
        unknown = str.__new__(cls, value)
        unknown._name_ = value
        unknown._value_ = value
        return cls._value2member_map_.setdefault(value, unknown)  # type: ignore[return-value]
