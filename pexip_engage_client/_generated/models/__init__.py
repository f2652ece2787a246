# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""Contains all the data models used in inputs/outputs; each module is imported on first use."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .actor_type import ActorType
    from .answer import Answer
    from .answer_input import AnswerInput
    from .answer_type import AnswerType
    from .applied_template import AppliedTemplate
    from .applied_template_create import AppliedTemplateCreate
    from .applied_template_list import AppliedTemplateList
    from .applied_template_response import AppliedTemplateResponse
    from .applied_template_revert import AppliedTemplateRevert
    from .appointment import Appointment
    from .appointment_cancel import AppointmentCancel
    from .appointment_complete import AppointmentComplete
    from .appointment_create import AppointmentCreate
    from .appointment_details_update import AppointmentDetailsUpdate
    from .appointment_event_data import AppointmentEventData
    from .appointment_event_type import AppointmentEventType
    from .appointment_invite import AppointmentInvite
    from .appointment_list import AppointmentList
    from .appointment_meeting_type_update import AppointmentMeetingTypeUpdate
    from .appointment_participant import AppointmentParticipant
    from .appointment_participant_input import AppointmentParticipantInput
    from .appointment_reassign import AppointmentReassign
    from .appointment_reschedule import AppointmentReschedule
    from .appointment_response import AppointmentResponse
    from .appointment_status import AppointmentStatus
    from .appointment_update import AppointmentUpdate
    from .appointment_webhook_event import AppointmentWebhookEvent
    from .availability_setting import AvailabilitySetting
    from .availability_setting_list import AvailabilitySettingList
    from .availability_template import AvailabilityTemplate
    from .availability_template_create import AvailabilityTemplateCreate
    from .availability_template_list import AvailabilityTemplateList
    from .availability_template_response import AvailabilityTemplateResponse
    from .availability_template_type import AvailabilityTemplateType
    from .availability_template_update import AvailabilityTemplateUpdate
    from .availability_time_range import AvailabilityTimeRange
    from .availability_time_range_create import AvailabilityTimeRangeCreate
    from .availability_time_range_response import AvailabilityTimeRangeResponse
    from .availability_time_range_update import AvailabilityTimeRangeUpdate
    from .business_error_item import BusinessErrorItem
    from .business_error_item_arguments_type_0 import BusinessErrorItemArgumentsType0
    from .business_error_response import BusinessErrorResponse
    from .callback_request_event_data import CallbackRequestEventData
    from .callback_request_webhook_event import CallbackRequestWebhookEvent
    from .context import Context
    from .context_create import ContextCreate
    from .context_response import ContextResponse
    from .coverage_regions_input import CoverageRegionsInput
    from .customer import Customer
    from .customer_response import CustomerResponse
    from .customer_update import CustomerUpdate
    from .day_of_week import DayOfWeek
    from .defined_availability import DefinedAvailability
    from .defined_availability_list import DefinedAvailabilityList
    from .employee import Employee
    from .employee_create import EmployeeCreate
    from .employee_list import EmployeeList
    from .employee_response import EmployeeResponse
    from .employee_role import EmployeeRole
    from .employee_status import EmployeeStatus
    from .employee_translations import EmployeeTranslations
    from .employee_translations_input import EmployeeTranslationsInput
    from .employee_update import EmployeeUpdate
    from .enterprise_settings import EnterpriseSettings
    from .enterprise_settings_response import EnterpriseSettingsResponse
    from .enterprise_settings_update import EnterpriseSettingsUpdate
    from .error_item import ErrorItem
    from .error_response import ErrorResponse
    from .expertise import Expertise
    from .expertise_input import ExpertiseInput
    from .expertise_list import ExpertiseList
    from .external_calendar_event import ExternalCalendarEvent
    from .external_calendar_event_list import ExternalCalendarEventList
    from .external_calendar_event_show_as import ExternalCalendarEventShowAs
    from .favorite_agent import FavoriteAgent
    from .favorite_agent_list import FavoriteAgentList
    from .fetch_configuration import FetchConfiguration
    from .fetch_configuration_create import FetchConfigurationCreate
    from .fetch_configuration_header import FetchConfigurationHeader
    from .fetch_configuration_header_input import FetchConfigurationHeaderInput
    from .fetch_configuration_mapping import FetchConfigurationMapping
    from .fetch_configuration_response import FetchConfigurationResponse
    from .fetch_configuration_update import FetchConfigurationUpdate
    from .form import Form
    from .form_create import FormCreate
    from .form_question import FormQuestion
    from .form_question_response import FormQuestionResponse
    from .form_question_translations import FormQuestionTranslations
    from .form_question_update import FormQuestionUpdate
    from .form_question_validator import FormQuestionValidator
    from .form_question_validator_translations import FormQuestionValidatorTranslations
    from .form_response import FormResponse
    from .form_update import FormUpdate
    from .geolocation import Geolocation
    from .help_text_translation import HelpTextTranslation
    from .http_method import HttpMethod
    from .input_type import InputType
    from .language import Language
    from .lead_segment import LeadSegment
    from .lead_segment_create import LeadSegmentCreate
    from .lead_segment_response import LeadSegmentResponse
    from .lead_segment_scheduling_setting_input import LeadSegmentSchedulingSettingInput
    from .lead_segment_update import LeadSegmentUpdate
    from .listing import Listing
    from .listing_create import ListingCreate
    from .listing_response import ListingResponse
    from .listing_scheduling_settings import ListingSchedulingSettings
    from .listing_scheduling_settings_input import ListingSchedulingSettingsInput
    from .listing_scheduling_settings_response import ListingSchedulingSettingsResponse
    from .listing_time_slot import ListingTimeSlot
    from .listing_time_slot_assignment import ListingTimeSlotAssignment
    from .listing_time_slot_assignment_input import ListingTimeSlotAssignmentInput
    from .listing_time_slot_input import ListingTimeSlotInput
    from .listing_time_slot_list import ListingTimeSlotList
    from .listing_time_slot_response import ListingTimeSlotResponse
    from .listing_translations_input import ListingTranslationsInput
    from .location import Location
    from .location_input import LocationInput
    from .location_translations import LocationTranslations
    from .meeting_room import MeetingRoom
    from .meeting_room_create import MeetingRoomCreate
    from .meeting_room_list import MeetingRoomList
    from .meeting_room_response import MeetingRoomResponse
    from .meeting_room_update import MeetingRoomUpdate
    from .meeting_type import MeetingType
    from .meta import Meta
    from .metadata import Metadata
    from .name_translations_input import NameTranslationsInput
    from .office_coverage_region import OfficeCoverageRegion
    from .office_coverage_region_list import OfficeCoverageRegionList
    from .office_relation import OfficeRelation
    from .office_relation_input import OfficeRelationInput
    from .office_relation_role import OfficeRelationRole
    from .office_subject_availability_setting import OfficeSubjectAvailabilitySetting
    from .office_subject_availability_setting_input import OfficeSubjectAvailabilitySettingInput
    from .office_subject_availability_setting_list import OfficeSubjectAvailabilitySettingList
    from .office_subject_coverage_region import OfficeSubjectCoverageRegion
    from .office_subject_coverage_region_list import OfficeSubjectCoverageRegionList
    from .origin import Origin
    from .participant_reference import ParticipantReference
    from .participant_role import ParticipantRole
    from .participant_type import ParticipantType
    from .reference import Reference
    from .region import Region
    from .region_list import RegionList
    from .resource_id import ResourceId
    from .scheduling_setting import SchedulingSetting
    from .scheduling_setting_list import SchedulingSettingList
    from .setting import Setting
    from .setting_input import SettingInput
    from .static_translation_override import StaticTranslationOverride
    from .static_translation_override_input import StaticTranslationOverrideInput
    from .static_translation_override_list import StaticTranslationOverrideList
    from .subject import Subject
    from .subject_availability_settings import SubjectAvailabilitySettings
    from .subject_group import SubjectGroup
    from .subject_group_create import SubjectGroupCreate
    from .subject_group_list import SubjectGroupList
    from .subject_group_response import SubjectGroupResponse
    from .subject_group_translations import SubjectGroupTranslations
    from .subject_group_update import SubjectGroupUpdate
    from .subject_list import SubjectList
    from .subject_response import SubjectResponse
    from .subject_translations import SubjectTranslations
    from .subject_translations_input import SubjectTranslationsInput
    from .subject_update import SubjectUpdate
    from .time_range_availability_setting import TimeRangeAvailabilitySetting
    from .time_range_availability_setting_list import TimeRangeAvailabilitySettingList
    from .timetable import Timetable
    from .timetable_location import TimetableLocation
    from .timetable_response import TimetableResponse
    from .translated_value import TranslatedValue
    from .translation import Translation
    from .user_communication import UserCommunication
    from .webhook_appointment import WebhookAppointment
    from .webhook_appointment_subject import WebhookAppointmentSubject
    from .webhook_callback_request import WebhookCallbackRequest
    from .webhook_callback_request_subject import WebhookCallbackRequestSubject
    from .webhook_callback_request_subject_group import WebhookCallbackRequestSubjectGroup
    from .webhook_callback_request_subject_translations import WebhookCallbackRequestSubjectTranslations
    from .webhook_customer_participant import WebhookCustomerParticipant
    from .webhook_employee import WebhookEmployee
    from .webhook_employee_participant import WebhookEmployeeParticipant
    from .webhook_location_translations import WebhookLocationTranslations
    from .webhook_office import WebhookOffice
    from .webhook_office_location import WebhookOfficeLocation
    from .webhook_office_translations import WebhookOfficeTranslations
    from .webhook_other_participant import WebhookOtherParticipant
    from .webhook_subject_group import WebhookSubjectGroup
    from .webhook_subject_group_translations import WebhookSubjectGroupTranslations
    from .webhook_subject_translations import WebhookSubjectTranslations
    from .webhook_translation import WebhookTranslation
