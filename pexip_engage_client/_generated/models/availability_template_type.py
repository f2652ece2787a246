from enum import StrEnum


class AvailabilityTemplateType(StrEnum):
    DAY = "DAY"
    WEEK = "WEEK"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "AvailabilityTemplateType":
        """The member for a wire value: a lookup for the known ones, a new value otherwise."""
        member = cls._value2member_map_.get(value)
        return member if isinstance(member, cls) else cls(value)

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
