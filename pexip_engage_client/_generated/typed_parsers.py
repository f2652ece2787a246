# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The `fast` extra's typed decoding: response bytes straight into the models, through msgspec.

Written by scripts/typed_parsers.py (see there why it looks as it does). Imported only with
msgspec installed; `PARSERS` holds the parser of each response model that has a typed form.
"""

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from .models.actor_type import ActorType
from .models.answer import Answer
from .models.answer_type import AnswerType
from .models.applied_template import AppliedTemplate
from .models.applied_template_list import AppliedTemplateList
from .models.applied_template_response import AppliedTemplateResponse
from .models.appointment import Appointment
from .models.appointment_list import AppointmentList
from .models.appointment_participant import AppointmentParticipant
from .models.appointment_response import AppointmentResponse
from .models.appointment_status import AppointmentStatus
from .models.availability_setting import AvailabilitySetting
from .models.availability_setting_list import AvailabilitySettingList
from .models.availability_template import AvailabilityTemplate
from .models.availability_template_list import AvailabilityTemplateList
from .models.availability_template_response import AvailabilityTemplateResponse
from .models.availability_template_type import AvailabilityTemplateType
from .models.availability_time_range import AvailabilityTimeRange
from .models.availability_time_range_response import AvailabilityTimeRangeResponse
from .models.customer import Customer
from .models.customer_response import CustomerResponse
from .models.day_of_week import DayOfWeek
from .models.defined_availability import DefinedAvailability
from .models.defined_availability_list import DefinedAvailabilityList
from .models.employee import Employee
from .models.employee_list import EmployeeList
from .models.employee_response import EmployeeResponse
from .models.employee_role import EmployeeRole
from .models.employee_status import EmployeeStatus
from .models.employee_translations import EmployeeTranslations
from .models.expertise import Expertise
from .models.expertise_list import ExpertiseList
from .models.favorite_agent import FavoriteAgent
from .models.favorite_agent_list import FavoriteAgentList
from .models.form import Form
from .models.form_question import FormQuestion
from .models.form_question_response import FormQuestionResponse
from .models.form_response import FormResponse
from .models.geolocation import Geolocation
from .models.language import Language
from .models.lead_segment import LeadSegment
from .models.lead_segment_response import LeadSegmentResponse
from .models.listing import Listing
from .models.listing_response import ListingResponse
from .models.location import Location
from .models.location_translations import LocationTranslations
from .models.meeting_room import MeetingRoom
from .models.meeting_room_list import MeetingRoomList
from .models.meeting_room_response import MeetingRoomResponse
from .models.meeting_type import MeetingType
from .models.meta import Meta
from .models.office_coverage_region import OfficeCoverageRegion
from .models.office_coverage_region_list import OfficeCoverageRegionList
from .models.office_relation import OfficeRelation
from .models.office_relation_role import OfficeRelationRole
from .models.office_subject_availability_setting import OfficeSubjectAvailabilitySetting
from .models.office_subject_availability_setting_list import OfficeSubjectAvailabilitySettingList
from .models.office_subject_coverage_region import OfficeSubjectCoverageRegion
from .models.office_subject_coverage_region_list import OfficeSubjectCoverageRegionList
from .models.origin import Origin
from .models.participant_reference import ParticipantReference
from .models.participant_role import ParticipantRole
from .models.participant_type import ParticipantType
from .models.reference import Reference
from .models.region import Region
from .models.region_list import RegionList
from .models.scheduling_setting import SchedulingSetting
from .models.scheduling_setting_list import SchedulingSettingList
from .models.subject import Subject
from .models.subject_availability_settings import SubjectAvailabilitySettings
from .models.subject_group import SubjectGroup
from .models.subject_group_list import SubjectGroupList
from .models.subject_group_response import SubjectGroupResponse
from .models.subject_group_translations import SubjectGroupTranslations
from .models.subject_list import SubjectList
from .models.subject_response import SubjectResponse
from .models.subject_translations import SubjectTranslations
from .models.time_range_availability_setting import TimeRangeAvailabilitySetting
from .models.time_range_availability_setting_list import TimeRangeAvailabilitySettingList
from .models.timetable import Timetable
from .models.timetable_response import TimetableResponse
from .models.translated_value import TranslatedValue
from .models.translation import Translation
from .types import UNSET

_M = TypeVar("_M")

if TYPE_CHECKING:

    def _new(cls: type[_M], /) -> _M: ...
else:
    _new = object.__new__

# The default of an optional field, typed so that it may stand for any field's type.
_ABSENT: Any = UNSET
_parse_datetime = datetime.datetime.fromisoformat
_parse_date = datetime.date.fromisoformat


class ReferenceWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"id": "id"}):
    """The typed form of `Reference`."""

    id: str


class AppliedTemplateWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "start_date": "startDate",
        "end_date": "endDate",
        "availability_template": "availabilityTemplate",
        "time_zone": "timeZone",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
    },
):
    """The typed form of `AppliedTemplate`."""

    start_date: str
    end_date: str
    availability_template: ReferenceWire
    time_zone: str
    created_at: str
    updated_at: str


class MetaWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"total_count": "totalCount", "offset": "offset", "limit": "limit"},
):
    """The typed form of `Meta`."""

    total_count: int
    offset: int
    limit: int


class AppliedTemplateListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `AppliedTemplateList`."""

    data: list[AppliedTemplateWire]
    meta: MetaWire


class AppliedTemplateResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `AppliedTemplateResponse`."""

    data: AppliedTemplateWire


class ParticipantReferenceWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"id": "id"}):
    """The typed form of `ParticipantReference`."""

    id: str


class AppointmentParticipantWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "role": "role",
        "participant": "participant",
        "type_": "type",
        "video_url": "videoUrl",
        "video_test_url": "videoTestUrl",
    },
):
    """The typed form of `AppointmentParticipant`."""

    role: ParticipantRole
    participant: ParticipantReferenceWire
    type_: ParticipantType
    video_url: str | None = _ABSENT
    video_test_url: str | None = _ABSENT


class AnswerWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "form": "form",
        "question": "question",
        "answer_type": "answerType",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "value": "value",
        "selected_answer_options": "selectedAnswerOptions",
        "files": "files",
    },
):
    """The typed form of `Answer`."""

    id: str
    form: ReferenceWire
    question: ReferenceWire
    answer_type: AnswerType
    created_at: str
    updated_at: str
    value: str | None = _ABSENT
    selected_answer_options: list[ReferenceWire] | None = _ABSENT
    files: list[ReferenceWire] | None = _ABSENT


class TranslatedValueWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"language": "language", "value": "value"},
):
    """The typed form of `TranslatedValue`."""

    language: Language
    value: str


class GeolocationWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"latitude": "latitude", "longitude": "longitude"},
):
    """The typed form of `Geolocation`."""

    latitude: int | float
    longitude: int | float


class TranslationWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"language": "language", "value": "value"},
):
    """The typed form of `Translation`."""

    language: Language
    value: str


class LocationTranslationsWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"city": "city", "street1": "street1", "state": "state", "street2": "street2"},
):
    """The typed form of `LocationTranslations`."""

    city: list[TranslationWire]
    street1: list[TranslationWire]
    state: list[TranslationWire] = _ABSENT
    street2: list[TranslationWire] = _ABSENT


class LocationWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "city": "city",
        "state": "state",
        "street1": "street1",
        "street2": "street2",
        "country_code": "countryCode",
        "formatted_address": "formattedAddress",
        "geolocation": "geolocation",
        "translations": "translations",
        "postal_code": "postalCode",
    },
):
    """The typed form of `Location`."""

    city: TranslatedValueWire | None
    state: TranslatedValueWire | None
    street1: TranslatedValueWire | None
    street2: TranslatedValueWire | None
    country_code: str
    formatted_address: str
    geolocation: GeolocationWire
    translations: LocationTranslationsWire
    postal_code: str | None = _ABSENT


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
    external_id: str | None = _ABSENT
    start: str | None = _ABSENT
    end: str | None = _ABSENT
    callback_request: ReferenceWire | None = _ABSENT
    listing: ReferenceWire | None = _ABSENT
    lead_segment: ReferenceWire | None = _ABSENT
    meeting_room: ReferenceWire | None = _ABSENT
    internal_notes: str | None = _ABSENT
    message_for_customer: str | None = _ABSENT
    created_by: ReferenceWire | None = _ABSENT
    updated_by: ReferenceWire | None = _ABSENT
    location: LocationWire | None = _ABSENT


class AppointmentListWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}):
    """The typed form of `AppointmentList`."""

    data: list[AppointmentWire]


class AppointmentResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `AppointmentResponse`."""

    data: AppointmentWire


class AvailabilitySettingWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "meeting_type": "meetingType",
        "auto_accept": "autoAccept",
        "estimated_duration": "estimatedDuration",
        "time_slot_granularity": "timeSlotGranularity",
        "trailing_buffer_time": "trailingBufferTime",
        "time_slot_earliest_possible": "timeSlotEarliestPossible",
        "time_slot_latest_possible": "timeSlotLatestPossible",
        "max_concurrent_appointments": "maxConcurrentAppointments",
    },
):
    """The typed form of `AvailabilitySetting`."""

    meeting_type: MeetingType
    auto_accept: bool | None = _ABSENT
    estimated_duration: int | None = _ABSENT
    time_slot_granularity: int | None = _ABSENT
    trailing_buffer_time: int | None = _ABSENT
    time_slot_earliest_possible: int | None = _ABSENT
    time_slot_latest_possible: int | None = _ABSENT
    max_concurrent_appointments: int | None = _ABSENT


class AvailabilitySettingListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `AvailabilitySettingList`."""

    data: list[AvailabilitySettingWire]


class AvailabilityTemplateWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "name": "name",
        "type_": "type",
        "time_zone": "timeZone",
        "employee": "employee",
        "color": "color",
        "order": "order",
        "is_default": "isDefault",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
    },
):
    """The typed form of `AvailabilityTemplate`."""

    id: str
    name: str
    type_: AvailabilityTemplateType
    time_zone: str
    employee: ReferenceWire
    color: str
    order: int
    is_default: bool
    created_at: str
    updated_at: str


class AvailabilityTemplateListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `AvailabilityTemplateList`."""

    data: list[AvailabilityTemplateWire]


class AvailabilityTemplateResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `AvailabilityTemplateResponse`."""

    data: AvailabilityTemplateWire


class AvailabilityTimeRangeWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "start_time": "startTime",
        "end_time": "endTime",
        "availability_template": "availabilityTemplate",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "day_of_week": "dayOfWeek",
    },
):
    """The typed form of `AvailabilityTimeRange`."""

    id: str
    start_time: str
    end_time: str
    availability_template: ReferenceWire
    created_at: str
    updated_at: str
    day_of_week: DayOfWeek | None = _ABSENT


class AvailabilityTimeRangeResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `AvailabilityTimeRangeResponse`."""

    data: AvailabilityTimeRangeWire


class CustomerWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "existing": "existing",
        "time_zone": "timeZone",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "deleted_at": "deletedAt",
        "external_id": "externalId",
        "customer_number": "customerNumber",
        "email": "email",
        "first_name": "firstName",
        "last_name": "lastName",
        "company": "company",
        "language": "language",
        "notes": "notes",
        "phone_number": "phoneNumber",
        "location": "location",
    },
):
    """The typed form of `Customer`."""

    id: str
    existing: bool
    time_zone: str
    created_at: str
    updated_at: str
    deleted_at: str | None
    external_id: str | None = _ABSENT
    customer_number: str | None = _ABSENT
    email: str | None = _ABSENT
    first_name: str | None = _ABSENT
    last_name: str | None = _ABSENT
    company: str | None = _ABSENT
    language: Language | None = _ABSENT
    notes: str | None = _ABSENT
    phone_number: str | None = _ABSENT
    location: LocationWire | None = _ABSENT


class CustomerResponseWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}):
    """The typed form of `CustomerResponse`."""

    data: CustomerWire


class DefinedAvailabilityWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "start": "start",
        "end": "end",
        "employee": "employee",
        "office": "office",
        "subject": "subject",
        "meeting_type": "meetingType",
        "force_manual_accept": "forceManualAccept",
        "max_concurrent_appointments": "maxConcurrentAppointments",
    },
):
    """The typed form of `DefinedAvailability`."""

    start: str
    end: str
    employee: ReferenceWire
    office: ReferenceWire
    subject: ReferenceWire
    meeting_type: MeetingType
    force_manual_accept: bool = _ABSENT
    max_concurrent_appointments: int | None = _ABSENT


class DefinedAvailabilityListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `DefinedAvailabilityList`."""

    data: list[DefinedAvailabilityWire]


class OfficeRelationWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"role": "role", "office": "office"}
):
    """The typed form of `OfficeRelation`."""

    role: OfficeRelationRole
    office: ReferenceWire


class EmployeeTranslationsWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"function": "function"}
):
    """The typed form of `EmployeeTranslations`."""

    function: list[TranslationWire] = _ABSENT


class EmployeeWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "function": "function",
        "communication_email": "communicationEmail",
        "external_id": "externalId",
        "username": "username",
        "first_name": "firstName",
        "last_name": "lastName",
        "static_video_url": "staticVideoUrl",
        "phone_number": "phoneNumber",
        "profile_picture_url": "profilePictureUrl",
        "email": "email",
        "language": "language",
        "time_zone": "timeZone",
        "available_roles": "availableRoles",
        "status": "status",
        "online_planning": "onlinePlanning",
        "office_relations": "officeRelations",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "deleted_at": "deletedAt",
        "translations": "translations",
    },
):
    """The typed form of `Employee`."""

    id: str
    function: TranslatedValueWire | None
    communication_email: str | None = _ABSENT
    external_id: str | None = _ABSENT
    username: str | None = _ABSENT
    first_name: str | None = _ABSENT
    last_name: str | None = _ABSENT
    static_video_url: str | None = _ABSENT
    phone_number: str | None = _ABSENT
    profile_picture_url: str | None = _ABSENT
    email: str | None = _ABSENT
    language: Language | None = _ABSENT
    time_zone: str | None = _ABSENT
    available_roles: list[EmployeeRole] = _ABSENT
    status: EmployeeStatus = _ABSENT
    online_planning: bool = _ABSENT
    office_relations: list[OfficeRelationWire] = _ABSENT
    created_at: str = _ABSENT
    updated_at: str = _ABSENT
    deleted_at: str | None = _ABSENT
    translations: EmployeeTranslationsWire = _ABSENT


class EmployeeListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `EmployeeList`."""

    data: list[EmployeeWire]
    meta: MetaWire


class EmployeeResponseWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}):
    """The typed form of `EmployeeResponse`."""

    data: EmployeeWire


class ExpertiseWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "rank": "rank",
        "meeting_types": "meetingTypes",
        "employee": "employee",
        "subject": "subject",
        "office": "office",
    },
):
    """The typed form of `Expertise`."""

    rank: int
    meeting_types: list[MeetingType]
    employee: ReferenceWire
    subject: ReferenceWire
    office: ReferenceWire


class ExpertiseListWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}):
    """The typed form of `ExpertiseList`."""

    data: list[ExpertiseWire]


class FavoriteAgentWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"office": "office", "employee": "employee"},
):
    """The typed form of `FavoriteAgent`."""

    office: ReferenceWire
    employee: ReferenceWire


class FavoriteAgentListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `FavoriteAgentList`."""

    data: list[FavoriteAgentWire]
    meta: MetaWire


class FormQuestionWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={}):
    """The typed form of `FormQuestion`."""


class FormQuestionResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `FormQuestionResponse`."""

    data: FormQuestionWire


class FormWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "name": "name",
        "type_": "type",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "deleted_at": "deletedAt",
    },
):
    """The typed form of `Form`."""

    id: str
    name: str = _ABSENT
    type_: str = _ABSENT
    created_at: str = _ABSENT
    updated_at: str = _ABSENT
    deleted_at: str | None = _ABSENT


class FormResponseWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}):
    """The typed form of `FormResponse`."""

    data: FormWire


class LeadSegmentWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "code": "code",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "description": "description",
        "deleted_at": "deletedAt",
    },
):
    """The typed form of `LeadSegment`."""

    id: str
    code: str
    created_at: str
    updated_at: str
    description: str | None = _ABSENT
    deleted_at: str | None = _ABSENT


class LeadSegmentResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `LeadSegmentResponse`."""

    data: LeadSegmentWire


class ListingWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={}):
    """The typed form of `Listing`."""


class ListingResponseWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}):
    """The typed form of `ListingResponse`."""

    data: ListingWire


class MeetingRoomWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "external_id": "externalId",
        "active": "active",
        "capacity": "capacity",
        "email": "email",
        "is_wheel_chair_accessible": "isWheelChairAccessible",
        "name": "name",
        "provider": "provider",
        "time_zone": "timeZone",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "deleted_at": "deletedAt",
    },
):
    """The typed form of `MeetingRoom`."""

    id: str
    external_id: str | None = _ABSENT
    active: bool = _ABSENT
    capacity: int | None = _ABSENT
    email: str = _ABSENT
    is_wheel_chair_accessible: bool | None = _ABSENT
    name: str = _ABSENT
    provider: str = _ABSENT
    time_zone: str = _ABSENT
    created_at: str = _ABSENT
    updated_at: str = _ABSENT
    deleted_at: str | None = _ABSENT


class MeetingRoomListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `MeetingRoomList`."""

    data: list[MeetingRoomWire]
    meta: MetaWire


class MeetingRoomResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `MeetingRoomResponse`."""

    data: MeetingRoomWire


class OfficeCoverageRegionWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"meeting_type": "meetingType", "office": "office", "regions": "regions"},
):
    """The typed form of `OfficeCoverageRegion`."""

    meeting_type: MeetingType
    office: ReferenceWire
    regions: list[ReferenceWire]


class OfficeCoverageRegionListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `OfficeCoverageRegionList`."""

    data: list[OfficeCoverageRegionWire]


class OfficeSubjectAvailabilitySettingWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "meeting_type": "meetingType",
        "subject": "subject",
        "auto_accept": "autoAccept",
        "estimated_duration": "estimatedDuration",
        "time_slot_granularity": "timeSlotGranularity",
        "trailing_buffer_time": "trailingBufferTime",
        "time_slot_earliest_possible": "timeSlotEarliestPossible",
        "time_slot_latest_possible": "timeSlotLatestPossible",
        "max_concurrent_appointments": "maxConcurrentAppointments",
    },
):
    """The typed form of `OfficeSubjectAvailabilitySetting`."""

    meeting_type: MeetingType
    subject: ReferenceWire
    auto_accept: bool | None = _ABSENT
    estimated_duration: int | None = _ABSENT
    time_slot_granularity: int | None = _ABSENT
    trailing_buffer_time: int | None = _ABSENT
    time_slot_earliest_possible: int | None = _ABSENT
    time_slot_latest_possible: int | None = _ABSENT
    max_concurrent_appointments: int | None = _ABSENT


class OfficeSubjectAvailabilitySettingListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `OfficeSubjectAvailabilitySettingList`."""

    data: list[OfficeSubjectAvailabilitySettingWire]


class OfficeSubjectCoverageRegionWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"meeting_type": "meetingType", "office": "office", "regions": "regions", "subject": "subject"},
):
    """The typed form of `OfficeSubjectCoverageRegion`."""

    meeting_type: MeetingType
    office: ReferenceWire
    regions: list[ReferenceWire]
    subject: ReferenceWire


class OfficeSubjectCoverageRegionListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `OfficeSubjectCoverageRegionList`."""

    data: list[OfficeSubjectCoverageRegionWire]


class RegionWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "name": "name",
        "code": "code",
        "country_code": "countryCode",
        "level": "level",
        "parent_id": "parentId",
    },
):
    """The typed form of `Region`."""

    id: str
    name: str
    code: str | None
    country_code: str = _ABSENT
    level: int = _ABSENT
    parent_id: str | None = _ABSENT


class RegionListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `RegionList`."""

    data: list[RegionWire]
    meta: MetaWire


class SchedulingSettingWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"meeting_type": "meetingType", "subject": "subject"},
):
    """The typed form of `SchedulingSetting`."""

    meeting_type: MeetingType
    subject: ReferenceWire


class SchedulingSettingListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `SchedulingSettingList`."""

    data: list[SchedulingSettingWire]


class SubjectGroupTranslationsWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"name": "name"}
):
    """The typed form of `SubjectGroupTranslations`."""

    name: list[TranslationWire] = _ABSENT


class SubjectGroupWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "color": "color",
        "order": "order",
        "name": "name",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "deleted_at": "deletedAt",
        "external_id": "externalId",
        "image": "image",
        "translations": "translations",
    },
):
    """The typed form of `SubjectGroup`."""

    id: str
    color: str
    order: int
    name: TranslatedValueWire | None
    created_at: str
    updated_at: str
    deleted_at: str | None
    external_id: str | None = _ABSENT
    image: str | None = _ABSENT
    translations: SubjectGroupTranslationsWire = _ABSENT


class SubjectGroupListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `SubjectGroupList`."""

    data: list[SubjectGroupWire]
    meta: MetaWire


class SubjectGroupResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `SubjectGroupResponse`."""

    data: SubjectGroupWire


class SubjectTranslationsWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"name": "name", "description": "description", "instructions": "instructions"},
):
    """The typed form of `SubjectTranslations`."""

    name: list[TranslationWire] = _ABSENT
    description: list[TranslationWire] = _ABSENT
    instructions: list[TranslationWire] = _ABSENT


class SubjectWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "enabled_for_internal_use": "enabledForInternalUse",
        "enabled_for_customer_use": "enabledForCustomerUse",
        "order": "order",
        "name": "name",
        "description": "description",
        "instructions": "instructions",
        "external_id": "externalId",
        "subject_group": "subjectGroup",
        "cancellation_by_agent_form": "cancellationByAgentForm",
        "cancellation_by_customer_form": "cancellationByCustomerForm",
        "completion_by_agent_form": "completionByAgentForm",
        "questionnaire_form": "questionnaireForm",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "deleted_at": "deletedAt",
        "translations": "translations",
    },
):
    """The typed form of `Subject`."""

    id: str
    enabled_for_internal_use: bool
    enabled_for_customer_use: bool
    order: int
    name: TranslatedValueWire | None
    description: TranslatedValueWire | None
    instructions: TranslatedValueWire | None
    external_id: str | None = _ABSENT
    subject_group: ReferenceWire | None = _ABSENT
    cancellation_by_agent_form: ReferenceWire | None = _ABSENT
    cancellation_by_customer_form: ReferenceWire | None = _ABSENT
    completion_by_agent_form: ReferenceWire | None = _ABSENT
    questionnaire_form: ReferenceWire | None = _ABSENT
    created_at: str = _ABSENT
    updated_at: str = _ABSENT
    deleted_at: str | None = _ABSENT
    translations: SubjectTranslationsWire = _ABSENT


class SubjectListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `SubjectList`."""

    data: list[SubjectWire]
    meta: MetaWire


class SubjectResponseWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}):
    """The typed form of `SubjectResponse`."""

    data: SubjectWire


class SubjectAvailabilitySettingsWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={"subject": "subject", "availability_settings": "availabilitySettings"},
):
    """The typed form of `SubjectAvailabilitySettings`."""

    subject: ReferenceWire
    availability_settings: list[AvailabilitySettingWire]


class TimeRangeAvailabilitySettingWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "force_manual_accept": "forceManualAccept",
        "overrides_default": "overridesDefault",
        "availability_time_range": "availabilityTimeRange",
        "office": "office",
        "subject_availability_settings": "subjectAvailabilitySettings",
    },
):
    """The typed form of `TimeRangeAvailabilitySetting`."""

    force_manual_accept: bool
    overrides_default: bool
    availability_time_range: ReferenceWire
    office: ReferenceWire
    subject_availability_settings: list[SubjectAvailabilitySettingsWire]


class TimeRangeAvailabilitySettingListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `TimeRangeAvailabilitySettingList`."""

    data: list[TimeRangeAvailabilitySettingWire]


class TimetableWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "duration": "duration",
        "earliest_possible": "earliestPossible",
        "latest_possible": "latestPossible",
        "listing": "listing",
        "meeting_type": "meetingType",
    },
):
    """The typed form of `Timetable`."""

    duration: int
    earliest_possible: str
    latest_possible: str
    listing: ReferenceWire | None = _ABSENT
    meeting_type: MeetingType = _ABSENT


class TimetableResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `TimetableResponse`."""

    data: TimetableWire


_decode_applied_template_list: Callable[[bytes], Any] = msgspec.json.Decoder(AppliedTemplateListWire).decode
_decode_applied_template_response: Callable[[bytes], Any] = msgspec.json.Decoder(AppliedTemplateResponseWire).decode
_decode_appointment_list: Callable[[bytes], Any] = msgspec.json.Decoder(AppointmentListWire).decode
_decode_appointment_response: Callable[[bytes], Any] = msgspec.json.Decoder(AppointmentResponseWire).decode
_decode_availability_setting_list: Callable[[bytes], Any] = msgspec.json.Decoder(AvailabilitySettingListWire).decode
_decode_availability_template_list: Callable[[bytes], Any] = msgspec.json.Decoder(AvailabilityTemplateListWire).decode
_decode_availability_template_response: Callable[[bytes], Any] = msgspec.json.Decoder(
    AvailabilityTemplateResponseWire
).decode
_decode_availability_time_range_response: Callable[[bytes], Any] = msgspec.json.Decoder(
    AvailabilityTimeRangeResponseWire
).decode
_decode_customer_response: Callable[[bytes], Any] = msgspec.json.Decoder(CustomerResponseWire).decode
_decode_defined_availability_list: Callable[[bytes], Any] = msgspec.json.Decoder(DefinedAvailabilityListWire).decode
_decode_employee_list: Callable[[bytes], Any] = msgspec.json.Decoder(EmployeeListWire).decode
_decode_employee_response: Callable[[bytes], Any] = msgspec.json.Decoder(EmployeeResponseWire).decode
_decode_expertise_list: Callable[[bytes], Any] = msgspec.json.Decoder(ExpertiseListWire).decode
_decode_favorite_agent_list: Callable[[bytes], Any] = msgspec.json.Decoder(FavoriteAgentListWire).decode
_decode_form_question_response: Callable[[bytes], Any] = msgspec.json.Decoder(FormQuestionResponseWire).decode
_decode_form_response: Callable[[bytes], Any] = msgspec.json.Decoder(FormResponseWire).decode
_decode_lead_segment_response: Callable[[bytes], Any] = msgspec.json.Decoder(LeadSegmentResponseWire).decode
_decode_listing_response: Callable[[bytes], Any] = msgspec.json.Decoder(ListingResponseWire).decode
_decode_meeting_room_list: Callable[[bytes], Any] = msgspec.json.Decoder(MeetingRoomListWire).decode
_decode_meeting_room_response: Callable[[bytes], Any] = msgspec.json.Decoder(MeetingRoomResponseWire).decode
_decode_office_coverage_region_list: Callable[[bytes], Any] = msgspec.json.Decoder(OfficeCoverageRegionListWire).decode
_decode_office_subject_availability_setting_list: Callable[[bytes], Any] = msgspec.json.Decoder(
    OfficeSubjectAvailabilitySettingListWire
).decode
_decode_office_subject_coverage_region_list: Callable[[bytes], Any] = msgspec.json.Decoder(
    OfficeSubjectCoverageRegionListWire
).decode
_decode_region_list: Callable[[bytes], Any] = msgspec.json.Decoder(RegionListWire).decode
_decode_scheduling_setting_list: Callable[[bytes], Any] = msgspec.json.Decoder(SchedulingSettingListWire).decode
_decode_subject_group_list: Callable[[bytes], Any] = msgspec.json.Decoder(SubjectGroupListWire).decode
_decode_subject_group_response: Callable[[bytes], Any] = msgspec.json.Decoder(SubjectGroupResponseWire).decode
_decode_subject_list: Callable[[bytes], Any] = msgspec.json.Decoder(SubjectListWire).decode
_decode_subject_response: Callable[[bytes], Any] = msgspec.json.Decoder(SubjectResponseWire).decode
_decode_time_range_availability_setting_list: Callable[[bytes], Any] = msgspec.json.Decoder(
    TimeRangeAvailabilitySettingListWire
).decode
_decode_timetable_response: Callable[[bytes], Any] = msgspec.json.Decoder(TimetableResponseWire).decode


def parse_applied_template_list(content: bytes) -> AppliedTemplateList:
    s = _decode_applied_template_list(content)
    v1 = _new(AppliedTemplateList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(AppliedTemplate)
        v4.start_date = _parse_date(v3.start_date)
        v4.end_date = _parse_date(v3.end_date)
        v5 = v3.availability_template
        v6 = _new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.availability_template = v6
        v4.time_zone = v3.time_zone
        v4.created_at = _parse_datetime(v3.created_at)
        v4.updated_at = _parse_datetime(v3.updated_at)
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v7 = s.meta
    v8 = _new(Meta)
    v8.total_count = v7.total_count
    v8.offset = v7.offset
    v8.limit = v7.limit
    v8.additional_properties = {}
    v1.meta = v8
    v1.additional_properties = {}
    return v1


def parse_applied_template_response(content: bytes) -> AppliedTemplateResponse:
    s = _decode_applied_template_response(content)
    v1 = _new(AppliedTemplateResponse)
    v2 = s.data
    v3 = _new(AppliedTemplate)
    v3.start_date = _parse_date(v2.start_date)
    v3.end_date = _parse_date(v2.end_date)
    v4 = v2.availability_template
    v5 = _new(Reference)
    v5.id = v4.id
    v5.additional_properties = {}
    v3.availability_template = v5
    v3.time_zone = v2.time_zone
    v3.created_at = _parse_datetime(v2.created_at)
    v3.updated_at = _parse_datetime(v2.updated_at)
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1


def parse_appointment_list(content: bytes) -> AppointmentList:
    s = _decode_appointment_list(content)
    v1 = _new(AppointmentList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(Appointment)
        v4.id = v3.id
        v5 = v3.subject
        v6 = _new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.subject = v6
        v7 = v3.office
        v8 = _new(Reference)
        v8.id = v7.id
        v8.additional_properties = {}
        v4.office = v8
        v9: list[Any] = []
        for v10 in v3.appointment_participants:
            v11 = _new(AppointmentParticipant)
            v11.role = v10.role
            v12 = v10.participant
            v13 = _new(ParticipantReference)
            v13.id = v12.id
            v13.additional_properties = {}
            v11.participant = v13
            v11.type_ = v10.type_
            v11.video_url = v10.video_url
            v11.video_test_url = v10.video_test_url
            v11.additional_properties = {}
            v9.append(v11)
        v4.appointment_participants = v9
        v14: list[Any] = []
        for v15 in v3.answers:
            v16 = _new(Answer)
            v16.id = v15.id
            v17 = v15.form
            v18 = _new(Reference)
            v18.id = v17.id
            v18.additional_properties = {}
            v16.form = v18
            v19 = v15.question
            v20 = _new(Reference)
            v20.id = v19.id
            v20.additional_properties = {}
            v16.question = v20
            v16.answer_type = v15.answer_type
            v16.created_at = _parse_datetime(v15.created_at)
            v16.updated_at = _parse_datetime(v15.updated_at)
            v16.value = v15.value
            v21 = v15.selected_answer_options
            if v21 is not None and v21 is not UNSET:
                v22: list[Any] = []
                for v23 in v21:
                    v24 = _new(Reference)
                    v24.id = v23.id
                    v24.additional_properties = {}
                    v22.append(v24)
                v21 = v22
            v16.selected_answer_options = v21
            v25 = v15.files
            if v25 is not None and v25 is not UNSET:
                v26: list[Any] = []
                for v27 in v25:
                    v28 = _new(Reference)
                    v28.id = v27.id
                    v28.additional_properties = {}
                    v26.append(v28)
                v25 = v26
            v16.files = v25
            v16.additional_properties = {}
            v14.append(v16)
        v4.answers = v14
        v4.meeting_type = v3.meeting_type
        v4.status = v3.status
        v4.hybrid = v3.hybrid
        v4.trailing_buffer_time = v3.trailing_buffer_time
        v4.created_at = _parse_datetime(v3.created_at)
        v4.created_by_type = v3.created_by_type
        v4.created_from = v3.created_from
        v4.updated_at = _parse_datetime(v3.updated_at)
        v4.updated_by_type = v3.updated_by_type
        v4.updated_from = v3.updated_from
        v4.external_id = v3.external_id
        v29 = v3.start
        if v29 is not None and v29 is not UNSET:
            v29 = _parse_datetime(v29)
        v4.start = v29
        v30 = v3.end
        if v30 is not None and v30 is not UNSET:
            v30 = _parse_datetime(v30)
        v4.end = v30
        v31 = v3.callback_request
        if v31 is not None and v31 is not UNSET:
            v32 = _new(Reference)
            v32.id = v31.id
            v32.additional_properties = {}
            v31 = v32
        v4.callback_request = v31
        v33 = v3.listing
        if v33 is not None and v33 is not UNSET:
            v34 = _new(Reference)
            v34.id = v33.id
            v34.additional_properties = {}
            v33 = v34
        v4.listing = v33
        v35 = v3.lead_segment
        if v35 is not None and v35 is not UNSET:
            v36 = _new(Reference)
            v36.id = v35.id
            v36.additional_properties = {}
            v35 = v36
        v4.lead_segment = v35
        v37 = v3.meeting_room
        if v37 is not None and v37 is not UNSET:
            v38 = _new(Reference)
            v38.id = v37.id
            v38.additional_properties = {}
            v37 = v38
        v4.meeting_room = v37
        v4.internal_notes = v3.internal_notes
        v4.message_for_customer = v3.message_for_customer
        v39 = v3.created_by
        if v39 is not None and v39 is not UNSET:
            v40 = _new(Reference)
            v40.id = v39.id
            v40.additional_properties = {}
            v39 = v40
        v4.created_by = v39
        v41 = v3.updated_by
        if v41 is not None and v41 is not UNSET:
            v42 = _new(Reference)
            v42.id = v41.id
            v42.additional_properties = {}
            v41 = v42
        v4.updated_by = v41
        v43 = v3.location
        if v43 is not None and v43 is not UNSET:
            v44 = _new(Location)
            v45 = v43.city
            if v45 is not None:
                v46 = _new(TranslatedValue)
                v46.language = v45.language
                v46.value = v45.value
                v46.additional_properties = {}
                v45 = v46
            v44.city = v45
            v47 = v43.state
            if v47 is not None:
                v48 = _new(TranslatedValue)
                v48.language = v47.language
                v48.value = v47.value
                v48.additional_properties = {}
                v47 = v48
            v44.state = v47
            v49 = v43.street1
            if v49 is not None:
                v50 = _new(TranslatedValue)
                v50.language = v49.language
                v50.value = v49.value
                v50.additional_properties = {}
                v49 = v50
            v44.street1 = v49
            v51 = v43.street2
            if v51 is not None:
                v52 = _new(TranslatedValue)
                v52.language = v51.language
                v52.value = v51.value
                v52.additional_properties = {}
                v51 = v52
            v44.street2 = v51
            v44.country_code = v43.country_code
            v44.formatted_address = v43.formatted_address
            v53 = v43.geolocation
            v54 = _new(Geolocation)
            v54.latitude = v53.latitude
            v54.longitude = v53.longitude
            v54.additional_properties = {}
            v44.geolocation = v54
            v55 = v43.translations
            v56 = _new(LocationTranslations)
            v57: list[Any] = []
            for v58 in v55.city:
                v59 = _new(Translation)
                v59.language = v58.language
                v59.value = v58.value
                v59.additional_properties = {}
                v57.append(v59)
            v56.city = v57
            v60: list[Any] = []
            for v61 in v55.street1:
                v62 = _new(Translation)
                v62.language = v61.language
                v62.value = v61.value
                v62.additional_properties = {}
                v60.append(v62)
            v56.street1 = v60
            v63 = v55.state
            if v63 is not UNSET:
                v64: list[Any] = []
                for v65 in v63:
                    v66 = _new(Translation)
                    v66.language = v65.language
                    v66.value = v65.value
                    v66.additional_properties = {}
                    v64.append(v66)
                v63 = v64
            v56.state = v63
            v67 = v55.street2
            if v67 is not UNSET:
                v68: list[Any] = []
                for v69 in v67:
                    v70 = _new(Translation)
                    v70.language = v69.language
                    v70.value = v69.value
                    v70.additional_properties = {}
                    v68.append(v70)
                v67 = v68
            v56.street2 = v67
            v56.additional_properties = {}
            v44.translations = v56
            v44.postal_code = v43.postal_code
            v44.additional_properties = {}
            v43 = v44
        v4.location = v43
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1


def parse_appointment_response(content: bytes) -> AppointmentResponse:
    s = _decode_appointment_response(content)
    v1 = _new(AppointmentResponse)
    v2 = s.data
    v3 = _new(Appointment)
    v3.id = v2.id
    v4 = v2.subject
    v5 = _new(Reference)
    v5.id = v4.id
    v5.additional_properties = {}
    v3.subject = v5
    v6 = v2.office
    v7 = _new(Reference)
    v7.id = v6.id
    v7.additional_properties = {}
    v3.office = v7
    v8: list[Any] = []
    for v9 in v2.appointment_participants:
        v10 = _new(AppointmentParticipant)
        v10.role = v9.role
        v11 = v9.participant
        v12 = _new(ParticipantReference)
        v12.id = v11.id
        v12.additional_properties = {}
        v10.participant = v12
        v10.type_ = v9.type_
        v10.video_url = v9.video_url
        v10.video_test_url = v9.video_test_url
        v10.additional_properties = {}
        v8.append(v10)
    v3.appointment_participants = v8
    v13: list[Any] = []
    for v14 in v2.answers:
        v15 = _new(Answer)
        v15.id = v14.id
        v16 = v14.form
        v17 = _new(Reference)
        v17.id = v16.id
        v17.additional_properties = {}
        v15.form = v17
        v18 = v14.question
        v19 = _new(Reference)
        v19.id = v18.id
        v19.additional_properties = {}
        v15.question = v19
        v15.answer_type = v14.answer_type
        v15.created_at = _parse_datetime(v14.created_at)
        v15.updated_at = _parse_datetime(v14.updated_at)
        v15.value = v14.value
        v20 = v14.selected_answer_options
        if v20 is not None and v20 is not UNSET:
            v21: list[Any] = []
            for v22 in v20:
                v23 = _new(Reference)
                v23.id = v22.id
                v23.additional_properties = {}
                v21.append(v23)
            v20 = v21
        v15.selected_answer_options = v20
        v24 = v14.files
        if v24 is not None and v24 is not UNSET:
            v25: list[Any] = []
            for v26 in v24:
                v27 = _new(Reference)
                v27.id = v26.id
                v27.additional_properties = {}
                v25.append(v27)
            v24 = v25
        v15.files = v24
        v15.additional_properties = {}
        v13.append(v15)
    v3.answers = v13
    v3.meeting_type = v2.meeting_type
    v3.status = v2.status
    v3.hybrid = v2.hybrid
    v3.trailing_buffer_time = v2.trailing_buffer_time
    v3.created_at = _parse_datetime(v2.created_at)
    v3.created_by_type = v2.created_by_type
    v3.created_from = v2.created_from
    v3.updated_at = _parse_datetime(v2.updated_at)
    v3.updated_by_type = v2.updated_by_type
    v3.updated_from = v2.updated_from
    v3.external_id = v2.external_id
    v28 = v2.start
    if v28 is not None and v28 is not UNSET:
        v28 = _parse_datetime(v28)
    v3.start = v28
    v29 = v2.end
    if v29 is not None and v29 is not UNSET:
        v29 = _parse_datetime(v29)
    v3.end = v29
    v30 = v2.callback_request
    if v30 is not None and v30 is not UNSET:
        v31 = _new(Reference)
        v31.id = v30.id
        v31.additional_properties = {}
        v30 = v31
    v3.callback_request = v30
    v32 = v2.listing
    if v32 is not None and v32 is not UNSET:
        v33 = _new(Reference)
        v33.id = v32.id
        v33.additional_properties = {}
        v32 = v33
    v3.listing = v32
    v34 = v2.lead_segment
    if v34 is not None and v34 is not UNSET:
        v35 = _new(Reference)
        v35.id = v34.id
        v35.additional_properties = {}
        v34 = v35
    v3.lead_segment = v34
    v36 = v2.meeting_room
    if v36 is not None and v36 is not UNSET:
        v37 = _new(Reference)
        v37.id = v36.id
        v37.additional_properties = {}
        v36 = v37
    v3.meeting_room = v36
    v3.internal_notes = v2.internal_notes
    v3.message_for_customer = v2.message_for_customer
    v38 = v2.created_by
    if v38 is not None and v38 is not UNSET:
        v39 = _new(Reference)
        v39.id = v38.id
        v39.additional_properties = {}
        v38 = v39
    v3.created_by = v38
    v40 = v2.updated_by
    if v40 is not None and v40 is not UNSET:
        v41 = _new(Reference)
        v41.id = v40.id
        v41.additional_properties = {}
        v40 = v41
    v3.updated_by = v40
    v42 = v2.location
    if v42 is not None and v42 is not UNSET:
        v43 = _new(Location)
        v44 = v42.city
        if v44 is not None:
            v45 = _new(TranslatedValue)
            v45.language = v44.language
            v45.value = v44.value
            v45.additional_properties = {}
            v44 = v45
        v43.city = v44
        v46 = v42.state
        if v46 is not None:
            v47 = _new(TranslatedValue)
            v47.language = v46.language
            v47.value = v46.value
            v47.additional_properties = {}
            v46 = v47
        v43.state = v46
        v48 = v42.street1
        if v48 is not None:
            v49 = _new(TranslatedValue)
            v49.language = v48.language
            v49.value = v48.value
            v49.additional_properties = {}
            v48 = v49
        v43.street1 = v48
        v50 = v42.street2
        if v50 is not None:
            v51 = _new(TranslatedValue)
            v51.language = v50.language
            v51.value = v50.value
            v51.additional_properties = {}
            v50 = v51
        v43.street2 = v50
        v43.country_code = v42.country_code
        v43.formatted_address = v42.formatted_address
        v52 = v42.geolocation
        v53 = _new(Geolocation)
        v53.latitude = v52.latitude
        v53.longitude = v52.longitude
        v53.additional_properties = {}
        v43.geolocation = v53
        v54 = v42.translations
        v55 = _new(LocationTranslations)
        v56: list[Any] = []
        for v57 in v54.city:
            v58 = _new(Translation)
            v58.language = v57.language
            v58.value = v57.value
            v58.additional_properties = {}
            v56.append(v58)
        v55.city = v56
        v59: list[Any] = []
        for v60 in v54.street1:
            v61 = _new(Translation)
            v61.language = v60.language
            v61.value = v60.value
            v61.additional_properties = {}
            v59.append(v61)
        v55.street1 = v59
        v62 = v54.state
        if v62 is not UNSET:
            v63: list[Any] = []
            for v64 in v62:
                v65 = _new(Translation)
                v65.language = v64.language
                v65.value = v64.value
                v65.additional_properties = {}
                v63.append(v65)
            v62 = v63
        v55.state = v62
        v66 = v54.street2
        if v66 is not UNSET:
            v67: list[Any] = []
            for v68 in v66:
                v69 = _new(Translation)
                v69.language = v68.language
                v69.value = v68.value
                v69.additional_properties = {}
                v67.append(v69)
            v66 = v67
        v55.street2 = v66
        v55.additional_properties = {}
        v43.translations = v55
        v43.postal_code = v42.postal_code
        v43.additional_properties = {}
        v42 = v43
    v3.location = v42
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1


def parse_availability_setting_list(content: bytes) -> AvailabilitySettingList:
    s = _decode_availability_setting_list(content)
    v1 = _new(AvailabilitySettingList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(AvailabilitySetting)
        v4.meeting_type = v3.meeting_type
        v4.auto_accept = v3.auto_accept
        v4.estimated_duration = v3.estimated_duration
        v4.time_slot_granularity = v3.time_slot_granularity
        v4.trailing_buffer_time = v3.trailing_buffer_time
        v4.time_slot_earliest_possible = v3.time_slot_earliest_possible
        v4.time_slot_latest_possible = v3.time_slot_latest_possible
        v4.max_concurrent_appointments = v3.max_concurrent_appointments
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1


def parse_availability_template_list(content: bytes) -> AvailabilityTemplateList:
    s = _decode_availability_template_list(content)
    v1 = _new(AvailabilityTemplateList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(AvailabilityTemplate)
        v4.id = v3.id
        v4.name = v3.name
        v4.type_ = v3.type_
        v4.time_zone = v3.time_zone
        v5 = v3.employee
        v6 = _new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.employee = v6
        v4.color = v3.color
        v4.order = v3.order
        v4.is_default = v3.is_default
        v4.created_at = _parse_datetime(v3.created_at)
        v4.updated_at = _parse_datetime(v3.updated_at)
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1


def parse_availability_template_response(content: bytes) -> AvailabilityTemplateResponse:
    s = _decode_availability_template_response(content)
    v1 = _new(AvailabilityTemplateResponse)
    v2 = s.data
    v3 = _new(AvailabilityTemplate)
    v3.id = v2.id
    v3.name = v2.name
    v3.type_ = v2.type_
    v3.time_zone = v2.time_zone
    v4 = v2.employee
    v5 = _new(Reference)
    v5.id = v4.id
    v5.additional_properties = {}
    v3.employee = v5
    v3.color = v2.color
    v3.order = v2.order
    v3.is_default = v2.is_default
    v3.created_at = _parse_datetime(v2.created_at)
    v3.updated_at = _parse_datetime(v2.updated_at)
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1


def parse_availability_time_range_response(content: bytes) -> AvailabilityTimeRangeResponse:
    s = _decode_availability_time_range_response(content)
    v1 = _new(AvailabilityTimeRangeResponse)
    v2 = s.data
    v3 = _new(AvailabilityTimeRange)
    v3.id = v2.id
    v3.start_time = v2.start_time
    v3.end_time = v2.end_time
    v4 = v2.availability_template
    v5 = _new(Reference)
    v5.id = v4.id
    v5.additional_properties = {}
    v3.availability_template = v5
    v3.created_at = _parse_datetime(v2.created_at)
    v3.updated_at = _parse_datetime(v2.updated_at)
    v3.day_of_week = v2.day_of_week
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1


def parse_customer_response(content: bytes) -> CustomerResponse:
    s = _decode_customer_response(content)
    v1 = _new(CustomerResponse)
    v2 = s.data
    v3 = _new(Customer)
    v3.id = v2.id
    v3.existing = v2.existing
    v3.time_zone = v2.time_zone
    v3.created_at = _parse_datetime(v2.created_at)
    v3.updated_at = _parse_datetime(v2.updated_at)
    v4 = v2.deleted_at
    if v4 is not None:
        v4 = _parse_datetime(v4)
    v3.deleted_at = v4
    v3.external_id = v2.external_id
    v3.customer_number = v2.customer_number
    v3.email = v2.email
    v3.first_name = v2.first_name
    v3.last_name = v2.last_name
    v3.company = v2.company
    v3.language = v2.language
    v3.notes = v2.notes
    v3.phone_number = v2.phone_number
    v5 = v2.location
    if v5 is not None and v5 is not UNSET:
        v6 = _new(Location)
        v7 = v5.city
        if v7 is not None:
            v8 = _new(TranslatedValue)
            v8.language = v7.language
            v8.value = v7.value
            v8.additional_properties = {}
            v7 = v8
        v6.city = v7
        v9 = v5.state
        if v9 is not None:
            v10 = _new(TranslatedValue)
            v10.language = v9.language
            v10.value = v9.value
            v10.additional_properties = {}
            v9 = v10
        v6.state = v9
        v11 = v5.street1
        if v11 is not None:
            v12 = _new(TranslatedValue)
            v12.language = v11.language
            v12.value = v11.value
            v12.additional_properties = {}
            v11 = v12
        v6.street1 = v11
        v13 = v5.street2
        if v13 is not None:
            v14 = _new(TranslatedValue)
            v14.language = v13.language
            v14.value = v13.value
            v14.additional_properties = {}
            v13 = v14
        v6.street2 = v13
        v6.country_code = v5.country_code
        v6.formatted_address = v5.formatted_address
        v15 = v5.geolocation
        v16 = _new(Geolocation)
        v16.latitude = v15.latitude
        v16.longitude = v15.longitude
        v16.additional_properties = {}
        v6.geolocation = v16
        v17 = v5.translations
        v18 = _new(LocationTranslations)
        v19: list[Any] = []
        for v20 in v17.city:
            v21 = _new(Translation)
            v21.language = v20.language
            v21.value = v20.value
            v21.additional_properties = {}
            v19.append(v21)
        v18.city = v19
        v22: list[Any] = []
        for v23 in v17.street1:
            v24 = _new(Translation)
            v24.language = v23.language
            v24.value = v23.value
            v24.additional_properties = {}
            v22.append(v24)
        v18.street1 = v22
        v25 = v17.state
        if v25 is not UNSET:
            v26: list[Any] = []
            for v27 in v25:
                v28 = _new(Translation)
                v28.language = v27.language
                v28.value = v27.value
                v28.additional_properties = {}
                v26.append(v28)
            v25 = v26
        v18.state = v25
        v29 = v17.street2
        if v29 is not UNSET:
            v30: list[Any] = []
            for v31 in v29:
                v32 = _new(Translation)
                v32.language = v31.language
                v32.value = v31.value
                v32.additional_properties = {}
                v30.append(v32)
            v29 = v30
        v18.street2 = v29
        v18.additional_properties = {}
        v6.translations = v18
        v6.postal_code = v5.postal_code
        v6.additional_properties = {}
        v5 = v6
    v3.location = v5
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1


def parse_defined_availability_list(content: bytes) -> DefinedAvailabilityList:
    s = _decode_defined_availability_list(content)
    v1 = _new(DefinedAvailabilityList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(DefinedAvailability)
        v4.start = _parse_datetime(v3.start)
        v4.end = _parse_datetime(v3.end)
        v5 = v3.employee
        v6 = _new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.employee = v6
        v7 = v3.office
        v8 = _new(Reference)
        v8.id = v7.id
        v8.additional_properties = {}
        v4.office = v8
        v9 = v3.subject
        v10 = _new(Reference)
        v10.id = v9.id
        v10.additional_properties = {}
        v4.subject = v10
        v4.meeting_type = v3.meeting_type
        v4.force_manual_accept = v3.force_manual_accept
        v4.max_concurrent_appointments = v3.max_concurrent_appointments
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1


def parse_employee_list(content: bytes) -> EmployeeList:
    s = _decode_employee_list(content)
    v1 = _new(EmployeeList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(Employee)
        v4.id = v3.id
        v5 = v3.function
        if v5 is not None:
            v6 = _new(TranslatedValue)
            v6.language = v5.language
            v6.value = v5.value
            v6.additional_properties = {}
            v5 = v6
        v4.function = v5
        v4.communication_email = v3.communication_email
        v4.external_id = v3.external_id
        v4.username = v3.username
        v4.first_name = v3.first_name
        v4.last_name = v3.last_name
        v4.static_video_url = v3.static_video_url
        v4.phone_number = v3.phone_number
        v4.profile_picture_url = v3.profile_picture_url
        v4.email = v3.email
        v4.language = v3.language
        v4.time_zone = v3.time_zone
        v4.available_roles = v3.available_roles
        v4.status = v3.status
        v4.online_planning = v3.online_planning
        v7 = v3.office_relations
        if v7 is not UNSET:
            v8: list[Any] = []
            for v9 in v7:
                v10 = _new(OfficeRelation)
                v10.role = v9.role
                v11 = v9.office
                v12 = _new(Reference)
                v12.id = v11.id
                v12.additional_properties = {}
                v10.office = v12
                v10.additional_properties = {}
                v8.append(v10)
            v7 = v8
        v4.office_relations = v7
        v13 = v3.created_at
        if v13 is not UNSET:
            v13 = _parse_datetime(v13)
        v4.created_at = v13
        v14 = v3.updated_at
        if v14 is not UNSET:
            v14 = _parse_datetime(v14)
        v4.updated_at = v14
        v15 = v3.deleted_at
        if v15 is not None and v15 is not UNSET:
            v15 = _parse_datetime(v15)
        v4.deleted_at = v15
        v16 = v3.translations
        if v16 is not UNSET:
            v17 = _new(EmployeeTranslations)
            v18 = v16.function
            if v18 is not UNSET:
                v19: list[Any] = []
                for v20 in v18:
                    v21 = _new(Translation)
                    v21.language = v20.language
                    v21.value = v20.value
                    v21.additional_properties = {}
                    v19.append(v21)
                v18 = v19
            v17.function = v18
            v17.additional_properties = {}
            v16 = v17
        v4.translations = v16
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v22 = s.meta
    v23 = _new(Meta)
    v23.total_count = v22.total_count
    v23.offset = v22.offset
    v23.limit = v22.limit
    v23.additional_properties = {}
    v1.meta = v23
    v1.additional_properties = {}
    return v1


def parse_employee_response(content: bytes) -> EmployeeResponse:
    s = _decode_employee_response(content)
    v1 = _new(EmployeeResponse)
    v2 = s.data
    v3 = _new(Employee)
    v3.id = v2.id
    v4 = v2.function
    if v4 is not None:
        v5 = _new(TranslatedValue)
        v5.language = v4.language
        v5.value = v4.value
        v5.additional_properties = {}
        v4 = v5
    v3.function = v4
    v3.communication_email = v2.communication_email
    v3.external_id = v2.external_id
    v3.username = v2.username
    v3.first_name = v2.first_name
    v3.last_name = v2.last_name
    v3.static_video_url = v2.static_video_url
    v3.phone_number = v2.phone_number
    v3.profile_picture_url = v2.profile_picture_url
    v3.email = v2.email
    v3.language = v2.language
    v3.time_zone = v2.time_zone
    v3.available_roles = v2.available_roles
    v3.status = v2.status
    v3.online_planning = v2.online_planning
    v6 = v2.office_relations
    if v6 is not UNSET:
        v7: list[Any] = []
        for v8 in v6:
            v9 = _new(OfficeRelation)
            v9.role = v8.role
            v10 = v8.office
            v11 = _new(Reference)
            v11.id = v10.id
            v11.additional_properties = {}
            v9.office = v11
            v9.additional_properties = {}
            v7.append(v9)
        v6 = v7
    v3.office_relations = v6
    v12 = v2.created_at
    if v12 is not UNSET:
        v12 = _parse_datetime(v12)
    v3.created_at = v12
    v13 = v2.updated_at
    if v13 is not UNSET:
        v13 = _parse_datetime(v13)
    v3.updated_at = v13
    v14 = v2.deleted_at
    if v14 is not None and v14 is not UNSET:
        v14 = _parse_datetime(v14)
    v3.deleted_at = v14
    v15 = v2.translations
    if v15 is not UNSET:
        v16 = _new(EmployeeTranslations)
        v17 = v15.function
        if v17 is not UNSET:
            v18: list[Any] = []
            for v19 in v17:
                v20 = _new(Translation)
                v20.language = v19.language
                v20.value = v19.value
                v20.additional_properties = {}
                v18.append(v20)
            v17 = v18
        v16.function = v17
        v16.additional_properties = {}
        v15 = v16
    v3.translations = v15
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1


def parse_expertise_list(content: bytes) -> ExpertiseList:
    s = _decode_expertise_list(content)
    v1 = _new(ExpertiseList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(Expertise)
        v4.rank = v3.rank
        v4.meeting_types = v3.meeting_types
        v5 = v3.employee
        v6 = _new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.employee = v6
        v7 = v3.subject
        v8 = _new(Reference)
        v8.id = v7.id
        v8.additional_properties = {}
        v4.subject = v8
        v9 = v3.office
        v10 = _new(Reference)
        v10.id = v9.id
        v10.additional_properties = {}
        v4.office = v10
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1


def parse_favorite_agent_list(content: bytes) -> FavoriteAgentList:
    s = _decode_favorite_agent_list(content)
    v1 = _new(FavoriteAgentList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(FavoriteAgent)
        v5 = v3.office
        v6 = _new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.office = v6
        v7 = v3.employee
        v8 = _new(Reference)
        v8.id = v7.id
        v8.additional_properties = {}
        v4.employee = v8
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v9 = s.meta
    v10 = _new(Meta)
    v10.total_count = v9.total_count
    v10.offset = v9.offset
    v10.limit = v9.limit
    v10.additional_properties = {}
    v1.meta = v10
    v1.additional_properties = {}
    return v1


def parse_form_question_response(content: bytes) -> FormQuestionResponse:
    _decode_form_question_response(content)
    v1 = _new(FormQuestionResponse)
    v2 = _new(FormQuestion)
    v2.additional_properties = {}
    v1.data = v2
    v1.additional_properties = {}
    return v1


def parse_form_response(content: bytes) -> FormResponse:
    s = _decode_form_response(content)
    v1 = _new(FormResponse)
    v2 = s.data
    v3 = _new(Form)
    v3.id = v2.id
    v3.name = v2.name
    v3.type_ = v2.type_
    v4 = v2.created_at
    if v4 is not UNSET:
        v4 = _parse_datetime(v4)
    v3.created_at = v4
    v5 = v2.updated_at
    if v5 is not UNSET:
        v5 = _parse_datetime(v5)
    v3.updated_at = v5
    v6 = v2.deleted_at
    if v6 is not None and v6 is not UNSET:
        v6 = _parse_datetime(v6)
    v3.deleted_at = v6
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1


def parse_lead_segment_response(content: bytes) -> LeadSegmentResponse:
    s = _decode_lead_segment_response(content)
    v1 = _new(LeadSegmentResponse)
    v2 = s.data
    v3 = _new(LeadSegment)
    v3.id = v2.id
    v3.code = v2.code
    v3.created_at = _parse_datetime(v2.created_at)
    v3.updated_at = _parse_datetime(v2.updated_at)
    v3.description = v2.description
    v4 = v2.deleted_at
    if v4 is not None and v4 is not UNSET:
        v4 = _parse_datetime(v4)
    v3.deleted_at = v4
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1


def parse_listing_response(content: bytes) -> ListingResponse:
    _decode_listing_response(content)
    v1 = _new(ListingResponse)
    v2 = _new(Listing)
    v2.additional_properties = {}
    v1.data = v2
    v1.additional_properties = {}
    return v1


def parse_meeting_room_list(content: bytes) -> MeetingRoomList:
    s = _decode_meeting_room_list(content)
    v1 = _new(MeetingRoomList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(MeetingRoom)
        v4.id = v3.id
        v4.external_id = v3.external_id
        v4.active = v3.active
        v4.capacity = v3.capacity
        v4.email = v3.email
        v4.is_wheel_chair_accessible = v3.is_wheel_chair_accessible
        v4.name = v3.name
        v4.provider = v3.provider
        v4.time_zone = v3.time_zone
        v5 = v3.created_at
        if v5 is not UNSET:
            v5 = _parse_datetime(v5)
        v4.created_at = v5
        v6 = v3.updated_at
        if v6 is not UNSET:
            v6 = _parse_datetime(v6)
        v4.updated_at = v6
        v7 = v3.deleted_at
        if v7 is not None and v7 is not UNSET:
            v7 = _parse_datetime(v7)
        v4.deleted_at = v7
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v8 = s.meta
    v9 = _new(Meta)
    v9.total_count = v8.total_count
    v9.offset = v8.offset
    v9.limit = v8.limit
    v9.additional_properties = {}
    v1.meta = v9
    v1.additional_properties = {}
    return v1


def parse_meeting_room_response(content: bytes) -> MeetingRoomResponse:
    s = _decode_meeting_room_response(content)
    v1 = _new(MeetingRoomResponse)
    v2 = s.data
    v3 = _new(MeetingRoom)
    v3.id = v2.id
    v3.external_id = v2.external_id
    v3.active = v2.active
    v3.capacity = v2.capacity
    v3.email = v2.email
    v3.is_wheel_chair_accessible = v2.is_wheel_chair_accessible
    v3.name = v2.name
    v3.provider = v2.provider
    v3.time_zone = v2.time_zone
    v4 = v2.created_at
    if v4 is not UNSET:
        v4 = _parse_datetime(v4)
    v3.created_at = v4
    v5 = v2.updated_at
    if v5 is not UNSET:
        v5 = _parse_datetime(v5)
    v3.updated_at = v5
    v6 = v2.deleted_at
    if v6 is not None and v6 is not UNSET:
        v6 = _parse_datetime(v6)
    v3.deleted_at = v6
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1


def parse_office_coverage_region_list(content: bytes) -> OfficeCoverageRegionList:
    s = _decode_office_coverage_region_list(content)
    v1 = _new(OfficeCoverageRegionList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(OfficeCoverageRegion)
        v4.meeting_type = v3.meeting_type
        v5 = v3.office
        v6 = _new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.office = v6
        v7: list[Any] = []
        for v8 in v3.regions:
            v9 = _new(Reference)
            v9.id = v8.id
            v9.additional_properties = {}
            v7.append(v9)
        v4.regions = v7
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1


def parse_office_subject_availability_setting_list(content: bytes) -> OfficeSubjectAvailabilitySettingList:
    s = _decode_office_subject_availability_setting_list(content)
    v1 = _new(OfficeSubjectAvailabilitySettingList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(OfficeSubjectAvailabilitySetting)
        v4.meeting_type = v3.meeting_type
        v5 = v3.subject
        v6 = _new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.subject = v6
        v4.auto_accept = v3.auto_accept
        v4.estimated_duration = v3.estimated_duration
        v4.time_slot_granularity = v3.time_slot_granularity
        v4.trailing_buffer_time = v3.trailing_buffer_time
        v4.time_slot_earliest_possible = v3.time_slot_earliest_possible
        v4.time_slot_latest_possible = v3.time_slot_latest_possible
        v4.max_concurrent_appointments = v3.max_concurrent_appointments
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1


def parse_office_subject_coverage_region_list(content: bytes) -> OfficeSubjectCoverageRegionList:
    s = _decode_office_subject_coverage_region_list(content)
    v1 = _new(OfficeSubjectCoverageRegionList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(OfficeSubjectCoverageRegion)
        v4.meeting_type = v3.meeting_type
        v5 = v3.office
        v6 = _new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.office = v6
        v7: list[Any] = []
        for v8 in v3.regions:
            v9 = _new(Reference)
            v9.id = v8.id
            v9.additional_properties = {}
            v7.append(v9)
        v4.regions = v7
        v10 = v3.subject
        v11 = _new(Reference)
        v11.id = v10.id
        v11.additional_properties = {}
        v4.subject = v11
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1


def parse_region_list(content: bytes) -> RegionList:
    s = _decode_region_list(content)
    v1 = _new(RegionList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(Region)
        v4.id = v3.id
        v4.name = v3.name
        v4.code = v3.code
        v4.country_code = v3.country_code
        v4.level = v3.level
        v4.parent_id = v3.parent_id
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v5 = s.meta
    v6 = _new(Meta)
    v6.total_count = v5.total_count
    v6.offset = v5.offset
    v6.limit = v5.limit
    v6.additional_properties = {}
    v1.meta = v6
    v1.additional_properties = {}
    return v1


def parse_scheduling_setting_list(content: bytes) -> SchedulingSettingList:
    s = _decode_scheduling_setting_list(content)
    v1 = _new(SchedulingSettingList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(SchedulingSetting)
        v4.meeting_type = v3.meeting_type
        v5 = v3.subject
        v6 = _new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.subject = v6
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1


def parse_subject_group_list(content: bytes) -> SubjectGroupList:
    s = _decode_subject_group_list(content)
    v1 = _new(SubjectGroupList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(SubjectGroup)
        v4.id = v3.id
        v4.color = v3.color
        v4.order = v3.order
        v5 = v3.name
        if v5 is not None:
            v6 = _new(TranslatedValue)
            v6.language = v5.language
            v6.value = v5.value
            v6.additional_properties = {}
            v5 = v6
        v4.name = v5
        v4.created_at = _parse_datetime(v3.created_at)
        v4.updated_at = _parse_datetime(v3.updated_at)
        v7 = v3.deleted_at
        if v7 is not None:
            v7 = _parse_datetime(v7)
        v4.deleted_at = v7
        v4.external_id = v3.external_id
        v4.image = v3.image
        v8 = v3.translations
        if v8 is not UNSET:
            v9 = _new(SubjectGroupTranslations)
            v10 = v8.name
            if v10 is not UNSET:
                v11: list[Any] = []
                for v12 in v10:
                    v13 = _new(Translation)
                    v13.language = v12.language
                    v13.value = v12.value
                    v13.additional_properties = {}
                    v11.append(v13)
                v10 = v11
            v9.name = v10
            v9.additional_properties = {}
            v8 = v9
        v4.translations = v8
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v14 = s.meta
    v15 = _new(Meta)
    v15.total_count = v14.total_count
    v15.offset = v14.offset
    v15.limit = v14.limit
    v15.additional_properties = {}
    v1.meta = v15
    v1.additional_properties = {}
    return v1


def parse_subject_group_response(content: bytes) -> SubjectGroupResponse:
    s = _decode_subject_group_response(content)
    v1 = _new(SubjectGroupResponse)
    v2 = s.data
    v3 = _new(SubjectGroup)
    v3.id = v2.id
    v3.color = v2.color
    v3.order = v2.order
    v4 = v2.name
    if v4 is not None:
        v5 = _new(TranslatedValue)
        v5.language = v4.language
        v5.value = v4.value
        v5.additional_properties = {}
        v4 = v5
    v3.name = v4
    v3.created_at = _parse_datetime(v2.created_at)
    v3.updated_at = _parse_datetime(v2.updated_at)
    v6 = v2.deleted_at
    if v6 is not None:
        v6 = _parse_datetime(v6)
    v3.deleted_at = v6
    v3.external_id = v2.external_id
    v3.image = v2.image
    v7 = v2.translations
    if v7 is not UNSET:
        v8 = _new(SubjectGroupTranslations)
        v9 = v7.name
        if v9 is not UNSET:
            v10: list[Any] = []
            for v11 in v9:
                v12 = _new(Translation)
                v12.language = v11.language
                v12.value = v11.value
                v12.additional_properties = {}
                v10.append(v12)
            v9 = v10
        v8.name = v9
        v8.additional_properties = {}
        v7 = v8
    v3.translations = v7
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1


def parse_subject_list(content: bytes) -> SubjectList:
    s = _decode_subject_list(content)
    v1 = _new(SubjectList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(Subject)
        v4.id = v3.id
        v4.enabled_for_internal_use = v3.enabled_for_internal_use
        v4.enabled_for_customer_use = v3.enabled_for_customer_use
        v4.order = v3.order
        v5 = v3.name
        if v5 is not None:
            v6 = _new(TranslatedValue)
            v6.language = v5.language
            v6.value = v5.value
            v6.additional_properties = {}
            v5 = v6
        v4.name = v5
        v7 = v3.description
        if v7 is not None:
            v8 = _new(TranslatedValue)
            v8.language = v7.language
            v8.value = v7.value
            v8.additional_properties = {}
            v7 = v8
        v4.description = v7
        v9 = v3.instructions
        if v9 is not None:
            v10 = _new(TranslatedValue)
            v10.language = v9.language
            v10.value = v9.value
            v10.additional_properties = {}
            v9 = v10
        v4.instructions = v9
        v4.external_id = v3.external_id
        v11 = v3.subject_group
        if v11 is not None and v11 is not UNSET:
            v12 = _new(Reference)
            v12.id = v11.id
            v12.additional_properties = {}
            v11 = v12
        v4.subject_group = v11
        v13 = v3.cancellation_by_agent_form
        if v13 is not None and v13 is not UNSET:
            v14 = _new(Reference)
            v14.id = v13.id
            v14.additional_properties = {}
            v13 = v14
        v4.cancellation_by_agent_form = v13
        v15 = v3.cancellation_by_customer_form
        if v15 is not None and v15 is not UNSET:
            v16 = _new(Reference)
            v16.id = v15.id
            v16.additional_properties = {}
            v15 = v16
        v4.cancellation_by_customer_form = v15
        v17 = v3.completion_by_agent_form
        if v17 is not None and v17 is not UNSET:
            v18 = _new(Reference)
            v18.id = v17.id
            v18.additional_properties = {}
            v17 = v18
        v4.completion_by_agent_form = v17
        v19 = v3.questionnaire_form
        if v19 is not None and v19 is not UNSET:
            v20 = _new(Reference)
            v20.id = v19.id
            v20.additional_properties = {}
            v19 = v20
        v4.questionnaire_form = v19
        v21 = v3.created_at
        if v21 is not UNSET:
            v21 = _parse_datetime(v21)
        v4.created_at = v21
        v22 = v3.updated_at
        if v22 is not UNSET:
            v22 = _parse_datetime(v22)
        v4.updated_at = v22
        v23 = v3.deleted_at
        if v23 is not None and v23 is not UNSET:
            v23 = _parse_datetime(v23)
        v4.deleted_at = v23
        v24 = v3.translations
        if v24 is not UNSET:
            v25 = _new(SubjectTranslations)
            v26 = v24.name
            if v26 is not UNSET:
                v27: list[Any] = []
                for v28 in v26:
                    v29 = _new(Translation)
                    v29.language = v28.language
                    v29.value = v28.value
                    v29.additional_properties = {}
                    v27.append(v29)
                v26 = v27
            v25.name = v26
            v30 = v24.description
            if v30 is not UNSET:
                v31: list[Any] = []
                for v32 in v30:
                    v33 = _new(Translation)
                    v33.language = v32.language
                    v33.value = v32.value
                    v33.additional_properties = {}
                    v31.append(v33)
                v30 = v31
            v25.description = v30
            v34 = v24.instructions
            if v34 is not UNSET:
                v35: list[Any] = []
                for v36 in v34:
                    v37 = _new(Translation)
                    v37.language = v36.language
                    v37.value = v36.value
                    v37.additional_properties = {}
                    v35.append(v37)
                v34 = v35
            v25.instructions = v34
            v25.additional_properties = {}
            v24 = v25
        v4.translations = v24
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v38 = s.meta
    v39 = _new(Meta)
    v39.total_count = v38.total_count
    v39.offset = v38.offset
    v39.limit = v38.limit
    v39.additional_properties = {}
    v1.meta = v39
    v1.additional_properties = {}
    return v1


def parse_subject_response(content: bytes) -> SubjectResponse:
    s = _decode_subject_response(content)
    v1 = _new(SubjectResponse)
    v2 = s.data
    v3 = _new(Subject)
    v3.id = v2.id
    v3.enabled_for_internal_use = v2.enabled_for_internal_use
    v3.enabled_for_customer_use = v2.enabled_for_customer_use
    v3.order = v2.order
    v4 = v2.name
    if v4 is not None:
        v5 = _new(TranslatedValue)
        v5.language = v4.language
        v5.value = v4.value
        v5.additional_properties = {}
        v4 = v5
    v3.name = v4
    v6 = v2.description
    if v6 is not None:
        v7 = _new(TranslatedValue)
        v7.language = v6.language
        v7.value = v6.value
        v7.additional_properties = {}
        v6 = v7
    v3.description = v6
    v8 = v2.instructions
    if v8 is not None:
        v9 = _new(TranslatedValue)
        v9.language = v8.language
        v9.value = v8.value
        v9.additional_properties = {}
        v8 = v9
    v3.instructions = v8
    v3.external_id = v2.external_id
    v10 = v2.subject_group
    if v10 is not None and v10 is not UNSET:
        v11 = _new(Reference)
        v11.id = v10.id
        v11.additional_properties = {}
        v10 = v11
    v3.subject_group = v10
    v12 = v2.cancellation_by_agent_form
    if v12 is not None and v12 is not UNSET:
        v13 = _new(Reference)
        v13.id = v12.id
        v13.additional_properties = {}
        v12 = v13
    v3.cancellation_by_agent_form = v12
    v14 = v2.cancellation_by_customer_form
    if v14 is not None and v14 is not UNSET:
        v15 = _new(Reference)
        v15.id = v14.id
        v15.additional_properties = {}
        v14 = v15
    v3.cancellation_by_customer_form = v14
    v16 = v2.completion_by_agent_form
    if v16 is not None and v16 is not UNSET:
        v17 = _new(Reference)
        v17.id = v16.id
        v17.additional_properties = {}
        v16 = v17
    v3.completion_by_agent_form = v16
    v18 = v2.questionnaire_form
    if v18 is not None and v18 is not UNSET:
        v19 = _new(Reference)
        v19.id = v18.id
        v19.additional_properties = {}
        v18 = v19
    v3.questionnaire_form = v18
    v20 = v2.created_at
    if v20 is not UNSET:
        v20 = _parse_datetime(v20)
    v3.created_at = v20
    v21 = v2.updated_at
    if v21 is not UNSET:
        v21 = _parse_datetime(v21)
    v3.updated_at = v21
    v22 = v2.deleted_at
    if v22 is not None and v22 is not UNSET:
        v22 = _parse_datetime(v22)
    v3.deleted_at = v22
    v23 = v2.translations
    if v23 is not UNSET:
        v24 = _new(SubjectTranslations)
        v25 = v23.name
        if v25 is not UNSET:
            v26: list[Any] = []
            for v27 in v25:
                v28 = _new(Translation)
                v28.language = v27.language
                v28.value = v27.value
                v28.additional_properties = {}
                v26.append(v28)
            v25 = v26
        v24.name = v25
        v29 = v23.description
        if v29 is not UNSET:
            v30: list[Any] = []
            for v31 in v29:
                v32 = _new(Translation)
                v32.language = v31.language
                v32.value = v31.value
                v32.additional_properties = {}
                v30.append(v32)
            v29 = v30
        v24.description = v29
        v33 = v23.instructions
        if v33 is not UNSET:
            v34: list[Any] = []
            for v35 in v33:
                v36 = _new(Translation)
                v36.language = v35.language
                v36.value = v35.value
                v36.additional_properties = {}
                v34.append(v36)
            v33 = v34
        v24.instructions = v33
        v24.additional_properties = {}
        v23 = v24
    v3.translations = v23
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1


def parse_time_range_availability_setting_list(content: bytes) -> TimeRangeAvailabilitySettingList:
    s = _decode_time_range_availability_setting_list(content)
    v1 = _new(TimeRangeAvailabilitySettingList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = _new(TimeRangeAvailabilitySetting)
        v4.force_manual_accept = v3.force_manual_accept
        v4.overrides_default = v3.overrides_default
        v5 = v3.availability_time_range
        v6 = _new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.availability_time_range = v6
        v7 = v3.office
        v8 = _new(Reference)
        v8.id = v7.id
        v8.additional_properties = {}
        v4.office = v8
        v9: list[Any] = []
        for v10 in v3.subject_availability_settings:
            v11 = _new(SubjectAvailabilitySettings)
            v12 = v10.subject
            v13 = _new(Reference)
            v13.id = v12.id
            v13.additional_properties = {}
            v11.subject = v13
            v14: list[Any] = []
            for v15 in v10.availability_settings:
                v16 = _new(AvailabilitySetting)
                v16.meeting_type = v15.meeting_type
                v16.auto_accept = v15.auto_accept
                v16.estimated_duration = v15.estimated_duration
                v16.time_slot_granularity = v15.time_slot_granularity
                v16.trailing_buffer_time = v15.trailing_buffer_time
                v16.time_slot_earliest_possible = v15.time_slot_earliest_possible
                v16.time_slot_latest_possible = v15.time_slot_latest_possible
                v16.max_concurrent_appointments = v15.max_concurrent_appointments
                v16.additional_properties = {}
                v14.append(v16)
            v11.availability_settings = v14
            v11.additional_properties = {}
            v9.append(v11)
        v4.subject_availability_settings = v9
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v1.additional_properties = {}
    return v1


def parse_timetable_response(content: bytes) -> TimetableResponse:
    s = _decode_timetable_response(content)
    v1 = _new(TimetableResponse)
    v2 = s.data
    v3 = _new(Timetable)
    v3.duration = v2.duration
    v3.earliest_possible = _parse_datetime(v2.earliest_possible)
    v3.latest_possible = _parse_datetime(v2.latest_possible)
    v4 = v2.listing
    if v4 is not None and v4 is not UNSET:
        v5 = _new(Reference)
        v5.id = v4.id
        v5.additional_properties = {}
        v4 = v5
    v3.listing = v4
    v3.meeting_type = v2.meeting_type
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1


PARSERS: dict[type, Callable[[bytes], Any]] = {
    AppliedTemplateList: parse_applied_template_list,
    AppliedTemplateResponse: parse_applied_template_response,
    AppointmentList: parse_appointment_list,
    AppointmentResponse: parse_appointment_response,
    AvailabilitySettingList: parse_availability_setting_list,
    AvailabilityTemplateList: parse_availability_template_list,
    AvailabilityTemplateResponse: parse_availability_template_response,
    AvailabilityTimeRangeResponse: parse_availability_time_range_response,
    CustomerResponse: parse_customer_response,
    DefinedAvailabilityList: parse_defined_availability_list,
    EmployeeList: parse_employee_list,
    EmployeeResponse: parse_employee_response,
    ExpertiseList: parse_expertise_list,
    FavoriteAgentList: parse_favorite_agent_list,
    FormQuestionResponse: parse_form_question_response,
    FormResponse: parse_form_response,
    LeadSegmentResponse: parse_lead_segment_response,
    ListingResponse: parse_listing_response,
    MeetingRoomList: parse_meeting_room_list,
    MeetingRoomResponse: parse_meeting_room_response,
    OfficeCoverageRegionList: parse_office_coverage_region_list,
    OfficeSubjectAvailabilitySettingList: parse_office_subject_availability_setting_list,
    OfficeSubjectCoverageRegionList: parse_office_subject_coverage_region_list,
    RegionList: parse_region_list,
    SchedulingSettingList: parse_scheduling_setting_list,
    SubjectGroupList: parse_subject_group_list,
    SubjectGroupResponse: parse_subject_group_response,
    SubjectList: parse_subject_list,
    SubjectResponse: parse_subject_response,
    TimeRangeAvailabilitySettingList: parse_time_range_availability_setting_list,
    TimetableResponse: parse_timetable_response,
}
