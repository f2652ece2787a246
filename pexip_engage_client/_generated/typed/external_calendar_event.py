# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `external_calendar_event` (see `__init__.py`)."""

import msgspec

from ..models.external_calendar_event_show_as import ExternalCalendarEventShowAs
from . import ABSENT
from .reference import ReferenceWire


class ExternalCalendarEventWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "external_id": "externalId",
        "external_calendar": "externalCalendar",
        "start": "start",
        "end": "end",
        "all_day": "allDay",
        "show_as": "showAs",
        "title": "title",
        "description": "description",
        "resource_type": "resourceType",
        "resource_id": "resourceId",
        "private": "private",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
    },
):
    """The typed form of `ExternalCalendarEvent`."""

    id: str
    external_id: str | None = ABSENT
    external_calendar: ReferenceWire | None = ABSENT
    start: str = ABSENT
    end: str = ABSENT
    all_day: bool = ABSENT
    show_as: ExternalCalendarEventShowAs = ABSENT
    title: str | None = ABSENT
    description: str | None = ABSENT
    resource_type: str | None = ABSENT
    resource_id: str | None = ABSENT
    private: bool = ABSENT
    created_at: str = ABSENT
    updated_at: str = ABSENT
