"""Contains all the data models used in inputs/outputs"""

from .actor_type import ActorType
from .answer import Answer
from .answer_input import AnswerInput
from .answer_type import AnswerType
from .appointment import Appointment
from .appointment_create import AppointmentCreate
from .appointment_details_update import AppointmentDetailsUpdate
from .appointment_invite import AppointmentInvite
from .appointment_list import AppointmentList
from .appointment_meeting_type_update import AppointmentMeetingTypeUpdate
from .appointment_participant import AppointmentParticipant
from .appointment_participant_input import AppointmentParticipantInput
from .appointment_reschedule import AppointmentReschedule
from .appointment_response import AppointmentResponse
from .appointment_status import AppointmentStatus
from .appointment_update import AppointmentUpdate
from .business_error_item import BusinessErrorItem
from .business_error_item_arguments_type_0 import BusinessErrorItemArgumentsType0
from .business_error_response import BusinessErrorResponse
from .employee import Employee
from .employee_list import EmployeeList
from .employee_response import EmployeeResponse
from .employee_role import EmployeeRole
from .employee_status import EmployeeStatus
from .employee_translations import EmployeeTranslations
from .error_item import ErrorItem
from .error_response import ErrorResponse
from .geolocation import Geolocation
from .language import Language
from .lead_segment import LeadSegment
from .lead_segment_create import LeadSegmentCreate
from .lead_segment_response import LeadSegmentResponse
from .lead_segment_scheduling_setting import LeadSegmentSchedulingSetting
from .lead_segment_scheduling_setting_input import LeadSegmentSchedulingSettingInput
from .lead_segment_scheduling_settings_response import LeadSegmentSchedulingSettingsResponse
from .lead_segment_update import LeadSegmentUpdate
from .location import Location
from .location_input import LocationInput
from .location_translations import LocationTranslations
from .meeting_type import MeetingType
from .meta import Meta
from .metadata import Metadata
from .office_relation import OfficeRelation
from .office_relation_role import OfficeRelationRole
from .origin import Origin
from .participant_reference import ParticipantReference
from .participant_role import ParticipantRole
from .participant_type import ParticipantType
from .reference import Reference
from .subject_group import SubjectGroup
from .subject_group_list import SubjectGroupList
from .subject_group_response import SubjectGroupResponse
from .subject_group_translations import SubjectGroupTranslations
from .translated_value import TranslatedValue
from .translation import Translation
from .user_communication import UserCommunication

__all__ = (
    "ActorType",
    "Answer",
    "AnswerInput",
    "AnswerType",
    "Appointment",
    "AppointmentCreate",
    "AppointmentDetailsUpdate",
    "AppointmentInvite",
    "AppointmentList",
    "AppointmentMeetingTypeUpdate",
    "AppointmentParticipant",
    "AppointmentParticipantInput",
    "AppointmentReschedule",
    "AppointmentResponse",
    "AppointmentStatus",
    "AppointmentUpdate",
    "BusinessErrorItem",
    "BusinessErrorItemArgumentsType0",
    "BusinessErrorResponse",
    "Employee",
    "EmployeeList",
    "EmployeeResponse",
    "EmployeeRole",
    "EmployeeStatus",
    "EmployeeTranslations",
    "ErrorItem",
    "ErrorResponse",
    "Geolocation",
    "Language",
    "LeadSegment",
    "LeadSegmentCreate",
    "LeadSegmentResponse",
    "LeadSegmentSchedulingSetting",
    "LeadSegmentSchedulingSettingInput",
    "LeadSegmentSchedulingSettingsResponse",
    "LeadSegmentUpdate",
    "Location",
    "LocationInput",
    "LocationTranslations",
    "MeetingType",
    "Meta",
    "Metadata",
    "OfficeRelation",
    "OfficeRelationRole",
    "Origin",
    "ParticipantReference",
    "ParticipantRole",
    "ParticipantType",
    "Reference",
    "SubjectGroup",
    "SubjectGroupList",
    "SubjectGroupResponse",
    "SubjectGroupTranslations",
    "TranslatedValue",
    "Translation",
    "UserCommunication",
)
