"""Pydantic v2 models of the documented appointment's shape, for the parsing benchmark only.

The same fields, types, optionality and enums as openapi.yaml's Appointment; extra fields are
kept (`extra="allow"`), as the generated models keep them.
"""

from __future__ import annotations

import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class MeetingType(StrEnum):
    OFFICE = "OFFICE"
    ON_LOCATION = "ON_LOCATION"
    PHONE = "PHONE"
    VIDEO = "VIDEO"


class Status(StrEnum):
    ACCEPTED = "ACCEPTED"
    ALTERNATIVE_DATE_REQUESTED = "ALTERNATIVE_DATE_REQUESTED"
    CANCELLED = "CANCELLED"
    COMPLETED = "COMPLETED"
    INCOMING_REQUEST = "INCOMING_REQUEST"
    NO_SHOW = "NO_SHOW"
    OUTGOING_INVITE = "OUTGOING_INVITE"


class Reference(Model):
    id: str


class Participant(Model):
    role: str
    participant: Reference
    type: str
    video_url: str | None = Field(None, alias="videoUrl")
    video_test_url: str | None = Field(None, alias="videoTestUrl")


class Answer(Model):
    value: str | None = None
    selected_answer_options: list[Reference] | None = Field(None, alias="selectedAnswerOptions")
    files: list[Reference] | None = None
    id: str
    form: Reference
    question: Reference
    answer_type: str = Field(alias="answerType")
    created_at: datetime.datetime = Field(alias="createdAt")
    updated_at: datetime.datetime = Field(alias="updatedAt")


class TranslatedValue(Model):
    language: str
    value: str


class Geolocation(Model):
    latitude: float
    longitude: float


class Translations(Model):
    city: list[TranslatedValue]
    state: list[TranslatedValue] | None = None
    street1: list[TranslatedValue]
    street2: list[TranslatedValue] | None = None


class Location(Model):
    city: TranslatedValue | None
    state: TranslatedValue | None
    street1: TranslatedValue | None
    street2: TranslatedValue | None
    postal_code: str | None = Field(None, alias="postalCode")
    country_code: str = Field(alias="countryCode")
    formatted_address: str = Field(alias="formattedAddress")
    geolocation: Geolocation
    translations: Translations


class Appointment(Model):
    id: str
    external_id: str | None = Field(None, alias="externalId")
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    subject: Reference
    office: Reference
    appointment_participants: list[Participant] = Field(alias="appointmentParticipants")
    answers: list[Answer]
    callback_request: Reference | None = Field(None, alias="callbackRequest")
    listing: Reference | None = None
    lead_segment: Reference | None = Field(None, alias="leadSegment")
    meeting_room: Reference | None = Field(None, alias="meetingRoom")
    meeting_type: MeetingType = Field(alias="meetingType")
    status: Status
    hybrid: bool
    trailing_buffer_time: int = Field(alias="trailingBufferTime")
    internal_notes: str | None = Field(None, alias="internalNotes")
    message_for_customer: str | None = Field(None, alias="messageForCustomer")
    created_at: datetime.datetime = Field(alias="createdAt")
    created_by: Reference | None = Field(None, alias="createdBy")
    created_by_type: str = Field(alias="createdByType")
    created_from: str = Field(alias="createdFrom")
    updated_at: datetime.datetime = Field(alias="updatedAt")
    updated_by: Reference | None = Field(None, alias="updatedBy")
    updated_by_type: str = Field(alias="updatedByType")
    updated_from: str = Field(alias="updatedFrom")
    location: Location | None = None


class AppointmentResponse(Model):
    data: Appointment
