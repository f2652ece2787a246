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

T = TypeVar("T", bound="WebhookAppointment")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "subject",
        "office",
        "updatedAt",
        "appointmentParticipants",
    )
)


@_attrs_define
class WebhookAppointment:
    """The appointment as an event carries it. The page shows `appointment` as "one of" several
    shapes but renders only the first, cut inside its participants; that shape is modelled,
    and whatever else the event carries is kept as received.

        Attributes:
            id (str):
            subject (WebhookAppointmentSubject): The appointment's subject, as an appointment event carries it (forms by
                their IDs).
            office (WebhookOffice): The office, as events carry it. The appointment event's page shows a closed object with
                an
                `externalId` of at most 255 characters, a `location` and `translations`; the other
                properties come from the callback-request example. Which are required is not shown; `id`
                is.
            updated_at (datetime.datetime | Unset): When the appointment last changed: the webhooks topic page names it as
                the field to
                order an appointment's events by (each change to the appointment updates it). The event
                page's excerpt is cut before it, so it is optional here.
            appointment_participants (list[WebhookCustomerParticipant | WebhookEmployeeParticipant |
                WebhookOtherParticipant] | Unset): Each participant is an employee or a customer, told apart by `type` (the
                documented
                variants); a participant of any other type is kept as a `WebhookOtherParticipant`.
    """

    id: str
    subject: WebhookAppointmentSubject
    office: WebhookOffice
    updated_at: datetime.datetime | Unset = UNSET
    appointment_participants: (
        list[WebhookCustomerParticipant | WebhookEmployeeParticipant | WebhookOtherParticipant] | Unset
    ) = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "id",
        "subject",
        "office",
        "updatedAt",
        "appointmentParticipants",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            id = self.id

            subject = self.subject.to_dict()

            office = self.office.to_dict()

            updated_at: str | Unset = UNSET
            if not isinstance(self.updated_at, Unset):
                updated_at = self.updated_at.isoformat()

            appointment_participants: list[dict[str, Any]] | Unset = UNSET
            if not isinstance(self.appointment_participants, Unset):
                appointment_participants = []
                for appointment_participants_item_data in self.appointment_participants:
                    appointment_participants_item: dict[str, Any]
                    if isinstance(appointment_participants_item_data, WebhookEmployeeParticipant):
                        appointment_participants_item = appointment_participants_item_data.to_dict()
                    elif isinstance(appointment_participants_item_data, WebhookCustomerParticipant):
                        appointment_participants_item = appointment_participants_item_data.to_dict()
                    else:
                        appointment_participants_item = appointment_participants_item_data.to_dict()

                    appointment_participants.append(appointment_participants_item)

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update(
                {
                    "id": id,
                    "subject": subject,
                    "office": office,
                }
            )
            if updated_at is not UNSET:
                field_dict["updatedAt"] = updated_at
            if appointment_participants is not UNSET:
                field_dict["appointmentParticipants"] = appointment_participants

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
            raise TypeError(f"must be an object (WebhookAppointment), not {type(src_dict).__name__}")
        id = src_dict["id"]
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        _raw_subject = src_dict["subject"]
        if not isinstance(_raw_subject, dict):
            raise TypeError(f"subject must be an object, not {type(_raw_subject).__name__}")
        try:
            subject = WebhookAppointmentSubject.from_dict(_raw_subject)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "subject") from None

        _raw_office = src_dict["office"]
        if not isinstance(_raw_office, dict):
            raise TypeError(f"office must be an object, not {type(_raw_office).__name__}")
        try:
            office = WebhookOffice.from_dict(_raw_office)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "office") from None

        _raw_updated_at = src_dict.get("updatedAt", UNSET)
        _updated_at = _raw_updated_at
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = field_datetime(_updated_at, "updatedAt")

        _raw_appointment_participants = src_dict.get("appointmentParticipants", UNSET)
        check_json_type(_raw_appointment_participants, (list, Unset), "appointmentParticipants", "an array")
        try:
            _appointment_participants = _raw_appointment_participants
            appointment_participants: (
                list[WebhookCustomerParticipant | WebhookEmployeeParticipant | WebhookOtherParticipant] | Unset
            ) = UNSET
            if _appointment_participants is not UNSET:
                appointment_participants = []
                for appointment_participants_item_data in _appointment_participants:

                    def _parse_appointment_participants_item(
                        data: object,
                    ) -> WebhookCustomerParticipant | WebhookEmployeeParticipant | WebhookOtherParticipant:
                        mismatches: list[str] = []
                        try:
                            if not isinstance(data, dict):
                                raise TypeError(f"{type(data).__name__} is not the member's JSON type")
                            appointment_participants_item_type_0 = WebhookEmployeeParticipant.from_dict(data)

                            return appointment_participants_item_type_0
                        except (TypeError, ValueError, AttributeError, KeyError) as mismatch:
                            mismatches.append(f"WebhookEmployeeParticipant: {mismatch!r}")
                        try:
                            if not isinstance(data, dict):
                                raise TypeError(f"{type(data).__name__} is not the member's JSON type")
                            appointment_participants_item_type_1 = WebhookCustomerParticipant.from_dict(data)

                            return appointment_participants_item_type_1
                        except (TypeError, ValueError, AttributeError, KeyError) as mismatch:
                            mismatches.append(f"WebhookCustomerParticipant: {mismatch!r}")
                        if isinstance(data, Mapping) and data.get("type") in (
                            "EMPLOYEE",
                            "CUSTOMER",
                        ):
                            raise TypeError(
                                f"appointmentParticipants_item matches none of its shapes: {'; '.join(mismatches)}"
                            )
                        try:
                            if not isinstance(data, dict):
                                raise TypeError(f"{type(data).__name__} is not the member's JSON type")
                            appointment_participants_item_type_2 = WebhookOtherParticipant.from_dict(data)

                            return appointment_participants_item_type_2
                        except (TypeError, ValueError, AttributeError, KeyError) as mismatch:
                            mismatches.append(f"WebhookOtherParticipant: {mismatch!r}")
                        raise TypeError(
                            f"appointmentParticipants_item matches none of its shapes: {'; '.join(mismatches)}"
                        )

                    appointment_participants_item = _parse_appointment_participants_item(
                        appointment_participants_item_data
                    )

                    appointment_participants.append(appointment_participants_item)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "appointmentParticipants", appointment_participants) from None

        unknown = len(src_dict) != 3 + (_raw_updated_at is not UNSET) + (_raw_appointment_participants is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()

        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            id,
            subject,
            office,
            updated_at,
            appointment_participants,
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
from ..models.webhook_appointment_subject import WebhookAppointmentSubject  # noqa: E402
from ..models.webhook_customer_participant import WebhookCustomerParticipant  # noqa: E402
from ..models.webhook_employee_participant import WebhookEmployeeParticipant  # noqa: E402
from ..models.webhook_office import WebhookOffice  # noqa: E402
from ..models.webhook_other_participant import WebhookOtherParticipant  # noqa: E402
