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

T = TypeVar("T", bound="AppointmentUpdate")

# pexip: the JSON names of the fields the schema defines; any other is kept in additional_properties
_JSON_FIELDS: frozenset[str] = frozenset(
    (
        "appointmentParticipants",
        "answers",
        "callbackRequestId",
        "location",
        "listingId",
        "leadSegmentId",
        "meetingRoomId",
        "externalId",
        "internalNotes",
        "metadata",
        "userCommunication",
    )
)


@_attrs_define
class AppointmentUpdate:
    """The properties to change; absent ones are left as they are.

    Attributes:
        appointment_participants (list[AppointmentParticipantInput] | None | Unset):
        answers (list[AnswerInput] | None | Unset):
        callback_request_id (None | str | Unset):
        location (LocationInput | None | Unset):
        listing_id (None | str | Unset):
        lead_segment_id (None | str | Unset):
        meeting_room_id (None | str | Unset):
        external_id (None | str | Unset):
        internal_notes (None | str | Unset):
        metadata (Metadata | None | Unset):
        user_communication (None | Unset | UserCommunication):
    """

    appointment_participants: list[AppointmentParticipantInput] | None | Unset = UNSET
    answers: list[AnswerInput] | None | Unset = UNSET
    callback_request_id: None | str | Unset = UNSET
    location: LocationInput | None | Unset = UNSET
    listing_id: None | str | Unset = UNSET
    lead_segment_id: None | str | Unset = UNSET
    meeting_room_id: None | str | Unset = UNSET
    external_id: None | str | Unset = UNSET
    internal_notes: None | str | Unset = UNSET
    metadata: Metadata | None | Unset = UNSET
    user_communication: None | Unset | UserCommunication = UNSET
    # pexip: fields the schema does not define, kept as received (see the template's header)
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)
    # pexip: whether the schema allows fields beyond its own; request bodies may only add them then.
    ADDITIONAL_PROPERTIES_ALLOWED: ClassVar[bool] = False
    # pexip: each field's JSON name, in the constructor's order (scripts/generate/typed_parsers.py reads it)
    JSON_NAMES: ClassVar[tuple[str, ...]] = (
        "appointmentParticipants",
        "answers",
        "callbackRequestId",
        "location",
        "listingId",
        "leadSegmentId",
        "meetingRoomId",
        "externalId",
        "internalNotes",
        "metadata",
        "userCommunication",
    )

    def to_dict(self) -> dict[str, Any]:
        try:
            check_fields(self)  # pexip: a field given a value of the wrong type is named, not sent
        except AttributeError:  # pexip: a field an answer left unreadable (_runtime/lenient.py): written as sent
            return unreadable_to_dict(self)
        try:
            appointment_participants: list[dict[str, Any]] | None | Unset
            if isinstance(self.appointment_participants, Unset):
                appointment_participants = UNSET
            elif isinstance(self.appointment_participants, list):
                appointment_participants = []
                for appointment_participants_type_0_item_data in self.appointment_participants:
                    appointment_participants_type_0_item = appointment_participants_type_0_item_data.to_dict()
                    appointment_participants.append(appointment_participants_type_0_item)

            else:
                appointment_participants = self.appointment_participants

            answers: list[dict[str, Any]] | None | Unset
            if isinstance(self.answers, Unset):
                answers = UNSET
            elif isinstance(self.answers, list):
                answers = []
                for answers_type_0_item_data in self.answers:
                    answers_type_0_item = answers_type_0_item_data.to_dict()
                    answers.append(answers_type_0_item)

            else:
                answers = self.answers

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

            meeting_room_id: None | str | Unset
            if isinstance(self.meeting_room_id, Unset):
                meeting_room_id = UNSET
            else:
                meeting_room_id = self.meeting_room_id

            external_id: None | str | Unset
            if isinstance(self.external_id, Unset):
                external_id = UNSET
            else:
                external_id = self.external_id

            internal_notes: None | str | Unset
            if isinstance(self.internal_notes, Unset):
                internal_notes = UNSET
            else:
                internal_notes = self.internal_notes

            metadata: dict[str, Any] | None | Unset
            if isinstance(self.metadata, Unset):
                metadata = UNSET
            elif isinstance(self.metadata, Metadata):
                metadata = self.metadata.to_dict()
            else:
                metadata = self.metadata

            user_communication: dict[str, Any] | None | Unset
            if isinstance(self.user_communication, Unset):
                user_communication = UNSET
            elif isinstance(self.user_communication, UserCommunication):
                user_communication = self.user_communication.to_dict()
            else:
                user_communication = self.user_communication

            field_dict: dict[str, Any] = {}
            field_dict.update(self.additional_properties)
            field_dict.update({})
            if appointment_participants is not UNSET:
                field_dict["appointmentParticipants"] = appointment_participants
            if answers is not UNSET:
                field_dict["answers"] = answers
            if callback_request_id is not UNSET:
                field_dict["callbackRequestId"] = callback_request_id
            if location is not UNSET:
                field_dict["location"] = location
            if listing_id is not UNSET:
                field_dict["listingId"] = listing_id
            if lead_segment_id is not UNSET:
                field_dict["leadSegmentId"] = lead_segment_id
            if meeting_room_id is not UNSET:
                field_dict["meetingRoomId"] = meeting_room_id
            if external_id is not UNSET:
                field_dict["externalId"] = external_id
            if internal_notes is not UNSET:
                field_dict["internalNotes"] = internal_notes
            if metadata is not UNSET:
                field_dict["metadata"] = metadata
            if user_communication is not UNSET:
                field_dict["userCommunication"] = user_communication

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
            raise TypeError(f"must be an object (AppointmentUpdate), not {type(src_dict).__name__}")
        _raw_appointment_participants = src_dict.get("appointmentParticipants", UNSET)
        try:
            appointment_participants = _raw_appointment_participants
            if appointment_participants is not None and appointment_participants is not UNSET:
                if not isinstance(appointment_participants, list):
                    raise TypeError(
                        f"appointmentParticipants must be list[AppointmentParticipantInput] or None, not {type(appointment_participants).__name__}"
                    )
                appointment_participants_type_0 = []
                _appointment_participants_type_0 = appointment_participants
                for appointment_participants_type_0_item_data in _appointment_participants_type_0:
                    appointment_participants_type_0_item = AppointmentParticipantInput.from_dict(
                        appointment_participants_type_0_item_data
                    )

                    appointment_participants_type_0.append(appointment_participants_type_0_item)

                appointment_participants = appointment_participants_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "appointmentParticipants", locals().get("appointment_participants_type_0")) from None

        _raw_answers = src_dict.get("answers", UNSET)
        try:
            answers = _raw_answers
            if answers is not None and answers is not UNSET:
                if not isinstance(answers, list):
                    raise TypeError(f"answers must be list[AnswerInput] or None, not {type(answers).__name__}")
                answers_type_0 = []
                _answers_type_0 = answers
                for answers_type_0_item_data in _answers_type_0:
                    answers_type_0_item = AnswerInput.from_dict(answers_type_0_item_data)

                    answers_type_0.append(answers_type_0_item)

                answers = answers_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "answers", locals().get("answers_type_0")) from None

        _raw_callback_request_id = src_dict.get("callbackRequestId", UNSET)
        try:
            callback_request_id = _raw_callback_request_id
            if (
                callback_request_id is not None
                and callback_request_id is not UNSET
                and not isinstance(callback_request_id, str)
            ):
                raise TypeError(f"callbackRequestId must be str or None, not {type(callback_request_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "callbackRequestId") from None

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

        _raw_listing_id = src_dict.get("listingId", UNSET)
        try:
            listing_id = _raw_listing_id
            if listing_id is not None and listing_id is not UNSET and not isinstance(listing_id, str):
                raise TypeError(f"listingId must be str or None, not {type(listing_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "listingId") from None

        _raw_lead_segment_id = src_dict.get("leadSegmentId", UNSET)
        try:
            lead_segment_id = _raw_lead_segment_id
            if lead_segment_id is not None and lead_segment_id is not UNSET and not isinstance(lead_segment_id, str):
                raise TypeError(f"leadSegmentId must be str or None, not {type(lead_segment_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "leadSegmentId") from None

        _raw_meeting_room_id = src_dict.get("meetingRoomId", UNSET)
        try:
            meeting_room_id = _raw_meeting_room_id
            if meeting_room_id is not None and meeting_room_id is not UNSET and not isinstance(meeting_room_id, str):
                raise TypeError(f"meetingRoomId must be str or None, not {type(meeting_room_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "meetingRoomId") from None

        _raw_external_id = src_dict.get("externalId", UNSET)
        try:
            external_id = _raw_external_id
            if external_id is not None and external_id is not UNSET and not isinstance(external_id, str):
                raise TypeError(f"externalId must be str or None, not {type(external_id).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "externalId") from None

        _raw_internal_notes = src_dict.get("internalNotes", UNSET)
        try:
            internal_notes = _raw_internal_notes
            if internal_notes is not None and internal_notes is not UNSET and not isinstance(internal_notes, str):
                raise TypeError(f"internalNotes must be str or None, not {type(internal_notes).__name__}")

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "internalNotes") from None

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

        _raw_user_communication = src_dict.get("userCommunication", UNSET)
        try:
            user_communication = _raw_user_communication
            if user_communication is not None and user_communication is not UNSET:
                if not isinstance(user_communication, dict):
                    raise TypeError(
                        f"userCommunication must be UserCommunication or None, not {type(user_communication).__name__}"
                    )
                user_communication_type_0 = UserCommunication.from_dict(user_communication)

                user_communication = user_communication_type_0

        except (TypeError, ValueError, KeyError) as exc:
            raise in_field(exc, "userCommunication") from None

        unknown = len(src_dict) != 0 + (_raw_appointment_participants is not UNSET) + (_raw_answers is not UNSET) + (
            _raw_callback_request_id is not UNSET
        ) + (_raw_location is not UNSET) + (_raw_listing_id is not UNSET) + (_raw_lead_segment_id is not UNSET) + (
            _raw_meeting_room_id is not UNSET
        ) + (_raw_external_id is not UNSET) + (_raw_internal_notes is not UNSET) + (_raw_metadata is not UNSET) + (
            _raw_user_communication is not UNSET
        )
        if unknown:  # pexip: counted, so that `engage.spec_drift` looks for the new fields (_runtime/lenient.py)
            note_unknown_field()
        additional_properties = (
            {key: value for key, value in src_dict.items() if key not in _JSON_FIELDS} if unknown else {}
        )
        return cls(
            appointment_participants,
            answers,
            callback_request_id,
            location,
            listing_id,
            lead_segment_id,
            meeting_room_id,
            external_id,
            internal_notes,
            metadata,
            user_communication,
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
from ..models.answer_input import AnswerInput  # noqa: E402
from ..models.appointment_participant_input import AppointmentParticipantInput  # noqa: E402
from ..models.location_input import LocationInput  # noqa: E402
from ..models.metadata import Metadata  # noqa: E402
from ..models.user_communication import UserCommunication  # noqa: E402
