"""The fidelity table: one realistic mistake for each refusal docs/testing.md lists ("What the fake
refuses, and why"), sent to the fake in memory and to `pexip-engage fake serve` in a process of its
own; a test fails when either takes it, or stores anything for it.

Every mistake runs against one world, seeded from `SEED` in both (records a seed file holds too), with
ids of its own, so that no mistake depends on another. The table and the page are checked against each
other: a rule the page lists without a mistake here, or a mistake naming no rule there, fails.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx2
import pytest

from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._assumptions import ASSUMPTIONS, REQUIRED_FIELDS
from pexip_engage_client.testing._rules import ANSWERS_OF, NEW_APPOINTMENT_STATUS
from pexip_engage_client.testing._spec import spec

from ..support.served_fake import serving
from ..support.spec import ROOT

TOKEN = "fidelity-token"
CLIENT = ("crm-sync", "crm-sync-secret")
PARTICIPANTS = [
    {"role": "PRIMARY", "participantId": "c1", "type": "CUSTOMER"},
    {"role": "PRIMARY", "participantId": "e1", "type": "EMPLOYEE"},
]
# A valid appointment to create: each mistake below breaks it one way.
APPOINTMENT: dict[str, Any] = {
    "start": "2030-03-04T09:00:00.000Z",
    "end": "2030-03-04T10:00:00.000Z",
    "subjectId": "s1",
    "officeId": "o1",
    "meetingType": "VIDEO",
    "appointmentParticipants": PARTICIPANTS,
}
SEEDED_APPOINTMENT = {
    "start": "2030-03-04T09:00:00.000Z",
    "end": "2030-03-04T10:00:00.000Z",
    "subject": {"id": "s1"},
    "office": {"id": "o1"},
    "appointmentParticipants": [
        {"role": "PRIMARY", "participant": {"id": "c1"}, "type": "CUSTOMER"},
        {"role": "PRIMARY", "participant": {"id": "e1"}, "type": "EMPLOYEE"},
    ],
}
SEED: dict[str, Any] = {
    "subjects": [{"id": "s1"}],
    "offices": [{"id": "o1"}],
    "customers": [{"id": "c1"}, {"id": "c2"}],
    "employees": [
        {"id": "e1", "email": "ada@bank.example", "username": "ada", "externalId": "E-1", "status": "ACTIVE"},
        {"id": "e3", "email": "grace@bank.example", "status": "ACTIVE"},
    ],
    "appointments": [
        {"id": "a-accepted", "status": "ACCEPTED", **SEEDED_APPOINTMENT},
        {"id": "a-cancelled", "status": "CANCELLED", **SEEDED_APPOINTMENT},
    ],
    "lead_segments": [{"id": "ls1", "code": "VIP"}],
    "availability_templates": [
        {"employee_id": "e1", "id": "t-default", "isDefault": True, "type": "WEEK", "name": "Default"},
        {"employee_id": "e1", "id": "t-week", "isDefault": False, "type": "WEEK", "name": "Week"},
        {"employee_id": "e1", "id": "t-day", "isDefault": False, "type": "DAY", "name": "Day"},
    ],
    "availability_time_ranges": [
        {
            "employee_id": "e1",
            "template_id": "t-week",
            "id": "r1",
            "dayOfWeek": "MONDAY",
            "startTime": "09:00",
            "endTime": "12:00",
        }
    ],
    "listings": [{"id": "li1"}],
    "listing_time_slots": [{"listing_id": "li1", "id": "sl1", "date": "2030-01-07", "startTime": "09:00"}],
    "contexts": [{"id": "ctx-old", "expiresAt": "2020-01-01T00:00:00.000Z"}],
    # e3 is free only on 4 March 2030, 09:00 to 10:00, at o1.
    "defined_availability": [
        {
            "employee": {"id": "e3"},
            "office": {"id": "o1"},
            "subject": {"id": "s1"},
            "meetingType": "VIDEO",
            "start": "2030-03-04T09:00:00.000Z",
            "end": "2030-03-04T10:00:00.000Z",
        }
    ],
    "data": [
        {
            "operation": "getAppliedTemplates",
            "path": {"id": "e1"},
            "data": [
                {
                    "startDate": "2030-05-01",
                    "endDate": "2030-05-31",
                    "availabilityTemplate": {"id": "t-week"},
                    "timeZone": "Europe/Brussels",
                    "createdAt": "2026-01-01T00:00:00.000Z",
                    "updatedAt": "2026-01-01T00:00:00.000Z",
                }
            ],
        },
        {
            "operation": "updateEnterpriseSettings",
            "data": {
                "calendarSync": {"value": True},
                "lockedSetting": {"manageable": False, "manageabilityLocked": True},
                "appointmentEarliestPossible": {"value": 2},
                "appointmentLatestPossible": {"value": 90},
            },
        },
    ],
}


@dataclass(frozen=True)
class Mistake:
    """A request Engage refuses, and how: `rule` names its row in docs/testing.md's table."""

    rule: str
    what: str
    method: str
    path: str  # below /enterprises/<enterprise>, or a token endpoint's /realms/...
    body: Any = None
    status: int = 422
    says: str = ""  # in the answer's body: the code, or the field it names
    enterprise: str = "acme"
    token: str | None = TOKEN
    form: dict[str, str] | None = None  # a token request's form, for the door's rules

    @property
    def id(self) -> str:
        return f"{self.rule}: {self.what}"


