from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, check_json_type

if TYPE_CHECKING:
    from ..models.name_translations_input import NameTranslationsInput


T = TypeVar("T", bound="SubjectGroupCreate")


@_attrs_define
class SubjectGroupCreate:
    """
    Attributes:
        translations (NameTranslationsInput):
        external_id (None | str | Unset):
        image (None | str | Unset):
        color (None | str | Unset):  Default: '#89d0c1'.
        order (int | None | Unset):  Default: 0.
    """

    translations: NameTranslationsInput
    external_id: None | str | Unset = UNSET
    image: None | str | Unset = UNSET
    color: None | str | Unset = "#89d0c1"
    order: int | None | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False

    def to_dict(self) -> dict[str, Any]:
        translations = self.translations.to_dict()

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        image: None | str | Unset
        if isinstance(self.image, Unset):
            image = UNSET
        else:
            image = self.image

        color: None | str | Unset
        if isinstance(self.color, Unset):
            color = UNSET
        else:
            color = self.color

        order: int | None | Unset
        if isinstance(self.order, Unset):
            order = UNSET
        else:
            order = self.order

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "translations": translations,
            }
        )
        if external_id is not UNSET:
            field_dict["externalId"] = external_id
        if image is not UNSET:
            field_dict["image"] = image
        if color is not UNSET:
            field_dict["color"] = color
        if order is not UNSET:
            field_dict["order"] = order

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.name_translations_input import NameTranslationsInput  # noqa: PLC0415

        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"SubjectGroupCreate must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)
        _raw_translations = d.pop("translations")
        check_json_type(_raw_translations, dict, "translations", "an object")
        translations = NameTranslationsInput.from_dict(_raw_translations)

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"externalId: {type(data).__name__} matches no allowed type")

        external_id = _parse_external_id(d.pop("externalId", UNSET))

        def _parse_image(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"image: {type(data).__name__} matches no allowed type")

        image = _parse_image(d.pop("image", UNSET))

        def _parse_color(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"color: {type(data).__name__} matches no allowed type")

        color = _parse_color(d.pop("color", UNSET))

        def _parse_order(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (int,)) and not isinstance(data, bool):
                return cast(int | None | Unset, data)
            raise TypeError(f"order: {type(data).__name__} matches no allowed type")

        order = _parse_order(d.pop("order", UNSET))

        subject_group_create = cls(
            translations=translations,
            external_id=external_id,
            image=image,
            color=color,
            order=order,
        )

        subject_group_create.additional_properties = d
        return subject_group_create

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
