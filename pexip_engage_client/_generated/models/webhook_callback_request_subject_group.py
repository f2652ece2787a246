# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    check_fields,
    check_json_type,
    field_datetime,
    in_field,
    model_html,
    model_json,
    model_pretty,
    model_record,
    model_repr,
    model_state,
    note_unknown_field,
    raise_misfits,
    set_model_state,
    unread_fields,
    unreadable_field,
    unreadable_to_dict,
)

T = TypeVar("T", bound="WebhookCallbackRequestSubjectGroup")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "externalId",
        "order",
        "color",
        "image",
        "translations",
        "createdAt",
        "updatedAt",
        "deletedAt",
    )
)


@_attrs_define
class WebhookCallbackRequestSubjectGroup:
    """The subject's group, as a callback-request event carries it (shown only by the example).

    Attributes:
        id (str):
        external_id (None | str | Unset):
        order (int | Unset):
        color (None | str | Unset):
        image (None | str | Unset):
        translations (WebhookSubjectGroupTranslations | Unset): A subject group's translations (closed; `name` comes
            from the example).
        created_at (datetime.datetime | Unset):
        updated_at (datetime.datetime | Unset):
        deleted_at (datetime.datetime | None | Unset):
    """

    id: str
    external_id: None | str | Unset = UNSET
    order: int | Unset = UNSET
    color: None | str | Unset = UNSET
    image: None | str | Unset = UNSET
    translations: WebhookSubjectGroupTranslations | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    deleted_at: datetime.datetime | None | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "id",
        "externalId",
        "order",
        "color",
        "image",
        "translations",
        "createdAt",
        "updatedAt",
        "deletedAt",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            id = self.id

            external_id: None | str | Unset
            if isinstance(self.external_id, Unset):
                external_id = UNSET
            else:
                external_id = self.external_id

            order = self.order

            color: None | str | Unset
            if isinstance(self.color, Unset):
                color = UNSET
            else:
                color = self.color

            image: None | str | Unset
            if isinstance(self.image, Unset):
                image = UNSET
            else:
                image = self.image

            translations: dict[str, Any] | Unset = UNSET
            if not isinstance(self.translations, Unset):
                translations = self.translations.to_dict()

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

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update(
                {
                    "id": id,
                }
            )
            if external_id is not UNSET:
                field_dict["externalId"] = external_id
            if order is not UNSET:
                field_dict["order"] = order
            if color is not UNSET:
                field_dict["color"] = color
            if image is not UNSET:
                field_dict["image"] = image
            if translations is not UNSET:
                field_dict["translations"] = translations
            if created_at is not UNSET:
                field_dict["createdAt"] = created_at
            if updated_at is not UNSET:
                field_dict["updatedAt"] = updated_at
            if deleted_at is not UNSET:
                field_dict["deletedAt"] = deleted_at

            return field_dict

        except (AttributeError, TypeError):  # pexip: a field given a value of the wrong type is named
            if unread_fields(self):  # pexip: a field check_fields does not check (a const) left unreadable
                return unreadable_to_dict(self)
            raise_misfits(self)
            raise

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"must be an object (WebhookCallbackRequestSubjectGroup), not {type(src_dict).__name__}")
        id = src_dict["id"]
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        _raw_external_id = src_dict.get("externalId", UNSET)
        try:
            external_id = _raw_external_id
            if external_id is not None and external_id is not UNSET and not isinstance(external_id, str):
                raise TypeError(f"externalId must be str or None, not {type(external_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "externalId") from None

        _raw_order = src_dict.get("order", UNSET)
        order = _raw_order
        if order is not UNSET and (isinstance(order, bool) or not isinstance(order, int)):
            raise TypeError(f"order must be int, not {type(order).__name__}")

        _raw_color = src_dict.get("color", UNSET)
        try:
            color = _raw_color
            if color is not None and color is not UNSET and not isinstance(color, str):
                raise TypeError(f"color must be str or None, not {type(color).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "color") from None

        _raw_image = src_dict.get("image", UNSET)
        try:
            image = _raw_image
            if image is not None and image is not UNSET and not isinstance(image, str):
                raise TypeError(f"image must be str or None, not {type(image).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "image") from None

        _raw_translations = src_dict.get("translations", UNSET)
        check_json_type(_raw_translations, (dict, Unset), "translations", "an object")
        try:
            _translations = _raw_translations
            translations: WebhookSubjectGroupTranslations | Unset
            if isinstance(_translations, Unset):
                translations = UNSET
            else:
                translations = WebhookSubjectGroupTranslations.from_dict(_translations)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "translations") from None

        _raw_created_at = src_dict.get("createdAt", UNSET)
        _created_at = _raw_created_at
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = field_datetime(_created_at, "createdAt")

        _raw_updated_at = src_dict.get("updatedAt", UNSET)
        _updated_at = _raw_updated_at
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = field_datetime(_updated_at, "updatedAt")

        _raw_deleted_at = src_dict.get("deletedAt", UNSET)
        try:
            deleted_at = _raw_deleted_at
            if deleted_at is not None and deleted_at is not UNSET:
                if not isinstance(deleted_at, str | datetime.datetime):
                    raise TypeError(f"deletedAt must be datetime.datetime or None, not {type(deleted_at).__name__}")
                deleted_at_type_0 = field_datetime(deleted_at, "deletedAt_type_0")

                deleted_at = deleted_at_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "deletedAt") from None

        unknown = len(src_dict) != 1 + (_raw_external_id is not UNSET) + (_raw_order is not UNSET) + (
            _raw_color is not UNSET
        ) + (_raw_image is not UNSET) + (_raw_translations is not UNSET) + (_raw_created_at is not UNSET) + (
            _raw_updated_at is not UNSET
        ) + (_raw_deleted_at is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()

        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            id,
            external_id,
            order,
            color,
            image,
            translations,
            created_at,
            updated_at,
            deleted_at,
            additional_properties,
        )

    if not TYPE_CHECKING:  # pexip: hidden from type checkers, which would then accept any attribute name
        # pexip: a field an answer left unreadable raises UnreadableFieldError when read (_runtime/lenient.py)
        def __getattr__(self, name: str) -> Any:
            raise unreadable_field(self, name)

    # pexip: pickled and copied without the fields an answer left unreadable
    def __getstate__(self) -> dict[str, Any]:
        return model_state(self)

    def __setstate__(self, state: dict[str, Any]) -> None:
        set_model_state(self, state)

    # pexip: the fields that were set, key fields first, enums by value (see _views/_models.py)
    def __repr__(self) -> str:
        return model_repr(self)

    # pexip: IPython and Jupyter show the same fields a line each
    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        model_pretty(self, printer, cycle)

    # pexip: Jupyter shows a table of the same fields
    def _repr_html_(self) -> str:
        return model_html(self)

    # pexip: the wire form as JSON text
    def to_json(self, *, indent: int | None = None) -> str:
        """The model as the API's JSON text: `to_dict()`'s camelCase keys and ISO date-times."""
        return model_json(self, indent)

    # pexip: a row for a DataFrame
    def to_record(self) -> dict[str, Any]:
        """Every field by its Python (snake_case) name, unset ones as None, with real `datetime`s and
        `date`s, enums as their values and nested models as records: `pandas.DataFrame(rows)` ready."""
        return model_record(self)

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


# Imported last: models that refer to each other are defined before either needs the other.
from ..models.webhook_subject_group_translations import WebhookSubjectGroupTranslations  # noqa: E402