def _changed(valid: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`valid` with `changes`, a None dropping the field (left out, not sent as null)."""
    return {name: value for name, value in {**valid, **changes}.items() if value is not None}


def appointment(**changes: Any) -> dict[str, Any]:
    return _changed(APPOINTMENT, changes)


def _employee(**fields: Any) -> dict[str, Any]:
    return _changed({"email": "new@bank.example"}, fields)


def _slot(**fields: Any) -> dict[str, Any]:
    return _changed({"date": "2030-01-08", "startTime": "09:00", "endTime": "10:00", "bookable": True}, fields)


def _range(**fields: Any) -> dict[str, Any]:
    return _changed({"dayOfWeek": "TUESDAY", "startTime": "09:00", "endTime": "10:00"}, fields)


def _applied(**fields: Any) -> dict[str, Any]:
    return _changed({"startDate": "2030-06-01", "endDate": "2030-06-30", "availabilityTemplateId": "t-week"}, fields)


def _template(**fields: Any) -> dict[str, Any]:
    return _changed(
        {"name": "Summer", "type": "WEEK", "timeZone": "Europe/Brussels", "color": "#89d0c1", "order": 1}, fields
    )


FETCH = {"mapping": [{"sourceProperty": "email", "targetProperty": "email"}], "endpoint": "https://crm.example/c"}
TOKEN_PATH = "/realms/{}/protocol/openid-connect/token"
GRANT = {"grant_type": "client_credentials", "client_id": CLIENT[0], "client_secret": CLIENT[1]}
RANGES = "/employees/e1/availability-templates/{}/time-ranges"
T_RANGE = "AVAILABILITY_TIME_RANGE"

MISTAKES = [
    # --- The door ------------------------------------------------------------------------------
    Mistake(
        "enterprise-served",
        "a typo in the enterprise",
        "GET",
        "/employees",
        enterprise="acmee",
        status=401,
        says="not valid for enterprise 'acmee'",
    ),
    Mistake(
        "client-realm",
        "a client's credentials at another realm",
        "POST",
        TOKEN_PATH.format("acmee"),
        form=GRANT,
        token=None,
        status=401,
        says="invalid_client",
    ),
    Mistake(
        "token-enterprise",
        "a token at another enterprise's paths",
        "GET",
        "/employees",
        enterprise="globex",
        status=401,
        says="not valid for enterprise 'globex'",
    ),
    Mistake(
        "token-valid",
        "a token no one issued",
        "GET",
        "/employees",
        token="made-up",
        status=401,
        says="this fake did not issue it",
    ),
    # --- What openapi.yaml requires (its evidence: `x-required-evidence`, the pages) --------------
    Mistake(
        "spec",
        "an appointment without a subject",
        "POST",
        "/appointments",
        appointment(subjectId=None),
        status=400,
        says="subjectId",
    ),
    Mistake(
        "spec",
        "an appointment without an office",
        "POST",
        "/appointments",
        appointment(officeId=None),
        status=400,
        says="officeId",
    ),
    Mistake(
        "spec",
        "an appointment without a meeting type",
        "POST",
        "/appointments",
        appointment(meetingType=None),
        status=400,
        says="meetingType",
    ),
    Mistake(
        "spec",
        "an appointment without participants",
        "POST",
        "/appointments",
        appointment(appointmentParticipants=None),
        status=400,
        says="appointmentParticipants",
    ),
    Mistake(
        "spec",
        "an invite with one participant",
        "POST",
        "/appointments/_actions/invite",
        {**appointment(start=None, end=None), "appointmentParticipants": PARTICIPANTS[:1]},
        status=400,
        says="appointmentParticipants",
    ),
    Mistake(
        "spec", "an employee without an email", "POST", "/employees", {"firstName": "Ada"}, status=400, says="email"
    ),
    Mistake(
        "spec", "a lead segment without a code", "POST", "/lead-segments", {"description": "x"}, status=400, says="code"
    ),
    Mistake(
        "spec",
        "a subject group without a name",
        "POST",
        "/subject-groups",
        {"order": 1},
        status=400,
        says="translations",
    ),
    Mistake(
        "spec",
        "a meeting type no one documents",
        "POST",
        "/appointments",
        appointment(meetingType="CARRIER_PIGEON"),
        status=400,
        says="meetingType",
    ),
    Mistake(
        "unknown-id",
        "an appointment naming an unknown subject",
        "POST",
        "/appointments",
        appointment(subjectId="s-nope"),
        status=404,
        says="s-nope",
    ),
    # --- Nothing invented: what every answer holds, the request must give ---------------------
    Mistake(
        "invents-nothing",
        "a template without a name",
        "POST",
        "/employees/e1/availability-templates",
        _template(name=None),
        status=400,
        says="body.name",
    ),
    Mistake(
        "invents-nothing",
        "a template without a time zone",
        "POST",
        "/employees/e1/availability-templates",
        _template(timeZone=None),
        status=400,
        says="body.timeZone",
    ),
    Mistake(
        "invents-nothing",
        "a time range without its end",
        "POST",
        RANGES.format("t-week"),
        _range(endTime=None),
        status=400,
        says="body.endTime",
    ),
    Mistake(
        "invents-nothing",
        "a time slot without bookable",
        "POST",
        "/listings/li1/time-slots",
        _slot(bookable=None),
        status=400,
        says="body.bookable",
    ),
    Mistake(
        "invents-nothing",
        "a fetch configuration without headers",
        "POST",
        "/fetch-configurations",
        {**FETCH, "method": "GET"},
        status=400,
        says="body.headers",
    ),
    Mistake(
        "required-kept",
        "an employee's email cleared",
        "PATCH",
        "/employees/e3",
        {"email": None},
        status=400,
        says="body.email",
    ),
    # --- The fake's assumptions (docs/testing.md says why; `loosen=` lifts each) --------------
    Mistake(
        "appointment-time",
        "an appointment without a start",
        "POST",
        "/appointments",
        appointment(start=None),
        status=400,
        says="body.start",
    ),
    Mistake(
        "appointment-time",
        "an appointment without an end",
        "POST",
        "/appointments",
        appointment(end=None),
        status=400,
        says="body.end",
    ),
    Mistake(
        "appointment-time",
        "a reschedule without an end",
        "POST",
        "/appointments/a-accepted/_actions/reschedule",
        {"start": "2030-03-04T08:30:00.000Z"},
        status=400,
        says="body.end",
    ),
    Mistake(
        "appointment-statuses",
        "accepting an accepted appointment",
        "POST",
        "/appointments/a-accepted/_actions/accept",
        says="APPOINTMENT_STATUS_INVALID",
    ),
    Mistake(
        "appointment-statuses",
        "updating a cancelled appointment's details",
        "POST",
        "/appointments/a-cancelled/_actions/update-details",
        {"answers": []},
        says="APPOINTMENT_DETAILS_UPDATE_INVALID_STATUS",
    ),
    Mistake(
        "form-and-room-names",
        "a form without a type",
        "POST",
        "/forms",
        {"name": "Intake"},
        status=400,
        says="body.type",
    ),
    Mistake(
        "form-and-room-names",
        "a meeting room without a name",
        "POST",
        "/meeting-rooms",
        {"email": "room-1@bank.example", "capacity": 4},
        status=400,
        says="body.name",
    ),
    Mistake(
        "employee-identity-case",
        "an email in use in another case",
        "POST",
        "/employees",
        _employee(email="Ada@Bank.Example"),
        says="EMPLOYEE_EMAIL_ALREADY_IN_USE",
    ),
    Mistake(
        "employee-identity-case",
        "a username in use in another case",
        "POST",
        "/employees",
        _employee(username="ADA"),
        says="EMPLOYEE_USERNAME_ALREADY_IN_USE",
    ),
    Mistake(
        "listing-time-slot-time",
        "a time slot ending before it starts",
        "POST",
        "/listings/li1/time-slots",
        _slot(startTime="11:00", endTime="10:00"),
        status=400,
        says="body.endTime",
    ),
    Mistake(
        "listing-time-slot-time",
        "a time slot put to end when it starts",
        "PUT",
        "/listings/li1/time-slots/sl1",
        _slot(date="2030-01-07", endTime="09:00"),
        status=400,
        says="body.endTime",
    ),
    Mistake(
        "employee-status-pending",
        "an employee set back to PENDING",
        "PATCH",
        "/employees/e1",
        {"status": "PENDING"},
        says="EMPLOYEE_UPDATE_STATUS_PENDING",
    ),
    # --- Documented business rules --------------------------------------------------------------
    Mistake(
        "APPOINTMENT_START_AFTER_END",
        "an appointment ending before it starts",
        "POST",
        "/appointments",
        appointment(end="2030-03-04T08:00:00.000Z"),
        says="APPOINTMENT_START_AFTER_END",
    ),
    Mistake(
        "APPOINTMENT_START_AFTER_END",
        "a reschedule ending when it starts",
        "POST",
        "/appointments/a-accepted/_actions/reschedule",
        {"start": "2030-03-05T09:00:00.000Z", "end": "2030-03-05T09:00:00.000Z"},
        says="APPOINTMENT_START_AFTER_END",
    ),
    Mistake(
        "APPOINTMENT_LOCATION_REQUIRED",
        "on location, with no location",
        "POST",
        "/appointments",
        appointment(meetingType="ON_LOCATION"),
        says="APPOINTMENT_LOCATION_REQUIRED",
    ),
    Mistake(
        "LOCATION_GEOCODING_FAILED",
        "on location, an address without its geolocation",
        "POST",
        "/appointments",
        appointment(
            meetingType="ON_LOCATION",
            location={
                "countryCode": "BE",
                "translations": {
                    "city": [{"language": "en", "value": "Ghent"}],
                    "street1": [{"language": "en", "value": "Kouter 1"}],
                },
            },
        ),
        says="LOCATION_GEOCODING_FAILED",
    ),
    Mistake(
        "APPOINTMENT_PARTICIPANTS_NOT_UNIQUE",
        "one participant twice",
        "POST",
        "/appointments",
        appointment(appointmentParticipants=[*PARTICIPANTS, PARTICIPANTS[0]]),
        says="APPOINTMENT_PARTICIPANTS_NOT_UNIQUE",
    ),
    Mistake(
        "APPOINTMENT_PRIMARY_EMPLOYEE_MISSING",
        "no employee",
        "POST",
        "/appointments",
        appointment(appointmentParticipants=PARTICIPANTS[:1]),
        says="APPOINTMENT_PRIMARY_EMPLOYEE_MISSING",
    ),
    Mistake(
        "APPOINTMENT_PRIMARY_CUSTOMER_MISSING",
        "no customer",
        "POST",
        "/appointments",
        appointment(appointmentParticipants=PARTICIPANTS[1:]),
        says="APPOINTMENT_PRIMARY_CUSTOMER_MISSING",
    ),
    Mistake(
        "APPOINTMENT_PRIMARY_PARTICIPANT_ADDED_OR_REMOVED",
        "the PRIMARY customer swapped by a PATCH",
        "PATCH",
        "/appointments/a-accepted",
        {"appointmentParticipants": [{**PARTICIPANTS[0], "participantId": "c2"}, PARTICIPANTS[1]]},
        says="APPOINTMENT_PRIMARY_PARTICIPANT_ADDED_OR_REMOVED",
    ),
    Mistake(
        "APPOINTMENT_NO_AVAILABILITY",
        "a booking outside the employee's defined availability",
        "POST",
        "/appointments",
        appointment(
            start="2030-03-04T11:00:00.000Z",
            end="2030-03-04T12:00:00.000Z",
            appointmentParticipants=[PARTICIPANTS[0], {**PARTICIPANTS[1], "participantId": "e3"}],
        ),
        says="APPOINTMENT_NO_AVAILABILITY",
    ),
    Mistake(
        "APPOINTMENT_COMPLETION_TOO_EARLY",
        "completing an appointment years ahead",
        "POST",
        "/appointments/a-accepted/_actions/complete",
        {},
        says="APPOINTMENT_COMPLETION_TOO_EARLY",
    ),
    Mistake(
        "LEAD_SEGMENT_CODE_ALREADY_IN_USE",
        "a lead segment code in use",
        "POST",
        "/lead-segments",
        {"code": "VIP"},
        says="LEAD_SEGMENT_CODE_ALREADY_IN_USE",
    ),
    Mistake(
        "EMPLOYEE_EMAIL_ALREADY_IN_USE",
        "an email in use",
        "POST",
        "/employees",
        _employee(email="ada@bank.example"),
        says="EMPLOYEE_EMAIL_ALREADY_IN_USE",
    ),
    Mistake(
        "EMPLOYEE_USERNAME_ALREADY_IN_USE",
        "a username in use",
        "POST",
        "/employees",
        _employee(username="ada"),
        says="EMPLOYEE_USERNAME_ALREADY_IN_USE",
    ),
    Mistake(
        "EMPLOYEE_EXTERNAL_ID_ALREADY_IN_USE",
        "an external id in use",
        "PATCH",
        "/employees/e3",
        {"externalId": "E-1"},
        says="EMPLOYEE_EXTERNAL_ID_ALREADY_IN_USE",
    ),
    Mistake(
        "APPLIED_TEMPLATE_DEFAULT_TEMPLATE",
        "applying the default template",
        "POST",
        "/employees/e1/applied-templates",
        _applied(availabilityTemplateId="t-default"),
        says="APPLIED_TEMPLATE_DEFAULT_TEMPLATE",
    ),
    Mistake(
        "APPLIED_TEMPLATE_START_AFTER_END",
        "an application ending before it starts",
        "POST",
        "/employees/e1/applied-templates",
        _applied(endDate="2030-05-31"),
        says="APPLIED_TEMPLATE_START_AFTER_END",
    ),
    Mistake(
        "APPLIED_TEMPLATE_OVERLAP",
        "an application over another",
        "POST",
        "/employees/e1/applied-templates",
        _applied(startDate="2030-05-20"),
        says="APPLIED_TEMPLATE_OVERLAP",
    ),
    Mistake(
        "AVAILABILITY_TEMPLATE_DEFAULT_TEMPLATE_MODIFICATION_NOT_ALLOWED",
        "renaming the default template",
        "PATCH",
        "/employees/e1/availability-templates/t-default",
        {"name": "Mine"},
        says="AVAILABILITY_TEMPLATE_DEFAULT_TEMPLATE_MODIFICATION_NOT_ALLOWED",
    ),
    Mistake(
        f"{T_RANGE}_START_AFTER_END",
        "a range ending before it starts",
        "POST",
        RANGES.format("t-week"),
        _range(endTime="08:00"),
        says=f"{T_RANGE}_START_AFTER_END",
    ),
    Mistake(
        f"{T_RANGE}_OVERLAP",
        "a range over another on its day",
        "POST",
        RANGES.format("t-week"),
        _range(dayOfWeek="MONDAY", startTime="11:00", endTime="13:00"),
        says=f"{T_RANGE}_OVERLAP",
    ),
    Mistake(
        f"{T_RANGE}_WEEK_TEMPLATE_WITHOUT_DAY_OF_WEEK",
        "a week template's range without its day",
        "POST",
        RANGES.format("t-week"),
        _range(dayOfWeek=None),
        says=f"{T_RANGE}_WEEK_TEMPLATE_WITHOUT_DAY_OF_WEEK",
    ),
    Mistake(
        f"{T_RANGE}_DAY_TEMPLATE_WITH_DAY_OF_WEEK",
        "a day template's range with a day",
        "POST",
        RANGES.format("t-day"),
        _range(),
        says=f"{T_RANGE}_DAY_TEMPLATE_WITH_DAY_OF_WEEK",
    ),
    Mistake(
        "LISTING_TIME_SLOT_EMPLOYEE_NOT_LINKED",
        "a slot assigned to an employee not linked",
        "POST",
        "/listings/li1/time-slots",
        _slot(assignments=[{"employeeId": "e1", "exclusive": False}]),
        says="LISTING_TIME_SLOT_EMPLOYEE_NOT_LINKED",
    ),
    Mistake(
        "LISTING_TIME_SLOT_OVERLAP",
        "a slot over another on its date",
        "POST",
        "/listings/li1/time-slots",
        _slot(date="2030-01-07", startTime="09:30", endTime="10:30"),
        says="LISTING_TIME_SLOT_OVERLAP",
    ),
    Mistake(
        "SETTING_NON_MANAGEABLE",
        "making a setting manageable that is not",
        "PATCH",
        "/settings",
        {"calendarSync": {"manageable": True}},
        says="SETTING_NON_MANAGEABLE",
    ),
    Mistake(
        "SETTING_MANAGEABILITY_MODIFICATION_NOT_ALLOWED",
        "changing a locked setting's manageability",
        "PATCH",
        "/settings",
        {"lockedSetting": {"manageable": True}},
        says="SETTING_MANAGEABILITY_MODIFICATION_NOT_ALLOWED",
    ),
    Mistake(
        "SETTING_VALUE_INVALID",
        "a setting's value of another type",
        "PATCH",
        "/settings",
        {"calendarSync": {"value": "yes"}},
        says="SETTING_VALUE_INVALID",
    ),
    Mistake(
        "SETTING_APPOINTMENT_EARLIEST_LATEST_POSSIBLE_INVALID",
        "an earliest after the latest",
        "PATCH",
        "/settings",
        {"appointmentEarliestPossible": {"value": 120}},
        says="SETTING_APPOINTMENT_EARLIEST_LATEST_POSSIBLE_INVALID",
    ),
    Mistake(
        "context-lifetime", "reading a context past its expiry", "GET", "/contexts/ctx-old", status=404, says="ctx-old"
    ),
]


def seeded_fake(**options: Any) -> FakePexipEngage:
    """The world every mistake runs in, in memory: `SEED`, the token, the client, a second enterprise."""
    fake = FakePexipEngage(**options)
    fake.seed(copy.deepcopy(SEED))
    fake.add_token(TOKEN)
    fake.add_client(*CLIENT)
    fake.in_enterprise("globex")  # served, so that a token of acme's is refused there as not its own
    return fake


Send = Callable[[Mistake], httpx2.Response]


def sender(http: httpx2.Client) -> Send:
    def send(mistake: Mistake) -> httpx2.Response:
        if mistake.form is not None:
            return http.post(mistake.path, data=mistake.form)
        headers = {} if mistake.token is None else {"Authorization": f"Bearer {mistake.token}"}
        url = f"/enterprises/{mistake.enterprise}{mistake.path}"
        return http.request(mistake.method, url, json=mistake.body, headers=headers)

    return send


def assert_refused(send: Send, mistake: Mistake) -> None:
    answer = send(mistake)
    assert answer.status_code == mistake.status, (mistake.id, answer.text)
    assert mistake.says in answer.text, (mistake.id, answer.text)


@pytest.fixture(scope="module")
def in_memory() -> Iterator[tuple[FakePexipEngage, Send]]:
    fake = seeded_fake()
    with httpx2.Client(transport=fake, base_url="https://api.example.com") as http:
        yield fake, sender(http)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Send]:
    folder = tmp_path_factory.mktemp("fidelity")
    (folder / "seed.json").write_text(json.dumps(SEED))
    # `fake serve` serves acme: globex is an enterprise it does not serve, refused there all the same.
    options = ("--seed", str(folder / "seed.json"), "--token", TOKEN, "--client", ":".join(CLIENT))
    with serving(*options) as (root, _), httpx2.Client(base_url=root, timeout=30) as http:
        yield sender(http)


def _state(fake: FakePexipEngage) -> Any:
    return copy.deepcopy((fake.store.items, fake.store.documents))


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda mistake: mistake.id)
def test_the_fake_in_memory_refuses_it_and_stores_nothing(
    in_memory: tuple[FakePexipEngage, Send], mistake: Mistake
) -> None:
    fake, send = in_memory
    before = _state(fake)
    assert_refused(send, mistake)
    if mistake.method != "GET":  # a read forgets what has expired (an expired context): no write
        assert _state(fake) == before


@pytest.mark.end_to_end
@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda mistake: mistake.id)
def test_the_served_fake_refuses_it(served: Send, mistake: Mistake) -> None:
    assert_refused(served, mistake)


@pytest.mark.end_to_end
def test_the_served_fake_stored_nothing_for_them(served: Send) -> None:
    """Run after the mistakes (or alone): the served world holds what it was seeded with, nothing more."""
    for mistake in MISTAKES:
        send_and_forget = served(mistake)
        assert send_and_forget.status_code == mistake.status, mistake.id
    paths = ("/appointments?limit=1000", "/employees?limit=1000", "/employees/e1/availability-templates")
    listed = {
        path.split("?")[0]: [item["id"] for item in served(Mistake("-", "-", "GET", path)).json()["data"]]
        for path in (*paths, "/listings/li1/time-slots?limit=1000")
    }
    assert listed == {
        "/appointments": ["a-accepted", "a-cancelled"],
        "/employees": ["e1", "e3"],
        "/employees/e1/availability-templates": ["t-default", "t-week", "t-day"],
        "/listings/li1/time-slots": ["sl1"],
    }


# "What the fake assumes": a filter by value matches it as written, so it never finds what Engage would not.
BY_VALUE = {
    "email=ada@bank.example": ["e1"],
    "email=Ada@Bank.Example": [],
    "username=ADA": [],
    "external-id=E-1": ["e1"],
    "external-id=e-1": [],
}


def _found(send: Send) -> dict[str, list[str]]:
    return {
        query: [item["id"] for item in send(Mistake("-", "-", "GET", f"/employees?{query}")).json()["data"]]
        for query in BY_VALUE
    }


def test_the_fake_in_memory_filters_by_a_value_as_written(in_memory: tuple[FakePexipEngage, Send]) -> None:
    assert _found(in_memory[1]) == BY_VALUE


@pytest.mark.end_to_end
def test_the_served_fake_filters_by_a_value_as_written(served: Send) -> None:
    assert _found(served) == BY_VALUE


LOOSENED = sorted({mistake.rule for mistake in MISTAKES} & set(ASSUMPTIONS))


@pytest.mark.parametrize("assumption", LOOSENED)
def test_an_assumption_loosened_takes_its_mistakes(assumption: str) -> None:
    fake = seeded_fake(loosen=[assumption])
    assert assumption not in fake.assumptions
    with httpx2.Client(transport=fake, base_url="https://api.example.com") as http:
        send = sender(http)
        for mistake in [mistake for mistake in MISTAKES if mistake.rule == assumption]:
            answer = send(mistake)
            assert answer.is_success, (mistake.id, answer.text)


def test_every_assumption_has_a_mistake_and_every_required_field_one() -> None:
    assert set(LOOSENED) == set(ASSUMPTIONS)
    for name, operations in REQUIRED_FIELDS.items():
        said = {mistake.says for mistake in MISTAKES if mistake.rule == name}
        for fields in operations.values():
            assert {f"body.{field}" for field in fields} & said, name


# --- The page and the table agree ------------------------------------------------------------------

PAGE = ROOT / "docs" / "testing.md"
_SECTION = re.compile(r"^## What the fake refuses, and why\n(.*?)^## ", re.S | re.M)
_ROW = re.compile(r"^\| `([^`]+)` \|(.*)\|$", re.M)


def _page_rules() -> dict[str, str]:
    section = _SECTION.search(PAGE.read_text(encoding="utf-8"))
    assert section is not None, "docs/testing.md has no section 'What the fake refuses, and why'"
    return {found.group(1): found.group(2) for found in _ROW.finditer(section.group(1))}


def test_every_rule_the_page_lists_has_a_mistake_and_every_mistake_a_rule() -> None:
    rules = _page_rules()
    assert sorted(rules) == sorted({mistake.rule for mistake in MISTAKES})


def test_the_page_says_how_to_loosen_each_assumption() -> None:
    rules = _page_rules()
    for name in ASSUMPTIONS:
        assert f'loosen=["{name}"]' in rules[name], name


def _rule_row(value: str) -> str:
    """The row of "What a rule gives" whose first cell starts with `value`."""
    table = PAGE.read_text(encoding="utf-8").split("**What a rule gives.**", 1)[1].split("\n\n", 2)[1]
    [row] = [line for line in table.splitlines() if line.startswith(f"| {value}")]
    return row


def test_the_page_says_which_operation_gives_which_answer_type_and_status() -> None:
    # The table of what a rule gives names the operations the rules hold, and no other: an operation added to
    # ANSWERS_OF or NEW_APPOINTMENT_STATUS without its row, or a row naming one they lack, fails here.
    operations = set(spec().by_id)
    answer_type = _rule_row("an answer's `answerType`")
    named = {name for name in re.findall(r"`(\w+)`", answer_type) if name in operations}
    assert named == {operation for listed in ANSWERS_OF.values() for operation in listed}
    assert all(f"are `{kind}`" in answer_type for kind in ANSWERS_OF)
    status = _rule_row("a new appointment's `status`")
    assert {name for name in re.findall(r"`(\w+)`", status) if name in operations} == set(NEW_APPOINTMENT_STATUS)
    assert all(f"`{value}` (`{operation}`)" in status for operation, value in NEW_APPOINTMENT_STATUS.items())
