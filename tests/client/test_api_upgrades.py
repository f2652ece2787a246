"""The changes Engage calls backwards-compatible, one test each: the client keeps working through them.

The API-upgrades topic page (developer.pexipengage.com/topic/topic-api-upgrades) lists what may
change without notice: "Implementations consuming webhooks or making requests to an API endpoint
should be able to handle the following API upgrades, without the need to make changes to the
implementation." Each test below is one item of that list, quoted in its docstring, and runs
through every sender (httpx2, the default, a caller's httpx transport, one-shot) against a real HTTP server on 127.0.0.1
answering with the changed shape, and through the webhook parser (`parse_event`) on a changed
event body. Besides working, the client keeps what it did not know: new fields and values come
back from `to_dict()` as they were received.

The page's last item ("Undocumented API methods can have breaking changes at any point") promises
nothing to test.
"""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx2
import pytest

from pexip_engage_client import PexipEngage, errors, models
from pexip_engage_client.webhooks import (
    AppointmentWebhookEvent,
    CallbackRequestWebhookEvent,
    UnknownWebhookEvent,
    parse_event,
)

from ..senders.test_faults import SENDERS
from ..support.clients import TOKEN, answer
from ..support.loopback import serve, transport_app
from ..support.spec import documented_example, field_paths, operation_example
from .test_forward_compat import with_extras
from .test_webhooks import APPOINTMENT_EVENT, CALLBACK_REQUEST_EVENT

WEBHOOK = "webhook parser"
CHANNELS = [*sorted(SENDERS), WEBHOOK]


class UpgradedServer:
    """The handler behind a real loopback server: answers with `respond`, keeps every request."""

    def __init__(self) -> None:
        self.root = ""
        self.respond: Callable[[httpx2.Request], httpx2.Response] = answer(200, {})
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        return self.respond(request)


@pytest.fixture(scope="module")
def module_server() -> Iterator[UpgradedServer]:
    upgraded = UpgradedServer()
    with serve(transport_app(httpx2.MockTransport(upgraded))) as root:
        upgraded.root = root
        yield upgraded


@pytest.fixture
def server(module_server: UpgradedServer) -> UpgradedServer:
    module_server.respond = answer(200, {})
    module_server.requests.clear()
    return module_server


@asynccontextmanager
async def engage_on(sender: str, server: UpgradedServer) -> AsyncIterator[PexipEngage]:
    async with PexipEngage("acme", token=TOKEN, base_url=server.root, **SENDERS[sender]()) as engage:
        yield engage


async def read_appointment(
    channel: str, server: UpgradedServer, change: Callable[[dict[str, Any]], Any]
) -> tuple[Any, dict[str, Any]]:
    """What the client makes of an appointment body after `change`, and the part it returns.

    On a sender: `get_appointment_by_id` answered with the documented appointment (`change` gets
    the whole response body; the appointment model comes back, for the body's `data`). In the
    webhook parser: the appointment event (`change` gets the event; the event comes back, for all
    of it).
    """
    if channel == WEBHOOK:
        event = copy.deepcopy(APPOINTMENT_EVENT)
        change(event)
        return parse_event(json.dumps(event).encode()), event
    payload = documented_example("Appointment")
    change(payload)
    server.respond = answer(200, payload)
    async with engage_on(channel, server) as engage:
        return await engage.appointments.get_appointment_by_id("1"), payload["data"]


def assert_written_back(channel: str, result: Any, sent: dict[str, Any]) -> None:
    """`to_dict()` gives back what was received: every field (the API's dates in their ISO 8601
    form, so their text may differ; the webhook events' dates are written as received)."""
    if channel == WEBHOOK:
        assert result.to_dict() == sent
    else:
        assert field_paths(result.to_dict()) == field_paths(sent)


def appointment_in(channel: str, document: dict[str, Any]) -> dict[str, Any]:
    """The appointment object inside a response body or an event."""
    return document["data"]["appointment"] if channel == WEBHOOK else document["data"]  # type: ignore[no-any-return]


def values_of(document: Any, key: str) -> list[Any]:
    """Every value stored under `key` in a JSON document, at any depth, in document order."""
    if isinstance(document, dict):
        own = [document[key]] if key in document else []
        return own + [value for item in document.values() for value in values_of(item, key)]
    if isinstance(document, list):
        return [value for item in document for value in values_of(item, key)]
    return []


