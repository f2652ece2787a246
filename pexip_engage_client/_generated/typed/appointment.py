# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `appointment` (see `__init__.py`)."""

import msgspec

from ..models.actor_type import ActorType
from ..models.appointment_status import AppointmentStatus
from ..models.meeting_type import MeetingType
from ..models.origin import Origin
from . import ABSENT
from .answer import AnswerWire
from .appointment_participant import AppointmentParticipantWire
from .location import LocationWire
from .reference import ReferenceWire


class AppointmentWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "subject": "subject",
        "office": "office",
        "appointment_participants": "appointmentParticipants",
        "answers": "answers",
        "meeting_type": "meetingType",
        "status": "status",
        "hybrid": "hybrid",
        "trailing_buffer_time": "trailingBufferTime",
        "created_at": "createdAt",
        "created_by_type": "createdByType",
        "created_from": "createdFrom",
        "updated_at": "updatedAt",
        "updated_by_type": "updatedByType",
        "updated_from": "updatedFrom",
        "external_id": "externalId",
        "start": "start",
        "end": "end",
        "callback_request": "callbackRequest",
        "listing": "listing",
        "lead_segment": "leadSegment",
        "meeting_room": "meetingRoom",
        "internal_notes": "internalNotes",
        "message_for_customer": "messageForCustomer",
        "created_by": "createdBy",
        "updated_by": "updatedBy",
        "location": "location",
    },
):
    """The typed form of `Appointment`."""

    id: str
    subject: ReferenceWire
    office: ReferenceWire
    appointment_participants: list[AppointmentParticipantWire]
    answers: list[AnswerWire]
    meeting_type: MeetingType
    status: AppointmentStatus
    hybrid: bool
    trailing_buffer_time: int
    created_at: str
    created_by_type: ActorType
    created_from: Origin
    updated_at: str
    updated_by_type: ActorType
    updated_from: Origin
    external_id: str | None = ABSENT
    start: str | None = ABSENT
    end: str | None = ABSENT
    callback_request: ReferenceWire | None = ABSENT
    listing: ReferenceWire | None = ABSENT
    lead_segment: ReferenceWire | None = ABSENT
    meeting_room: ReferenceWire | None = ABSENT
    internal_notes: str | None = ABSENT
    message_for_customer: str | None = ABSENT
    created_by: ReferenceWire | None = ABSENT
    updated_by: ReferenceWire | None = ABSENT
    location: LocationWire | None = ABSENT
