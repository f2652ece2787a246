"""Contract tests: every operation through the facade against Prism serving openapi.yaml.

Prism validates each request against the spec (violations come back in the `sl-violations`
header, which must be absent), answers with the documented examples, and in dynamic mode with
random schema-valid data that the client must parse. Prism ignores the path of `servers` URLs,
so the transport below strips `/enterprises/<enterprise>` on the way.
"""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import httpx2
import pytest

from pexip_engage_client import PexipEngage, errors, models
from pexip_engage_client._runtime import Page

from ..support.clients import TOKEN
from ..support.loopback import free_port
from ..support.spec import ROOT, field_paths
from ..support.spec_calls import spec_call, spec_operation_ids

pytestmark = pytest.mark.contract

PRISM = ROOT / "node_modules" / ".bin" / "prism"
DYNAMIC_RESPONSES_PER_OPERATION = 25

INVITE = {
    "subjectId": "subject-1",
    "officeId": "office-1",
    "meetingType": "ON_LOCATION",
    "appointmentParticipants": [
        {"role": "PRIMARY", "participantId": "employee-1", "type": "EMPLOYEE"},
        {"role": "PRIMARY", "participantId": "customer-1", "type": "CUSTOMER"},
    ],
    "location": {
        "postalCode": "9000",
        "countryCode": "BE",
        "geolocation": {"latitude": 51.05, "longitude": 3.69},
        "translations": {
            "city": [{"language": "nl", "value": "Gent"}],
            "street1": [{"language": "nl", "value": "Kouter 1"}],
        },
    },
    "externalId": "EXT-1",
    "hybrid": None,
    "trailingBufferTime": 15,
    "message": "See you there",
}


