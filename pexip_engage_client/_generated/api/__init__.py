"""The API's operations, grouped by tag: one resource class per tag, bound to one `Invoker`."""

from ..types import Invoker
from .appointments import AppointmentsResource
from .employees import EmployeesResource
from .lead_segments import LeadSegmentsResource
from .subject_groups import SubjectGroupsResource


class Resources:
    """One attribute per tag of the API, each holding that tag's operations as async methods."""

    appointments: AppointmentsResource
    employees: EmployeesResource
    lead_segments: LeadSegmentsResource
    subject_groups: SubjectGroupsResource

    def __init__(self, invoke: Invoker) -> None:
        self.appointments = AppointmentsResource(invoke)
        self.employees = EmployeesResource(invoke)
        self.lead_segments = LeadSegmentsResource(invoke)
        self.subject_groups = SubjectGroupsResource(invoke)


__all__ = [
    "Resources",
    "AppointmentsResource",
    "EmployeesResource",
    "LeadSegmentsResource",
    "SubjectGroupsResource",
]
