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

T = TypeVar("T", bound="WebhookCallbackRequest")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "status",
        "subject",
        "office",
    )
)


@_attrs_define
class WebhookCallbackRequest:
    """The callback request as an event carries it. The page is cut inside `subject`; `office`
    comes from the create event's example (nullable like `subject`, which is not shown).

        Attributes:
            id (str):
            status (str):
            subject (None | WebhookCallbackRequestSubject):
            office (None | Unset | WebhookOffice):
    """

    id: str
    status: str
    subject: None | WebhookCallbackRequestSubject
    office: None | Unset | WebhookOffice = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "id",
        "status",
        "subject",
        "office",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            id = self.id

            status = self.status

            subject: dict[str, Any] | None
            if isinstance(self.subject, WebhookCallbackRequestSubject):
                subject = self.subject.to_dict()
            else:
                subject = self.subject

            office: dict[str, Any] | None | Unset
            if isinstance(self.office, Unset):
                office = UNSET
            elif isinstance(self.office, WebhookOffice):
                office = self.office.to_dict()
            else:
                office = self.office

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update(
                {
                    "id": id,
                    "status": status,
                    "subject": subject,
                }
            )
            if office is not UNSET:
                field_dict["office"] = office

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
            raise TypeError(f"must be an object (WebhookCallbackRequest), not {type(src_dict).__name__}")
        id = src_dict["id"]
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        status = src_dict["status"]
        if not isinstance(status, str):
            raise TypeError(f"status must be str, not {type(status).__name__}")

        _raw_subject = src_dict["subject"]
        try:
            subject = _raw_subject
            if subject is not None:
                if not isinstance(subject, dict):
                    raise TypeError(
                        f"subject must be WebhookCallbackRequestSubject or None, not {type(subject).__name__}"
                    )
                subject_type_0 = WebhookCallbackRequestSubject.from_dict(subject)

                subject = subject_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "subject") from None

        _raw_office = src_dict.get("office", UNSET)
        try:
            office = _raw_office
            if office is not None and office is not UNSET:
                if not isinstance(office, dict):
                    raise TypeError(f"office must be WebhookOffice or None, not {type(office).__name__}")
                office_type_0 = WebhookOffice.from_dict(office)

                office = office_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "office") from None

        unknown = len(src_dict) != 3 + (_raw_office is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            id,
            status,
            subject,
            office,
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
from ..models.webhook_callback_request_subject import WebhookCallbackRequestSubject  # noqa: E402
from ..models.webhook_office import WebhookOffice  # noqa: E402
