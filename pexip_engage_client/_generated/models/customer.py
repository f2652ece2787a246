from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.language import Language
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.location import Location


T = TypeVar("T", bound="Customer")


@_attrs_define
class Customer:
    """
    Attributes:
        id (str):
        existing (bool):
        time_zone (str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        deleted_at (datetime.datetime | None):
        external_id (None | str | Unset):
        customer_number (None | str | Unset):
        email (None | str | Unset):
        first_name (None | str | Unset):
        last_name (None | str | Unset):
        company (None | str | Unset):
        language (Language | None | Unset):
        notes (None | str | Unset):
        phone_number (None | str | Unset):
        location (Location | None | Unset):
    """

    id: str
    existing: bool
    time_zone: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    deleted_at: datetime.datetime | None
    external_id: None | str | Unset = UNSET
    customer_number: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    first_name: None | str | Unset = UNSET
    last_name: None | str | Unset = UNSET
    company: None | str | Unset = UNSET
    language: Language | None | Unset = UNSET
    notes: None | str | Unset = UNSET
    phone_number: None | str | Unset = UNSET
    location: Location | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False

    def to_dict(self) -> dict[str, Any]:
        from ..models.location import Location  # noqa: PLC0415

        id = self.id

        existing = self.existing

        time_zone = self.time_zone

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        deleted_at: None | str
        if isinstance(self.deleted_at, datetime.datetime):
            deleted_at = self.deleted_at.isoformat()
        else:
            deleted_at = self.deleted_at

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        customer_number: None | str | Unset
        if isinstance(self.customer_number, Unset):
            customer_number = UNSET
        else:
            customer_number = self.customer_number

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        first_name: None | str | Unset
        if isinstance(self.first_name, Unset):
            first_name = UNSET
        else:
            first_name = self.first_name

        last_name: None | str | Unset
        if isinstance(self.last_name, Unset):
            last_name = UNSET
        else:
            last_name = self.last_name

        company: None | str | Unset
        if isinstance(self.company, Unset):
            company = UNSET
        else:
            company = self.company

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, Language):
            language = self.language.value
        else:
            language = self.language

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        phone_number: None | str | Unset
        if isinstance(self.phone_number, Unset):
            phone_number = UNSET
        else:
            phone_number = self.phone_number

        location: dict[str, Any] | None | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        elif isinstance(self.location, Location):
            location = self.location.to_dict()
        else:
            location = self.location

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "existing": existing,
                "timeZone": time_zone,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "deletedAt": deleted_at,
            }
        )
        if external_id is not UNSET:
            field_dict["externalId"] = external_id
        if customer_number is not UNSET:
            field_dict["customerNumber"] = customer_number
        if email is not UNSET:
            field_dict["email"] = email
        if first_name is not UNSET:
            field_dict["firstName"] = first_name
        if last_name is not UNSET:
            field_dict["lastName"] = last_name
        if company is not UNSET:
            field_dict["company"] = company
        if language is not UNSET:
            field_dict["language"] = language
        if notes is not UNSET:
            field_dict["notes"] = notes
        if phone_number is not UNSET:
            field_dict["phoneNumber"] = phone_number
        if location is not UNSET:
            field_dict["location"] = location

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.location import Location  # noqa: PLC0415

        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"Customer must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)
        id = d.pop("id")
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        existing = d.pop("existing")
        if not isinstance(existing, bool):
            raise TypeError(f"existing must be bool, not {type(existing).__name__}")

        time_zone = d.pop("timeZone")
        if not isinstance(time_zone, str):
            raise TypeError(f"timeZone must be str, not {type(time_zone).__name__}")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        def _parse_deleted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            if not isinstance(data, str):
                raise TypeError(f"deletedAt: {type(data).__name__} matches no allowed type")
            deleted_at_type_0 = datetime.datetime.fromisoformat(data)

            return deleted_at_type_0

        deleted_at = _parse_deleted_at(d.pop("deletedAt"))

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"externalId: {type(data).__name__} matches no allowed type")

        external_id = _parse_external_id(d.pop("externalId", UNSET))

        def _parse_customer_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"customerNumber: {type(data).__name__} matches no allowed type")

        customer_number = _parse_customer_number(d.pop("customerNumber", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"email: {type(data).__name__} matches no allowed type")

        email = _parse_email(d.pop("email", UNSET))

        def _parse_first_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"firstName: {type(data).__name__} matches no allowed type")

        first_name = _parse_first_name(d.pop("firstName", UNSET))

        def _parse_last_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"lastName: {type(data).__name__} matches no allowed type")

        last_name = _parse_last_name(d.pop("lastName", UNSET))

        def _parse_company(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"company: {type(data).__name__} matches no allowed type")

        company = _parse_company(d.pop("company", UNSET))

        def _parse_language(data: object) -> Language | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError(f"language: {type(data).__name__} matches no allowed type")
            language_type_0 = Language.from_value(data)

            return language_type_0

        language = _parse_language(d.pop("language", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"notes: {type(data).__name__} matches no allowed type")

        notes = _parse_notes(d.pop("notes", UNSET))

        def _parse_phone_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"phoneNumber: {type(data).__name__} matches no allowed type")

        phone_number = _parse_phone_number(d.pop("phoneNumber", UNSET))

        def _parse_location(data: object) -> Location | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"location: {type(data).__name__} matches no allowed type")
            location_type_0 = Location.from_dict(data)

            return location_type_0

        location = _parse_location(d.pop("location", UNSET))

        customer = cls(
            id=id,
            existing=existing,
            time_zone=time_zone,
            created_at=created_at,
            updated_at=updated_at,
            deleted_at=deleted_at,
            external_id=external_id,
            customer_number=customer_number,
            email=email,
            first_name=first_name,
            last_name=last_name,
            company=company,
            language=language,
            notes=notes,
            phone_number=phone_number,
            location=location,
        )

        customer.additional_properties = d
        return customer

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
