from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.meeting_type import MeetingType
from ..types import UNSET, Unset, check_json_type

if TYPE_CHECKING:
    from ..models.appointment_participant_input import AppointmentParticipantInput
    from ..models.location_input import LocationInput


T = TypeVar("T", bound="AppointmentInvite")


@_attrs_define
class AppointmentInvite:
    """The invite to create. The copied documentation shows these thirteen top-level fields; its own
    example sends a single participant although the schema asks for at least two.

        Attributes:
            subject_id (str):
            office_id (str):
            appointment_participants (list[AppointmentParticipantInput]):
            meeting_type (MeetingType):
            callback_request_id (None | str | Unset):
            location (LocationInput | None | Unset):
            listing_id (None | str | Unset):
            lead_segment_id (None | str | Unset):
            external_id (None | str | Unset):
            hybrid (bool | None | Unset):
            trailing_buffer_time (int | None | Unset): Minutes kept free after the appointment. Default: 0.
            internal_notes (None | str | Unset):
            message (None | str | Unset): A message for the invitee.
    """

    subject_id: str
    office_id: str
    appointment_participants: list[AppointmentParticipantInput]
    meeting_type: MeetingType
    callback_request_id: None | str | Unset = UNSET
    location: LocationInput | None | Unset = UNSET
    listing_id: None | str | Unset = UNSET
    lead_segment_id: None | str | Unset = UNSET
    external_id: None | str | Unset = UNSET
    hybrid: bool | None | Unset = UNSET
    trailing_buffer_time: int | None | Unset = 0
    internal_notes: None | str | Unset = UNSET
    message: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False

    def to_dict(self) -> dict[str, Any]:
        from ..models.location_input import LocationInput  # noqa: PLC0415

        subject_id = self.subject_id

        office_id = self.office_id

        appointment_participants = []
        for appointment_participants_item_data in self.appointment_participants:
            appointment_participants_item = appointment_participants_item_data.to_dict()
            appointment_participants.append(appointment_participants_item)

        meeting_type = self.meeting_type.value

        callback_request_id: None | str | Unset
        if isinstance(self.callback_request_id, Unset):
            callback_request_id = UNSET
        else:
            callback_request_id = self.callback_request_id

        location: dict[str, Any] | None | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        elif isinstance(self.location, LocationInput):
            location = self.location.to_dict()
        else:
            location = self.location

        listing_id: None | str | Unset
        if isinstance(self.listing_id, Unset):
            listing_id = UNSET
        else:
            listing_id = self.listing_id

        lead_segment_id: None | str | Unset
        if isinstance(self.lead_segment_id, Unset):
            lead_segment_id = UNSET
        else:
            lead_segment_id = self.lead_segment_id

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        hybrid: bool | None | Unset
        if isinstance(self.hybrid, Unset):
            hybrid = UNSET
        else:
            hybrid = self.hybrid

        trailing_buffer_time: int | None | Unset
        if isinstance(self.trailing_buffer_time, Unset):
            trailing_buffer_time = UNSET
        else:
            trailing_buffer_time = self.trailing_buffer_time

        internal_notes: None | str | Unset
        if isinstance(self.internal_notes, Unset):
            internal_notes = UNSET
        else:
            internal_notes = self.internal_notes

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "subjectId": subject_id,
                "officeId": office_id,
                "appointmentParticipants": appointment_participants,
                "meetingType": meeting_type,
            }
        )
        if callback_request_id is not UNSET:
            field_dict["callbackRequestId"] = callback_request_id
        if location is not UNSET:
            field_dict["location"] = location
        if listing_id is not UNSET:
            field_dict["listingId"] = listing_id
        if lead_segment_id is not UNSET:
            field_dict["leadSegmentId"] = lead_segment_id
        if external_id is not UNSET:
            field_dict["externalId"] = external_id
        if hybrid is not UNSET:
            field_dict["hybrid"] = hybrid
        if trailing_buffer_time is not UNSET:
            field_dict["trailingBufferTime"] = trailing_buffer_time
        if internal_notes is not UNSET:
            field_dict["internalNotes"] = internal_notes
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.appointment_participant_input import AppointmentParticipantInput  # noqa: PLC0415
        from ..models.location_input import LocationInput  # noqa: PLC0415

        # pexip: a clear error for an item of the wrong JSON type (the dict test first: it is much cheaper)
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise TypeError(f"AppointmentInvite must be an object, not {type(src_dict).__name__}")
        d = dict(src_dict)
        subject_id = d.pop("subjectId")
        if not isinstance(subject_id, str):
            raise TypeError(f"subjectId must be str, not {type(subject_id).__name__}")

        office_id = d.pop("officeId")
        if not isinstance(office_id, str):
            raise TypeError(f"officeId must be str, not {type(office_id).__name__}")

        _raw_appointment_participants = d.pop("appointmentParticipants")
        check_json_type(_raw_appointment_participants, list, "appointmentParticipants", "an array")
        appointment_participants = []
        _appointment_participants = _raw_appointment_participants
        for appointment_participants_item_data in _appointment_participants:
            appointment_participants_item = AppointmentParticipantInput.from_dict(appointment_participants_item_data)

            appointment_participants.append(appointment_participants_item)

        meeting_type = MeetingType.from_value(d.pop("meetingType"))

        def _parse_callback_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"callbackRequestId: {type(data).__name__} matches no allowed type")

        callback_request_id = _parse_callback_request_id(d.pop("callbackRequestId", UNSET))

        def _parse_location(data: object) -> LocationInput | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError(f"location: {type(data).__name__} matches no allowed type")
            location_type_0 = LocationInput.from_dict(data)

            return location_type_0

        location = _parse_location(d.pop("location", UNSET))

        def _parse_listing_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"listingId: {type(data).__name__} matches no allowed type")

        listing_id = _parse_listing_id(d.pop("listingId", UNSET))

        def _parse_lead_segment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"leadSegmentId: {type(data).__name__} matches no allowed type")

        lead_segment_id = _parse_lead_segment_id(d.pop("leadSegmentId", UNSET))

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"externalId: {type(data).__name__} matches no allowed type")

        external_id = _parse_external_id(d.pop("externalId", UNSET))

        def _parse_hybrid(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (bool,)):
                return cast(bool | None | Unset, data)
            raise TypeError(f"hybrid: {type(data).__name__} matches no allowed type")

        hybrid = _parse_hybrid(d.pop("hybrid", UNSET))

        def _parse_trailing_buffer_time(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (int,)) and not isinstance(data, bool):
                return cast(int | None | Unset, data)
            raise TypeError(f"trailingBufferTime: {type(data).__name__} matches no allowed type")

        trailing_buffer_time = _parse_trailing_buffer_time(d.pop("trailingBufferTime", UNSET))

        def _parse_internal_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"internalNotes: {type(data).__name__} matches no allowed type")

        internal_notes = _parse_internal_notes(d.pop("internalNotes", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (str,)):
                return cast(None | str | Unset, data)
            raise TypeError(f"message: {type(data).__name__} matches no allowed type")

        message = _parse_message(d.pop("message", UNSET))

        appointment_invite = cls(
            subject_id=subject_id,
            office_id=office_id,
            appointment_participants=appointment_participants,
            meeting_type=meeting_type,
            callback_request_id=callback_request_id,
            location=location,
            listing_id=listing_id,
            lead_segment_id=lead_segment_id,
            external_id=external_id,
            hybrid=hybrid,
            trailing_buffer_time=trailing_buffer_time,
            internal_notes=internal_notes,
            message=message,
        )

        appointment_invite.additional_properties = d
        return appointment_invite

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
