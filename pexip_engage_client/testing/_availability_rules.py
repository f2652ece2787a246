"""The documented rules of availability templates, their time ranges and their applications.

Each answers with the business code the operation lists (`x-business-error-codes`); what a code's
description says, or its name where the copied error-codes page is cut, is the rule.
"""

from __future__ import annotations

from .._base.timing import parse_date
from ._errors import business_error
from ._resources import Call
from ._spec import Json

# What a template made through the API is, where no request says: not the employee's default
# template, which is Engage's own (it can be neither applied nor modified: two documented codes).
NEW_TEMPLATE = {"isDefault": False}


def templates_of(call: Call) -> str:
    """The concrete collection of the templates of the employee the path names."""
    return "/".join(call.concrete.split("/")[:3]) + "/availability-templates"  # /employees/<id>/...


def check_template(call: Call, new: Json, old: Json | None) -> None:
    """AVAILABILITY_TEMPLATE_DEFAULT_TEMPLATE_MODIFICATION_NOT_ALLOWED: the default template is not changed."""
    if old is not None and old.get("isDefault"):
        raise business_error(
            "AVAILABILITY_TEMPLATE_DEFAULT_TEMPLATE_MODIFICATION_NOT_ALLOWED",
            "The default availability template cannot be modified.",
        )


def check_time_range(call: Call, new: Json, old: Json | None) -> None:
    """A time range ends after it starts, names a day of the week exactly in a WEEK template, and
    overlaps no other range of its template on that day."""
    template = call.store.find(templates_of(call), call.path["availabilityTemplateId"]) or {}
    weekly, day = template.get("type") == "WEEK", new.get("dayOfWeek")
    if weekly and day is None:
        raise business_error(
            "AVAILABILITY_TIME_RANGE_WEEK_TEMPLATE_WITHOUT_DAY_OF_WEEK",
            "The day of the week must be set on a time range of a WEEK template.",
        )
    if not weekly and day is not None:
        raise business_error(
            "AVAILABILITY_TIME_RANGE_DAY_TEMPLATE_WITH_DAY_OF_WEEK",
            "The day of the week cannot be set on a time range of a DAY template.",
        )
    if new["endTime"] <= new["startTime"]:  # "HH:MM", so text order is time order
        raise business_error(
            "AVAILABILITY_TIME_RANGE_START_AFTER_END", "The end time must be strictly greater than the start time."
        )
    ranges = call.concrete.rsplit("/", 1)[0] if old is not None else call.concrete
    for other in call.store.collection(ranges).values():
        if (
            other["id"] != new["id"]
            and other.get("dayOfWeek") == day
            and max(new["startTime"], other["startTime"]) < min(new["endTime"], other["endTime"])
        ):
            raise business_error(
                "AVAILABILITY_TIME_RANGE_OVERLAP",
                "The time range overlaps with an existing time range of the template.",
            )


def check_applied_template(call: Call, new: Json, old: Json | None) -> None:
    """The default template is not applied; an application ends on or after it starts and overlaps no other."""
    template = call.store.collection(templates_of(call))[new["availabilityTemplate"]["id"]]  # `_api` checked it
    if template.get("isDefault"):
        raise business_error(
            "APPLIED_TEMPLATE_DEFAULT_TEMPLATE", "The default availability template cannot be applied."
        )
    if parse_date(new["endDate"]) < parse_date(new["startDate"]):
        raise business_error("APPLIED_TEMPLATE_START_AFTER_END", "The endDate must not be before the startDate.")
    for applied in call.store.documents.get(call.concrete, []):
        if applied["startDate"] <= new["endDate"] and new["startDate"] <= applied["endDate"]:
            raise business_error(
                "APPLIED_TEMPLATE_OVERLAP",
                "The applied template overlaps with an existing applied template.",
                {
                    "type": template.get("type"),
                    "overlappingAppliedTemplateId": applied["availabilityTemplate"]["id"],
                },
            )


def applied_template_source(call: Call, body: Json) -> Json:
    """An application's fields where the request gives none: its template's time zone (the documented
    example answers the template example's `Europe/Brussels`)."""
    template = call.store.find(templates_of(call), str(body.get("availabilityTemplateId"))) or {}
    return {"timeZone": template["timeZone"]} if "timeZone" in template else {}
