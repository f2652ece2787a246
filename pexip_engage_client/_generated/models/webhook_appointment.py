from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, check_json_type

T = TypeVar("T", bound="WebhookAppointment")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "subject",
        "office",
        "appointmentParticipants",
    )
)


@_attrs_define
class WebhookAppointment:
    """The appointment as the event carries it. The documentation's schema is cut inside the
    participants; `subject`, `office` and the participants are kept as received.

        Attributes:
            id (str):
            subject (WebhookAppointmentSubject | Unset):
            office (WebhookAppointmentOffice | Unset):
            appointment_participants (list[WebhookAppointmentAppointmentParticipantsItem] | Unset):
    """

    id: str
    subject: WebhookAppointmentSubject | Unset = UNSET
    office: WebhookAppointmentOffice | Unset = UNSET
    appointment_participants: list[WebhookAppointmentAppointmentParticipantsItem] | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = True
    # pexip: each field's JSON name, in the constructor's order (the fast path's typed decoding reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "id",
        "subject",
        "office",
        "appointmentParticipants",
    )

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        subject: dict[str, Any] | Unset = UNSET
        if not isinstance(self.subject, Unset):
            subject = self.subject.to_dict()

        office: dict[str, Any] | Unset = UNSET
        if not isinstance(self.office, Unset):
            office = self.office.to_dict()

        appointment_participants: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.appointment_participants, Unset):
            appointment_participants = []
            for appointment_participants_item_data in self.appointment_participants:
                appointment_participants_item = appointment_participants_item_data.to_dict()
                appointment_participants.append(appointment_participants_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if subject is not UNSET:
            field_dict["subject"] = subject
        if office is not UNSET:
            field_dict["office"] = office
        if appointment_participants is not UNSET:
            field_dict["appointmentParticipants"] = appointment_participants

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            # pexip: a response body not decoded yet (see _decode.py) picks the fastest way to this model
            parse_as_model = getattr(src_dict, "parse_as_model", None)
            if parse_as_model is not None:
                return parse_as_model(cls)
            raise TypeError(f"WebhookAppointment must be an object, not {type(src_dict).__name__}")
        id = src_dict["id"]
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        _raw_subject = src_dict.get("subject", UNSET)
        check_json_type(_raw_subject, (dict, Unset), "subject", "an object")
        _subject = _raw_subject
        subject: WebhookAppointmentSubject | Unset
        if isinstance(_subject, Unset):
            subject = UNSET
        else:
            subject = WebhookAppointmentSubject.from_dict(_subject)

        _raw_office = src_dict.get("office", UNSET)
        check_json_type(_raw_office, (dict, Unset), "office", "an object")
        _office = _raw_office
        office: WebhookAppointmentOffice | Unset
        if isinstance(_office, Unset):
            office = UNSET
        else:
            office = WebhookAppointmentOffice.from_dict(_office)

        _raw_appointment_participants = src_dict.get("appointmentParticipants", UNSET)
        check_json_type(_raw_appointment_participants, (list, Unset), "appointmentParticipants", "an array")
        _appointment_participants = _raw_appointment_participants
        appointment_participants: list[WebhookAppointmentAppointmentParticipantsItem] | Unset = UNSET
        if _appointment_participants is not UNSET:
            appointment_participants = []
            for appointment_participants_item_data in _appointment_participants:
                appointment_participants_item = WebhookAppointmentAppointmentParticipantsItem.from_dict(
                    appointment_participants_item_data
                )

                appointment_participants.append(appointment_participants_item)

        unknown = len(src_dict) != 1 + (_raw_subject is not UNSET) + (_raw_office is not UNSET) + (
            _raw_appointment_participants is not UNSET
        )

        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            id,
            subject,
            office,
            appointment_participants,
            additional_properties,
        )

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
from ..models.webhook_appointment_appointment_participants_item import WebhookAppointmentAppointmentParticipantsItem  # noqa: E402
from ..models.webhook_appointment_office import WebhookAppointmentOffice  # noqa: E402
from ..models.webhook_appointment_subject import WebhookAppointmentSubject  # noqa: E402
