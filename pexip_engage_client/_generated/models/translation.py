from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.language import Language

T = TypeVar("T", bound="Translation")


@_attrs_define
class Translation:
    """One language's value of a translatable property.

    Attributes:
        language (Language): ISO 639-1 code of a language the enterprise can translate into.
        value (str):
    """

    language: Language
    value: str

    def to_dict(self) -> dict[str, Any]:
        language = self.language.value

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "language": language,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        language = Language(d.pop("language"))

        value = d.pop("value")

        translation = cls(
            language=language,
            value=value,
        )

        return translation
