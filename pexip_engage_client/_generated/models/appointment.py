# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.actor_type import ActorType
from ..models.appointment_status import AppointmentStatus
from ..models.meeting_type import MeetingType
from ..models.origin import Origin
from ..types import (
    UNSET,
    Unset,
    check_fields,
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

T = TypeVar("T", bound="Appointment")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "id",
        "subject",
        "office",
        "appointmentParticipants",
        "answers",
        "meetingType",
        "status",
        "hybrid",
        "trailingBufferTime",
        "createdAt",
        "createdByType",
        "createdFrom",
        "updatedAt",
        "updatedByType",
        "updatedFrom",
        "externalId",
        "start",
        "end",
        "callbackRequest",
        "listing",
        "leadSegment",
        "meetingRoom",
        "internalNotes",
        "messageForCustomer",
        "createdBy",
        "updatedBy",
        "location",
    )
)


@_attrs_define
class Appointment:
    """
    Attributes:
        id (str):
        subject (Reference): A reference to another resource by its ID.
        office (Reference): A reference to another resource by its ID.
        appointment_participants (list[AppointmentParticipant]):
        answers (list[Answer]):
        meeting_type (MeetingType):
        status (AppointmentStatus):
        hybrid (bool):
        trailing_buffer_time (int): Minutes kept free after the appointment.
        created_at (datetime.datetime):
        created_by_type (ActorType): Who created or last updated a resource.
        created_from (Origin): The application a resource was created or last updated from.
        updated_at (datetime.datetime):
        updated_by_type (ActorType): Who created or last updated a resource.
        updated_from (Origin): The application a resource was created or last updated from.
        external_id (None | str | Unset):
        start (datetime.datetime | None | Unset):
        end (datetime.datetime | None | Unset):
        callback_request (None | Reference | Unset):
        listing (None | Reference | Unset):
        lead_segment (None | Reference | Unset):
        meeting_room (None | Reference | Unset):
        internal_notes (None | str | Unset):
        message_for_customer (None | str | Unset):
        created_by (None | Reference | Unset):
        updated_by (None | Reference | Unset):
        location (Location | None | Unset):
    """

    id: str
    subject: Reference
    office: Reference
    appointment_participants: list[AppointmentParticipant]
    answers: list[Answer]
    meeting_type: MeetingType
    status: AppointmentStatus
    hybrid: bool
    trailing_buffer_time: int
    created_at: datetime.datetime
    created_by_type: ActorType
    created_from: Origin
    updated_at: datetime.datetime
    updated_by_type: ActorType
    updated_from: Origin
    external_id: None | str | Unset = UNSET
    start: datetime.datetime | None | Unset = UNSET
    end: datetime.datetime | None | Unset = UNSET
    callback_request: None | Reference | Unset = UNSET
    listing: None | Reference | Unset = UNSET
    lead_segment: None | Reference | Unset = UNSET
    meeting_room: None | Reference | Unset = UNSET
    internal_notes: None | str | Unset = UNSET
    message_for_customer: None | str | Unset = UNSET
    created_by: None | Reference | Unset = UNSET
    updated_by: None | Reference | Unset = UNSET
    location: Location | None | Unset = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "id",
        "subject",
        "office",
        "appointmentParticipants",
        "answers",
        "meetingType",
        "status",
        "hybrid",
        "trailingBufferTime",
        "createdAt",
        "createdByType",
        "createdFrom",
        "updatedAt",
        "updatedByType",
        "updatedFrom",
        "externalId",
        "start",
        "end",
        "callbackRequest",
        "listing",
        "leadSegment",
        "meetingRoom",
        "internalNotes",
        "messageForCustomer",
        "createdBy",
        "updatedBy",
        "location",
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

            appointment_participants = []
            for appointment_participants_item_data in self.appointment_participants:
                appointment_participants_item = appointment_participants_item_data.to_dict()
                appointment_participants.append(appointment_participants_item)

            answers = []
            for answers_item_data in self.answers:
                answers_item = answers_item_data.to_dict()
                answers.append(answers_item)

            meeting_type = self.meeting_type.value

            status = self.status.value

            hybrid = self.hybrid

            trailing_buffer_time = self.trailing_buffer_time

            created_at = self.created_at.isoformat()

            created_by_type = self.created_by_type.value

            created_from = self.created_from.value

            updated_at = self.updated_at.isoformat()

            updated_by_type = self.updated_by_type.value

            updated_from = self.updated_from.value

            external_id: None | str | Unset
            if isinstance(self.external_id, Unset):
                external_id = UNSET
            else:
                external_id = self.external_id

            start: None | str | Unset
            if isinstance(self.start, Unset):
                start = UNSET
            elif isinstance(self.start, datetime.datetime):
                start = self.start.isoformat()
            else:
                start = self.start

            end: None | str | Unset
            if isinstance(self.end, Unset):
                end = UNSET
            elif isinstance(self.end, datetime.datetime):
                end = self.end.isoformat()
            else:
                end = self.end

            callback_request: dict[str, Any] | None | Unset
            if isinstance(self.callback_request, Unset):
                callback_request = UNSET
            elif isinstance(self.callback_request, Reference):
                callback_request = self.callback_request.to_dict()
            else:
                callback_request = self.callback_request

            listing: dict[str, Any] | None | Unset
            if isinstance(self.listing, Unset):
                listing = UNSET
            elif isinstance(self.listing, Reference):
                listing = self.listing.to_dict()
            else:
                listing = self.listing

            lead_segment: dict[str, Any] | None | Unset
            if isinstance(self.lead_segment, Unset):
                lead_segment = UNSET
            elif isinstance(self.lead_segment, Reference):
                lead_segment = self.lead_segment.to_dict()
            else:
                lead_segment = self.lead_segment

            meeting_room: dict[str, Any] | None | Unset
            if isinstance(self.meeting_room, Unset):
                meeting_room = UNSET
            elif isinstance(self.meeting_room, Reference):
                meeting_room = self.meeting_room.to_dict()
            else:
                meeting_room = self.meeting_room

            internal_notes: None | str | Unset
            if isinstance(self.internal_notes, Unset):
                internal_notes = UNSET
            else:
                internal_notes = self.internal_notes

            message_for_customer: None | str | Unset
            if isinstance(self.message_for_customer, Unset):
                message_for_customer = UNSET
            else:
                message_for_customer = self.message_for_customer

            created_by: dict[str, Any] | None | Unset
            if isinstance(self.created_by, Unset):
                created_by = UNSET
            elif isinstance(self.created_by, Reference):
                created_by = self.created_by.to_dict()
            else:
                created_by = self.created_by

            updated_by: dict[str, Any] | None | Unset
            if isinstance(self.updated_by, Unset):
                updated_by = UNSET
            elif isinstance(self.updated_by, Reference):
                updated_by = self.updated_by.to_dict()
            else:
                updated_by = self.updated_by

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
                    "subject": subject,
                    "office": office,
                    "appointmentParticipants": appointment_participants,
                    "answers": answers,
                    "meetingType": meeting_type,
                    "status": status,
                    "hybrid": hybrid,
                    "trailingBufferTime": trailing_buffer_time,
                    "createdAt": created_at,
                    "createdByType": created_by_type,
                    "createdFrom": created_from,
                    "updatedAt": updated_at,
                    "updatedByType": updated_by_type,
                    "updatedFrom": updated_from,
                }
            )
            if external_id is not UNSET:
                field_dict["externalId"] = external_id
            if start is not UNSET:
                field_dict["start"] = start
            if end is not UNSET:
                field_dict["end"] = end
            if callback_request is not UNSET:
                field_dict["callbackRequest"] = callback_request
            if listing is not UNSET:
                field_dict["listing"] = listing
            if lead_segment is not UNSET:
                field_dict["leadSegment"] = lead_segment
            if meeting_room is not UNSET:
                field_dict["meetingRoom"] = meeting_room
            if internal_notes is not UNSET:
                field_dict["internalNotes"] = internal_notes
            if message_for_customer is not UNSET:
                field_dict["messageForCustomer"] = message_for_customer
            if created_by is not UNSET:
                field_dict["createdBy"] = created_by
            if updated_by is not UNSET:
                field_dict["updatedBy"] = updated_by
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
            raise TypeError(f"must be an object (Appointment), not {type(src_dict).__name__}")
        id = src_dict["id"]
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        _raw_subject = src_dict["subject"]
        if not isinstance(_raw_subject, dict):
            raise TypeError(f"subject must be an object, not {type(_raw_subject).__name__}")
        try:
            subject = Reference.from_dict(_raw_subject)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "subject") from None

        _raw_office = src_dict["office"]
        if not isinstance(_raw_office, dict):
            raise TypeError(f"office must be an object, not {type(_raw_office).__name__}")
        try:
            office = Reference.from_dict(_raw_office)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "office") from None

        _raw_appointment_participants = src_dict["appointmentParticipants"]
        if not isinstance(_raw_appointment_participants, list):
            raise TypeError(
                f"appointmentParticipants must be an array, not {type(_raw_appointment_participants).__name__}"
            )
        try:
            appointment_participants = []
            _appointment_participants = _raw_appointment_participants
            for appointment_participants_item_data in _appointment_participants:
                appointment_participants_item = AppointmentParticipant.from_dict(appointment_participants_item_data)

                appointment_participants.append(appointment_participants_item)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "appointmentParticipants", appointment_participants) from None

        _raw_answers = src_dict["answers"]
        if not isinstance(_raw_answers, list):
            raise TypeError(f"answers must be an array, not {type(_raw_answers).__name__}")
        try:
            answers = []
            _answers = _raw_answers
            for answers_item_data in _answers:
                answers_item = Answer.from_dict(answers_item_data)

                answers.append(answers_item)

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "answers", answers) from None

        meeting_type = src_dict["meetingType"]
        meeting_type = MeetingType._by_value.get(meeting_type) or MeetingType(meeting_type)

        status = src_dict["status"]
        status = AppointmentStatus._by_value.get(status) or AppointmentStatus(status)

        hybrid = src_dict["hybrid"]
        if not isinstance(hybrid, bool):
            raise TypeError(f"hybrid must be bool, not {type(hybrid).__name__}")

        trailing_buffer_time = src_dict["trailingBufferTime"]
        if isinstance(trailing_buffer_time, bool) or not isinstance(trailing_buffer_time, int):
            raise TypeError(f"trailingBufferTime must be int, not {type(trailing_buffer_time).__name__}")

        created_at = field_datetime(src_dict["createdAt"], "createdAt")

        created_by_type = src_dict["createdByType"]
        created_by_type = ActorType._by_value.get(created_by_type) or ActorType(created_by_type)

        created_from = src_dict["createdFrom"]
        created_from = Origin._by_value.get(created_from) or Origin(created_from)

        updated_at = field_datetime(src_dict["updatedAt"], "updatedAt")

        updated_by_type = src_dict["updatedByType"]
        updated_by_type = ActorType._by_value.get(updated_by_type) or ActorType(updated_by_type)

        updated_from = src_dict["updatedFrom"]
        updated_from = Origin._by_value.get(updated_from) or Origin(updated_from)

        _raw_external_id = src_dict.get("externalId", UNSET)
        try:
            external_id = _raw_external_id
            if external_id is not None and external_id is not UNSET and not isinstance(external_id, str):
                raise TypeError(f"externalId must be str or None, not {type(external_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "externalId") from None

        _raw_start = src_dict.get("start", UNSET)
        try:
            start = _raw_start
            if start is not None and start is not UNSET:
                if not isinstance(start, str | datetime.datetime):
                    raise TypeError(f"start must be datetime.datetime or None, not {type(start).__name__}")
                start_type_0 = field_datetime(start, "start_type_0")

                start = start_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "start") from None

        _raw_end = src_dict.get("end", UNSET)
        try:
            end = _raw_end
            if end is not None and end is not UNSET:
                if not isinstance(end, str | datetime.datetime):
                    raise TypeError(f"end must be datetime.datetime or None, not {type(end).__name__}")
                end_type_0 = field_datetime(end, "end_type_0")

                end = end_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "end") from None

        _raw_callback_request = src_dict.get("callbackRequest", UNSET)
        try:
            callback_request = _raw_callback_request
            if callback_request is not None and callback_request is not UNSET:
                if not isinstance(callback_request, dict):
                    raise TypeError(f"callbackRequest must be Reference or None, not {type(callback_request).__name__}")
                callback_request_type_0 = Reference.from_dict(callback_request)

                callback_request = callback_request_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "callbackRequest") from None

        _raw_listing = src_dict.get("listing", UNSET)
        try:
            listing = _raw_listing
            if listing is not None and listing is not UNSET:
                if not isinstance(listing, dict):
                    raise TypeError(f"listing must be Reference or None, not {type(listing).__name__}")
                listing_type_0 = Reference.from_dict(listing)

                listing = listing_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "listing") from None

        _raw_lead_segment = src_dict.get("leadSegment", UNSET)
        try:
            lead_segment = _raw_lead_segment
            if lead_segment is not None and lead_segment is not UNSET:
                if not isinstance(lead_segment, dict):
                    raise TypeError(f"leadSegment must be Reference or None, not {type(lead_segment).__name__}")
                lead_segment_type_0 = Reference.from_dict(lead_segment)

                lead_segment = lead_segment_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "leadSegment") from None

        _raw_meeting_room = src_dict.get("meetingRoom", UNSET)
        try:
            meeting_room = _raw_meeting_room
            if meeting_room is not None and meeting_room is not UNSET:
                if not isinstance(meeting_room, dict):
                    raise TypeError(f"meetingRoom must be Reference or None, not {type(meeting_room).__name__}")
                meeting_room_type_0 = Reference.from_dict(meeting_room)

                meeting_room = meeting_room_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "meetingRoom") from None

        _raw_internal_notes = src_dict.get("internalNotes", UNSET)
        try:
            internal_notes = _raw_internal_notes
            if internal_notes is not None and internal_notes is not UNSET and not isinstance(internal_notes, str):
                raise TypeError(f"internalNotes must be str or None, not {type(internal_notes).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "internalNotes") from None

        _raw_message_for_customer = src_dict.get("messageForCustomer", UNSET)
        try:
            message_for_customer = _raw_message_for_customer
            if (
                message_for_customer is not None
                and message_for_customer is not UNSET
                and not isinstance(message_for_customer, str)
            ):
                raise TypeError(f"messageForCustomer must be str or None, not {type(message_for_customer).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "messageForCustomer") from None

        _raw_created_by = src_dict.get("createdBy", UNSET)
        try:
            created_by = _raw_created_by
            if created_by is not None and created_by is not UNSET:
                if not isinstance(created_by, dict):
                    raise TypeError(f"createdBy must be Reference or None, not {type(created_by).__name__}")
                created_by_type_0 = Reference.from_dict(created_by)

                created_by = created_by_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "createdBy") from None

        _raw_updated_by = src_dict.get("updatedBy", UNSET)
        try:
            updated_by = _raw_updated_by
            if updated_by is not None and updated_by is not UNSET:
                if not isinstance(updated_by, dict):
                    raise TypeError(f"updatedBy must be Reference or None, not {type(updated_by).__name__}")
                updated_by_type_0 = Reference.from_dict(updated_by)

                updated_by = updated_by_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "updatedBy") from None

        _raw_location = src_dict.get("location", UNSET)
        try:
            location = _raw_location
            if location is not None and location is not UNSET:
                if not isinstance(location, dict):
                    raise TypeError(f"location must be Location or None, not {type(location).__name__}")
                location_type_0 = Location.from_dict(location)

                location = location_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "location") from None

        unknown = len(src_dict) != 15 + (_raw_external_id is not UNSET) + (_raw_start is not UNSET) + (
            _raw_end is not UNSET
        ) + (_raw_callback_request is not UNSET) + (_raw_listing is not UNSET) + (_raw_lead_segment is not UNSET) + (
            _raw_meeting_room is not UNSET
        ) + (_raw_internal_notes is not UNSET) + (_raw_message_for_customer is not UNSET) + (
            _raw_created_by is not UNSET
        ) + (_raw_updated_by is not UNSET) + (_raw_location is not UNSET)
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            id,
            subject,
            office,
            appointment_participants,
            answers,
            meeting_type,
            status,
            hybrid,
            trailing_buffer_time,
            created_at,
            created_by_type,
            created_from,
            updated_at,
            updated_by_type,
            updated_from,
            external_id,
            start,
            end,
            callback_request,
            listing,
            lead_segment,
            meeting_room,
            internal_notes,
            message_for_customer,
            created_by,
            updated_by,
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
from ..models.answer import Answer  # noqa: E402
from ..models.appointment_participant import AppointmentParticipant  # noqa: E402
from ..models.location import Location  # noqa: E402
from ..models.reference import Reference  # noqa: E402
