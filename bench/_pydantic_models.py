"""Pydantic v2 models of the documented appointment's shape, for the parsing benchmark only.

The same fields, types, optionality and enums as openapi.yaml's Appointment and Employee (the
answer type and meeting room aside); extra fields are kept (`extra="allow"`), as the generated
models keep them.
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


class ActorType(StrEnum):
    CUSTOMER = "CUSTOMER"
    EMPLOYEE = "EMPLOYEE"
    OTHER = "OTHER"


class Origin(StrEnum):
    BACKOFFICE_APP = "BACKOFFICE_APP"
    OTHER = "OTHER"
    PARTNER_BOOKING_APP = "PARTNER_BOOKING_APP"
    PLUGIN = "PLUGIN"


class ParticipantRole(StrEnum):
    PRIMARY = "PRIMARY"
    SECONDARY = "SECONDARY"


class ParticipantType(StrEnum):
    CUSTOMER = "CUSTOMER"
    EMPLOYEE = "EMPLOYEE"


class Reference(Model):
    id: str


class Participant(Model):
    role: ParticipantRole
    participant: Reference
    type: ParticipantType
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
    created_by_type: ActorType = Field(alias="createdByType")
    created_from: Origin = Field(alias="createdFrom")
    updated_at: datetime.datetime = Field(alias="updatedAt")
    updated_by: Reference | None = Field(None, alias="updatedBy")
    updated_by_type: ActorType = Field(alias="updatedByType")
    updated_from: Origin = Field(alias="updatedFrom")
    location: Location | None = None


class AppointmentResponse(Model):
    data: Appointment


class AppointmentList(Model):
    data: list[Appointment]
    meta: Meta


class EmployeeRole(StrEnum):
    ADMIN = "ADMIN"
    AGENT = "AGENT"
    CENTRAL_PLANNER = "CENTRAL_PLANNER"
    OFFICE_MANAGER = "OFFICE_MANAGER"


class EmployeeStatus(StrEnum):
    ACTIVE = "ACTIVE"
    PENDING = "PENDING"
    SUSPENDED = "SUSPENDED"


class OfficeRelationRole(StrEnum):
    AGENT = "AGENT"
    OFFICE_MANAGER = "OFFICE_MANAGER"


class Language(StrEnum):
    DA = "da"
    DE = "de"
    EL = "el"
    EN = "en"
    ES = "es"
    FR = "fr"
    JA = "ja"
    NL = "nl"
    NO = "no"
    PL = "pl"


class OfficeRelation(Model):
    role: OfficeRelationRole
    office: Reference


class EmployeeTranslations(Model):
    function: list[TranslatedValue] | None = None


class Employee(Model):
    id: str
    function: TranslatedValue | None
    communication_email: str | None = Field(None, alias="communicationEmail")
    external_id: str | None = Field(None, alias="externalId")
    username: str | None = None
    first_name: str | None = Field(None, alias="firstName")
    last_name: str | None = Field(None, alias="lastName")
    static_video_url: str | None = Field(None, alias="staticVideoUrl")
    phone_number: str | None = Field(None, alias="phoneNumber")
    profile_picture_url: str | None = Field(None, alias="profilePictureUrl")
    email: str | None = None
    language: Language | None = None
    time_zone: str | None = Field(None, alias="timeZone")
    available_roles: list[EmployeeRole] | None = Field(None, alias="availableRoles")
    status: EmployeeStatus | None = None
    online_planning: bool | None = Field(None, alias="onlinePlanning")
    office_relations: list[OfficeRelation] | None = Field(None, alias="officeRelations")
    created_at: datetime.datetime | None = Field(None, alias="createdAt")
    updated_at: datetime.datetime | None = Field(None, alias="updatedAt")
    deleted_at: datetime.datetime | None = Field(None, alias="deletedAt")
    translations: EmployeeTranslations | None = None


class Meta(Model):
    offset: int
    limit: int
    total_count: int = Field(alias="totalCount")


class EmployeeList(Model):
    data: list[Employee]
    meta: Meta