else:
    import importlib

    _MODULE_OF = {
        "ActorType": ".actor_type",
        "Answer": ".answer",
        "AnswerInput": ".answer_input",
        "AnswerType": ".answer_type",
        "AppliedTemplate": ".applied_template",
        "AppliedTemplateCreate": ".applied_template_create",
        "AppliedTemplateList": ".applied_template_list",
        "AppliedTemplateResponse": ".applied_template_response",
        "AppliedTemplateRevert": ".applied_template_revert",
        "Appointment": ".appointment",
        "AppointmentCancel": ".appointment_cancel",
        "AppointmentComplete": ".appointment_complete",
        "AppointmentCreate": ".appointment_create",
        "AppointmentDetailsUpdate": ".appointment_details_update",
        "AppointmentEventData": ".appointment_event_data",
        "AppointmentEventType": ".appointment_event_type",
        "AppointmentInvite": ".appointment_invite",
        "AppointmentList": ".appointment_list",
        "AppointmentMeetingTypeUpdate": ".appointment_meeting_type_update",
        "AppointmentParticipant": ".appointment_participant",
        "AppointmentParticipantInput": ".appointment_participant_input",
        "AppointmentReassign": ".appointment_reassign",
        "AppointmentReschedule": ".appointment_reschedule",
        "AppointmentResponse": ".appointment_response",
        "AppointmentStatus": ".appointment_status",
        "AppointmentUpdate": ".appointment_update",
        "AppointmentWebhookEvent": ".appointment_webhook_event",
        "AvailabilitySetting": ".availability_setting",
        "AvailabilitySettingList": ".availability_setting_list",
        "AvailabilityTemplate": ".availability_template",
        "AvailabilityTemplateCreate": ".availability_template_create",
        "AvailabilityTemplateList": ".availability_template_list",
        "AvailabilityTemplateResponse": ".availability_template_response",
        "AvailabilityTemplateType": ".availability_template_type",
        "AvailabilityTemplateUpdate": ".availability_template_update",
        "AvailabilityTimeRange": ".availability_time_range",
        "AvailabilityTimeRangeCreate": ".availability_time_range_create",
        "AvailabilityTimeRangeResponse": ".availability_time_range_response",
        "AvailabilityTimeRangeUpdate": ".availability_time_range_update",
        "BusinessErrorItem": ".business_error_item",
        "BusinessErrorItemArgumentsType0": ".business_error_item_arguments_type_0",
        "BusinessErrorResponse": ".business_error_response",
        "CallbackRequestEventData": ".callback_request_event_data",
        "CallbackRequestWebhookEvent": ".callback_request_webhook_event",
        "Context": ".context",
        "ContextCreate": ".context_create",
        "ContextResponse": ".context_response",
        "CoverageRegionsInput": ".coverage_regions_input",
        "Customer": ".customer",
        "CustomerResponse": ".customer_response",
        "CustomerUpdate": ".customer_update",
        "DayOfWeek": ".day_of_week",
        "DefinedAvailability": ".defined_availability",
        "DefinedAvailabilityList": ".defined_availability_list",
        "Employee": ".employee",
        "EmployeeCreate": ".employee_create",
        "EmployeeList": ".employee_list",
        "EmployeeResponse": ".employee_response",
        "EmployeeRole": ".employee_role",
        "EmployeeStatus": ".employee_status",
        "EmployeeTranslations": ".employee_translations",
        "EmployeeTranslationsInput": ".employee_translations_input",
        "EmployeeUpdate": ".employee_update",
        "EnterpriseSettings": ".enterprise_settings",
        "EnterpriseSettingsResponse": ".enterprise_settings_response",
        "EnterpriseSettingsUpdate": ".enterprise_settings_update",
        "ErrorItem": ".error_item",
        "ErrorResponse": ".error_response",
        "Expertise": ".expertise",
        "ExpertiseInput": ".expertise_input",
        "ExpertiseList": ".expertise_list",
        "ExternalCalendarEvent": ".external_calendar_event",
        "ExternalCalendarEventList": ".external_calendar_event_list",
        "ExternalCalendarEventShowAs": ".external_calendar_event_show_as",
        "FavoriteAgent": ".favorite_agent",
        "FavoriteAgentList": ".favorite_agent_list",
        "FetchConfiguration": ".fetch_configuration",
        "FetchConfigurationCreate": ".fetch_configuration_create",
        "FetchConfigurationHeader": ".fetch_configuration_header",
        "FetchConfigurationHeaderInput": ".fetch_configuration_header_input",
        "FetchConfigurationMapping": ".fetch_configuration_mapping",
        "FetchConfigurationResponse": ".fetch_configuration_response",
        "FetchConfigurationUpdate": ".fetch_configuration_update",
        "Form": ".form",
        "FormCreate": ".form_create",
        "FormQuestion": ".form_question",
        "FormQuestionResponse": ".form_question_response",
        "FormQuestionTranslations": ".form_question_translations",
        "FormQuestionUpdate": ".form_question_update",
        "FormQuestionValidator": ".form_question_validator",
        "FormQuestionValidatorTranslations": ".form_question_validator_translations",
        "FormResponse": ".form_response",
        "FormUpdate": ".form_update",
        "Geolocation": ".geolocation",
        "HelpTextTranslation": ".help_text_translation",
        "HttpMethod": ".http_method",
        "InputType": ".input_type",
        "Language": ".language",
        "LeadSegment": ".lead_segment",
        "LeadSegmentCreate": ".lead_segment_create",
        "LeadSegmentResponse": ".lead_segment_response",
        "LeadSegmentSchedulingSettingInput": ".lead_segment_scheduling_setting_input",
        "LeadSegmentUpdate": ".lead_segment_update",
        "Listing": ".listing",
        "ListingCreate": ".listing_create",
        "ListingResponse": ".listing_response",
        "ListingSchedulingSettings": ".listing_scheduling_settings",
        "ListingSchedulingSettingsInput": ".listing_scheduling_settings_input",
        "ListingSchedulingSettingsResponse": ".listing_scheduling_settings_response",
        "ListingTimeSlot": ".listing_time_slot",
        "ListingTimeSlotAssignment": ".listing_time_slot_assignment",
        "ListingTimeSlotAssignmentInput": ".listing_time_slot_assignment_input",
        "ListingTimeSlotInput": ".listing_time_slot_input",
        "ListingTimeSlotList": ".listing_time_slot_list",
        "ListingTimeSlotResponse": ".listing_time_slot_response",
        "ListingTranslationsInput": ".listing_translations_input",
        "Location": ".location",
        "LocationInput": ".location_input",
        "LocationTranslations": ".location_translations",
        "MeetingRoom": ".meeting_room",
        "MeetingRoomCreate": ".meeting_room_create",
        "MeetingRoomList": ".meeting_room_list",
        "MeetingRoomResponse": ".meeting_room_response",
        "MeetingRoomUpdate": ".meeting_room_update",
        "MeetingType": ".meeting_type",
        "Meta": ".meta",
        "Metadata": ".metadata",
        "NameTranslationsInput": ".name_translations_input",
        "OfficeCoverageRegion": ".office_coverage_region",
        "OfficeCoverageRegionList": ".office_coverage_region_list",
        "OfficeRelation": ".office_relation",
        "OfficeRelationInput": ".office_relation_input",
        "OfficeRelationRole": ".office_relation_role",
        "OfficeSubjectAvailabilitySetting": ".office_subject_availability_setting",
        "OfficeSubjectAvailabilitySettingInput": ".office_subject_availability_setting_input",
        "OfficeSubjectAvailabilitySettingList": ".office_subject_availability_setting_list",
        "OfficeSubjectCoverageRegion": ".office_subject_coverage_region",
        "OfficeSubjectCoverageRegionList": ".office_subject_coverage_region_list",
        "Origin": ".origin",
        "ParticipantReference": ".participant_reference",
        "ParticipantRole": ".participant_role",
        "ParticipantType": ".participant_type",
        "Reference": ".reference",
        "Region": ".region",
        "RegionList": ".region_list",
        "ResourceId": ".resource_id",
        "SchedulingSetting": ".scheduling_setting",
        "SchedulingSettingList": ".scheduling_setting_list",
        "Setting": ".setting",
        "SettingInput": ".setting_input",
        "StaticTranslationOverride": ".static_translation_override",
        "StaticTranslationOverrideInput": ".static_translation_override_input",
        "StaticTranslationOverrideList": ".static_translation_override_list",
        "Subject": ".subject",
        "SubjectAvailabilitySettings": ".subject_availability_settings",
        "SubjectGroup": ".subject_group",
        "SubjectGroupCreate": ".subject_group_create",
        "SubjectGroupList": ".subject_group_list",
        "SubjectGroupResponse": ".subject_group_response",
        "SubjectGroupTranslations": ".subject_group_translations",
        "SubjectGroupUpdate": ".subject_group_update",
        "SubjectList": ".subject_list",
        "SubjectResponse": ".subject_response",
        "SubjectTranslations": ".subject_translations",
        "SubjectTranslationsInput": ".subject_translations_input",
        "SubjectUpdate": ".subject_update",
        "TimeRangeAvailabilitySetting": ".time_range_availability_setting",
        "TimeRangeAvailabilitySettingList": ".time_range_availability_setting_list",
        "Timetable": ".timetable",
        "TimetableLocation": ".timetable_location",
        "TimetableResponse": ".timetable_response",
        "TranslatedValue": ".translated_value",
        "Translation": ".translation",
        "UserCommunication": ".user_communication",
        "WebhookAppointment": ".webhook_appointment",
        "WebhookAppointmentSubject": ".webhook_appointment_subject",
        "WebhookCallbackRequest": ".webhook_callback_request",
        "WebhookCallbackRequestSubject": ".webhook_callback_request_subject",
        "WebhookCallbackRequestSubjectGroup": ".webhook_callback_request_subject_group",
        "WebhookCallbackRequestSubjectTranslations": ".webhook_callback_request_subject_translations",
        "WebhookCustomerParticipant": ".webhook_customer_participant",
        "WebhookEmployee": ".webhook_employee",
        "WebhookEmployeeParticipant": ".webhook_employee_participant",
        "WebhookLocationTranslations": ".webhook_location_translations",
        "WebhookOffice": ".webhook_office",
        "WebhookOfficeLocation": ".webhook_office_location",
        "WebhookOfficeTranslations": ".webhook_office_translations",
        "WebhookOtherParticipant": ".webhook_other_participant",
        "WebhookSubjectGroup": ".webhook_subject_group",
        "WebhookSubjectGroupTranslations": ".webhook_subject_group_translations",
        "WebhookSubjectTranslations": ".webhook_subject_translations",
        "WebhookTranslation": ".webhook_translation",
    }

    def __getattr__(name: str) -> type:
        try:
            module = _MODULE_OF[name]
        except KeyError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module, __name__), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(__all__)