@pytest.fixture(scope="module")
def prism_root() -> Iterator[str]:
    """Prism mocking openapi.yaml on a free loopback port."""
    if not PRISM.exists():
        pytest.fail("Prism is not installed: run 'make install' (npm ci) first")
    port = free_port()
    process = subprocess.Popen(
        [str(PRISM), "mock", str(ROOT / "openapi.yaml"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    root = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx2.get(f"{root}/appointments/1", headers={"Authorization": "Bearer x"}, timeout=1)
                break
            except httpx2.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("Prism did not start") from None
                time.sleep(0.2)
        yield root
    finally:
        process.terminate()
        process.wait(timeout=10)


class PrismTransport(httpx2.AsyncBaseTransport):
    """Strips the enterprise prefix, sets Prism's `Prefer` header, and records spec violations."""

    def __init__(self, prefer: str | None = None) -> None:
        self.prefer = prefer
        self.violations: list[dict[str, Any]] = []
        self.statuses: list[int] = []
        self.bodies: list[bytes] = []
        self._inner = httpx2.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        prefix = b"/enterprises/acme"
        assert request.url.raw_path.startswith(prefix + b"/")
        request.url = request.url.copy_with(raw_path=request.url.raw_path[len(prefix) :])
        if self.prefer:
            request.headers["Prefer"] = self.prefer
        response = await self._inner.handle_async_request(request)
        self.statuses.append(response.status_code)
        self.bodies.append(await response.aread())
        # Prism reports response violations too (the docs' own examples have some); only the
        # request is the client's responsibility.
        violations = json.loads(response.headers.get("sl-violations", "[]"))
        self.violations.extend(v for v in violations if v["location"][0] == "request")
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


@pytest.fixture
def transport() -> PrismTransport:
    return PrismTransport()


@pytest.fixture
async def engage(prism_root: str, transport: PrismTransport) -> AsyncIterator[PexipEngage]:
    async with PexipEngage("acme", token=TOKEN, base_url=prism_root, transport=transport) as client:
        yield client


Call = Callable[[PexipEngage], Awaitable[Any]]


async def first_page(pages: Any) -> Any:
    return await pages


WHEN = datetime.datetime(2030, 1, 7, 9, 0, tzinfo=datetime.UTC)

OPERATIONS: dict[str, tuple[Call, type | tuple[type, ...]]] = {
    "createSubjectGroup": (
        lambda e: e.subject_groups.create_subject_group(
            body={"translations": {"name": [{"language": "en", "value": "Mortgages"}]}, "externalId": "SG-1"}
        ),
        models.SubjectGroup,
    ),
    "updateSubjectGroupById": (
        lambda e: e.subject_groups.update_subject_group_by_id("sg1", body={"order": 2, "image": None}),
        models.SubjectGroup,
    ),
    "createForm": (
        lambda e: e.forms.create_form(body={"name": "Intake", "type": "SUBJECT_QUESTIONNAIRE"}),
        models.Form,
    ),
    "updateFormQuestionById": (
        lambda e: e.forms.update_form_question_by_id(
            "f1",
            "q1",
            body={
                "required": True,
                "inputType": "SELECT",
                "translations": {"label": [{"language": "en", "value": "Why?"}]},
            },
        ),
        models.FormQuestion,
    ),
    "createListing": (
        lambda e: e.listings.create_listing(
            body={"externalId": "L-1", "active": True, "tags": ["new"], "timeZone": "Europe/Brussels"}
        ),
        models.Listing,
    ),
    "getMeetingRooms": (lambda e: first_page(e.meeting_rooms.get_meeting_rooms(limit=10)), Page),
    "createMeetingRoom": (
        lambda e: e.meeting_rooms.create_meeting_room(
            body={"name": "Room 1", "email": "room1@example.com", "capacity": 4}
        ),
        models.MeetingRoom,
    ),
    "updateMeetingRoomById": (
        lambda e: e.meeting_rooms.update_meeting_room_by_id("m1", body={"capacity": None}),
        models.MeetingRoom,
    ),
    "getAvailabilityTemplates": (
        lambda e: e.availability_templates.get_availability_templates(
            "e1", is_default=False, type_=[models.AvailabilityTemplateType.WEEK]
        ),
        list,
    ),
    "createAvailabilityTemplate": (
        lambda e: e.availability_templates.create_availability_template(
            "e1", body={"name": "Summer", "type": "WEEK", "timeZone": "Europe/Brussels", "color": "#89d0c1", "order": 5}
        ),
        models.AvailabilityTemplate,
    ),
    "getAvailabilityTemplateById": (
        lambda e: e.availability_templates.get_availability_template_by_id("e1", "t1"),
        models.AvailabilityTemplate,
    ),
    "updateAvailabilityTemplateById": (
        lambda e: e.availability_templates.update_availability_template_by_id("e1", "t1", body={"color": None}),
        models.AvailabilityTemplate,
    ),
    "createAvailabilityTimeRange": (
        lambda e: e.availability_templates.create_availability_time_range(
            "e1", "t1", body={"dayOfWeek": "MONDAY", "startTime": "09:00", "endTime": "17:00"}
        ),
        models.AvailabilityTimeRange,
    ),
    "getAvailabilityTimeRangeById": (
        lambda e: e.availability_templates.get_availability_time_range_by_id("e1", "t1", "r1"),
        models.AvailabilityTimeRange,
    ),
    "updateAvailabilityTimeRangeById": (
        lambda e: e.availability_templates.update_availability_time_range_by_id(
            "e1", "t1", "r1", body={"dayOfWeek": None, "endTime": "18:00"}
        ),
        models.AvailabilityTimeRange,
    ),
    "getTimeRangeAvailabilitySettings": (
        lambda e: e.availability_templates.get_time_range_availability_settings("e1", "t1", "r1"),
        list,
    ),
    "getAppliedTemplates": (
        lambda e: first_page(e.availability_templates.get_applied_templates("e1", end_date=datetime.date(2030, 1, 31))),
        Page,
    ),
    "applyAvailabilityTemplate": (
        lambda e: e.availability_templates.apply_availability_template(
            "e1", body={"startDate": "2030-01-01", "endDate": "2030-01-31", "availabilityTemplateId": "t1"}
        ),
        models.AppliedTemplate,
    ),
    "revertAppliedTemplates": (
        lambda e: e.availability_templates.revert_applied_templates(
            "e1", body={"startDate": "2030-01-01", "endDate": "2030-01-31", "type": "WEEK"}
        ),
        type(None),
    ),
    "getSubjects": (lambda e: first_page(e.subjects.get_subjects(external_id=["S-1"], limit=5)), Page),
    "getSubjectById": (lambda e: e.subjects.get_subject_by_id("1234", accept_language="fr"), models.Subject),
    "getSubjectAvailabilitySettings": (lambda e: e.subjects.get_subject_availability_settings("1234"), list),
    "getOfficeSubjectAvailabilitySettings": (lambda e: e.offices.get_office_subject_availability_settings("o1"), list),
    "updateOfficeSubjectAvailabilitySettings": (
        lambda e: e.offices.update_office_subject_availability_settings(
            "o1", body=[{"meetingType": "VIDEO", "subjectId": "s1", "estimatedDuration": 30, "autoAccept": None}]
        ),
        list,
    ),
    "getSubjectOfficeSchedulingSettings": (
        lambda e: e.offices.get_subject_office_scheduling_settings("o1", meeting_type=[models.MeetingType.PHONE]),
        list,
    ),
    "getDefinedAvailability": (
        lambda e: e.availability.get_defined_availability(
            from_=WHEN, to=WHEN + datetime.timedelta(days=1), office_id="o1", employee_id=["e1", "e2"]
        ),
        list,
    ),
    "getTimetable": (
        lambda e: e.availability.get_timetable(
            from_=WHEN,
            to=WHEN + datetime.timedelta(days=14),
            office_id="o1",
            subject_id="s1",
            meeting_type=models.MeetingType.VIDEO,
            listing_id="l1",
            location=models.TimetableLocation(latitude=51.05, longitude=-3.69),
        ),
        models.Timetable,
    ),
    "getRegions": (lambda e: first_page(e.regions.get_regions(country_code="BE", limit=1000)), Page),
    "getCustomerById": (lambda e: e.customers.get_customer_by_id("c1"), models.Customer),
    "createEmployee": (
        lambda e: e.employees.create_employee(
            body={
                "email": "jane@example.com",
                "externalId": "HR-7",
                "availableRoles": ["AGENT"],
                "officeRelations": [{"role": "AGENT", "officeId": "o1"}],
                "translations": {"function": [{"language": "en", "value": "Advisor"}]},
            }
        ),
        models.Employee,
    ),
    "updateEmployeeById": (
        lambda e: e.employees.update_employee_by_id(
            "1234", body={"status": "SUSPENDED", "languageExpertise": ["nl", "fr"], "metadata": {"team": "B"}}
        ),
        models.Employee,
    ),
    "getFavoriteAgents": (lambda e: first_page(e.employees.get_favorite_agents("1234", office_id=["o1"])), Page),
    "putExpertiseForEmployee": (
        lambda e: e.employees.put_expertise_for_employee("e1", "o1", body=[{"subjectId": "s1", "rank": 1}]),
        list,
    ),
    "getOfficeCoverageRegions": (
        lambda e: e.employees.get_office_coverage_regions(
            "1234", office_id="o1", meeting_type=[models.MeetingType.OFFICE]
        ),
        list,
    ),
    "updateOfficeSubjectCoverageRegions": (
        lambda e: e.employees.update_office_subject_coverage_regions(
            "1234", office_id="o1", subject_id="s1", body=[{"meetingType": "ON_LOCATION", "regionIds": ["r1", "r2"]}]
        ),
        list,
    ),
    "getAppointments": (
        lambda e: first_page(
            e.appointments.get_appointments(
                from_=WHEN,
                to=WHEN + datetime.timedelta(days=7),
                status=[models.AppointmentStatus.ACCEPTED, models.AppointmentStatus.INCOMING_REQUEST],
                employee_id=["e1"],
                limit=10,
            )
        ),
        Page,
    ),
    "createAppointment": (
        lambda e: e.appointments.create_appointment(
            body={
                "start": "2030-01-07T09:00:00Z",
                "end": "2030-01-07T10:00:00Z",
                "subjectId": "s1",
                "officeId": "o1",
                "meetingType": "VIDEO",
                "appointmentParticipants": INVITE["appointmentParticipants"],
                "answers": [{"questionId": "q1", "value": "A colleague"}],
                "metadata": {"crmId": "42"},
            }
        ),
        models.Appointment,
    ),
    "updateAppointmentById": (
        lambda e: e.appointments.update_appointment_by_id("1234", body={"internalNotes": None, "externalId": "X-9"}),
        models.Appointment,
    ),
    "rescheduleAppointment": (
        lambda e: e.appointments.reschedule_appointment(
            "1234", body={"start": "2030-01-08T09:00:00Z", "end": "2030-01-08T10:00:00Z", "message": "Moved"}
        ),
        models.Appointment,
    ),
    "updateAppointmentDetails": (
        lambda e: e.appointments.update_appointment_details(
            "1234", body={"start": "2030-01-08T09:00:00Z", "end": "2030-01-08T10:00:00Z", "officeId": "o2"}
        ),
        models.Appointment,
    ),
    "updateAppointmentMeetingType": (
        lambda e: e.appointments.update_appointment_meeting_type("1234", body={"meetingType": "PHONE"}),
        models.Appointment,
    ),
    "createLeadSegment": (
        lambda e: e.lead_segments.create_lead_segment(body={"code": "RV", "description": "Repeat visitor"}),
        models.LeadSegment,
    ),
    "getLeadSegmentById": (lambda e: e.lead_segments.get_lead_segment_by_id("1234"), models.LeadSegment),
    "getEmployees": (
        lambda e: first_page(
            e.employees.get_employees(
                id=["1", "2"],
                status=[models.EmployeeStatus.ACTIVE],
                available_role=[models.EmployeeRole.AGENT],
                offset=0,
                limit=50,
                accept_language="en",
            )
        ),
        Page,
    ),
    "getEmployeeById": (lambda e: e.employees.get_employee_by_id("1234"), models.Employee),
    "getSubjectGroups": (
        lambda e: first_page(e.subject_groups.get_subject_groups(external_id=["EXT-1"], limit=10)),
        Page,
    ),
    "getSubjectGroup": (lambda e: e.subject_groups.get_subject_group("1234"), models.SubjectGroup),
    "getAppointmentById": (
        lambda e: e.appointments.get_appointment_by_id("1234", accept_language="en"),
        models.Appointment,
    ),
    "createAppointmentInvite": (
        lambda e: e.appointments.create_appointment_invite(body=INVITE, accept_language="nl"),
        models.Appointment,
    ),
    "acceptAppointment": (lambda e: e.appointments.accept_appointment("1234"), models.Appointment),
    "updateLeadSegmentById": (
        lambda e: e.lead_segments.update_lead_segment_by_id("1234", body={"description": None, "code": "RV"}),
        models.LeadSegment,
    ),
    "updateLeadSegmentSchedulingSettings": (
        lambda e: e.lead_segments.update_lead_segment_scheduling_settings(
            "1234", body=[{"meetingType": "OFFICE", "subjectId": "123"}, {"meetingType": "VIDEO", "subjectId": "9"}]
        ),
        list,
    ),
    "getExternalCalendarEvents": (
        lambda e: first_page(
            e.employees.get_external_calendar_events(
                "e1", from_=WHEN, to=WHEN + datetime.timedelta(days=7), show_as=["BUSY", "TENTATIVE"], limit=50
            )
        ),
        Page,
    ),
    "getListingTimeSlots": (
        lambda e: first_page(e.listings.get_listing_time_slots("l1", employee_id=["e1"], bookable=True)),
        Page,
    ),
    "getListingTimeSlotById": (lambda e: e.listings.get_listing_time_slot_by_id("l1", "ts1"), models.ListingTimeSlot),
    "createListingTimeSlot": (
        lambda e: e.listings.create_listing_time_slot(
            "l1",
            body={
                "date": "2030-01-07",
                "startTime": "09:00",
                "endTime": "17:00",
                "bookable": True,
                "assignments": [{"employeeId": "e1", "exclusive": True}],
            },
        ),
        models.ListingTimeSlot,
    ),
    "updateListingTimeSlotById": (
        lambda e: e.listings.update_listing_time_slot_by_id(
            "l1", "ts1", body={"date": "2030-01-07", "startTime": "10:00", "endTime": "12:00", "bookable": False}
        ),
        models.ListingTimeSlot,
    ),
    "updateListingSchedulingSettings": (
        lambda e: e.listings.update_listing_scheduling_settings(
            "l1", body={"employeeIds": ["e1"], "meetingTypes": ["VIDEO"], "officeIds": ["o1"], "subjectIds": ["s1"]}
        ),
        (models.ListingSchedulingSettings, type(None)),
    ),
    "createContext": (
        lambda e: e.contexts.create_context(
            body={"externalId": "CTX-1", "employeeIds": ["e1"], "meetingTypes": ["VIDEO"], "metadata": {"a": 1}}
        ),
        models.Context,
    ),
    "getContextById": (lambda e: e.contexts.get_context_by_id("ctx1"), models.Context),
    "createFetchConfiguration": (
        lambda e: e.fetch_configurations.create_fetch_configuration(
            body={
                "endpoint": "https://crm.example.com/customers",
                "method": "GET",
                "mapping": [{"sourceProperty": "mail", "targetProperty": "email"}],
                "headers": [{"name": "Authorization", "value": "apiKey ABC"}],
            }
        ),
        models.FetchConfiguration,
    ),
    "updateFetchConfigurationById": (
        lambda e: e.fetch_configurations.update_fetch_configuration_by_id("fc1", body={"body": None, "method": "POST"}),
        models.FetchConfiguration,
    ),
    "reassignAppointment": (
        lambda e: e.appointments.reassign_appointment("1234", body={"primaryEmployeeId": "e2", "message": None}),
        models.Appointment,
    ),
    "updateSubjectById": (
        lambda e: e.subjects.update_subject_by_id("s1", body={"order": 3, "subjectGroupId": None}),
        models.Subject,
    ),
    "updateFormById": (lambda e: e.forms.update_form_by_id("f1", body={"name": "Intake v2"}), models.Form),
    "overrideStaticTranslations": (
        lambda e: e.translations.override_static_translations(
            body=[{"module": "CALENDAR_EVENT_TEMPLATE", "key": "title", "language": "en", "value": "Meeting"}]
        ),
        list,
    ),
    "updateEnterpriseSettings": (
        lambda e: e.settings.update_enterprise_settings(body={"appointmentLatestPossible": {"manageable": False}}),
        models.EnterpriseSettings,
    ),
    "updateCustomerById": (
        lambda e: e.customers.update_customer_by_id("c1", body={"firstName": "Ann", "company": None, "language": "nl"}),
        models.Customer,
    ),
}

# Each operation the spec adds later (a newer spec, regenerated with `make generate` alone) is called
# with the plainest arguments the spec allows, and may answer any model (issue 70).
WRITTEN_FOR = frozenset(OPERATIONS)
OPERATIONS.update({name: (spec_call(name), object) for name in sorted(spec_operation_ids() - WRITTEN_FOR)})


def test_every_operation_in_the_spec_is_exercised() -> None:
    assert spec_operation_ids() == set(OPERATIONS)
    assert spec_operation_ids() >= WRITTEN_FOR  # no call is kept for an operation the spec lost


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
async def test_requests_conform_to_the_spec_and_documented_examples_parse(
    operation_id: str, engage: PexipEngage, transport: PrismTransport
) -> None:
    call, result_type = OPERATIONS[operation_id]
    result = await call(engage)
    assert isinstance(result, result_type)
    assert transport.violations == []
    assert transport.statuses[0] in (200, 201, 204)


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
async def test_random_schema_valid_responses_parse(prism_root: str, operation_id: str) -> None:
    call, result_type = OPERATIONS[operation_id]
    transport = PrismTransport(prefer="dynamic=true")
    async with PexipEngage("acme", token=TOKEN, base_url=prism_root, transport=transport) as engage:
        for _ in range(DYNAMIC_RESPONSES_PER_OPERATION):
            result: Any = await call(engage)
            assert isinstance(result, result_type)
            # Nothing the server sent is lost: re-serialising gives back every field at every level,
            # including the unknown ones Prism adds where the schema allows them.
            parsed: Any = result.data if isinstance(result, Page) else result  # a model, or a list of models
            if parsed is None:  # an operation without content, or a `data` the spec lets be null
                assert transport.bodies[-1] == b"" or json.loads(transport.bodies[-1])["data"] is None
                continue
            sent = json.loads(transport.bodies[-1])["data"]
            kept = [item.to_dict() for item in parsed] if isinstance(parsed, list) else parsed.to_dict()
            assert field_paths(kept) == field_paths(sent)
    assert transport.violations == []


@pytest.mark.parametrize(
    ("operation_id", "status", "error_class"),
    [
        ("getAppointmentById", 404, errors.NotFoundError),
        ("acceptAppointment", 404, errors.NotFoundError),
        ("acceptAppointment", 422, errors.BusinessValidationError),
        ("createAppointmentInvite", 422, errors.BusinessValidationError),
        ("updateLeadSegmentById", 404, errors.NotFoundError),
        ("updateLeadSegmentById", 422, errors.BusinessValidationError),
        ("updateLeadSegmentSchedulingSettings", 404, errors.NotFoundError),
        ("getContextById", 404, errors.NotFoundError),
        ("getListingTimeSlotById", 404, errors.NotFoundError),
        ("updateListingTimeSlotById", 422, errors.BusinessValidationError),
        ("reassignAppointment", 422, errors.BusinessValidationError),
        ("updateEnterpriseSettings", 422, errors.BusinessValidationError),
        ("overrideStaticTranslations", 422, errors.BusinessValidationError),
    ],
)
async def test_documented_error_responses_raise_typed_errors(
    prism_root: str, operation_id: str, status: int, error_class: type[errors.APIError]
) -> None:
    transport = PrismTransport(prefer=f"code={status}")
    async with PexipEngage("acme", token=TOKEN, base_url=prism_root, transport=transport) as engage:
        with pytest.raises(error_class) as caught:
            await OPERATIONS[operation_id][0](engage)
    assert caught.value.status_code == status
    assert caught.value.errors[0].code == "string"  # the documented example
    assert transport.violations == []


async def test_the_contract_check_catches_a_request_that_breaks_the_spec(
    engage: PexipEngage, transport: PrismTransport
) -> None:
    # One participant where the spec asks for two: the client sends it, Prism must flag it.
    body = {**INVITE, "appointmentParticipants": INVITE["appointmentParticipants"][:1]}  # type: ignore[index]
    with pytest.raises(errors.BusinessValidationError):
        await engage.appointments.create_appointment_invite(body=body)
    assert [v["code"] for v in transport.violations] == ["minItems"]
    assert "appointmentParticipants" in json.dumps(transport.violations)


async def test_the_contract_check_reads_the_timetable_location_from_its_query_parameters(
    engage: PexipEngage, transport: PrismTransport
) -> None:
    # Prism reads `location` from `latitude=...&longitude=...` as openapi.yaml says (form style,
    # exploded): an out-of-range latitude sent that way is refused as `location.latitude`.
    with pytest.raises(errors.BadRequestError):  # Prism answers an invalid request with the spec's 400
        await engage.availability.get_timetable(
            from_=WHEN,
            to=WHEN,
            office_id="o1",
            subject_id="s1",
            meeting_type="VIDEO",
            location=models.TimetableLocation(latitude=91, longitude=3.69),
        )
    assert [(problem["location"], problem["code"]) for problem in transport.violations] == [
        (["request", "query", "location", "latitude"], "maximum")
    ]


def test_prism_is_the_pinned_version() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/@stoplight/prism-cli"]["version"] == "5.16.0"
    assert shutil.which(str(PRISM))
