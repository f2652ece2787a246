# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.employee_role import EmployeeRole
from ..models.employee_status import EmployeeStatus
from ..models.language import Language
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

T = TypeVar("T", bound="EmployeeUpdate")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "communicationEmail",
        "externalId",
        "username",
        "firstName",
        "lastName",
        "staticVideoUrl",
        "phoneNumber",
        "profilePictureUrl",
        "metadata",
        "email",
        "language",
        "languageExpertise",
        "timeZone",
        "availableRoles",
        "status",
        "onlinePlanning",
        "officeRelations",
        "translations",
    )
)


@_attrs_define
class EmployeeUpdate:
    """The properties to change; absent ones are left as they are.

    Attributes:
        communication_email (None | str | Unset):
        external_id (None | str | Unset):
        username (None | str | Unset):
        first_name (str | Unset):
        last_name (str | Unset):
        static_video_url (None | str | Unset):
        phone_number (None | str | Unset):
        profile_picture_url (None | str | Unset):
        metadata (Metadata | None | Unset):
        email (None | str | Unset):
        language (Language | None | Unset):
        language_expertise (list[Language] | None | Unset): The languages the employee can serve customers in. The
            documentation gives `[]` as this
            field's default; it is deliberately not a schema default here, because a PATCH that
            always sent `[]` would erase the employee's languages whenever another field changes.
        time_zone (None | str | Unset):
        available_roles (list[EmployeeRole] | None | Unset):
        status (EmployeeStatus | None | Unset):
        online_planning (bool | None | Unset):
        office_relations (list[OfficeRelationInput] | None | Unset):
        translations (EmployeeTranslationsInput | Unset): Every translation of the employee's translatable properties,
            per property name: `function`
            (the job title) is the one the documentation names; other properties are allowed.
    """

    communication_email: None | str | Unset = UNSET
    external_id: None | str | Unset = UNSET
    username: None | str | Unset = UNSET
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    static_video_url: None | str | Unset = UNSET
    phone_number: None | str | Unset = UNSET
    profile_picture_url: None | str | Unset = UNSET
    metadata: Metadata | None | Unset = UNSET
    email: None | str | Unset = UNSET
    language: Language | None | Unset = UNSET
    language_expertise: list[Language] | None | Unset = UNSET
    time_zone: None | str | Unset = UNSET
    available_roles: list[EmployeeRole] | None | Unset = UNSET
    status: EmployeeStatus | None | Unset = UNSET
    online_planning: bool | None | Unset = UNSET
    office_relations: list[OfficeRelationInput] | None | Unset = UNSET
    translations: EmployeeTranslationsInput | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "communicationEmail",
        "externalId",
        "username",
        "firstName",
        "lastName",
        "staticVideoUrl",
        "phoneNumber",
        "profilePictureUrl",
        "metadata",
        "email",
        "language",
        "languageExpertise",
        "timeZone",
        "availableRoles",
        "status",
        "onlinePlanning",
        "officeRelations",
        "translations",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            communication_email: None | str | Unset
            if isinstance(self.communication_email, Unset):
                communication_email = UNSET
            else:
                communication_email = self.communication_email

            external_id: None | str | Unset
            if isinstance(self.external_id, Unset):
                external_id = UNSET
            else:
                external_id = self.external_id

            username: None | str | Unset
            if isinstance(self.username, Unset):
                username = UNSET
            else:
                username = self.username

            first_name = self.first_name

            last_name = self.last_name

            static_video_url: None | str | Unset
            if isinstance(self.static_video_url, Unset):
                static_video_url = UNSET
            else:
                static_video_url = self.static_video_url

            phone_number: None | str | Unset
            if isinstance(self.phone_number, Unset):
                phone_number = UNSET
            else:
                phone_number = self.phone_number

            profile_picture_url: None | str | Unset
            if isinstance(self.profile_picture_url, Unset):
                profile_picture_url = UNSET
            else:
                profile_picture_url = self.profile_picture_url

            metadata: dict[str, Any] | None | Unset
            if isinstance(self.metadata, Unset):
                metadata = UNSET
            elif isinstance(self.metadata, Metadata):
                metadata = self.metadata.to_dict()
            else:
                metadata = self.metadata

            email: None | str | Unset
            if isinstance(self.email, Unset):
                email = UNSET
            else:
                email = self.email

            language: None | str | Unset
            if isinstance(self.language, Unset):
                language = UNSET
            elif isinstance(self.language, Language):
                language = self.language.value
            else:
                language = self.language

            language_expertise: list[str] | None | Unset
            if isinstance(self.language_expertise, Unset):
                language_expertise = UNSET
            elif isinstance(self.language_expertise, list):
                language_expertise = []
                for language_expertise_type_0_item_data in self.language_expertise:
                    language_expertise_type_0_item = language_expertise_type_0_item_data.value
                    language_expertise.append(language_expertise_type_0_item)

            else:
                language_expertise = self.language_expertise

            time_zone: None | str | Unset
            if isinstance(self.time_zone, Unset):
                time_zone = UNSET
            else:
                time_zone = self.time_zone

            available_roles: list[str] | None | Unset
            if isinstance(self.available_roles, Unset):
                available_roles = UNSET
            elif isinstance(self.available_roles, list):
                available_roles = []
                for available_roles_type_0_item_data in self.available_roles:
                    available_roles_type_0_item = available_roles_type_0_item_data.value
                    available_roles.append(available_roles_type_0_item)

            else:
                available_roles = self.available_roles

            status: None | str | Unset
            if isinstance(self.status, Unset):
                status = UNSET
            elif isinstance(self.status, EmployeeStatus):
                status = self.status.value
            else:
                status = self.status

            online_planning: bool | None | Unset
            if isinstance(self.online_planning, Unset):
                online_planning = UNSET
            else:
                online_planning = self.online_planning

            office_relations: list[dict[str, Any]] | None | Unset
            if isinstance(self.office_relations, Unset):
                office_relations = UNSET
            elif isinstance(self.office_relations, list):
                office_relations = []
                for office_relations_type_0_item_data in self.office_relations:
                    office_relations_type_0_item = office_relations_type_0_item_data.to_dict()
                    office_relations.append(office_relations_type_0_item)

            else:
                office_relations = self.office_relations

            translations: dict[str, Any] | Unset = UNSET
            if not isinstance(self.translations, Unset):
                translations = self.translations.to_dict()

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update({})
            if communication_email is not UNSET:
                field_dict["communicationEmail"] = communication_email
            if external_id is not UNSET:
                field_dict["externalId"] = external_id
            if username is not UNSET:
                field_dict["username"] = username
            if first_name is not UNSET:
                field_dict["firstName"] = first_name
            if last_name is not UNSET:
                field_dict["lastName"] = last_name
            if static_video_url is not UNSET:
                field_dict["staticVideoUrl"] = static_video_url
            if phone_number is not UNSET:
                field_dict["phoneNumber"] = phone_number
            if profile_picture_url is not UNSET:
                field_dict["profilePictureUrl"] = profile_picture_url
            if metadata is not UNSET:
                field_dict["metadata"] = metadata
            if email is not UNSET:
                field_dict["email"] = email
            if language is not UNSET:
                field_dict["language"] = language
            if language_expertise is not UNSET:
                field_dict["languageExpertise"] = language_expertise
            if time_zone is not UNSET:
                field_dict["timeZone"] = time_zone
            if available_roles is not UNSET:
                field_dict["availableRoles"] = available_roles
            if status is not UNSET:
                field_dict["status"] = status
            if online_planning is not UNSET:
                field_dict["onlinePlanning"] = online_planning
            if office_relations is not UNSET:
                field_dict["officeRelations"] = office_relations
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
            raise TypeError(f"must be an object (EmployeeUpdate), not {type(src_dict).__name__}")
        _raw_communication_email = src_dict.get("communicationEmail", UNSET)
        try:
            communication_email = _raw_communication_email
            if (
                communication_email is not None
                and communication_email is not UNSET
                and not isinstance(communication_email, str)
            ):
                raise TypeError(f"communicationEmail must be str or None, not {type(communication_email).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "communicationEmail") from None

        _raw_external_id = src_dict.get("externalId", UNSET)
        try:
            external_id = _raw_external_id
            if external_id is not None and external_id is not UNSET and not isinstance(external_id, str):
                raise TypeError(f"externalId must be str or None, not {type(external_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "externalId") from None

        _raw_username = src_dict.get("username", UNSET)
        try:
            username = _raw_username
            if username is not None and username is not UNSET and not isinstance(username, str):
                raise TypeError(f"username must be str or None, not {type(username).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "username") from None

        _raw_first_name = src_dict.get("firstName", UNSET)
        first_name = _raw_first_name
        if first_name is not UNSET and not isinstance(first_name, str):
            raise TypeError(f"firstName must be str, not {type(first_name).__name__}")

        _raw_last_name = src_dict.get("lastName", UNSET)
        last_name = _raw_last_name
        if last_name is not UNSET and not isinstance(last_name, str):
            raise TypeError(f"lastName must be str, not {type(last_name).__name__}")

        _raw_static_video_url = src_dict.get("staticVideoUrl", UNSET)
        try:
            static_video_url = _raw_static_video_url
            if static_video_url is not None and static_video_url is not UNSET and not isinstance(static_video_url, str):
                raise TypeError(f"staticVideoUrl must be str or None, not {type(static_video_url).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "staticVideoUrl") from None

        _raw_phone_number = src_dict.get("phoneNumber", UNSET)
        try:
            phone_number = _raw_phone_number
            if phone_number is not None and phone_number is not UNSET and not isinstance(phone_number, str):
                raise TypeError(f"phoneNumber must be str or None, not {type(phone_number).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "phoneNumber") from None

        _raw_profile_picture_url = src_dict.get("profilePictureUrl", UNSET)
        try:
            profile_picture_url = _raw_profile_picture_url
            if (
                profile_picture_url is not None
                and profile_picture_url is not UNSET
                and not isinstance(profile_picture_url, str)
            ):
                raise TypeError(f"profilePictureUrl must be str or None, not {type(profile_picture_url).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "profilePictureUrl") from None

        _raw_metadata = src_dict.get("metadata", UNSET)
        try:
            metadata = _raw_metadata
            if metadata is not None and metadata is not UNSET:
                if not isinstance(metadata, dict):
                    raise TypeError(f"metadata must be Metadata or None, not {type(metadata).__name__}")
                metadata_type_0 = Metadata.from_dict(metadata)

                metadata = metadata_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "metadata") from None

        _raw_email = src_dict.get("email", UNSET)
        try:
            email = _raw_email
            if email is not None and email is not UNSET and not isinstance(email, str):
                raise TypeError(f"email must be str or None, not {type(email).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "email") from None

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

        _raw_language_expertise = src_dict.get("languageExpertise", UNSET)
        try:
            language_expertise = _raw_language_expertise
            if language_expertise is not None and language_expertise is not UNSET:
                if not isinstance(language_expertise, list):
                    raise TypeError(
                        f"languageExpertise must be list[Language] or None, not {type(language_expertise).__name__}"
                    )
                language_expertise_type_0 = []
                _language_expertise_type_0 = language_expertise
                for language_expertise_type_0_item_data in _language_expertise_type_0:
                    language_expertise_type_0_item = language_expertise_type_0_item_data
                    language_expertise_type_0_item = Language._by_value.get(language_expertise_type_0_item) or Language(
                        language_expertise_type_0_item
                    )

                    language_expertise_type_0.append(language_expertise_type_0_item)

                language_expertise = language_expertise_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "languageExpertise", locals().get("language_expertise_type_0")) from None

        _raw_time_zone = src_dict.get("timeZone", UNSET)
        try:
            time_zone = _raw_time_zone
            if time_zone is not None and time_zone is not UNSET and not isinstance(time_zone, str):
                raise TypeError(f"timeZone must be str or None, not {type(time_zone).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "timeZone") from None

        _raw_available_roles = src_dict.get("availableRoles", UNSET)
        try:
            available_roles = _raw_available_roles
            if available_roles is not None and available_roles is not UNSET:
                if not isinstance(available_roles, list):
                    raise TypeError(
                        f"availableRoles must be list[EmployeeRole] or None, not {type(available_roles).__name__}"
                    )
                available_roles_type_0 = []
                _available_roles_type_0 = available_roles
                for available_roles_type_0_item_data in _available_roles_type_0:
                    available_roles_type_0_item = available_roles_type_0_item_data
                    available_roles_type_0_item = EmployeeRole._by_value.get(
                        available_roles_type_0_item
                    ) or EmployeeRole(available_roles_type_0_item)

                    available_roles_type_0.append(available_roles_type_0_item)

                available_roles = available_roles_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "availableRoles", locals().get("available_roles_type_0")) from None

        _raw_status = src_dict.get("status", UNSET)
        try:
            status = _raw_status
            if status is not None and status is not UNSET:
                if not isinstance(status, str):
                    raise TypeError(f"status must be EmployeeStatus or None, not {type(status).__name__}")
                status_type_0 = status
                status_type_0 = EmployeeStatus._by_value.get(status_type_0) or EmployeeStatus(status_type_0)

                status = status_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "status") from None

        _raw_online_planning = src_dict.get("onlinePlanning", UNSET)
        try:
            online_planning = _raw_online_planning
            if online_planning is not None and online_planning is not UNSET and not isinstance(online_planning, bool):
                raise TypeError(f"onlinePlanning must be bool or None, not {type(online_planning).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "onlinePlanning") from None

        _raw_office_relations = src_dict.get("officeRelations", UNSET)
        try:
            office_relations = _raw_office_relations
            if office_relations is not None and office_relations is not UNSET:
                if not isinstance(office_relations, list):
                    raise TypeError(
                        f"officeRelations must be list[OfficeRelationInput] or None, not {type(office_relations).__name__}"
                    )
                office_relations_type_0 = []
                _office_relations_type_0 = office_relations
                for office_relations_type_0_item_data in _office_relations_type_0:
                    office_relations_type_0_item = OfficeRelationInput.from_dict(office_relations_type_0_item_data)

                    office_relations_type_0.append(office_relations_type_0_item)

                office_relations = office_relations_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "officeRelations", locals().get("office_relations_type_0")) from None

        _raw_translations = src_dict.get("translations", UNSET)
        check_json_type(_raw_translations, (dict, Unset), "translations", "an object")
        try:
            _translations = _raw_translations
            translations: EmployeeTranslationsInput | Unset
            if isinstance(_translations, Unset):
                translations = UNSET
            else:
                translations = EmployeeTranslationsInput.from_dict(_translations)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "translations") from None

        unknown = len(src_dict) != 0 + (_raw_communication_email is not UNSET) + (_raw_external_id is not UNSET) + (
            _raw_username is not UNSET
        ) + (_raw_first_name is not UNSET) + (_raw_last_name is not UNSET) + (_raw_static_video_url is not UNSET) + (
            _raw_phone_number is not UNSET
        ) + (_raw_profile_picture_url is not UNSET) + (_raw_metadata is not UNSET) + (_raw_email is not UNSET) + (
            _raw_language is not UNSET
        ) + (_raw_language_expertise is not UNSET) + (_raw_time_zone is not UNSET) + (
            _raw_available_roles is not UNSET
        ) + (_raw_status is not UNSET) + (_raw_online_planning is not UNSET) + (_raw_office_relations is not UNSET) + (
            _raw_translations is not UNSET
        )
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            communication_email,
            external_id,
            username,
            first_name,
            last_name,
            static_video_url,
            phone_number,
            profile_picture_url,
            metadata,
            email,
            language,
            language_expertise,
            time_zone,
            available_roles,
            status,
            online_planning,
            office_relations,
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
from ..models.employee_translations_input import EmployeeTranslationsInput  # noqa: E402
from ..models.metadata import Metadata  # noqa: E402
from ..models.office_relation_input import OfficeRelationInput  # noqa: E402