__all__ = (
    "ActorType",
    "Answer",
    "AnswerInput",
    "AnswerType",
    "AppliedTemplate",
    "AppliedTemplateCreate",
    "AppliedTemplateList",
    "AppliedTemplateResponse",
    "AppliedTemplateRevert",
    "Appointment",
    "AppointmentCancel",
    "AppointmentComplete",
    "AppointmentCreate",
    "AppointmentDetailsUpdate",
    "AppointmentEventData",
    "AppointmentEventType",
    "AppointmentInvite",
    "AppointmentList",
    "AppointmentMeetingTypeUpdate",
    "AppointmentParticipant",
    "AppointmentParticipantInput",
    "AppointmentReassign",
    "AppointmentReschedule",
    "AppointmentResponse",
    "AppointmentStatus",
    "AppointmentUpdate",
    "AppointmentWebhookEvent",
    "AvailabilitySetting",
    "AvailabilitySettingList",
    "AvailabilityTemplate",
    "AvailabilityTemplateCreate",
    "AvailabilityTemplateList",
    "AvailabilityTemplateResponse",
    "AvailabilityTemplateType",
    "AvailabilityTemplateUpdate",
    "AvailabilityTimeRange",
    "AvailabilityTimeRangeCreate",
    "AvailabilityTimeRangeResponse",
    "AvailabilityTimeRangeUpdate",
    "BusinessErrorItem",
    "BusinessErrorItemArgumentsType0",
    "BusinessErrorResponse",
    "CallbackRequestEventData",
    "CallbackRequestWebhookEvent",
    "Context",
    "ContextCreate",
    "ContextResponse",
    "CoverageRegionsInput",
    "Customer",
    "CustomerResponse",
    "CustomerUpdate",
    "DayOfWeek",
    "DefinedAvailability",
    "DefinedAvailabilityList",
    "Employee",
    "EmployeeCreate",
    "EmployeeList",
    "EmployeeResponse",
    "EmployeeRole",
    "EmployeeStatus",
    "EmployeeTranslations",
    "EmployeeTranslationsInput",
    "EmployeeUpdate",
    "EnterpriseSettings",
    "EnterpriseSettingsResponse",
    "EnterpriseSettingsUpdate",
    "ErrorItem",
    "ErrorResponse",
    "Expertise",
    "ExpertiseInput",
    "ExpertiseList",
    "ExternalCalendarEvent",
    "ExternalCalendarEventList",
    "ExternalCalendarEventShowAs",
    "FavoriteAgent",
    "FavoriteAgentList",
    "FetchConfiguration",
    "FetchConfigurationCreate",
    "FetchConfigurationHeader",
    "FetchConfigurationHeaderInput",
    "FetchConfigurationMapping",
    "FetchConfigurationResponse",
    "FetchConfigurationUpdate",
    "Form",
    "FormCreate",
    "FormQuestion",
    "FormQuestionResponse",
    "FormQuestionTranslations",
    "FormQuestionUpdate",
    "FormQuestionValidator",
    "FormQuestionValidatorTranslations",
    "FormResponse",
    "FormUpdate",
    "Geolocation",
    "HelpTextTranslation",
    "HttpMethod",
    "InputType",
    "Language",
    "LeadSegment",
    "LeadSegmentCreate",
    "LeadSegmentResponse",
    "LeadSegmentSchedulingSettingInput",
    "LeadSegmentUpdate",
    "Listing",
    "ListingCreate",
    "ListingResponse",
    "ListingSchedulingSettings",
    "ListingSchedulingSettingsInput",
    "ListingSchedulingSettingsResponse",
    "ListingTimeSlot",
    "ListingTimeSlotAssignment",
    "ListingTimeSlotAssignmentInput",
    "ListingTimeSlotInput",
    "ListingTimeSlotList",
    "ListingTimeSlotResponse",
    "ListingTranslationsInput",
    "Location",
    "LocationInput",
    "LocationTranslations",
    "MeetingRoom",
    "MeetingRoomCreate",
    "MeetingRoomList",
    "MeetingRoomResponse",
    "MeetingRoomUpdate",
    "MeetingType",
    "Meta",
    "Metadata",
    "NameTranslationsInput",
    "OfficeCoverageRegion",
    "OfficeCoverageRegionList",
    "OfficeRelation",
    "OfficeRelationInput",
    "OfficeRelationRole",
    "OfficeSubjectAvailabilitySetting",
    "OfficeSubjectAvailabilitySettingInput",
    "OfficeSubjectAvailabilitySettingList",
    "OfficeSubjectCoverageRegion",
    "OfficeSubjectCoverageRegionList",
    "Origin",
    "ParticipantReference",
    "ParticipantRole",
    "ParticipantType",
    "Reference",
    "Region",
    "RegionList",
    "ResourceId",
    "SchedulingSetting",
    "SchedulingSettingList",
    "Setting",
    "SettingInput",
    "StaticTranslationOverride",
    "StaticTranslationOverrideInput",
    "StaticTranslationOverrideList",
    "Subject",
    "SubjectAvailabilitySettings",
    "SubjectGroup",
    "SubjectGroupCreate",
    "SubjectGroupList",
    "SubjectGroupResponse",
    "SubjectGroupTranslations",
    "SubjectGroupUpdate",
    "SubjectList",
    "SubjectResponse",
    "SubjectTranslations",
    "SubjectTranslationsInput",
    "SubjectUpdate",
    "TimeRangeAvailabilitySetting",
    "TimeRangeAvailabilitySettingList",
    "Timetable",
    "TimetableLocation",
    "TimetableResponse",
    "TranslatedValue",
    "Translation",
    "UserCommunication",
    "WebhookAppointment",
    "WebhookAppointmentSubject",
    "WebhookCallbackRequest",
    "WebhookCallbackRequestSubject",
    "WebhookCallbackRequestSubjectGroup",
    "WebhookCallbackRequestSubjectTranslations",
    "WebhookCustomerParticipant",
    "WebhookEmployee",
    "WebhookEmployeeParticipant",
    "WebhookLocationTranslations",
    "WebhookOffice",
    "WebhookOfficeLocation",
    "WebhookOfficeTranslations",
    "WebhookOtherParticipant",
    "WebhookSubjectGroup",
    "WebhookSubjectGroupTranslations",
    "WebhookSubjectTranslations",
    "WebhookTranslation",
)
