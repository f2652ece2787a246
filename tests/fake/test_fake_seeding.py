"""Every operation of the spec can be served with data a test seeded: an `add_<kind>` helper for
the kinds of resource the API keeps by id (every kind a 404 can name), `add(path, ...)` for a kind
without one (a newer spec's), `set_data` for the rest.

The world below is seeded with every helper; then each operation is called on it through plain
httpx2 (its path naming the seeded ids, its body the plainest the spec allows, pointed at seeded
items), and must answer its documented success, a read showing what was seeded.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from pexip_engage_client.testing import FakeEnterprise, FakePexipEngage
from pexip_engage_client.testing import _schemas as schemas
from pexip_engage_client.testing._api import shape
from pexip_engage_client.testing._enterprise import SEEDING_HELPERS, seed_kinds
from pexip_engage_client.testing._resources import collections, item_ref
from pexip_engage_client.testing._spec import Operation, spec

from ..support.clients import TOKEN
from ..support.spec import SPEC

NOW = "2030-01-07T09:00:00.000Z"
PERIOD = {"from": "2030-01-01T00:00:00.000Z", "to": "2030-12-31T00:00:00.000Z"}


class _Ids(dict[str, str]):
    """The id seeded for each kind; a kind the spec added since (no helper, seeded by `add`) gets one too."""

    def __missing__(self, segment: str) -> str:
        return f"{segment}-1"


# The id seeded for each kind, by the path segment that names its collection.
IDS = _Ids(
    {
        "appointments": "a1",
        "contexts": "ctx1",
        "customers": "c1",
        "employees": "e1",
        "availability-templates": "t1",
        "time-ranges": "tr1",
        "external-calendar-events": "ev1",
        "fetch-configurations": "fc1",
        "forms": "f1",
        "questions": "q1",
        "lead-segments": "ls1",
        "listings": "l1",
        "time-slots": "ts1",
        "meeting-rooms": "m1",
        "offices": "o1",
        "regions": "r1",
        "subject-groups": "sg1",
        "subjects": "s1",
    }
)
OPERATIONS = [
    (path, method.upper(), operation["operationId"])
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
    if method in ("get", "put", "post", "delete", "patch")
]
# Bodies the plainest valid one would not do, because a documented business rule refuses it.
BODIES: dict[str, Any] = {
    "createAppointment": {
        "start": "2030-01-08T09:00:00.000Z",
        "end": "2030-01-08T10:00:00.000Z",
        "subjectId": "s1",
        "officeId": "o1",
        "meetingType": "VIDEO",
        "appointmentParticipants": [
            {"role": "PRIMARY", "participantId": "c1", "type": "CUSTOMER"},
            {"role": "PRIMARY", "participantId": "e1", "type": "EMPLOYEE"},
        ],
    },
    "createAppointmentInvite": {
        "subjectId": "s1",
        "officeId": "o1",
        "meetingType": "VIDEO",
        "appointmentParticipants": [
            {"role": "PRIMARY", "participantId": "c1", "type": "CUSTOMER"},
            {"role": "PRIMARY", "participantId": "e1", "type": "EMPLOYEE"},
        ],
    },
    "reassignAppointment": {"primaryEmployeeId": "e2"},
    "createLeadSegment": {"code": "NEW"},
    "createForm": {"name": "Intake", "type": "SUBJECT_QUESTIONNAIRE"},
    "createMeetingRoom": {"name": "Room 2"},
    "createEmployee": {"email": "new@example.com", "firstName": "New", "lastName": "Employee"},
    "createAvailabilityTimeRange": {"dayOfWeek": "TUESDAY", "startTime": "09:00", "endTime": "10:00"},
    "applyAvailabilityTemplate": {"availabilityTemplateId": "t2", "startDate": "2030-02-01", "endDate": "2030-02-28"},
    "createListingTimeSlot": {"date": "2030-01-08", "startTime": "09:00", "endTime": "10:00", "bookable": True},
    "updateListingTimeSlotById": {"date": "2030-01-07", "startTime": "09:00", "endTime": "10:00", "bookable": False},
    "rescheduleAppointment": {"start": "2030-01-08T09:00:00.000Z", "end": "2030-01-08T10:00:00.000Z"},
    "createAvailabilityTemplate": {
        "name": "Summer",
        "type": "WEEK",
        "timeZone": "Europe/Brussels",
        "color": "#89d0c1",
        "order": 1,
    },
    "createFetchConfiguration": {
        "mapping": [{"sourceProperty": "email", "targetProperty": "email"}],
        "endpoint": "https://crm.example.com/customers",
        "method": "GET",
        "headers": [{"name": "Authorization", "value": "apiKey ABCDEFG"}],
    },
}


def seed_world(fake: FakePexipEngage) -> None:
    """One item of every kind, each with the id `IDS` gives it, through the typed helpers only."""
    fake.add_office(id="o1")
    fake.add_subject(id="s1")
    fake.add_subject_group(id="sg1")
    fake.add_customer(id="c1")
    fake.add_employee(id="e1")
    fake.add_employee(id="e2")
    fake.add_region(id="r1", name="Flanders", code="VLA")
    fake.add_lead_segment(id="ls1", code="LS1")
    fake.add_meeting_room(id="m1")
    fake.add_appointment(
        id="a1",
        subject={"id": "s1"},
        office={"id": "o1"},
        appointmentParticipants=[
            {"role": "PRIMARY", "participant": {"id": "c1"}, "type": "CUSTOMER"},
            {"role": "PRIMARY", "participant": {"id": "e1"}, "type": "EMPLOYEE"},
        ],
    )
    fake.add_availability_template("e1", id="t1", type="WEEK")
    fake.add_availability_template("e1", id="t2", type="WEEK")
    fake.add_availability_time_range("e1", "t1", id="tr1", dayOfWeek="MONDAY", startTime="09:00", endTime="12:00")
    fake.add_external_calendar_event("e1", id="ev1", title="Dentist")
    fake.add_form(id="f1", name="Intake")
    fake.add_form_question("f1", id="q1", externalId="Q-1")
    fake.add_listing(id="l1", externalId="L-1")
    fake.add_listing_time_slot("l1", id="ts1")
    fake.add_context(id="ctx1", externalId="CTX-1")
    fake.add_fetch_configuration(id="fc1")
    # A kind the spec has and no helper seeds (one a newer spec added): `add` builds it from its schema.
    for path in sorted(set(collections()) - set(SEEDING_HELPERS)):
        parts = path.split("/")
        concrete = "/".join(IDS[parts[index - 1]] if part == "{}" else part for index, part in enumerate(parts))
        fake.add(concrete, id=IDS[parts[-1]])


@pytest.fixture
async def http(fake: FakePexipEngage) -> AsyncIterator[httpx2.AsyncClient]:
    seed_world(fake)
    async with httpx2.AsyncClient(
        transport=fake,
        base_url="https://api.example.com/enterprises/acme",
        headers={"Authorization": f"Bearer {TOKEN}"},
    ) as client:
        yield client


def test_every_seeding_helper_seeds_a_kind_of_the_spec() -> None:
    # A helper per kind is optional (issue 70): a kind a newer spec adds is seeded by `add`, from its
    # schema (`seed_world`); each helper there is must still name a collection of the spec.
    assert set(SEEDING_HELPERS) <= set(collections())
    for path, (helper, parents) in SEEDING_HELPERS.items():
        method = getattr(FakeEnterprise, helper)
        assert method.__doc__, helper
        assert getattr(FakePexipEngage, helper) is method
        # A nested kind takes one parent id per id in its path, first.
        assert list(inspect.signature(method).parameters)[1 : 1 + len(parents)] == list(parents)
        assert path.count("{}") == len(parents), helper


@pytest.mark.parametrize(("path", "method", "operation_id"), OPERATIONS, ids=[o[2] for o in OPERATIONS])
async def test_every_operation_is_served_with_seeded_data(
    fake: FakePexipEngage, http: httpx2.AsyncClient, path: str, method: str, operation_id: str
) -> None:
    op = spec().by_id[operation_id]
    concrete = _concrete(path)
    document = _seed_document(fake, operation_id, path)
    query = _query(path, method)
    _seed_status_allowing(fake, path, method)
    body = BODIES.get(operation_id)
    if body is None and op.body is not None:
        ref = schemas.follow(schemas.pointer_to("paths", path, method.lower(), "requestBody"))
        body = _point_at_seeded(_plainest_body(op, f"{ref}/content/application~1json/schema"))
    response = await http.request(method, concrete, params=query, json=body)
    assert 200 <= response.status_code < 300, response.text
    if method != "GET":
        return
    data = response.json()["data"]
    if document is not None:
        assert data == document
    elif isinstance(data, list):
        assert IDS[concrete.rsplit("/", 1)[-1]] in [item.get("id") for item in data]
    else:
        assert data["id"] == concrete.rsplit("/", 1)[-1]


def _plainest_body(op: Operation, ref: str) -> Any:
    """The plainest body the request schema at `ref` allows; for a create, with the optional members the new
    resource must hold too (its answer's `required`): the fake invents none, so a request must give them. A
    compatible spec change (a new operation whose answer always holds an optional member of its body) then
    needs no entry in `BODIES`."""
    body = schemas.default_value(ref, NOW)
    if shape(op) != "create" or not isinstance(body, dict):
        return body
    needed = schemas.required(item_ref(op)) - body.keys()
    given = {
        name: schemas.default_value(child, NOW) for name, child in schemas.properties(ref).items() if name in needed
    }
    return {**body, **given}


def _concrete(path: str) -> str:
    """The path with each id the seeded one of the collection before it."""
    parts = path.split("/")
    return "/".join(IDS[parts[index - 1]] if part.startswith("{") else part for index, part in enumerate(parts))


def _seed_status_allowing(fake: FakePexipEngage, path: str, method: str) -> None:
    """For an action the spec infers: the seeded appointment in the first status its
    `x-inferred.transition` allows it from (the status itself is the spec's, not this test's)."""
    operation = SPEC["paths"][path][method.lower()]
    change = operation.get("x-inferred", {}).get("transition")
    if change is None:
        return
    appointment = fake.items("/appointments")[IDS["appointments"]]
    appointment["status"] = change["from"][0]
    if "APPOINTMENT_COMPLETION_TOO_EARLY" in operation.get("x-business-error-codes", []):
        appointment["start"] = fake.clock.iso()  # a completion before the start is refused


def _seed_document(fake: FakePexipEngage, operation_id: str, path: str) -> Any:
    """For a read of a path that is no collection: seed it with `set_data` and return what was set."""
    op = spec().by_id[operation_id]
    if op.method != "GET" or re.sub(r"\{[^}]*\}", "{}", path).removesuffix("/{}") in collections():
        return None
    envelope = schemas.pointer_to("paths", path, "get", "responses", "200", "content", "application/json", "schema")
    ref = f"{schemas.follow(envelope)}/properties/data"
    value = schemas.default_value(ref, NOW)
    if schemas.type_of(ref) == "array":
        value = [_point_at_seeded(schemas.default_value(f"{schemas.non_null(ref)}/items", NOW))]
    names = dict(zip(re.findall(r"\{([^}]+)\}", path), re.findall(r"[^/]+(?=/\{)", path), strict=True))
    fake.set_data(operation_id, value, **{name: IDS[segment] for name, segment in names.items()})
    return json.loads(json.dumps(value))


def _query(op_path: str, method: str) -> dict[str, Any]:
    """The required query parameters: a period covering what was seeded, a seeded id for an `...-id`
    filter, else the plainest value the spec allows."""
    query: dict[str, Any] = {}
    for index, raw in enumerate(SPEC["paths"][op_path][method.lower()].get("parameters", [])):
        ref = (
            f"{raw['$ref']}/schema"
            if "$ref" in raw
            else schemas.pointer_to("paths", op_path, method.lower(), "parameters", str(index), "schema")
        )
        parameter = SPEC["paths"][op_path][method.lower()]["parameters"][index]
        if "$ref" in parameter:
            parameter = SPEC["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[-1]]
        if parameter["in"] != "query" or not parameter.get("required"):
            continue
        name = parameter["name"]
        kind = name.removesuffix("-id") + "s"
        if name in PERIOD:
            query[name] = PERIOD[name]
        elif name.endswith("-id") and kind in IDS:
            query[name] = [IDS[kind]] if schemas.type_of(ref) == "array" else IDS[kind]
        else:
            query[name] = schemas.default_value(ref, NOW)
    return query


def _point_at_seeded(value: Any) -> Any:
    """A plainest body whose every `...Id`/`...Ids` names the seeded item of its kind."""
    if isinstance(value, list):
        return [_point_at_seeded(item) for item in value]
    if not isinstance(value, dict):
        return value
    result: dict[str, Any] = {}
    for key, item in value.items():
        kind = re.sub("([A-Z])", r"-\1", key.removesuffix("s").removesuffix("Id")).lower() + "s"
        if key == "participantId" and isinstance(value.get("type"), str):
            kind = value["type"].lower() + "s"
        if isinstance(item, dict) and set(item) == {"id"} and key + "s" in IDS:  # a reference
            result[key] = {"id": IDS[key + "s"]}
        elif key.endswith("Id") and kind in IDS:
            result[key] = IDS[kind]
        elif key.endswith("Ids") and kind in IDS and isinstance(item, list):
            result[key] = [IDS[kind] for _ in item]
        else:
            result[key] = _point_at_seeded(item)
    return result


def test_seeding_refuses_a_field_the_schema_does_not_define_naming_it(fake: FakePexipEngage) -> None:
    fake.add_listing(id="l1")
    with pytest.raises(ValueError, match=r"ListingTimeSlot has no field.* colour"):
        fake.add_listing_time_slot("l1", colour="blue")
    with pytest.raises(ValueError, match=r"/listings items have no field.* colour .*externalId"):
        fake.add_listing(colour="blue")
    with pytest.raises(ValueError, match=r"ListingCreate\.externalId: '' should be non-empty"):
        fake.add_listing(externalId="")
    with pytest.raises(ValueError, match="there is no listing 'l9' in enterprise 'acme'"):
        fake.add_listing_time_slot("l9")
    with pytest.raises(ValueError, match="there is no employee"):
        fake.add_external_calendar_event("nobody")
    assert fake.items("/listings") == {"l1": {"id": "l1"}}


def test_seeding_fills_what_a_test_leaves_out(fake: FakePexipEngage) -> None:
    fake.add_listing(id="l1")
    slot = fake.add_listing_time_slot("l1", start_time="08:00")  # snake_case names work too
    assert (slot["listing"], slot["date"], slot["startTime"]) == ({"id": "l1"}, "2030-01-07", "08:00")
    assert slot["bookable"] is True
    context = fake.add_context()
    assert context["expiresAt"] > fake.clock.iso()  # as long as a context the API creates lives
    configuration = fake.add_fetch_configuration(method="POST")
    assert configuration["method"] == "POST"
    assert configuration["headers"] == [{"name": "Accept"}]
    # What may be null stays null: before, an employee seeded without a function had {"language": "da", "value": "x"}.
    employee = fake.add_employee()
    assert employee["function"] is None


def test_seed_takes_records_by_kind_parents_first_and_names_what_is_wrong(fake: FakePexipEngage) -> None:
    fake.seed(
        {
            "listings": [{"id": "l1", "externalId": "L-1"}],
            "listing_time_slots": [{"listing_id": "l1", "id": "ts1", "startTime": "10:00", "endTime": "11:00"}],
            "employees": [{"id": "e1", "first_name": "Ada"}],
            "availability_templates": [{"employee_id": "e1", "id": "t1"}],
            "data": [{"operation": "getFavoriteAgents", "path": {"id": "e1"}, "data": []}],
        }
    )
    assert fake.get("/listings/l1/time-slots", "ts1")["startTime"] == "10:00"
    assert fake.get("/employees", "e1")["firstName"] == "Ada"
    assert fake.data("/employees/e1/favorite-agents") == []
    assert set(seed_kinds()) >= {"listings", "listing_time_slots", "contexts", "fetch_configurations"}

    cases: dict[str, Any] = {
        "seed.json: 'listing' is not a kind of record": {"listing": []},
        r"seed.json: employees\[1\]: Employee has no field\(s\) colour": {"employees": [{}, {"colour": "red"}]},
        r"seed.json: listing_time_slots\[0\]: listing_id missing": {"listing_time_slots": [{"date": "2030-01-01"}]},
        r"seed.json: data\[0\]: 'getNothing' is not an operation": {"data": [{"operation": "getNothing", "data": 1}]},
        "seed.json: employees must hold a list": {"employees": {"id": "e9"}},
    }
    for message, records in cases.items():
        with pytest.raises(ValueError, match=message):
            fake.seed(records, source="seed.json")


def test_seed_reads_a_yaml_or_json_file(fake: FakePexipEngage, tmp_path: Path) -> None:
    (tmp_path / "seed.yaml").write_text("subjects:\n  - id: s1\n  - id: s2\n")
    (tmp_path / "seed.json").write_text('{"offices": [{"id": "o1"}]}')
    fake.seed_file(tmp_path / "seed.yaml")
    fake.seed_file(str(tmp_path / "seed.json"))
    assert (list(fake.items("/subjects")), list(fake.items("/offices"))) == (["s1", "s2"], ["o1"])
    (tmp_path / "broken.yaml").write_text("subjects: [\n")
    with pytest.raises(ValueError, match=r"broken\.yaml: not YAML"):
        fake.seed_file(tmp_path / "broken.yaml")
    with pytest.raises(ValueError, match=r"missing\.json: cannot read it"):
        fake.seed_file(tmp_path / "missing.json")


@pytest.mark.parametrize(
    ("records", "said"),
    [
        (
            "subjects:\n  - {id: s1, name: Consult}\n",
            "Subject.name: 'Consult' is not an object {language, value} or null",
        ),
        (
            "employees:\n  - {id: e1, availableRoles: AGENT}\n",
            "Employee.availableRoles: 'AGENT' is not of type 'array': an array of one of 'ADMIN', 'AGENT', ",
        ),
    ],
)
def test_a_seed_file_error_says_what_shape_was_wanted(tmp_path: Path, records: str, said: str) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text(records, encoding="utf-8")
    with pytest.raises(ValueError) as refused:  # noqa: PT011 - the message is what is checked
        FakePexipEngage().seed_file(seed)
    assert said in str(refused.value)
