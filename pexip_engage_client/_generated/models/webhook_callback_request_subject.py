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

T = TypeVar("T", bound="WebhookCallbackRequestSubject")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "externalId",
        "enabledForCustomerUse",
        "enabledForInternalUse",
        "order",
        "cancellationByAgentForm",
        "cancellationByCustomerForm",
        "completionByAgentForm",
        "questionnaireForm",
        "subjectGroup",
        "translations",
        "createdAt",
        "updatedAt",
        "deletedAt",
    )
)


@_attrs_define
class WebhookCallbackRequestSubject:
    """The subject of a callback request (forms as references). The update event's page documents
    the properties up to `completionByAgentForm`, where it is cut before that property's flags
    (so it is modelled like its two siblings, but not required); the others come from the
    create event's example.

        Attributes:
            id (str):
            external_id (str):
            enabled_for_customer_use (bool):
            enabled_for_internal_use (bool):
            order (int):
            cancellation_by_agent_form (None | ResourceId):
            cancellation_by_customer_form (None | ResourceId):
            completion_by_agent_form (None | ResourceId | Unset):
            questionnaire_form (None | ResourceId | Unset):
            subject_group (WebhookCallbackRequestSubjectGroup | Unset): The subject's group, as a callback-request event
                carries it (shown only by the example).
            translations (WebhookCallbackRequestSubjectTranslations | Unset):
            created_at (datetime.datetime | Unset):
            updated_at (datetime.datetime | Unset):
            deleted_at (datetime.datetime | None | Unset):
    """

    id: str
    external_id: str
    enabled_for_customer_use: bool
    enabled_for_internal_use: bool
    order: int
    cancellation_by_agent_form: None | ResourceId
    cancellation_by_customer_form: None | ResourceId
    completion_by_agent_form: None | ResourceId | Unset = UNSET
    questionnaire_form: None | ResourceId | Unset = UNSET
    subject_group: WebhookCallbackRequestSubjectGroup | Unset = UNSET
    translations: WebhookCallbackRequestSubjectTranslations | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    deleted_at: datetime.datetime | None | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "id",
        "externalId",
        "enabledForCustomerUse",
        "enabledForInternalUse",
        "order",
        "cancellationByAgentForm",
        "cancellationByCustomerForm",
        "completionByAgentForm",
        "questionnaireForm",
        "subjectGroup",
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

            external_id = self.external_id

            enabled_for_customer_use = self.enabled_for_customer_use

            enabled_for_internal_use = self.enabled_for_internal_use

            order = self.order

            cancellation_by_agent_form: dict[str, Any] | None
            if isinstance(self.cancellation_by_agent_form, ResourceId):
                cancellation_by_agent_form = self.cancellation_by_agent_form.to_dict()
            else:
                cancellation_by_agent_form = self.cancellation_by_agent_form

            cancellation_by_customer_form: dict[str, Any] | None
            if isinstance(self.cancellation_by_customer_form, ResourceId):
                cancellation_by_customer_form = self.cancellation_by_customer_form.to_dict()
            else:
                cancellation_by_customer_form = self.cancellation_by_customer_form

            completion_by_agent_form: dict[str, Any] | None | Unset
            if isinstance(self.completion_by_agent_form, Unset):
                completion_by_agent_form = UNSET
            elif isinstance(self.completion_by_agent_form, ResourceId):
                completion_by_agent_form = self.completion_by_agent_form.to_dict()
            else:
                completion_by_agent_form = self.completion_by_agent_form

            questionnaire_form: dict[str, Any] | None | Unset
            if isinstance(self.questionnaire_form, Unset):
                questionnaire_form = UNSET
            elif isinstance(self.questionnaire_form, ResourceId):
                questionnaire_form = self.questionnaire_form.to_dict()
            else:
                questionnaire_form = self.questionnaire_form

            subject_group: dict[str, Any] | Unset = UNSET
            if not isinstance(self.subject_group, Unset):
                subject_group = self.subject_group.to_dict()

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
                    "externalId": external_id,
                    "enabledForCustomerUse": enabled_for_customer_use,
                    "enabledForInternalUse": enabled_for_internal_use,
                    "order": order,
                    "cancellationByAgentForm": cancellation_by_agent_form,
                    "cancellationByCustomerForm": cancellation_by_customer_form,
                }
            )
            if completion_by_agent_form is not UNSET:
                field_dict["completionByAgentForm"] = completion_by_agent_form
            if questionnaire_form is not UNSET:
                field_dict["questionnaireForm"] = questionnaire_form
            if subject_group is not UNSET:
                field_dict["subjectGroup"] = subject_group
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
            raise TypeError(f"must be an object (WebhookCallbackRequestSubject), not {type(src_dict).__name__}")
        id = src_dict["id"]
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        external_id = src_dict["externalId"]
        if not isinstance(external_id, str):
            raise TypeError(f"externalId must be str, not {type(external_id).__name__}")

        enabled_for_customer_use = src_dict["enabledForCustomerUse"]
        if not isinstance(enabled_for_customer_use, bool):
            raise TypeError(f"enabledForCustomerUse must be bool, not {type(enabled_for_customer_use).__name__}")

        enabled_for_internal_use = src_dict["enabledForInternalUse"]
        if not isinstance(enabled_for_internal_use, bool):
            raise TypeError(f"enabledForInternalUse must be bool, not {type(enabled_for_internal_use).__name__}")

        order = src_dict["order"]
        if isinstance(order, bool) or not isinstance(order, int):
            raise TypeError(f"order must be int, not {type(order).__name__}")

        _raw_cancellation_by_agent_form = src_dict["cancellationByAgentForm"]
        try:
            cancellation_by_agent_form = _raw_cancellation_by_agent_form
            if cancellation_by_agent_form is not None:
                if not isinstance(cancellation_by_agent_form, dict):
                    raise TypeError(
                        f"cancellationByAgentForm must be ResourceId or None, not {type(cancellation_by_agent_form).__name__}"
                    )
                cancellation_by_agent_form_type_0 = ResourceId.from_dict(cancellation_by_agent_form)

                cancellation_by_agent_form = cancellation_by_agent_form_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "cancellationByAgentForm") from None

        _raw_cancellation_by_customer_form = src_dict["cancellationByCustomerForm"]
        try:
            cancellation_by_customer_form = _raw_cancellation_by_customer_form
            if cancellation_by_customer_form is not None:
                if not isinstance(cancellation_by_customer_form, dict):
                    raise TypeError(
                        f"cancellationByCustomerForm must be ResourceId or None, not {type(cancellation_by_customer_form).__name__}"
                    )
                cancellation_by_customer_form_type_0 = ResourceId.from_dict(cancellation_by_customer_form)

                cancellation_by_customer_form = cancellation_by_customer_form_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "cancellationByCustomerForm") from None

        _raw_completion_by_agent_form = src_dict.get("completionByAgentForm", UNSET)
        try:
            completion_by_agent_form = _raw_completion_by_agent_form
            if completion_by_agent_form is not None and completion_by_agent_form is not UNSET:
                if not isinstance(completion_by_agent_form, dict):
                    raise TypeError(
                        f"completionByAgentForm must be ResourceId or None, not {type(completion_by_agent_form).__name__}"
                    )
                completion_by_agent_form_type_0 = ResourceId.from_dict(completion_by_agent_form)

                completion_by_agent_form = completion_by_agent_form_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "completionByAgentForm") from None

        _raw_questionnaire_form = src_dict.get("questionnaireForm", UNSET)
        try:
            questionnaire_form = _raw_questionnaire_form
            if questionnaire_form is not None and questionnaire_form is not UNSET:
                if not isinstance(questionnaire_form, dict):
                    raise TypeError(
                        f"questionnaireForm must be ResourceId or None, not {type(questionnaire_form).__name__}"
                    )
                questionnaire_form_type_0 = ResourceId.from_dict(questionnaire_form)

                questionnaire_form = questionnaire_form_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "questionnaireForm") from None

        _raw_subject_group = src_dict.get("subjectGroup", UNSET)
        check_json_type(_raw_subject_group, (dict, Unset), "subjectGroup", "an object")
        try:
            _subject_group = _raw_subject_group
            subject_group: WebhookCallbackRequestSubjectGroup | Unset
            if isinstance(_subject_group, Unset):
                subject_group = UNSET
            else:
                subject_group = WebhookCallbackRequestSubjectGroup.from_dict(_subject_group)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "subjectGroup") from None

        _raw_translations = src_dict.get("translations", UNSET)
        check_json_type(_raw_translations, (dict, Unset), "translations", "an object")
        try:
            _translations = _raw_translations
            translations: WebhookCallbackRequestSubjectTranslations | Unset
            if isinstance(_translations, Unset):
                translations = UNSET
            else:
                translations = WebhookCallbackRequestSubjectTranslations.from_dict(_translations)

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

        unknown = len(src_dict) != 7 + (_raw_completion_by_agent_form is not UNSET) + (
            _raw_questionnaire_form is not UNSET
        ) + (_raw_subject_group is not UNSET) + (_raw_translations is not UNSET) + (_raw_created_at is not UNSET) + (
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
            enabled_for_customer_use,
            enabled_for_internal_use,
            order,
            cancellation_by_agent_form,
            cancellation_by_customer_form,
            completion_by_agent_form,
            questionnaire_form,
            subject_group,
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
from ..models.resource_id import ResourceId  # noqa: E402
from ..models.webhook_callback_request_subject_group import WebhookCallbackRequestSubjectGroup  # noqa: E402
from ..models.webhook_callback_request_subject_translations import WebhookCallbackRequestSubjectTranslations  # noqa: E402
