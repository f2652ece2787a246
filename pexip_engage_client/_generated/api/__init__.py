"""The API's operations, grouped by tag: one resource class per tag, bound to one `Invoker`."""

from ..types import Invoker
from .appointments import AppointmentsResource
from .availability import AvailabilityResource
from .availability_templates import AvailabilityTemplatesResource
from .customers import CustomersResource
from .employees import EmployeesResource
from .forms import FormsResource
from .lead_segments import LeadSegmentsResource
from .listings import ListingsResource
from .meeting_rooms import MeetingRoomsResource
from .offices import OfficesResource
from .regions import RegionsResource
from .subject_groups import SubjectGroupsResource
from .subjects import SubjectsResource


class Resources:
    """One attribute per tag of the API, each holding that tag's operations as async methods."""

    appointments: AppointmentsResource
    availability: AvailabilityResource
    availability_templates: AvailabilityTemplatesResource
    customers: CustomersResource
    employees: EmployeesResource
    forms: FormsResource
    lead_segments: LeadSegmentsResource
    listings: ListingsResource
    meeting_rooms: MeetingRoomsResource
    offices: OfficesResource
    regions: RegionsResource
    subject_groups: SubjectGroupsResource
    subjects: SubjectsResource

    def __init__(self, invoke: Invoker) -> None:
        self.appointments = AppointmentsResource(invoke)
        self.availability = AvailabilityResource(invoke)
        self.availability_templates = AvailabilityTemplatesResource(invoke)
        self.customers = CustomersResource(invoke)
        self.employees = EmployeesResource(invoke)
        self.forms = FormsResource(invoke)
        self.lead_segments = LeadSegmentsResource(invoke)
        self.listings = ListingsResource(invoke)
        self.meeting_rooms = MeetingRoomsResource(invoke)
        self.offices = OfficesResource(invoke)
        self.regions = RegionsResource(invoke)
        self.subject_groups = SubjectGroupsResource(invoke)
        self.subjects = SubjectsResource(invoke)


__all__ = [
    "Resources",
    "AppointmentsResource",
    "AvailabilityResource",
    "AvailabilityTemplatesResource",
    "CustomersResource",
    "EmployeesResource",
    "FormsResource",
    "LeadSegmentsResource",
    "ListingsResource",
    "MeetingRoomsResource",
    "OfficesResource",
    "RegionsResource",
    "SubjectGroupsResource",
    "SubjectsResource",
]
