"""The behaviour the documentation defines beyond shapes: business rules and `/_actions/` transitions.

Each rule names the documented error code it answers with (a 422 whose `arguments` carry the
code's parameters). Where the documentation is silent, the "Testing with the fake" page
(docs/testing.md) says what the fake assumes (for example which statuses allow a reschedule).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from itertools import accumulate
from typing import Any

from .._base.timing import parse_date, parse_datetime
from . import _resources as resources
from ._clock import iso
from ._errors import FakeAPIError, business_error, not_found
from ._resources import Call
from ._spec import Json, per_spec, spec

# Statuses in which an answer is still awaited, so accepting makes sense.
ACCEPTABLE = ("ALTERNATIVE_DATE_REQUESTED", "INCOMING_REQUEST", "OUTGOING_INVITE")
# Statuses that are not final: an appointment in them may still be moved or changed.
OPEN = ("ACCEPTED", *ACCEPTABLE)

# Properties that must be unique within their collection, and the code a duplicate gets.
UNIQUE = {
    "/lead-segments": (("code", "LEAD_SEGMENT_CODE_ALREADY_IN_USE"),),
    "/employees": (
        ("email", "EMPLOYEE_EMAIL_ALREADY_IN_USE"),
        ("externalId", "EMPLOYEE_EXTERNAL_ID_ALREADY_IN_USE"),
        ("username", "EMPLOYEE_USERNAME_ALREADY_IN_USE"),
    ),
}
# Compared without case under the assumption `employee-identity-case` (Keycloak keeps them in lower case).
CASELESS = frozenset({"email", "username"})
# What a new appointment starts as, per operation.
NEW_APPOINTMENT_STATUS = {"createAppointment": "ACCEPTED", "createAppointmentInvite": "OUTGOING_INVITE"}
# How long a new context lives when the request does not say (the documentation shows `expiresAt`
# but not how it is chosen).
CONTEXT_LIFETIME = timedelta(hours=1)
# A time of day as the API writes one, whose text order is its time order.
_TIME_OF_DAY = re.compile(r"\d\d:\d\d(:\d\d)?")
# Who and what made a new appointment, when the request (or the seeding call) does not say.
NEW_APPOINTMENT_ORIGIN = dict.fromkeys(("createdByType", "updatedByType", "createdFrom", "updatedFrom"), "OTHER")


def prepare(call: Call, body: Json) -> Json:
    """The body as the resource builder reads it (renamed fields, what a create implies)."""
    source = dict(body)
    message = source.pop("message", None)  # the name the invite and some transitions give it; null says nothing
    if message is not None:
        source.setdefault("messageForCustomer", message)
    if isinstance(source.get("headers"), list) and call.op.path.startswith("/fetch-configurations"):
        # A header's value is write-only: the documented answer names the headers alone.
        source["headers"] = [{"name": header["name"]} for header in source["headers"]]
    if call.op.operation_id == "createContext":
        source.setdefault("expiresAt", context_expiry(call.now))
    if call.op.operation_id == "createAvailabilityTemplate":
        source = {**NEW_TEMPLATE, **source}
    if call.op.operation_id == "applyAvailabilityTemplate":
        source = {**applied_template_source(call, source), **source}
    if call.op.operation_id in NEW_APPOINTMENT_STATUS:
        source = {"status": NEW_APPOINTMENT_STATUS[call.op.operation_id], **NEW_APPOINTMENT_ORIGIN, **source}
        source["trailingBufferTime"] = source.get("trailingBufferTime") or 0
        source["hybrid"] = bool(source.get("hybrid"))
    if isinstance(source.get("answers"), list):
        source["answers"] = [_answer_of_its_question(call, answer) for answer in source["answers"]]
    if isinstance(source.get("location"), dict):
        source["location"] = _geocoded(call, source["location"])
    return source


# Engage geocodes a location it is given (its answer holds a `formattedAddress` and a `geolocation`),
# and answers this code where it cannot; the fake geocodes nothing.
GEOCODING_FAILED = "LOCATION_GEOCODING_FAILED"


def _geocoded(call: Call, location: Json) -> Json:
    """A location as the fake can geocode it: its `formattedAddress` written from its parts, and its
    `geolocation` only as given; without one, 422 LOCATION_GEOCODING_FAILED where the operation lists
    the code (elsewhere the geolocation every answer holds is refused as one no one gave)."""
    if location.get("geolocation") is None and GEOCODING_FAILED in call.op.business_codes:
        raise business_error(
            GEOCODING_FAILED, "The location could not be geocoded: the fake geocodes nothing, so give its geolocation."
        )
    given = location.get("translations")
    translations: Json = given if isinstance(given, dict) else {}

    def first(name: str) -> str:
        values = translations.get(name)
        return str(values[0].get("value", "")) if isinstance(values, list) and values else ""

    town = " ".join(part for part in (str(location.get("postalCode") or ""), first("city")) if part)
    parts = (first("street1"), first("street2"), town, first("state"), str(location.get("countryCode") or ""))
    return {"formattedAddress": ", ".join(part for part in parts if part), **location}


# The `answerType` of the answers an operation stores, when their question's form has no `type` (a form seeded
# without one): a booking's or a change's answers are the subject's questionnaire, as the documented appointment's
# answer is. (A cancellation's and a completion's answers are not stored: `transition` keeps its `keys` only.)
ANSWERS_OF = {
    "SUBJECT_QUESTIONNAIRE": (
        "createAppointment",
        "createAppointmentInvite",
        "updateAppointmentById",
        "rescheduleAppointment",
        "updateAppointmentDetails",
    ),
}
_ANSWER_TYPE = {operation: kind for kind, operations in ANSWERS_OF.items() for operation in operations}


def _answer_of_its_question(call: Call, answer: Any) -> Any:
    """An answer naming its question (`questionId`) takes the question's form, and the form's `type` as its
    `answerType` (the documented example's form and answer are both SUBJECT_QUESTIONNAIRE), or, for a form
    without one, the type of the answers the operation takes (`ANSWERS_OF`); a question of no form is a 404
    naming it. An `answerType` the request gives is kept (the spec checks it)."""
    question = answer.get("questionId") if isinstance(answer, dict) else None
    if not isinstance(question, str):
        return answer
    form = next(
        (
            path.split("/")[2]
            for path, items in call.store.items.items()
            if resources.normalise_concrete(path.strip("/").split("/")) == "/forms/{}/questions" and question in items
        ),
        None,
    )
    if form is None:
        raise not_found(call.op, question, "question")
    form_type = (call.store.find("/forms", form) or {}).get("type") or _ANSWER_TYPE.get(call.op.operation_id)
    return {"formId": form, **({"answerType": form_type} if form_type is not None else {}), **answer}


def check(call: Call, new: Json, old: Json | None) -> None:
    """Refuse a create (`old` None) or an update that breaks a documented rule."""
    collection = resources.normalise(call.op.path).split("/_actions/")[0].removesuffix("/{}")
    for name, code in UNIQUE.get(collection, ()):
        value = new.get(name)
        if value is None or (old is not None and old.get(name) == value):
            continue
        same = _same_identity if name in CASELESS and "employee-identity-case" in call.assumed else _same_value
        # UNIQUE names top-level collections only: the normalised path is the concrete one.
        others = (item for item in call.store.collection(collection).values() if item.get("id") != new.get("id"))
        if any(same(item.get(name), value) for item in others):
            raise business_error(code, f"{name} {value!r} is already in use.")
    rule = _RULES.get(collection)
    if rule is not None:
        rule(call, new, old)


def _same_value(stored: Any, value: Any) -> bool:
    return bool(stored == value)


def _same_identity(stored: Any, value: Any) -> bool:
    return isinstance(stored, str) and isinstance(value, str) and stored.casefold() == value.casefold()


def _check_employee(call: Call, new: Json, old: Json | None) -> None:
    """EMPLOYEE_UPDATE_STATUS_PENDING, under its assumption: an update does not set an employee back to PENDING."""
    if (
        old is not None
        and "employee-status-pending" in call.assumed
        and new.get("status") == "PENDING"
        and old.get("status") != "PENDING"
    ):
        raise business_error("EMPLOYEE_UPDATE_STATUS_PENDING", "The status of an employee cannot be set to PENDING.")


def context_expiry(now: str) -> str:
    """When a context made at `now` (ISO 8601) expires, unless it was given an `expiresAt`."""
    return iso(parse_datetime(now) + CONTEXT_LIFETIME)


def expired(item: Json, now: str) -> bool:
    """Whether an item that expires (a context) is past its `expiresAt`: then it is gone."""
    expires = item.get("expiresAt")
    return isinstance(expires, str) and parse_datetime(expires) <= parse_datetime(now)


def _check_time_slot(call: Call, new: Json, old: Json | None) -> None:
    """A slot ends after it starts (an assumption); an assigned employee must be linked to the listing
    (its scheduling settings); slots of one listing on one date must not overlap."""
    if "listing-time-slot-time" in call.assumed and _reversed_times(new["startTime"], new["endTime"]):
        raise FakeAPIError(
            400,
            "BAD_REQUEST",
            f"body.endTime: {new['endTime']!r} is not after body.startTime {new['startTime']!r} (the fake's "
            "assumption 'listing-time-slot-time'; FakePexipEngage(loosen=['listing-time-slot-time']) lifts it)",
        )
    listing = "/".join(call.concrete.split("/")[:3])  # /listings/<id>
    settings = call.store.documents.get(listing + "/scheduling-settings") or {}
    linked = {employee["id"] for employee in settings.get("employees", [])}
    for assignment in new["assignments"]:
        if assignment["employee"]["id"] not in linked:
            raise business_error(
                "LISTING_TIME_SLOT_EMPLOYEE_NOT_LINKED",
                f"Employee {assignment['employee']['id']!r} is not linked to the listing.",
            )
    for other in call.store.collection(listing + "/time-slots").values():
        if (
            other["id"] != new["id"]
            and other["date"] == new["date"]
            and max(new["startTime"], other["startTime"]) < min(new["endTime"], other["endTime"])
        ):
            raise business_error(
                "LISTING_TIME_SLOT_OVERLAP",
                "The time slot overlaps with an existing time slot of the listing.",
                {"overlappingTimeSlotId": other["id"]},
            )


def _reversed_times(start: str, end: str) -> bool:
    """Whether a span of two times of day ("HH:MM", so text order is time order) ends before it starts or as it
    does; a value that is no such time has no order to compare (the spec types them as mere text)."""
    return all(_TIME_OF_DAY.fullmatch(value) for value in (start, end)) and end <= start


def _check_appointment(call: Call, new: Json, old: Json | None) -> None:
    _check_participants(call, new.get("appointmentParticipants", []), old)
    if new.get("meetingType") == "ON_LOCATION" and not new.get("location"):
        raise business_error("APPOINTMENT_LOCATION_REQUIRED", "An on-location appointment must have a location.")
    start, end = new.get("start"), new.get("end")
    if start and end and parse_datetime(end) <= parse_datetime(start):
        raise business_error("APPOINTMENT_START_AFTER_END", "The end must be strictly greater than the start.")
    if NO_AVAILABILITY in call.op.business_codes:  # the operations whose documentation says they check it
        _check_availability(call, new)


# --- Availability: a booking the employee's defined availability has room for ----------------------

# The code by which Engage refuses a time no employee is available at ("No employees available on
# the chosen time slot"); the operations that may answer it list it in `x-business-error-codes`.
NO_AVAILABILITY = "APPOINTMENT_NO_AVAILABILITY"
# The statuses that give an appointment's time back (as free/busy reads them, docs/free-busy.md).
_RELEASING = frozenset({"CANCELLED"})
Span = tuple[datetime, datetime]


def _check_availability(call: Call, new: Json) -> None:
    """Room for the appointment in one of its PRIMARY employee's seeded blocks of defined availability
    (the rule: docs/testing.md, the "availability" row of what the fake assumes)."""
    held = _held(new)
    if held is not None and not all(_room_for(call, who, new, held) for who in _primary_employee_ids(new)):
        raise business_error(NO_AVAILABILITY, "No employees available on the chosen time slot.")


def _room_for(call: Call, employee_id: str, new: Json, held: Span) -> bool:
    """Whether the employee has no block seeded (free whenever asked), or one that offers the appointment and has
    room for it."""
    blocks = [block for block in _defined_blocks(call) if _ref_id(block.get("employee")) == employee_id]
    if not blocks:
        return True
    others = _holding(call, employee_id, new)
    return any(_offers(block, new) and _most_at_once(others, held) < _capacity(block) for block in blocks)


def _defined_blocks(call: Call) -> list[Json]:
    """The blocks of defined availability seeded (`add_defined_availability`), as getDefinedAvailability keeps them."""
    blocks = call.store.documents.get(spec().operation("getDefinedAvailability").path)
    return [block for block in blocks or () if isinstance(block, dict)]


def _offers(block: Json, appointment: Json) -> bool:
    """Whether `block` holds the appointment's start and end, and offers its office, subject and meeting type."""
    span = _instants(block.get("start"), block.get("end"))
    wanted = _instants(appointment.get("start"), appointment.get("end"))
    if span is None or wanted is None:
        return False
    same = [
        (_ref_id(block.get("office")), _ref_id(appointment.get("office"))),
        (_ref_id(block.get("subject")), _ref_id(appointment.get("subject"))),
        (block.get("meetingType"), appointment.get("meetingType")),
    ]
    agree = all(offered is None or asked is None or offered == asked for offered, asked in same)
    return agree and span[0] <= wanted[0] < wanted[1] <= span[1]


def _capacity(block: Json) -> int:
    most = block.get("maxConcurrentAppointments")
    return most if isinstance(most, int) and most > 0 else 1


def _holding(call: Call, employee_id: str, new: Json) -> list[Span]:
    """The time the employee's other appointments hold: each but CANCELLED ones, with its trailing buffer."""
    return [
        span
        for item in call.store.collection("/appointments").values()
        if item.get("id") != new.get("id")
        and item.get("status") not in _RELEASING
        and employee_id in _primary_employee_ids(item)
        and (span := _held(item)) is not None
    ]


def _most_at_once(spans: list[Span], within: Span) -> int:
    """How many of the half-open `spans` overlap at once at most, inside `within` (an end before a start)."""
    inside = [(max(start, within[0]), min(end, within[1])) for start, end in spans]
    edges = sorted(edge for start, end in inside if start < end for edge in ((start, 1), (end, -1)))
    return max(accumulate(step for _, step in edges), default=0)


def _held(appointment: Json) -> Span | None:
    """The time an appointment holds: its start to its end plus its `trailingBufferTime` minutes."""
    span = _instants(appointment.get("start"), appointment.get("end"))
    if span is None:
        return None
    buffer = appointment.get("trailingBufferTime")
    return span[0], span[1] + timedelta(minutes=buffer if isinstance(buffer, int) else 0)


def _instants(start: Any, end: Any) -> Span | None:
    if not isinstance(start, str) or not isinstance(end, str):
        return None
    return parse_datetime(start), parse_datetime(end)


def _primary_employee_ids(appointment: Json) -> list[str]:
    ids = [
        _ref_id(p.get("participant")) for p in appointment.get("appointmentParticipants") or () if _primary_employee(p)
    ]
    return [who for who in ids if isinstance(who, str)]


def _primary_employee(participant: Json) -> bool:
    return (participant.get("role"), participant.get("type")) == ("PRIMARY", "EMPLOYEE")


def _ref_id(reference: Any) -> Any:
    return reference.get("id") if isinstance(reference, dict) else None


def _check_participants(call: Call, participants: list[Json], old: Json | None) -> None:
    keys = [_who(p) for p in participants]
    if len(set(keys)) != len(keys):
        raise business_error("APPOINTMENT_PARTICIPANTS_NOT_UNIQUE", "Participants need to be unique.")
    operation, primaries = call.op.operation_id, _primaries(participants)
    kinds = {kind for _, kind in primaries}
    missing = sorted({"CUSTOMER", "EMPLOYEE"} - kinds)  # the customer's is named first
    if operation in _NEEDS_PRIMARIES and missing:
        raise business_error(
            f"APPOINTMENT_PRIMARY_{missing[0]}_MISSING",
            f"An appointment needs at least one PRIMARY {missing[0]} participant.",
        )
    # Only a PATCH that sends the participants can add or remove a PRIMARY one.
    if (
        operation == "updateAppointmentById"
        and old is not None
        and isinstance(call.body, dict)
        and "appointmentParticipants" in call.body
        and _primaries(old["appointmentParticipants"]) != primaries
    ):
        raise business_error(
            "APPOINTMENT_PRIMARY_PARTICIPANT_ADDED_OR_REMOVED",
            "PRIMARY appointment participants cannot be added or removed.",
        )


# The operations after which an appointment must have a PRIMARY customer and a PRIMARY employee.
_NEEDS_PRIMARIES = frozenset(
    {"createAppointment", "updateAppointmentById", "updateAppointmentDetails", "reassignAppointment"}
)


def _who(participant: Json) -> tuple[str, str]:
    return participant["participant"]["id"], participant["type"]


def _primaries(participants: list[Json]) -> set[tuple[str, str]]:
    return {_who(p) for p in participants if p["role"] == "PRIMARY"}


# --- Availability templates, their time ranges and their applications ----------------------------
#
# Each answers with the business code the operation lists: what a code's description says, or its name where
# the copied error-codes page is cut, is the rule.

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


# The documented rules of each collection beyond uniqueness, checked on a create (`old` None) or an update.
_RULES: dict[str, Callable[[Call, Json, Json | None], None]] = {
    "/appointments": _check_appointment,
    "/employees": _check_employee,
    "/employees/{}/applied-templates": check_applied_template,
    "/employees/{}/availability-templates": check_template,
    "/employees/{}/availability-templates/{}/time-ranges": check_time_range,
    "/listings/{}/time-slots": _check_time_slot,
}


# --- /_actions/ transitions and other operations that are not plain reads and writes ------------


@dataclass(frozen=True)
class Transition:
    """An `/_actions/` operation on an appointment: refused (422 with `code`) unless the appointment's
    status is one of `allowed`; it applies the body's members named in `keys`, then `fixed`."""

    allowed: tuple[str, ...]
    keys: tuple[str, ...] = ()
    fixed: Mapping[str, Any] = field(default_factory=dict)
    code: str = "APPOINTMENT_STATUS_INVALID"
    # The business codes of rules beyond the status that the operation applies (`_TRANSITION_RULES`).
    rules: tuple[str, ...] = ()


def transition(change: Transition, call: Call) -> Json:
    """Make `change` to the appointment the path names, as a PATCH would, if its status and the rules allow it."""
    item = call.store.collection("/appointments")[call.path["id"]]  # `_api` answered 404 for an unknown id
    if "appointment-statuses" in call.assumed and item["status"] not in change.allowed:
        raise business_error(
            change.code,
            "The operation cannot be performed on the appointment because its status does not allow it.",
            {"allowedStates": list(change.allowed)},
        )
    for code in change.rules:
        _TRANSITION_RULES[code](call, item)
    changes = {key: call.body[key] for key in change.keys if key in call.body}
    if "primaryEmployeeId" in changes:
        changes["appointmentParticipants"] = _with_primary_employee(call, item, changes.pop("primaryEmployeeId"))
    ref = resources.item_ref(call.op)
    updated = resources.build(ref, prepare(call, {**changes, **change.fixed}), call.now, existing=item)
    updated["updatedAt"] = call.now
    check(call, updated, item)
    resources.ensure_valid(ref, updated)
    call.store.collection("/appointments")[updated["id"]] = updated
    return updated


def _with_primary_employee(call: Call, item: Json, employee_id: str) -> list[Json]:
    """The appointment's participants with `employee_id` in place of its PRIMARY employee (reassign)."""
    if call.store.find("/employees", employee_id) is None:
        raise not_found(call.op, employee_id, "employee")
    kept = [p for p in item["appointmentParticipants"] if not _primary_employee(p)]
    return [*kept, {"role": "PRIMARY", "type": "EMPLOYEE", "participant": {"id": employee_id}}]


def revert_applied_templates(call: Call) -> None:
    """Remove the applied templates within the body's dates (all of them without dates)."""
    start, end = call.body.get("startDate", "0000-01-01"), call.body.get("endDate", "9999-12-31")
    kept = [
        a for a in call.store.documents.get(call.concrete, []) if not (start <= a["startDate"] and a["endDate"] <= end)
    ]
    call.store.documents[call.concrete] = kept


# --- The life-cycle actions openapi.yaml infers (cancel, complete, ...): read from the spec ---------
#
# Each one's `x-inferred.transition` (its `from` statuses, `to` status and webhook `event`) is read
# there, so that the spec is the one place that guesses them (docs/lifecycle-actions.md, "In the fake").

# A completion is refused this many days or more before the start unless the enterprise's settings
# say otherwise: the error-codes page names the setting's parameter, not its default.
COMPLETION_ALLOWED_DAYS_BEFORE_START = 0
_COMPLETION_SETTING = "completionAllowedDaysBeforeStart"


def _check_completion_time(call: Call, item: Json) -> None:
    """APPOINTMENT_COMPLETION_TOO_EARLY: completed earlier than the allowed days before the start."""
    value = (call.store.documents.get("/settings") or {}).get(_COMPLETION_SETTING, {}).get("value")
    days = value if type(value) is int else COMPLETION_ALLOWED_DAYS_BEFORE_START  # the setting's, or the default
    if parse_datetime(call.now) < parse_datetime(item["start"]) - timedelta(days=days):
        raise business_error(
            "APPOINTMENT_COMPLETION_TOO_EARLY",
            f"Appointments cannot be completed earlier than {days} days before their start time.",
            {_COMPLETION_SETTING: days},
        )


# The rules beyond the status a transition applies, by the business code the operation lists.
_TRANSITION_RULES: dict[str, Callable[[Call, Json], None]] = {
    "APPOINTMENT_COMPLETION_TOO_EARLY": _check_completion_time,
}


def _transition(operation_id: str) -> Json | None:
    """The `x-inferred.transition` of `operation_id` in the spec in force, or None."""
    op = spec().by_id.get(operation_id)
    if op is None:
        return None
    change = spec().document["paths"][op.path][op.method.lower()].get("x-inferred", {}).get("transition")
    return change if isinstance(change, dict) else None


@per_spec
def inferred_transition(operation_id: str) -> Transition | None:
    """The transition the spec's `x-inferred.transition` gives `operation_id`, or None."""
    change = _transition(operation_id)
    if change is None:
        return None
    rules = tuple(code for code in _TRANSITION_RULES if code in spec().operation(operation_id).business_codes)
    return Transition(tuple(change["from"]), fixed={"status": change["to"]}, rules=rules)


@per_spec
def inferred_event(operation_id: str) -> str | None:
    """The webhook event type the spec's `x-inferred.transition` says `operation_id` causes, or None."""
    event: str | None = (_transition(operation_id) or {}).get("event")
    return event


def action(operation_id: str) -> Callable[[Call], Any] | None:
    """How the fake serves `operation_id` when it is an action: a documented one, or one the spec infers."""
    served = ACTIONS.get(operation_id)
    if served is None and (inferred := inferred_transition(operation_id)) is not None:
        served = partial(transition, inferred)
    return served


def run_action(call: Call) -> Any:
    """Serve the action `call` names (`_api.shape` serves an operation as one only when `action` has it)."""
    served = action(call.op.operation_id)
    if served is None:
        raise LookupError(f"{call.op.operation_id} is not an action of the fake")
    return served(call)


# The appointment transitions: what each allows and changes (`message` is read as `messageForCustomer`).
TRANSITIONS = {
    "acceptAppointment": Transition(ACCEPTABLE, fixed={"status": "ACCEPTED"}),
    "rescheduleAppointment": Transition(OPEN, ("start", "end", "messageForCustomer", "message", "answers")),
    "updateAppointmentDetails": Transition(
        OPEN,
        ("start", "end", "officeId", "appointmentParticipants", "answers", "messageForCustomer", "updatedByType"),
        code="APPOINTMENT_DETAILS_UPDATE_INVALID_STATUS",
    ),
    "updateAppointmentMeetingType": Transition(OPEN, ("meetingType", "location")),
    "reassignAppointment": Transition(OPEN, ("officeId", "primaryEmployeeId", "messageForCustomer", "message")),
}

ACTIONS: dict[str, Callable[[Call], Any]] = {
    **{operation_id: partial(transition, change) for operation_id, change in TRANSITIONS.items()},
    "revertAppliedTemplates": revert_applied_templates,
}
