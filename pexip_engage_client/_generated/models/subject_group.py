from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, check_json_type

if TYPE_CHECKING:
    from ..models.subject_group_translations import SubjectGroupTranslations
    from ..models.translated_value import TranslatedValue


T = TypeVar("T", bound="SubjectGroup")


@_attrs_define
class SubjectGroup:
    """A group of subjects. Modelled from the documentation's examples.

    Attributes:
        id (str):
        color (None | str | Unset): Display colour, as a CSS hex colour.
        order (int | None | Unset):
        external_id (None | str | Unset):
        image (None | str | Unset):
        name (None | TranslatedValue | Unset):
        created_at (datetime.datetime | Unset):
        updated_at (datetime.datetime | Unset):
        deleted_at (datetime.datetime | None | Unset):
        translations (SubjectGroupTranslations | Unset):
    """

    id: str
    color: None | str | Unset = UNSET
    order: int | None | Unset = UNSET
    external_id: None | str | Unset = UNSET
    image: None | str | Unset = UNSET
    name: None | TranslatedValue | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    deleted_at: datetime.datetime | None | Unset = UNSET
    translations: SubjectGroupTranslations | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True

    def to_dict(self) -> dict[str, Any]:
        from ..models.translated_value import TranslatedValue  # noqa: PLC0415

        id = self.id

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

        name: dict[str, Any] | None | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        elif isinstance(self.name, TranslatedValue):
            name = self.name.to_dict()
        else:
            name = self.name

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        deleted_at: None | str | Unset
        if isinstance(self.deleted_at, Unset):
            deleted_at = UNSET
        elif isinstance(self.deleted_at, datetime.datetime):
            deleted_at = self.deleted_at.isoformat()
        else:
            deleted_at = self.deleted_at

        translations: dict[str, Any] | Unset = UNSET
        if not isinstance(self.translations, Unset):
            translations = self.translations.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if color is not UNSET:
            field_dict["color"] = color
        if order is not UNSET:
            field_dict["order"] = order
        if external_id is not UNSET:
            field_dict["externalId"] = external_id
        if image is not UNSET:
            field_dict["image"] = image
        if name is not UNSET:
            field_dict["name"] = name
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if deleted_at is not UNSET:
            field_dict["deletedAt"] = deleted_at
        if translations is not UNSET:
            field_dict["translations"] = translations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.subject_group_translations import SubjectGroupTranslations  # noqa: PLC0415
        from ..models.translated_value import TranslatedValue  # noqa: PLC0415

        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"SubjectGroup must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)
        id = d.pop("id")
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

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

        def _parse_name(data: object) -> None | TranslatedValue | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"name: {type(data).__name__} matches no allowed type")
            name_type_0 = TranslatedValue.from_dict(data)

            return name_type_0

        name = _parse_name(d.pop("name", UNSET))

        _created_at = d.pop("createdAt", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updatedAt", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        def _parse_deleted_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError(f"deletedAt: {type(data).__name__} matches no allowed type")
            deleted_at_type_0 = datetime.datetime.fromisoformat(data)

            return deleted_at_type_0

        deleted_at = _parse_deleted_at(d.pop("deletedAt", UNSET))

        _raw_translations = d.pop("translations", UNSET)
        check_json_type(_raw_translations, (dict, Unset), "translations", "an object")
        _translations = _raw_translations
        translations: SubjectGroupTranslations | Unset
        if isinstance(_translations, Unset):
            translations = UNSET
        else:
            translations = SubjectGroupTranslations.from_dict(_translations)

        subject_group = cls(
            id=id,
            color=color,
            order=order,
            external_id=external_id,
            image=image,
            name=name,
            created_at=created_at,
            updated_at=updated_at,
            deleted_at=deleted_at,
            translations=translations,
        )

        subject_group.additional_properties = d
        return subject_group

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
