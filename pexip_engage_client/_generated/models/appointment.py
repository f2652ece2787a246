from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.actor_type import ActorType
from ..models.appointment_status import AppointmentStatus
from ..models.meeting_type import MeetingType
from ..models.origin import Origin
from ..types import UNSET, Unset, check_json_type

if TYPE_CHECKING:
    from ..models.answer import Answer
    from ..models.appointment_participant import AppointmentParticipant
    from ..models.location import Location
    from ..models.reference import Reference


T = TypeVar("T", bound="Appointment")


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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False

    def to_dict(self) -> dict[str, Any]:
        from ..models.location import Location  # noqa: PLC0415
        from ..models.reference import Reference  # noqa: PLC0415

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

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.answer import Answer  # noqa: PLC0415
        from ..models.appointment_participant import AppointmentParticipant  # noqa: PLC0415
        from ..models.location import Location  # noqa: PLC0415
        from ..models.reference import Reference  # noqa: PLC0415

        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"Appointment must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)
        id = d.pop("id")
        if not isinstance(id, str):
            raise TypeError(f"id must be str, not {type(id).__name__}")

        _raw_subject = d.pop("subject")
        check_json_type(_raw_subject, dict, "subject", "an object")
        subject = Reference.from_dict(_raw_subject)

        _raw_office = d.pop("office")
        check_json_type(_raw_office, dict, "office", "an object")
        office = Reference.from_dict(_raw_office)

        _raw_appointment_participants = d.pop("appointmentParticipants")
        check_json_type(_raw_appointment_participants, list, "appointmentParticipants", "an array")
        appointment_participants = []
        _appointment_participants = _raw_appointment_participants
        for appointment_participants_item_data in _appointment_participants:
            appointment_participants_item = AppointmentParticipant.from_dict(appointment_participants_item_data)

            appointment_participants.append(appointment_participants_item)

        _raw_answers = d.pop("answers")
        check_json_type(_raw_answers, list, "answers", "an array")
        answers = []
        _answers = _raw_answers
        for answers_item_data in _answers:
            answers_item = Answer.from_dict(answers_item_data)

            answers.append(answers_item)

        meeting_type = MeetingType.from_value(d.pop("meetingType"))

        status = AppointmentStatus.from_value(d.pop("status"))

        hybrid = d.pop("hybrid")
        if not isinstance(hybrid, bool):
            raise TypeError(f"hybrid must be bool, not {type(hybrid).__name__}")

        trailing_buffer_time = d.pop("trailingBufferTime")
        if isinstance(trailing_buffer_time, bool) or not isinstance(trailing_buffer_time, int):
            raise TypeError(f"trailingBufferTime must be int, not {type(trailing_buffer_time).__name__}")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        created_by_type = ActorType.from_value(d.pop("createdByType"))

        created_from = Origin.from_value(d.pop("createdFrom"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        updated_by_type = ActorType.from_value(d.pop("updatedByType"))

        updated_from = Origin.from_value(d.pop("updatedFrom"))

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"externalId: {type(data).__name__} matches no allowed type")

        external_id = _parse_external_id(d.pop("externalId", UNSET))

        def _parse_start(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError(f"start: {type(data).__name__} matches no allowed type")
            start_type_0 = datetime.datetime.fromisoformat(data)

            return start_type_0

        start = _parse_start(d.pop("start", UNSET))

        def _parse_end(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError(f"end: {type(data).__name__} matches no allowed type")
            end_type_0 = datetime.datetime.fromisoformat(data)

            return end_type_0

        end = _parse_end(d.pop("end", UNSET))

        def _parse_callback_request(data: object) -> None | Reference | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"callbackRequest: {type(data).__name__} matches no allowed type")
            callback_request_type_0 = Reference.from_dict(data)

            return callback_request_type_0

        callback_request = _parse_callback_request(d.pop("callbackRequest", UNSET))

        def _parse_listing(data: object) -> None | Reference | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"listing: {type(data).__name__} matches no allowed type")
            listing_type_0 = Reference.from_dict(data)

            return listing_type_0

        listing = _parse_listing(d.pop("listing", UNSET))

        def _parse_lead_segment(data: object) -> None | Reference | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"leadSegment: {type(data).__name__} matches no allowed type")
            lead_segment_type_0 = Reference.from_dict(data)

            return lead_segment_type_0

        lead_segment = _parse_lead_segment(d.pop("leadSegment", UNSET))

        def _parse_meeting_room(data: object) -> None | Reference | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"meetingRoom: {type(data).__name__} matches no allowed type")
            meeting_room_type_0 = Reference.from_dict(data)

            return meeting_room_type_0

        meeting_room = _parse_meeting_room(d.pop("meetingRoom", UNSET))

        def _parse_internal_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"internalNotes: {type(data).__name__} matches no allowed type")

        internal_notes = _parse_internal_notes(d.pop("internalNotes", UNSET))

        def _parse_message_for_customer(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"messageForCustomer: {type(data).__name__} matches no allowed type")

        message_for_customer = _parse_message_for_customer(d.pop("messageForCustomer", UNSET))

        def _parse_created_by(data: object) -> None | Reference | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"createdBy: {type(data).__name__} matches no allowed type")
            created_by_type_0 = Reference.from_dict(data)

            return created_by_type_0

        created_by = _parse_created_by(d.pop("createdBy", UNSET))

        def _parse_updated_by(data: object) -> None | Reference | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"updatedBy: {type(data).__name__} matches no allowed type")
            updated_by_type_0 = Reference.from_dict(data)

            return updated_by_type_0

        updated_by = _parse_updated_by(d.pop("updatedBy", UNSET))

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

        appointment = cls(
            id=id,
            subject=subject,
            office=office,
            appointment_participants=appointment_participants,
            answers=answers,
            meeting_type=meeting_type,
            status=status,
            hybrid=hybrid,
            trailing_buffer_time=trailing_buffer_time,
            created_at=created_at,
            created_by_type=created_by_type,
            created_from=created_from,
            updated_at=updated_at,
            updated_by_type=updated_by_type,
            updated_from=updated_from,
            external_id=external_id,
            start=start,
            end=end,
            callback_request=callback_request,
            listing=listing,
            lead_segment=lead_segment,
            meeting_room=meeting_room,
            internal_notes=internal_notes,
            message_for_customer=message_for_customer,
            created_by=created_by,
            updated_by=updated_by,
            location=location,
        )

        appointment.additional_properties = d
        return appointment

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
