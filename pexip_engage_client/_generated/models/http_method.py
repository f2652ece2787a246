# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from enum import StrEnum
from typing import ClassVar, cast

from ..types import has_utf8_form

# Unknown values remembered per enum, so that the same one is the same object; beyond this many a
# server inventing values cannot grow memory without bound (later ones are still accepted).
_MAX_REMEMBERED_UNKNOWN = 256


class HttpMethod(StrEnum):
    DELETE = "DELETE"
    GET = "GET"
    PATCH = "PATCH"
    POST = "POST"
    PUT = "PUT"

    # Known members and the unknown values seen so far, by wire value (set below the class).
    _by_value: ClassVar[dict[str, "HttpMethod"]]

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "HttpMethod":
        """The member for a wire value: a lookup for the known ones, a new value otherwise."""
        return cls._by_value.get(value) or cls(value)

    @property
    def is_known(self) -> bool:
        """Whether this value is one the API's documentation lists."""
        return self._name_ in type(self).__members__

    @classmethod
    def _missing_(cls, value: object) -> "HttpMethod | None":
        # Forward compatibility: accept any string.
        if not isinstance(value, str):
            return None
        unknown = str.__new__(cls, value)
        unknown._name_ = value
        unknown._value_ = value
        if len(cls._by_value) - len(cls.__members__) >= _MAX_REMEMBERED_UNKNOWN or not has_utf8_form(value):
            return unknown
        return cls._by_value.setdefault(value, unknown)


# The enum's own value map: Enum() lookups and _missing_ share it.
HttpMethod._by_value = cast(dict[str, HttpMethod], HttpMethod._value2member_map_)
