"""What the fake assumes where the documentation is silent, each assumption named with its evidence.

Each is a refusal Engage may make too but the documentation does not say it does, in force unless a test
loosens it by name (`FakePexipEngage(loosen=[...])`, `fake serve --loosen`): docs/testing.md, "What the fake
assumes".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ._errors import FakeAPIError


@dataclass(frozen=True)
class Assumption:
    """A refusal the fake makes although no page documents it: what, why, and what loosening it does."""

    name: str
    refuses: str
    evidence: str
    loosened: str


ASSUMPTIONS: dict[str, Assumption] = {
    assumption.name: assumption
    for assumption in (
        Assumption(
            "appointment-time",
            "createAppointment and rescheduleAppointment without `start` or `end` (400 naming it)",
            "the markdown pages of both type `start` and `end` without `| null`; both operations list "
            "APPOINTMENT_START_AFTER_END and APPOINTMENT_NO_AVAILABILITY ('on the chosen time slot'); an "
            "appointment without a time is what an invite makes",
            "createAppointment stores `start`/`end` null; a reschedule keeps what it leaves out",
        ),
        Assumption(
            "appointment-statuses",
            "an action on an appointment whose status it does not allow (422 APPOINTMENT_STATUS_INVALID, or "
            "APPOINTMENT_DETAILS_UPDATE_INVALID_STATUS, with `allowedStates`)",
            "the codes are documented, with `allowedStates`, but not the states: the fake allows accept from "
            "the statuses awaiting an answer, the other documented actions while the appointment is open, and "
            "each inferred action from its `x-inferred.transition.from`",
            "every action is allowed from any status",
        ),
        Assumption(
            "form-and-room-names",
            "createForm without `name` or `type`, createMeetingRoom without `name` (400 naming it)",
            "both pages collapse their bodies, and their examples, the only bodies shown, give them; every form "
            "and meeting room the pages answer with holds them; a form's `type` is what its answers' `answerType` "
            "is, and a name is all a person sees of either",
            "stored without them (left out of the answer)",
        ),
        Assumption(
            "employee-identity-case",
            "an employee's `email` or `username` that another employee has in another case "
            "(422 EMPLOYEE_EMAIL_ALREADY_IN_USE / EMPLOYEE_USERNAME_ALREADY_IN_USE)",
            "Engage's accounts live in Keycloak (its token URL is a Keycloak realm's), which keeps usernames "
            "and emails in lower case, so two that differ only in case are one",
            "compared as written",
        ),
        Assumption(
            "listing-time-slot-time",
            "createListingTimeSlot and updateListingTimeSlotById whose `endTime` is not after its `startTime` "
            "(400 naming body.endTime)",
            "no code is documented for it, but every other span the API takes is refused so "
            "(APPOINTMENT_START_AFTER_END, APPLIED_TEMPLATE_START_AFTER_END, AVAILABILITY_TIME_RANGE_START_AFTER_END), "
            "and the slot's own LISTING_TIME_SLOT_OVERLAP compares spans, which a reversed one is not",
            "stored as given",
        ),
        Assumption(
            "employee-status-pending",
            "updateEmployeeById setting `status` to PENDING on an employee that is not PENDING "
            "(422 EMPLOYEE_UPDATE_STATUS_PENDING)",
            "the code is listed on updateEmployeeById only, and PENDING is where createEmployee starts one "
            "(its documented default); the code's description is not in the copied pages",
            "any status may be set",
        ),
    )
}

# The fields each assumption requires, by operation.
REQUIRED_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "appointment-time": {"createAppointment": ("start", "end"), "rescheduleAppointment": ("start", "end")},
    "form-and-room-names": {"createForm": ("name", "type"), "createMeetingRoom": ("name",)},
}


def in_force(loosened: Iterable[str]) -> frozenset[str]:
    """The assumptions in force once `loosened` are lifted; `ValueError` naming an unknown one."""
    lifted = set(loosened) if not isinstance(loosened, str) else {loosened}
    unknown = sorted(lifted - set(ASSUMPTIONS))
    if unknown:
        known = ", ".join(sorted(ASSUMPTIONS))
        raise ValueError(f"loosen: no assumption named {', '.join(map(repr, unknown))} (known: {known})")
    return frozenset(ASSUMPTIONS) - lifted


def check_required_fields(operation_id: str, body: Any, assumed: frozenset[str]) -> None:
    """A 400 naming each field an assumption in force requires of this operation and the body lacks."""
    missing = [
        (name, field)
        for name in sorted(assumed)
        for field in REQUIRED_FIELDS.get(name, {}).get(operation_id, ())
        if not isinstance(body, dict) or body.get(field) is None
    ]
    if missing:
        messages = [
            f"body.{field}: required (the fake's assumption {name!r}; FakePexipEngage(loosen=[{name!r}]) lifts it)"
            for name, field in missing
        ]
        raise FakeAPIError(400, "BAD_REQUEST", messages[0], messages=messages)
