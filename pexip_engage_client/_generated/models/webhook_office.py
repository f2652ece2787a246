# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    check_fields,
    check_json_type,
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

T = TypeVar("T", bound="WebhookOffice")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "active",
        "email",
        "externalId",
        "phoneNumber",
        "timeZone",
        "usesIndependentAgents",
        "virtual",
        "location",
        "translations",
    )
)


@_attrs_define
class WebhookOffice:
    """The office, as events carry it. The appointment event's page shows a closed object with an
    `externalId` of at most 255 characters, a `location` and `translations`; the other
    properties come from the callback-request example. Which are required is not shown; `id`
    is.

        Attributes:
            id (str):
            active (bool | Unset):
            email (None | str | Unset):
            external_id (None | str | Unset):
            phone_number (None | str | Unset):
            time_zone (str | Unset):
            uses_independent_agents (bool | Unset):
            virtual (bool | Unset):
            location (None | Unset | WebhookOfficeLocation):
            translations (WebhookOfficeTranslations | Unset): Every translation of an office's name, description, directions
                and parking information.
    """

    id: str
    active: bool | Unset = UNSET
    email: None | str | Unset = UNSET
    external_id: None | str | Unset = UNSET
    phone_number: None | str | Unset = UNSET
    time_zone: str | Unset = UNSET
    uses_independent_agents: bool | Unset = UNSET
    virtual: bool | Unset = UNSET
    location: None | Unset | WebhookOfficeLocation = UNSET
    translations: WebhookOfficeTranslations | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "id",
        "active",
        "email",
        "externalId",
        "phoneNumber",
        "timeZone",
        "usesIndependentAgents",
        "virtual",
        "location",
        "translations",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            id = self.id

            active = self.active

            email: None | str | Unset
            if isinstance(self.email, Unset):
                email = UNSET
            else:
                email = self.email

            external_id: None | str | Unset
            if isinstance(self.external_id, Unset):
                external_id = UNSET
            else:
                external_id = self.external_id

            phone_number: None | str | Unset
            if isinstance(self.phone_number, Unset):
                phone_number = UNSET
            else:
                phone_number = self.phone_number

            time_zone = self.time_zone

            uses_independent_agents = self.uses_independent_agents

            virtual = self.virtual

            location: dict[str, Any] | None | Unset
            if isinstance(self.location, Unset):
                location = UNSET
            elif isinstance(self.location, WebhookOfficeLocation):
                location = self.location.to_dict()
            else:
                location = self.location

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
            if active is not UNSET:
                field_dict["active"] = active
            if email is not UNSET:
                field_dict["email"] = email
            if external_id is not UNSET:
                field_dict["externalId"] = external_id
            if phone_number is not UNSET:
                field_dict["phoneNumber"] = phone_number
            if time_zone is not UNSET:
                field_dict["timeZone"] = time_zone
            if uses_independent_agents is not UNSET:
                field_dict["usesIndependentAgents"] = uses_independent_agents
            if virtual is not UNSET:
                field_dict["virtual"] = virtual
            if location is not UNSET:
                field_dict["location"] = location
            if translations is not UNSET:
                field_dict["translations"] = translations

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
            raise TypeError(f"must be an object (WebhookOffice), not {type(src_dict).__name__}")
        id = src_dict["id"]
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        _raw_active = src_dict.get("active", UNSET)
        active = _raw_active
        if active is not UNSET and not isinstance(active, bool):
            raise TypeError(f"active must be bool, not {type(active).__name__}")

        _raw_email = src_dict.get("email", UNSET)
        try:
            email = _raw_email
            if email is not None and email is not UNSET and not isinstance(email, str):
                raise TypeError(f"email must be str or None, not {type(email).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "email") from None

        _raw_external_id = src_dict.get("externalId", UNSET)
        try:
            external_id = _raw_external_id
            if external_id is not None and external_id is not UNSET and not isinstance(external_id, str):
                raise TypeError(f"externalId must be str or None, not {type(external_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "externalId") from None

        _raw_phone_number = src_dict.get("phoneNumber", UNSET)
        try:
            phone_number = _raw_phone_number
            if phone_number is not None and phone_number is not UNSET and not isinstance(phone_number, str):
                raise TypeError(f"phoneNumber must be str or None, not {type(phone_number).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "phoneNumber") from None

        _raw_time_zone = src_dict.get("timeZone", UNSET)
        time_zone = _raw_time_zone
        if time_zone is not UNSET and not isinstance(time_zone, str):
            raise TypeError(f"timeZone must be str, not {type(time_zone).__name__}")

        _raw_uses_independent_agents = src_dict.get("usesIndependentAgents", UNSET)
        uses_independent_agents = _raw_uses_independent_agents
        if uses_independent_agents is not UNSET and not isinstance(uses_independent_agents, bool):
            raise TypeError(f"usesIndependentAgents must be bool, not {type(uses_independent_agents).__name__}")

        _raw_virtual = src_dict.get("virtual", UNSET)
        virtual = _raw_virtual
        if virtual is not UNSET and not isinstance(virtual, bool):
            raise TypeError(f"virtual must be bool, not {type(virtual).__name__}")

        _raw_location = src_dict.get("location", UNSET)
        try:
            location = _raw_location
            if location is not None and location is not UNSET:
                if not isinstance(location, dict):
                    raise TypeError(f"location must be WebhookOfficeLocation or None, not {type(location).__name__}")
                location_type_0 = WebhookOfficeLocation.from_dict(location)

                location = location_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "location") from None

        _raw_translations = src_dict.get("translations", UNSET)
        check_json_type(_raw_translations, (dict, Unset), "translations", "an object")
        try:
            _translations = _raw_translations
            translations: WebhookOfficeTranslations | Unset
            if isinstance(_translations, Unset):
                translations = UNSET
            else:
                translations = WebhookOfficeTranslations.from_dict(_translations)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "translations") from None

        unknown = len(src_dict) != 1 + (_raw_active is not UNSET) + (_raw_email is not UNSET) + (
            _raw_external_id is not UNSET
        ) + (_raw_phone_number is not UNSET) + (_raw_time_zone is not UNSET) + (
            _raw_uses_independent_agents is not UNSET
        ) + (_raw_virtual is not UNSET) + (_raw_location is not UNSET) + (_raw_translations is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            id,
            active,
            email,
            external_id,
            phone_number,
            time_zone,
            uses_independent_agents,
            virtual,
            location,
            translations,
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
from ..models.webhook_office_location import WebhookOfficeLocation  # noqa: E402
from ..models.webhook_office_translations import WebhookOfficeTranslations  # noqa: E402
