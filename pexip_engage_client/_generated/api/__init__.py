# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The API's operations, grouped by tag: one resource class per tag, bound to one `Invoker`."""

from functools import cached_property
from typing import TYPE_CHECKING

from ..._runtime import Invoker

if TYPE_CHECKING:
    from .appointments import AppointmentsResource
    from .availability import AvailabilityResource
    from .availability_templates import AvailabilityTemplatesResource
    from .contexts import ContextsResource
    from .customers import CustomersResource
    from .employees import EmployeesResource
    from .fetch_configurations import FetchConfigurationsResource
    from .forms import FormsResource
    from .lead_segments import LeadSegmentsResource
    from .listings import ListingsResource
    from .meeting_rooms import MeetingRoomsResource
    from .offices import OfficesResource
    from .regions import RegionsResource
    from .settings import SettingsResource
    from .subject_groups import SubjectGroupsResource
    from .subjects import SubjectsResource
    from .translations import TranslationsResource


class Resources:
    """One attribute per tag of the API, each holding that tag's operations as async methods."""

    def __init__(self, invoke: Invoker) -> None:
        self._invoke = invoke

    @cached_property
    def appointments(self) -> "AppointmentsResource":
        """The `appointments` operations."""
        from .appointments import AppointmentsResource

        return AppointmentsResource(self._invoke)

    @cached_property
    def availability(self) -> "AvailabilityResource":
        """The `availability` operations."""
        from .availability import AvailabilityResource

        return AvailabilityResource(self._invoke)

    @cached_property
    def availability_templates(self) -> "AvailabilityTemplatesResource":
        """The `availability_templates` operations."""
        from .availability_templates import AvailabilityTemplatesResource

        return AvailabilityTemplatesResource(self._invoke)

    @cached_property
    def contexts(self) -> "ContextsResource":
        """The `contexts` operations."""
        from .contexts import ContextsResource

        return ContextsResource(self._invoke)

    @cached_property
    def customers(self) -> "CustomersResource":
        """The `customers` operations."""
        from .customers import CustomersResource

        return CustomersResource(self._invoke)

    @cached_property
    def employees(self) -> "EmployeesResource":
        """The `employees` operations."""
        from .employees import EmployeesResource

        return EmployeesResource(self._invoke)

    @cached_property
    def fetch_configurations(self) -> "FetchConfigurationsResource":
        """The `fetch_configurations` operations."""
        from .fetch_configurations import FetchConfigurationsResource

        return FetchConfigurationsResource(self._invoke)

    @cached_property
    def forms(self) -> "FormsResource":
        """The `forms` operations."""
        from .forms import FormsResource

        return FormsResource(self._invoke)

    @cached_property
    def lead_segments(self) -> "LeadSegmentsResource":
        """The `lead_segments` operations."""
        from .lead_segments import LeadSegmentsResource

        return LeadSegmentsResource(self._invoke)

    @cached_property
    def listings(self) -> "ListingsResource":
        """The `listings` operations."""
        from .listings import ListingsResource

        return ListingsResource(self._invoke)

    @cached_property
    def meeting_rooms(self) -> "MeetingRoomsResource":
        """The `meeting_rooms` operations."""
        from .meeting_rooms import MeetingRoomsResource

        return MeetingRoomsResource(self._invoke)

    @cached_property
    def offices(self) -> "OfficesResource":
        """The `offices` operations."""
        from .offices import OfficesResource

        return OfficesResource(self._invoke)

    @cached_property
    def regions(self) -> "RegionsResource":
        """The `regions` operations."""
        from .regions import RegionsResource

        return RegionsResource(self._invoke)

    @cached_property
    def settings(self) -> "SettingsResource":
        """The `settings` operations."""
        from .settings import SettingsResource

        return SettingsResource(self._invoke)

    @cached_property
    def subject_groups(self) -> "SubjectGroupsResource":
        """The `subject_groups` operations."""
        from .subject_groups import SubjectGroupsResource

        return SubjectGroupsResource(self._invoke)

    @cached_property
    def subjects(self) -> "SubjectsResource":
        """The `subjects` operations."""
        from .subjects import SubjectsResource

        return SubjectsResource(self._invoke)

    @cached_property
    def translations(self) -> "TranslationsResource":
        """The `translations` operations."""
        from .translations import TranslationsResource

        return TranslationsResource(self._invoke)


__all__ = ["Resources"]
