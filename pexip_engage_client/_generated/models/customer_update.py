# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.language import Language
from ..types import (
    UNSET,
    Unset,
    check_fields,
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

T = TypeVar("T", bound="CustomerUpdate")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "externalId",
        "customerNumber",
        "email",
        "firstName",
        "lastName",
        "company",
        "language",
        "notes",
        "phoneNumber",
        "existing",
        "timeZone",
        "location",
    )
)


@_attrs_define
class CustomerUpdate:
    """The properties to change; absent ones are left as they are and `null` clears one. The
    copied page is cut inside `location.translations` after `state`.

        Attributes:
            external_id (None | str | Unset):
            customer_number (None | str | Unset):
            email (None | str | Unset):
            first_name (None | str | Unset):
            last_name (None | str | Unset):
            company (None | str | Unset):
            language (Language | None | Unset):
            notes (None | str | Unset):
            phone_number (None | str | Unset):
            existing (bool | None | Unset):
            time_zone (None | str | Unset):
            location (LocationInput | None | Unset):
    """

    external_id: None | str | Unset = UNSET
    customer_number: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    first_name: None | str | Unset = UNSET
    last_name: None | str | Unset = UNSET
    company: None | str | Unset = UNSET
    language: Language | None | Unset = UNSET
    notes: None | str | Unset = UNSET
    phone_number: None | str | Unset = UNSET
    existing: bool | None | Unset = UNSET
    time_zone: None | str | Unset = UNSET
    location: LocationInput | None | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "externalId",
        "customerNumber",
        "email",
        "firstName",
        "lastName",
        "company",
        "language",
        "notes",
        "phoneNumber",
        "existing",
        "timeZone",
        "location",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
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

            existing: bool | None | Unset
            if isinstance(self.existing, Unset):
                existing = UNSET
            else:
                existing = self.existing

            time_zone: None | str | Unset
            if isinstance(self.time_zone, Unset):
                time_zone = UNSET
            else:
                time_zone = self.time_zone

            location: dict[str, Any] | None | Unset
            if isinstance(self.location, Unset):
                location = UNSET
            elif isinstance(self.location, LocationInput):
                location = self.location.to_dict()
            else:
                location = self.location

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update({})
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
            if existing is not UNSET:
                field_dict["existing"] = existing
            if time_zone is not UNSET:
                field_dict["timeZone"] = time_zone
            if location is not UNSET:
                field_dict["location"] = location

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
            raise TypeError(f"must be an object (CustomerUpdate), not {type(src_dict).__name__}")
        _raw_external_id = src_dict.get("externalId", UNSET)
        try:
            external_id = _raw_external_id
            if external_id is not None and external_id is not UNSET and not isinstance(external_id, str):
                raise TypeError(f"externalId must be str or None, not {type(external_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "externalId") from None

        _raw_customer_number = src_dict.get("customerNumber", UNSET)
        try:
            customer_number = _raw_customer_number
            if customer_number is not None and customer_number is not UNSET and not isinstance(customer_number, str):
                raise TypeError(f"customerNumber must be str or None, not {type(customer_number).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "customerNumber") from None

        _raw_email = src_dict.get("email", UNSET)
        try:
            email = _raw_email
            if email is not None and email is not UNSET and not isinstance(email, str):
                raise TypeError(f"email must be str or None, not {type(email).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "email") from None

        _raw_first_name = src_dict.get("firstName", UNSET)
        try:
            first_name = _raw_first_name
            if first_name is not None and first_name is not UNSET and not isinstance(first_name, str):
                raise TypeError(f"firstName must be str or None, not {type(first_name).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "firstName") from None

        _raw_last_name = src_dict.get("lastName", UNSET)
        try:
            last_name = _raw_last_name
            if last_name is not None and last_name is not UNSET and not isinstance(last_name, str):
                raise TypeError(f"lastName must be str or None, not {type(last_name).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "lastName") from None

        _raw_company = src_dict.get("company", UNSET)
        try:
            company = _raw_company
            if company is not None and company is not UNSET and not isinstance(company, str):
                raise TypeError(f"company must be str or None, not {type(company).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "company") from None

        _raw_language = src_dict.get("language", UNSET)
        try:
            language = _raw_language
            if language is not None and language is not UNSET:
                if not isinstance(language, str):
                    raise TypeError(f"language must be Language or None, not {type(language).__name__}")
                language_type_0 = language
                language_type_0 = Language._by_value.get(language_type_0) or Language(language_type_0)

                language = language_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "language") from None

        _raw_notes = src_dict.get("notes", UNSET)
        try:
            notes = _raw_notes
            if notes is not None and notes is not UNSET and not isinstance(notes, str):
                raise TypeError(f"notes must be str or None, not {type(notes).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "notes") from None

        _raw_phone_number = src_dict.get("phoneNumber", UNSET)
        try:
            phone_number = _raw_phone_number
            if phone_number is not None and phone_number is not UNSET and not isinstance(phone_number, str):
                raise TypeError(f"phoneNumber must be str or None, not {type(phone_number).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "phoneNumber") from None

        _raw_existing = src_dict.get("existing", UNSET)
        try:
            existing = _raw_existing
            if existing is not None and existing is not UNSET and not isinstance(existing, bool):
                raise TypeError(f"existing must be bool or None, not {type(existing).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "existing") from None

        _raw_time_zone = src_dict.get("timeZone", UNSET)
        try:
            time_zone = _raw_time_zone
            if time_zone is not None and time_zone is not UNSET and not isinstance(time_zone, str):
                raise TypeError(f"timeZone must be str or None, not {type(time_zone).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "timeZone") from None

        _raw_location = src_dict.get("location", UNSET)
        try:
            location = _raw_location
            if location is not None and location is not UNSET:
                if not isinstance(location, dict):
                    raise TypeError(f"location must be LocationInput or None, not {type(location).__name__}")
                location_type_0 = LocationInput.from_dict(location)

                location = location_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "location") from None

        unknown = len(src_dict) != 0 + (_raw_external_id is not UNSET) + (_raw_customer_number is not UNSET) + (
            _raw_email is not UNSET
        ) + (_raw_first_name is not UNSET) + (_raw_last_name is not UNSET) + (_raw_company is not UNSET) + (
            _raw_language is not UNSET
        ) + (_raw_notes is not UNSET) + (_raw_phone_number is not UNSET) + (_raw_existing is not UNSET) + (
            _raw_time_zone is not UNSET
        ) + (_raw_location is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            external_id,
            customer_number,
            email,
            first_name,
            last_name,
            company,
            language,
            notes,
            phone_number,
            existing,
            time_zone,
            location,
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
from ..models.location_input import LocationInput  # noqa: E402