@pytest.mark.parametrize("channel", CHANNELS)
async def test_addition_of_new_resources(channel: str, server: UpgradedServer) -> None:
    """The page: "Addition of new resources."

    A known resource that links to a resource the client has no model for keeps the link; on the
    senders, the new resource itself is a raw call away (same auth, retries and errors); in the
    webhook parser, an event about a new kind of entity is kept whole as an `UnknownWebhookEvent`.
    """
    recording = {"id": "rec-7", "durationSeconds": 1800, "storage": {"id": "st-2", "region": "eu"}}
    result, sent = await read_appointment(
        channel, server, lambda document: appointment_in(channel, document).update(recording=recording)
    )
    appointment = result.data.appointment if channel == WEBHOOK else result
    assert appointment["recording"] == recording
    assert_written_back(channel, result, sent)

    if channel == WEBHOOK:
        body = {
            "id": "evt-31",
            "entity": "Recording",
            "version": "1",
            "data": {"eventType": "CREATE", "recording": recording},
        }
        event = parse_event(json.dumps(body))
        assert isinstance(event, UnknownWebhookEvent)
        assert (event.id, event.entity, event.raw) == ("evt-31", "Recording", body)
        return
    server.respond = answer(200, {"data": recording})
    async with engage_on(channel, server) as engage:
        assert await engage.get("/recordings/rec-7", params={"format": "mp4"}) == {"data": recording}
    assert str(server.requests[-1].url).endswith("/enterprises/acme/recordings/rec-7?format=mp4")
    assert server.requests[-1].headers["authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_new_optional_request_parameters_to_existing_api_methods(sender: str, server: UpgradedServer) -> None:
    """The page: "New optional request parameters to existing API methods."

    The spec does not know them yet, so each method takes them by wire name: `extra_query` for
    query parameters, `extra_body` for body fields; they go out beside the ones the spec knows.
    (A webhook event is not a request: this promise has no webhook side.)
    """
    segment = operation_example("/lead-segments/{id}", "patch", "200")

    def respond(request: httpx2.Request) -> httpx2.Response:
        if request.method != "GET":
            return httpx2.Response(200, json=segment)
        page = operation_example("/employees", "get", "200")  # one employee a page, two pages
        offset = int(request.url.params.get("offset", "0"))
        page["data"][0]["id"] = f"e{offset}"
        page["meta"] = {"offset": offset, "limit": 1, "totalCount": 2}
        return httpx2.Response(200, json=page)

    server.respond = respond
    async with engage_on(sender, server) as engage:
        walked = engage.employees.get_employees(status=["ACTIVE"], limit=1, extra_query={"skill-id": ["s1", "s2"]})
        employees = [employee.id async for employee in walked]
        updated = await engage.lead_segments.update_lead_segment_by_id(
            "ls-1", body={"description": "Gold"}, extra_body={"priority": 3, "tags": ["vip"]}
        )
    *pages, patch = server.requests
    assert employees == ["e0", "e1"]
    assert sorted(page.url.params["offset"] for page in pages) == ["0", "1"]
    for page in pages:  # the next pages keep the parameter, as they keep the spec's own
        assert page.url.params.get_list("status") == ["ACTIVE"]
        assert page.url.params.get_list("skill-id") == ["s1", "s2"]
    assert json.loads(patch.content) == {"description": "Gold", "priority": 3, "tags": ["vip"]}
    assert updated.id == segment["data"]["id"]


@pytest.mark.parametrize("channel", CHANNELS)
async def test_additional_properties_added_to_existing_resources(channel: str, server: UpgradedServer) -> None:
    """The page: "Additional properties added to existing resources."

    A new property at every level of the body, the envelope (or event) included and objects the
    documentation closes ("additional properties are NOT allowed") too: each is kept on its
    model, readable by name, and written back by `to_dict()`.
    """
    extra = {"nested": [1, {"deep": None}]}

    def add_everywhere(document: dict[str, Any]) -> None:
        extended = with_extras(document)
        document.clear()
        document.update(extended)

    result, sent = await read_appointment(channel, server, add_everywhere)

    appointment = result.data.appointment if channel == WEBHOOK else result
    assert isinstance(appointment.subject, models.WebhookAppointmentSubject if channel == WEBHOOK else models.Reference)
    assert appointment["xFutureField"] == {"nested": [1]}
    assert appointment.subject["xFutureField"] == {"nested": [1]}  # closed by the documentation
    assert_written_back(channel, result, sent)
    if channel == WEBHOOK:
        assert result["xFutureField"] == {"nested": [1]}  # on the event itself
    else:
        assert isinstance(appointment.location, models.Location)
        assert appointment.location.geolocation["xFutureField"] == {"nested": [1]}  # closed too

    if channel != WEBHOOK:  # a list's `meta`, which the pagination topic closes, and its items
        employees = operation_example("/employees", "get", "200")
        employees["meta"]["nextCursor"] = extra
        employees["data"][0]["skills"] = extra
        server.respond = answer(200, employees)
        async with engage_on(channel, server) as engage:
            page = await engage.employees.get_employees()
            [employee] = [item async for item in engage.employees.get_employees()]
        assert isinstance(page.meta, models.Meta)  # typed as the protocol pagination needs; a model all the same
        assert page.meta["nextCursor"] == extra
        assert page.meta.to_dict()["nextCursor"] == extra
        assert employee["skills"] == extra
        assert employee.to_dict()["skills"] == extra


@pytest.mark.parametrize("channel", CHANNELS)
async def test_change_in_the_length_or_format_of_opaque_strings(channel: str, server: UpgradedServer) -> None:
    """The page: "Change in the length or format of opaque strings. For example, adding or removing fixed
    prefixes to IDs."

    Every ID of the body takes a new form (a prefix and 200 characters more, or a single
    character): each is read and written back exactly, and on the senders an ID of the new form
    goes back into a path as it came.
    """
    forms = iter(["apt_01J9Z3" + "x" * 200, "7"] * 50)

    def reshape(document: Any) -> None:  # an object's own IDs first: the outermost ID takes the long form
        if isinstance(document, dict):
            for key in ("id", "correlationId", "webhookConfigurationId"):
                if isinstance(document.get(key), str):
                    document[key] = next(forms)
        for item in document.values() if isinstance(document, dict) else document:
            if isinstance(item, dict | list):
                reshape(item)

    result, sent = await read_appointment(channel, server, reshape)

    assert len(values_of(sent, "id")) >= 3
    assert values_of(result.to_dict(), "id") == values_of(sent, "id")
    if channel == WEBHOOK:
        assert (result.id, result.correlation_id) == (sent["id"], sent["correlationId"])  # the idempotency key
        return
    assert result.id == sent["id"]
    assert result.id.startswith("apt_")
    async with engage_on(channel, server) as engage:
        await engage.appointments.get_appointment_by_id(result.id)
    assert server.requests[-1].url.path == f"/enterprises/acme/appointments/{sent['id']}"


@pytest.mark.parametrize("channel", CHANNELS)
async def test_change_in_the_order_of_properties_on_existing_responses(channel: str, server: UpgradedServer) -> None:
    """The page: "Change in the order of properties on existing responses."

    The same body with the properties of every object in reverse order reads into an equal model.
    """

    def reverse(document: Any) -> Any:
        if isinstance(document, dict):
            return {key: reverse(document[key]) for key in reversed(document)}
        return [reverse(item) for item in document] if isinstance(document, list) else document

    def reverse_in_place(document: dict[str, Any]) -> None:
        reversed_document = reverse(document)
        document.clear()
        document.update(reversed_document)

    as_documented, _ = await read_appointment(channel, server, lambda document: None)
    reordered, sent = await read_appointment(channel, server, reverse_in_place)

    appointment_sent = sent["data"]["appointment"] if channel == WEBHOOK else sent
    assert next(iter(appointment_sent)) != "id"  # the documented order starts with it
    assert reordered == as_documented
    assert reordered.to_dict() == as_documented.to_dict()

    if channel != WEBHOOK:  # a page of a list, `meta` before `data`
        documented = operation_example("/subject-groups", "get", "200")
        server.respond = lambda request: httpx2.Response(
            200, json=reverse(documented) if request.url.params.get("limit") == "5" else documented
        )
        async with engage_on(channel, server) as engage:
            page = await engage.subject_groups.get_subject_groups(limit=5)
            same = await engage.subject_groups.get_subject_groups()
        assert list(reverse(documented)) == ["meta", "data"]
        assert (page.data, page.meta) == (same.data, same.meta)


@pytest.mark.parametrize("channel", CHANNELS)
async def test_addition_of_new_values_to_existing_enums(channel: str, server: UpgradedServer) -> None:
    """The page: "Addition of new values to existing enums."

    A value an enum does not list parses into a member-like value equal to the text received,
    marked unknown, and `to_dict()` writes it back; in a list of enum values and in the field that
    tells a participant's kind, too.
    """
    if channel == WEBHOOK:
        new_values = {
            ("data", "appointment", "appointmentParticipants", 0, "role"): "OBSERVER",
            ("data", "appointment", "appointmentParticipants", 0, "employee", "status"): "ON_LEAVE",
            ("data", "appointment", "appointmentParticipants", 0, "employee", "availableRoles", 0): "AUDITOR",
            ("data", "appointment", "subject", "translations", "name", 0, "language"): "sv",
        }
    else:
        new_values = {
            ("data", "status"): "AWAITING_PAYMENT",
            ("data", "meetingType"): "HOLOGRAM",
            ("data", "createdByType"): "ROBOT",
            ("data", "createdFrom"): "MOBILE_APP",
            ("data", "appointmentParticipants", 0, "role"): "OBSERVER",
            ("data", "appointmentParticipants", 0, "type"): "INTERPRETER",
            ("data", "answers", 0, "answerType"): "INTAKE_CALL",
            ("data", "location", "city", "language"): "sv",
        }

    def set_new_values(document: dict[str, Any]) -> None:
        for (*parents, leaf), value in new_values.items():
            target: Any = document
            for key in parents:
                target = target[key]
            target[leaf] = value

    result, _ = await read_appointment(channel, server, set_new_values)

    written = result.to_dict() if channel == WEBHOOK else {"data": result.to_dict()}
    for (*parents, leaf), value in new_values.items():
        place: Any = written
        for key in parents:
            place = place[key]
        assert place[leaf] == value
    assert json.loads(json.dumps(written)) == written  # still plain JSON
    parsed: dict[type[Any], Any]
    if channel == WEBHOOK:
        participant = result.data.appointment.appointment_participants[0]
        parsed = {
            models.EmployeeStatus: participant.employee.status,
            models.EmployeeRole: participant.employee.available_roles[0],
            models.ParticipantRole: participant.role,
            models.Language: result.data.appointment.subject.translations.name[0].language,
        }
    else:
        parsed = {
            models.AppointmentStatus: result.status,
            models.MeetingType: result.meeting_type,
            models.ActorType: result.created_by_type,
            models.Origin: result.created_from,
            models.ParticipantRole: result.appointment_participants[0].role,
            models.Language: result.location.city.language,
        }
    for enum, value in parsed.items():
        assert isinstance(value, enum)
        assert value in new_values.values()
        assert not value.is_known

    if channel == WEBHOOK:  # a participant type beyond the documented two, in the discriminating field
        body = copy.deepcopy(APPOINTMENT_EVENT)
        interpreter = {"role": "SECONDARY", "type": "INTERPRETER", "language": "nl"}
        body["data"]["appointment"]["appointmentParticipants"][1] = interpreter
        event = parse_event(json.dumps(body))
        assert isinstance(event, AppointmentWebhookEvent)
        other = event.data.appointment.appointment_participants[1]  # type: ignore[index]
        assert isinstance(other, models.WebhookOtherParticipant)
        assert (other.role, other.type_, other["language"]) == (models.ParticipantRole.SECONDARY, "INTERPRETER", "nl")
        assert event.to_dict() == body
        return

    # A business error code the documentation does not list: kept as the text received.
    refusal = {"errors": [{"message": "No", "code": "APPOINTMENT_PAYMENT_MISSING", "type": "x", "statusCode": "422"}]}
    server.respond = answer(422, refusal)
    async with engage_on(channel, server) as engage:
        with pytest.raises(errors.BusinessValidationError) as refused:
            await engage.appointments.accept_appointment("1")
    assert refused.value.codes == ["APPOINTMENT_PAYMENT_MISSING"]


@pytest.mark.parametrize("entity_event", [APPOINTMENT_EVENT, CALLBACK_REQUEST_EVENT], ids=["appointment", "callback"])
def test_addition_of_new_event_types(entity_event: dict[str, Any]) -> None:
    """The page: "Addition of new event types."

    Event types reach a client only as webhook events (the API's responses carry none): an event
    type the documentation does not list parses, equals the text received, and is written back.
    The appointment's event types are an enum (the new one marked unknown); a callback request's
    are plain text in the spec, which lists none.
    """
    body = copy.deepcopy(entity_event)
    body["data"]["eventType"] = "ARCHIVE"

    event = parse_event(json.dumps(body).encode())

    assert isinstance(event, AppointmentWebhookEvent | CallbackRequestWebhookEvent)
    assert event.data.event_type == "ARCHIVE"
    if isinstance(event, AppointmentWebhookEvent):
        assert isinstance(event.data.event_type, models.AppointmentEventType)
        assert not event.data.event_type.is_known
    assert event.to_dict() == body
