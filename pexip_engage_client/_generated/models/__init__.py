"""Contains all the data models used in inputs/outputs"""

from .actor_type import ActorType
from .answer import Answer
from .answer_type import AnswerType
from .appointment import Appointment
from .appointment_invite import AppointmentInvite
from .appointment_participant import AppointmentParticipant
from .appointment_participant_input import AppointmentParticipantInput
from .appointment_response import AppointmentResponse
from .appointment_status import AppointmentStatus
from .business_error_item import BusinessErrorItem
from .business_error_item_arguments_type_0 import BusinessErrorItemArgumentsType0
from .business_error_response import BusinessErrorResponse
from .error_item import ErrorItem
from .error_response import ErrorResponse
from .geolocation import Geolocation
from .language import Language
from .lead_segment import LeadSegment
from .lead_segment_response import LeadSegmentResponse
from .lead_segment_scheduling_setting import LeadSegmentSchedulingSetting
from .lead_segment_scheduling_setting_input import LeadSegmentSchedulingSettingInput
from .lead_segment_scheduling_settings_response import LeadSegmentSchedulingSettingsResponse
from .lead_segment_update import LeadSegmentUpdate
from .location import Location
from .location_input import LocationInput
from .location_translations import LocationTranslations
from .meeting_type import MeetingType
from .origin import Origin
from .participant_reference import ParticipantReference
from .participant_role import ParticipantRole
from .participant_type import ParticipantType
from .reference import Reference
from .translated_value import TranslatedValue
from .translation import Translation

__all__ = (
    "ActorType",
    "Answer",
    "AnswerType",
    "Appointment",
    "AppointmentInvite",
    "AppointmentParticipant",
    "AppointmentParticipantInput",
    "AppointmentResponse",
    "AppointmentStatus",
    "BusinessErrorItem",
    "BusinessErrorItemArgumentsType0",
    "BusinessErrorResponse",
    "ErrorItem",
    "ErrorResponse",
    "Geolocation",
    "Language",
    "LeadSegment",
    "LeadSegmentResponse",
    "LeadSegmentSchedulingSetting",
    "LeadSegmentSchedulingSettingInput",
    "LeadSegmentSchedulingSettingsResponse",
    "LeadSegmentUpdate",
    "Location",
    "LocationInput",
    "LocationTranslations",
    "MeetingType",
    "Origin",
    "ParticipantReference",
    "ParticipantRole",
    "ParticipantType",
    "Reference",
    "TranslatedValue",
    "Translation",
)
