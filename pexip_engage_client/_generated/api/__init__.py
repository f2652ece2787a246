"""The API's operations, grouped by tag: one resource class per tag, bound to one `Invoker`."""

from ..types import Invoker
from .appointments import AppointmentsResource
from .lead_segments import LeadSegmentsResource


class Resources:
    """One attribute per tag of the API, each holding that tag's operations as async methods."""

    appointments: AppointmentsResource
    lead_segments: LeadSegmentsResource

    def __init__(self, invoke: Invoker) -> None:
        self.appointments = AppointmentsResource(invoke)
        self.lead_segments = LeadSegmentsResource(invoke)


__all__ = [
    "Resources",
    "AppointmentsResource",
    "LeadSegmentsResource",
]
