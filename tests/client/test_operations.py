"""Each operation on the wire (method, path, headers, body) and the parsing of the documented examples."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

import httpx2
import pytest

from pexip_engage_client import UNSET, models

from ..support.clients import TOKEN, WALKS_LIMIT, answer, client_for
from ..support.ensure_bodies import APPOINTMENT_NEEDS
from ..support.spec import documented_example, operation_example

ENTERPRISE_ROOT = "https://api.pexipengage.com/enterprises/acme"

INVITE_BODY = {
    "subjectId": "123",
    "officeId": "123",
    "appointmentParticipants": [
        {"role": "PRIMARY", "participantId": "123", "type": "EMPLOYEE"},
        {"role": "PRIMARY", "participantId": "456", "type": "CUSTOMER"},
    ],
    "callbackRequestId": "123",
    "location": {
        "postalCode": "9000",
        "countryCode": "BE",
        "geolocation": {"latitude": 51.0479466, "longitude": 3.6912248},
        "translations": {
            "city": [{"language": "en", "value": "Lorem ipsum"}],
            "state": [{"language": "en", "value": "Lorem ipsum"}],
            "street1": [{"language": "en", "value": "Lorem ipsum"}],
            "street2": [{"language": "en", "value": "Lorem ipsum"}],
        },
    },
    "listingId": "123",
    "leadSegmentId": "123",
    "meetingType": "OFFICE",
    "externalId": "ABCD1234",
    "hybrid": True,
    "trailingBufferTime": 5,
    "internalNotes": "Lorem ipsum",
    "message": "Let's chat!",
}


def assert_common_headers(request: httpx2.Request) -> None:
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    uuid.UUID(request.headers["X-Correlation-Id"])  # a fresh UUID when the caller gives none


async def test_get_appointment_by_id_request_and_documented_example() -> None:
    engage, recorder = client_for(answer(200, operation_example("/appointments/{id}", "get", "200")))
    async with engage:
        appointment = await engage.appointments.get_appointment_by_id("1234", accept_language="en *")

    request = recorder.last
    assert request.method == "GET"
    assert str(request.url) == f"{ENTERPRISE_ROOT}/appointments/1234"
    assert request.headers["Accept-Language"] == "en *"
    assert request.content == b""
    assert_common_headers(request)

    assert isinstance(appointment, models.Appointment)
    assert appointment.id == "123"
    assert appointment.status == models.AppointmentStatus.ACCEPTED
    assert appointment.meeting_type == models.MeetingType.OFFICE
    assert appointment.start == datetime.datetime(2022, 8, 17, 9, 0, tzinfo=datetime.UTC)
    assert appointment.message_for_customer == "Lorem ipsum"
    # The documentation's example has one participant although the schema asks for two: it parses.
    [participant] = appointment.appointment_participants
    assert participant.participant.id == "string"
    assert participant.type_ == models.ParticipantType.EMPLOYEE
    assert appointment.answers[0].files is not UNSET
    assert isinstance(appointment.location, models.Location)
    assert appointment.location.geolocation.latitude == pytest.approx(51.0479466)
    assert isinstance(appointment.location.city, models.TranslatedValue)
    assert appointment.location.city.language == models.Language.EN


async def test_create_appointment_invite_sends_the_wire_form_body_unchanged() -> None:
    engage, recorder = client_for(answer(201, operation_example("/appointments/_actions/invite", "post", "201")))
    async with engage:
        appointment = await engage.appointments.create_appointment_invite(body=INVITE_BODY, accept_language="en")

    request = recorder.last
    assert request.method == "POST"
    assert str(request.url) == f"{ENTERPRISE_ROOT}/appointments/_actions/invite"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Accept-Language"] == "en"
    assert_common_headers(request)
    assert json.loads(request.content) == INVITE_BODY
    assert appointment.external_id == "ABCD1234"
    assert appointment.answers[0].files is UNSET  # absent in this example, and kept absent


async def test_create_appointment_invite_accepts_the_model() -> None:
    engage, recorder = client_for(answer(201, operation_example("/appointments/_actions/invite", "post", "201")))
    body = models.AppointmentInvite(
        subject_id="s1",
        office_id="o1",
        appointment_participants=[
            models.AppointmentParticipantInput(
                role=models.ParticipantRole.PRIMARY, participant_id="e1", type_=models.ParticipantType.EMPLOYEE
            ),
            models.AppointmentParticipantInput(
                role=models.ParticipantRole.PRIMARY, participant_id="c1", type_=models.ParticipantType.CUSTOMER
            ),
        ],
        meeting_type=models.MeetingType.VIDEO,
    )
    async with engage:
        await engage.appointments.create_appointment_invite(body=body)

    assert json.loads(recorder.last.content) == {
        "subjectId": "s1",
        "officeId": "o1",
        "appointmentParticipants": [
            {"role": "PRIMARY", "participantId": "e1", "type": "EMPLOYEE"},
            {"role": "PRIMARY", "participantId": "c1", "type": "CUSTOMER"},
        ],
        "meetingType": "VIDEO",
        "trailingBufferTime": 0,  # the documented default, which the model fills in
    }
    assert "Accept-Language" not in recorder.last.headers


async def test_accept_appointment_request_and_documented_example() -> None:
    engage, recorder = client_for(answer(200, operation_example("/appointments/{id}/_actions/accept", "post", "200")))
    async with engage:
        appointment = await engage.appointments.accept_appointment("1234")

    request = recorder.last
    assert (request.method, str(request.url)) == ("POST", f"{ENTERPRISE_ROOT}/appointments/1234/_actions/accept")
    assert request.content == b""
    assert_common_headers(request)
    assert isinstance(appointment.meeting_room, models.Reference)
    assert appointment.meeting_room.id == "123"
    assert appointment.message_for_customer == "Lorem ipsum"


async def test_update_lead_segment_by_id_request_and_documented_example() -> None:
    engage, recorder = client_for(answer(200, operation_example("/lead-segments/{id}", "patch", "200")))
    async with engage:
        segment = await engage.lead_segments.update_lead_segment_by_id(
            "1234", body={"description": "string", "code": "string"}
        )

    request = recorder.last
    assert (request.method, str(request.url)) == ("PATCH", f"{ENTERPRISE_ROOT}/lead-segments/1234")
    assert request.headers["Content-Type"] == "application/json"
    assert_common_headers(request)
    assert json.loads(request.content) == {"description": "string", "code": "string"}
    assert isinstance(segment, models.LeadSegment)
    assert (segment.id, segment.code, segment.description) == ("123", "string", "string")
    assert segment.deleted_at == datetime.datetime(2022, 8, 17, 19, 5, 21, 362000, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("body", "expected_wire_body"),
    [
        ({"code": "X"}, {"code": "X"}),
        ({"description": None}, {"description": None}),
        ({"description": "Repeat visitor", "code": "RV"}, {"description": "Repeat visitor", "code": "RV"}),
        (models.LeadSegmentUpdate(code="X"), {"code": "X"}),
        (models.LeadSegmentUpdate(description=None), {"description": None}),
        (models.LeadSegmentUpdate(), {}),
    ],
)
async def test_patch_keeps_absent_and_null_apart(body: object, expected_wire_body: object) -> None:
    engage, recorder = client_for(answer(200, operation_example("/lead-segments/{id}", "patch", "200")))
    async with engage:
        await engage.lead_segments.update_lead_segment_by_id("1234", body=body)  # type: ignore[arg-type]
    assert json.loads(recorder.last.content) == expected_wire_body


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda e: e.lead_segments.update_lead_segment_by_id("1234"), "/lead-segments/{id}"),
        (lambda e: e.subject_groups.update_subject_group_by_id("1234"), "/subject-groups/{id}"),
    ],
)
async def test_update_bodies_are_optional_as_documented(call: Any, path: str) -> None:
    # The pages show a plain "Body", not "Body Required": leaving it out sends none.
    engage, recorder = client_for(answer(200, operation_example(path, "patch", "200")))
    async with engage:
        await call(engage)
    assert (recorder.last.method, recorder.last.content) == ("PATCH", b"")
    assert "Content-Type" not in recorder.last.headers


async def test_update_lead_segment_scheduling_settings_sends_a_json_array() -> None:
    example = operation_example("/lead-segments/{id}/scheduling-settings", "put", "200")
    engage, recorder = client_for(answer(200, example))
    async with engage:
        settings = await engage.lead_segments.update_lead_segment_scheduling_settings(
            "1234",
            body=[
                {"meetingType": "OFFICE", "subjectId": "123"},
                models.LeadSegmentSchedulingSettingInput(meeting_type=models.MeetingType.PHONE, subject_id="456"),
            ],
        )

    request = recorder.last
    assert (request.method, str(request.url)) == ("PUT", f"{ENTERPRISE_ROOT}/lead-segments/1234/scheduling-settings")
    assert_common_headers(request)
    assert json.loads(request.content) == [
        {"meetingType": "OFFICE", "subjectId": "123"},
        {"meetingType": "PHONE", "subjectId": "456"},
    ]
    assert [(s.meeting_type, s.subject.id) for s in settings] == [(models.MeetingType.OFFICE, "123")]


async def test_raw_response_gives_status_headers_and_correlation_id() -> None:
    engage, _ = client_for(answer(200, documented_example("Appointment"), headers={"X-Request-Id": "r-1"}))
    async with engage:
        response = await engage.appointments.with_raw_response.get_appointment_by_id(
            "1234", correlation_id="my-trace-id"
        )
    assert response.status_code == 200
    assert response.headers["X-Request-Id"] == "r-1"
    assert response.correlation_id == "my-trace-id"
    assert response.http_response.request.headers["X-Correlation-Id"] == "my-trace-id"
    assert response.data.id == "123"
    with pytest.raises(AttributeError):
        response.status_code = 500  # type: ignore[misc]  # a result is read-only


@pytest.mark.parametrize(
    ("identifier", "expected_path"),
    [
        ("a/b", "/enterprises/acme/appointments/a%2Fb"),
        ("../../x", "/enterprises/acme/appointments/..%2F..%2Fx"),
        ("a b?c#d", "/enterprises/acme/appointments/a%20b%3Fc%23d"),
    ],
)
async def test_path_parameters_are_percent_encoded(identifier: str, expected_path: str) -> None:
    engage, recorder = client_for(answer(200, documented_example("Appointment")))
    async with engage:
        await engage.appointments.get_appointment_by_id(identifier)
    assert recorder.last.url.raw_path.decode() == expected_path


async def test_create_lead_segment_and_get_it_back() -> None:
    engage, recorder = client_for(answer(201, documented_example("LeadSegment")))
    async with engage:
        created = await engage.lead_segments.create_lead_segment(body={"code": "REPEATVISITOR", "description": None})
        fetched = await engage.lead_segments.get_lead_segment_by_id("123")
    create, get = recorder.requests
    assert (create.method, str(create.url)) == ("POST", f"{ENTERPRISE_ROOT}/lead-segments")
    assert json.loads(create.content) == {"code": "REPEATVISITOR", "description": None}
    assert (get.method, str(get.url)) == ("GET", f"{ENTERPRISE_ROOT}/lead-segments/123")
    assert created.id == fetched.id == "123"


async def test_get_employee_by_id_request_and_documented_example() -> None:
    engage, recorder = client_for(answer(200, documented_example("Employee")))
    async with engage:
        employee = await engage.employees.get_employee_by_id("1234", accept_language="en")
    assert str(recorder.last.url) == f"{ENTERPRISE_ROOT}/employees/1234"
    assert employee.available_roles == [models.EmployeeRole.ADMIN]
    assert employee.status == models.EmployeeStatus.ACTIVE
    assert employee.office_relations[0].role == models.OfficeRelationRole.AGENT  # type: ignore[index]
    assert isinstance(employee.function, models.TranslatedValue)
    assert employee.function.value == "Lorem ipsum"
    assert employee.translations.function[0].language == models.Language.EN  # type: ignore[union-attr, index]


async def test_get_subject_group_request_and_documented_example() -> None:
    engage, recorder = client_for(answer(200, operation_example("/subject-groups/{id}", "get", "200")))
    async with engage:
        group = await engage.subject_groups.get_subject_group("1234")
    assert str(recorder.last.url) == f"{ENTERPRISE_ROOT}/subject-groups/1234"
    assert (group.color, group.order, group.external_id) == ("#89d0c1", 5, "ABCD1234")
    assert isinstance(group.name, models.TranslatedValue)


async def test_list_operations_parse_their_documented_examples() -> None:
    for path, resource, method in [
        ("/employees", "employees", "get_employees"),
        ("/subject-groups", "subject_groups", "get_subject_groups"),
    ]:
        example = operation_example(path, "get", "200")
        engage, recorder = client_for(answer(200, example))
        async with engage:
            page = await getattr(getattr(engage, resource), method)()
        # The first page starts at 0; its size is left to the server (the documented default, 25), or a sync call's
        # is its walk's.
        assert str(recorder.last.url).replace(WALKS_LIMIT, "") == f"{ENTERPRISE_ROOT}{path}?offset=0"
        assert [item.id for item in page.data] == [item["id"] for item in example["data"]]
        assert page.meta.total_count == example["meta"]["totalCount"]


async def test_get_appointments_sends_dates_and_repeated_filters() -> None:
    meta = {"offset": 0, "limit": 25, "totalCount": 1}
    engage, recorder = client_for(answer(200, {"data": [documented_example("Appointment")["data"]], "meta": meta}))
    start = datetime.datetime(2030, 1, 7, 9, 0, tzinfo=datetime.UTC)
    async with engage:
        page = await engage.appointments.get_appointments(
            from_=start, status=[models.AppointmentStatus.ACCEPTED, models.AppointmentStatus.NO_SHOW], office_id=["o1"]
        )
    assert recorder.last.url.params.get_list("from") == ["2030-01-07T09:00:00+00:00"]
    assert recorder.last.url.params.get_list("status") == ["ACCEPTED", "NO_SHOW"]
    assert recorder.last.url.params.get_list("office-id") == ["o1"]
    assert [appointment.id for appointment in page.data] == ["123"]


async def test_open_objects_pass_through_but_top_level_typos_are_refused() -> None:
    engage, recorder = client_for(answer(201, documented_example("Appointment")))
    body = {
        **APPOINTMENT_NEEDS,
        "answers": [{"questionId": "q1", "value": "A colleague"}],
        "metadata": {"crmId": "42"},
        "userCommunication": {"sendEmail": False},
    }
    async with engage:
        await engage.appointments.create_appointment(body=body)
        with pytest.raises(ValueError, match="does not define: meetingTyp"):
            await engage.appointments.create_appointment(body={**APPOINTMENT_NEEDS, "meetingTyp": "VIDEO"})
    assert json.loads(recorder.last.content) == body
    assert len(recorder.requests) == 1


async def test_snake_case_body_keys_are_refused_with_the_api_spelling() -> None:
    engage, recorder = client_for(answer(201, documented_example("Appointment")))
    body = {**APPOINTMENT_NEEDS, "message_for_customer": "See you", "meetingTp": "VIDEO"}
    async with engage:
        with pytest.raises(ValueError, match="does not define") as refused:
            await engage.appointments.create_appointment(body=body)
    assert str(refused.value) == (
        "body has fields or values the API does not define: meetingTp (did you mean 'meetingType'?), "
        "message_for_customer (did you mean 'messageForCustomer'?)"
    )
    assert recorder.requests == []


async def test_enum_parameters_take_the_enum_or_its_string_and_refuse_unlisted_values() -> None:
    employees = operation_example("/employees", "get", "200")
    timetable = operation_example("/timetable", "get", "200")

    def respond(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json=employees if request.url.path.endswith("/employees") else timetable)

    engage, recorder = client_for(respond)
    async with engage:
        await engage.employees.get_employees(status=["ACTIVE", models.EmployeeStatus.PENDING], available_role=["AGENT"])
        await engage.availability.get_timetable(
            from_=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
            to=datetime.datetime(2030, 1, 2, tzinfo=datetime.UTC),
            office_id="o1",
            subject_id="s1",
            meeting_type="VIDEO",
        )
        for bad in (["RETIRED"], [models.EmployeeStatus("RETIRED")], [3]):
            with pytest.raises(ValueError, match="is not a value the API defines"):
                await engage.employees.get_employees(status=bad)  # type: ignore[arg-type]
    first, second = recorder.requests
    assert first.url.params.get_list("status") == ["ACTIVE", "PENDING"]
    assert first.url.params.get_list("available-role") == ["AGENT"]
    assert second.url.params["meeting-type"] == "VIDEO"
    assert len(recorder.requests) == 2  # the refused calls sent nothing


async def test_date_parameters_take_dates_or_iso_text_and_refuse_anything_else() -> None:
    engage, recorder = client_for(answer(200, {"data": [], "meta": {"offset": 0, "limit": 25, "totalCount": 0}}))
    async with engage:
        await engage.availability.get_defined_availability(
            from_="2030-01-07T09:00:00+01:00", to=datetime.datetime(2030, 1, 8, tzinfo=datetime.UTC), office_id="o1"
        )
        await engage.availability_templates.get_applied_templates("e1", end_date="2030-01-31")
        with pytest.raises(ValueError, match=r"from_ must be a datetime\.datetime or ISO 8601 text"):
            await engage.availability.get_defined_availability(from_="next tuesday", to="2030-01-08", office_id="o1")
        with pytest.raises(ValueError, match=r"end_date must be a datetime\.date"):
            await engage.availability_templates.get_applied_templates("e1", end_date=20300131)  # type: ignore[arg-type]
    first, second = recorder.requests
    assert first.url.params["from"] == "2030-01-07T09:00:00+01:00"
    assert first.url.params["to"] == "2030-01-08T00:00:00+00:00"
    assert second.url.params["end-date"] == "2030-01-31"


async def test_timetable_location_is_sent_as_its_latitude_and_longitude() -> None:
    # The documentation does not show how the `location` object goes into the query; openapi.yaml
    # applies the OpenAPI default for an object query parameter: one parameter per property.
    engage, recorder = client_for(answer(200, operation_example("/timetable", "get", "200")))
    async with engage:
        timetable = await engage.availability.get_timetable(
            from_="2030-01-01T09:00:00+00:00",
            to="2030-01-31T17:00:00+00:00",
            office_id="o1",
            subject_id="s1",
            meeting_type=models.MeetingType.OFFICE,
            lead_segment_id="ls1",
            listing_id="l1",
            location=models.TimetableLocation(latitude=51.0479466, longitude=-3.5),
        )
        where: dict[str, Any] = {
            "from_": "2030-01-01T09:00:00+00:00",
            "to": "2030-01-31T17:00:00+00:00",
            "office_id": "o1",
            "subject_id": "s1",
            "meeting_type": "OFFICE",
        }
        await engage.availability.get_timetable(**where, location={"latitude": -90})  # its JSON object does too
        with pytest.raises(ValueError, match="location has fields or values the API does not define: lat"):
            await engage.availability.get_timetable(**where, location={"lat": 51.0, "longitude": 3.7})
        with pytest.raises(ValueError, match="location must be a TimetableLocation or its JSON object"):
            await engage.availability.get_timetable(**where, location="51.05,3.69")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match=r"^location\.latitude must be float, not str$"):
            await engage.availability.get_timetable(**where, location={"latitude": "north"})
    first, second = recorder.requests  # the refused calls sent nothing
    assert first.url.params["latitude"] == "51.0479466"
    assert first.url.params["longitude"] == "-3.5"
    assert first.url.params["lead-segment-id"] == "ls1"
    assert first.url.params["listing-id"] == "l1"
    assert "location" not in first.url.params
    assert second.url.params["latitude"] == "-90"
    assert "longitude" not in second.url.params  # an unset property is not sent
    assert timetable.duration == 5
    assert timetable.earliest_possible == datetime.datetime(2022, 8, 1, 9, 0, tzinfo=datetime.UTC)
    assert isinstance(timetable.listing, models.Reference)
    assert timetable.listing.id == "123"


async def test_an_optional_body_left_out_sends_nothing_and_claims_no_content_type() -> None:
    # The update pages show a plain "Body" (not "Body Required"): it may be left out.
    engage, recorder = client_for(answer(200, operation_example("/meeting-rooms/{id}", "patch", "200")))
    async with engage:
        await engage.meeting_rooms.update_meeting_room_by_id("m1")
        await engage.meeting_rooms.update_meeting_room_by_id("m1", body={"capacity": None})
    without, with_body = recorder.requests
    assert without.method == "PATCH"
    assert without.content == b""
    assert "Content-Type" not in without.headers
    assert with_body.headers["Content-Type"] == "application/json"
    assert json.loads(with_body.content) == {"capacity": None}
