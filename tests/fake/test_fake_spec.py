"""The fake serves every operation of openapi.yaml, and refuses what the spec forbids (400, 405).

These tests talk to the fake through plain httpx2, so that a request the client itself would refuse
before sending still reaches the fake.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pexip_engage_client import PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing import _schemas as schemas
from pexip_engage_client.testing._api import shape
from pexip_engage_client.testing._resources import collections, normalise_concrete
from pexip_engage_client.testing._spec import spec

from ..support.clients import TOKEN
from ..support.spec import SPEC, assert_responses_match_spec, fields_the_fake_asks_for

OPERATIONS = [
    (path, method.upper(), operation["operationId"])
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
    if method in ("get", "put", "post", "delete", "patch")
]
NOW = "2030-01-07T09:00:00.000Z"


@pytest.fixture
async def http(fake: FakePexipEngage) -> AsyncIterator[httpx2.AsyncClient]:
    async with httpx2.AsyncClient(
        transport=fake,
        base_url="https://api.example.com/enterprises/acme",
        headers={"Authorization": f"Bearer {TOKEN}"},
    ) as client:
        yield client


def test_the_bundled_spec_is_openapi_yaml() -> None:
    # What the fake reads at run time (written by `make generate`) is the spec the repository keeps.
    assert spec().document == json.loads(json.dumps(SPEC))


@pytest.mark.parametrize(("path", "method", "operation_id"), OPERATIONS, ids=[o[2] for o in OPERATIONS])
async def test_every_operation_in_the_spec_is_served(
    fake: FakePexipEngage, http: httpx2.AsyncClient, path: str, method: str, operation_id: str
) -> None:
    """A valid request to each operation gets its documented success or a documented business error.

    Every id it names exists (seeded as `x` in the collection it belongs to), and the body is the
    plainest one the request schema allows, with the fields the fake asks for besides (those its
    resource must hold, and those its assumptions require: its 400 names each). A new operation
    fails here until the fake serves it.
    """
    op = spec().by_id[operation_id]
    assert shape(op) is not None, f"the fake has no way to serve {operation_id}"
    for collection in _collections_named_by(path):
        if normalise_concrete(collection.strip("/").split("/")) in collections():
            fake.add(collection, id="x")
    query = {
        parameter["name"]: schemas.default_value(_parameter_ref(path, method, index), NOW)
        for index, parameter in enumerate(op.parameters)
        if parameter["in"] == "query" and parameter.get("required")
    }
    body = None
    if op.body is not None:
        body_ref = schemas.follow(schemas.pointer_to("paths", path, method.lower(), "requestBody"))
        body = schemas.default_value(f"{body_ref}/content/application~1json/schema", NOW)
    for _ in range(5):  # each round adds the fields the fake's 400 asked for
        response = await http.request(method, re.sub(r"\{[^}]+\}", "x", path), params=query, json=body)
        asked = fields_the_fake_asks_for(response)
        if not asked or not isinstance(body, dict):
            break
        fields = schemas.properties(schemas.follow(f"{body_ref}/content/application~1json/schema"))
        body = {**body, **{name: schemas.default_value(fields[name], NOW) for name in asked}}
    expected = {op.success_status} | ({422} if op.declares(422) else set())
    assert response.status_code in expected, response.text
    assert_responses_match_spec(fake)


def _parameter_ref(path: str, method: str, index: int) -> str:
    raw = SPEC["paths"][path][method.lower()]["parameters"][index]
    return (
        f"{raw['$ref']}/schema"
        if "$ref" in raw
        else schemas.pointer_to("paths", path, method.lower(), "parameters", str(index), "schema")
    )


def _collections_named_by(path: str) -> list[str]:
    """Every collection an id `x` in the path or in a default body may refer to."""
    concrete = re.sub(r"\{[^}]+\}", "x", path)
    found = ["/" + top for top in ("subjects", "offices", "customers", "employees", "regions", "lead-segments")]
    parts = concrete.strip("/").split("/")
    for index in range(1, len(parts), 2):
        if parts[index] == "x":
            found.append("/" + "/".join(parts[:index]))
            found.append("/" + parts[index - 1])
    nested = "/employees/x/availability-templates"
    return [*found, nested] if concrete.startswith("/employees/x") else found


# --- Requests the spec forbids -------------------------------------------------------------------

INVITE: dict[str, Any] = {
    "subjectId": "s",
    "officeId": "o",
    "meetingType": "VIDEO",
    "appointmentParticipants": [
        {"role": "PRIMARY", "participantId": "e", "type": "EMPLOYEE"},
        {"role": "PRIMARY", "participantId": "c", "type": "CUSTOMER"},
    ],
}


def _seed_invite_references(fake: FakePexipEngage) -> None:
    fake.add_subject(id="s")
    fake.add_office(id="o")
    fake.add_employee(id="e")
    fake.add_customer(id="c")


BROKEN_INVITES = {
    "an enum value the spec does not list": ({**INVITE, "meetingType": "CARRIER_PIGEON"}, "body.meetingType"),
    "one participant where two are required": (
        {**INVITE, "appointmentParticipants": INVITE["appointmentParticipants"][:1]},
        "body.appointmentParticipants",
    ),
    "a negative trailingBufferTime": ({**INVITE, "trailingBufferTime": -5}, "body.trailingBufferTime"),
    "a 256-character externalId": ({**INVITE, "externalId": "x" * 256}, "body.externalId"),
    "an unknown property": ({**INVITE, "colour": "blue"}, "body"),
    "a participant id given as an object": (
        {
            **INVITE,
            "appointmentParticipants": [{"role": "PRIMARY", "participantId": {"id": "e"}, "type": "EMPLOYEE"}] * 2,
        },
        "body.appointmentParticipants[0].participantId",
    ),
    "a required property missing": ({k: v for k, v in INVITE.items() if k != "officeId"}, "body"),
}


@pytest.mark.parametrize(("body", "place"), BROKEN_INVITES.values(), ids=BROKEN_INVITES.keys())
async def test_a_body_the_spec_forbids_is_a_400_naming_the_problem_and_nothing_is_stored(
    fake: FakePexipEngage, http: httpx2.AsyncClient, body: dict[str, Any], place: str
) -> None:
    _seed_invite_references(fake)
    response = await http.post("/appointments/_actions/invite", json=body)
    assert response.status_code == 400, response.text
    messages = [item["message"] for item in response.json()["errors"]]
    assert any(message.startswith(place + ":") for message in messages), messages
    assert fake.appointments == {}


@pytest.mark.parametrize(
    ("headers", "content", "place"),
    [
        ({"X-Correlation-Id": "x" * 37}, json.dumps(INVITE), "header.X-Correlation-Id"),
        ({"Content-Type": "text/plain"}, json.dumps(INVITE), "header.Content-Type"),
        ({"Content-Type": "application/json"}, "{not json", "body"),
        ({"Content-Type": "application/json"}, '{"trailingBufferTime": NaN}', "body"),
        ({"Content-Type": "application/json"}, "[" * 5000 + "]" * 5000, "body"),
        ({"Content-Type": "application/json"}, "", "body"),
    ],
    ids=["37-character correlation id", "not JSON content type", "broken JSON", "NaN", "deep nesting", "no body"],
)
async def test_headers_content_type_and_unreadable_bodies_are_400(
    fake: FakePexipEngage, http: httpx2.AsyncClient, headers: dict[str, str], content: str, place: str
) -> None:
    _seed_invite_references(fake)
    response = await http.post("/appointments/_actions/invite", content=content, headers=headers)
    assert response.status_code == 400, response.text
    assert any(item["message"].startswith(place) for item in response.json()["errors"])
    assert fake.appointments == {}


@pytest.mark.parametrize(
    ("params", "place"),
    [
        ({"limit": "0"}, "query.limit"),
        ({"limit": "ten"}, "query.limit"),
        ({"offset": "-1"}, "query.offset"),
        ({"status": "RETIRED"}, "query.status[0]"),
        ({"limit": ["1", "2"]}, "query.limit"),
        ({"colour": "blue"}, "query.colour"),
    ],
)
async def test_query_parameters_are_typed_and_checked(
    http: httpx2.AsyncClient, params: dict[str, Any], place: str
) -> None:
    response = await http.get("/employees", params=params)
    assert response.status_code == 400
    assert any(item["message"].startswith(place) for item in response.json()["errors"])


async def test_the_client_raises_the_400_as_a_typed_error_naming_what_was_wrong(fake: FakePexipEngage) -> None:
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        with pytest.raises(errors.BadRequestError) as caught:
            await engage.employees.get_employees(extra_headers={"Accept-Language": ""})
    assert caught.value.errors[0].message.startswith("header.Accept-Language")


async def test_an_undeclared_method_is_a_405_with_allow(http: httpx2.AsyncClient) -> None:
    response = await http.delete("/appointments/42")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, PATCH"
    assert (await http.get("/no-such-thing")).status_code == 404


async def test_a_reference_to_an_unknown_record_is_a_404_naming_it(
    fake: FakePexipEngage, http: httpx2.AsyncClient
) -> None:
    _seed_invite_references(fake)
    response = await http.post("/appointments/_actions/invite", json={**INVITE, "officeId": "elsewhere"})
    assert response.status_code == 404
    assert "office 'elsewhere' does not exist" in response.json()["errors"][0]["message"]
    participants = [{**p, "participantId": "ghost"} for p in INVITE["appointmentParticipants"]]
    response = await http.post(
        "/appointments/_actions/invite", json={**INVITE, "appointmentParticipants": participants}
    )
    assert "'ghost' does not exist" in response.json()["errors"][0]["message"]
    assert fake.appointments == {}


# --- It never crashes ----------------------------------------------------------------------------

_PATHS = [re.sub(r"\{[^}]+\}", "x", path) for path, _, _ in OPERATIONS]
_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
_URL_TEXT = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126, exclude_characters="?#"), max_size=40)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20,
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "QUERY"]),
    path=st.sampled_from(_PATHS) | _URL_TEXT.map(lambda text: "/" + text),
    query=st.dictionaries(_TEXT, _TEXT, max_size=3),
    body=_JSON.map(lambda value: json.dumps(value).encode()) | st.binary(max_size=64),
    content_type=st.sampled_from(["application/json", "text/plain", "", "application/json; charset=utf-8"]),
    correlation_id=st.none() | _TEXT,
)
# A path httpx2 would read as a network-path reference once joined to a base URL.
@example(method="GET", path="//::", query={}, body=b"", content_type="", correlation_id=None)
async def test_any_request_gets_an_answer_the_spec_allows(
    *, method: str, path: str, query: dict[str, str], body: bytes, content_type: str, correlation_id: str | None
) -> None:
    fake = FakePexipEngage()
    for collection in ("/subjects", "/offices", "/customers", "/employees", "/appointments", "/lead-segments"):
        fake.add(collection, id="x")
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": content_type}
    if correlation_id is not None and correlation_id.isascii() and correlation_id.isprintable():
        headers["X-Correlation-Id"] = correlation_id
    # An absolute URL: a drawn path such as "//::" would otherwise be read as a network-path reference
    # and refused by httpx2 before the fake could see it.
    async with httpx2.AsyncClient(transport=fake) as client:
        url = "https://api.example.com/enterprises/acme" + path
        response = await client.request(method, url, params=query, content=body, headers=headers)
    assert response.status_code < 500, response.text
    [call] = fake.calls
    if call.operation_id is None:
        assert response.status_code in (404, 405)
    assert_responses_match_spec(fake)


async def test_an_object_query_parameter_is_read_exploded_and_an_optional_body_may_be_left_out(
    fake: FakePexipEngage, http: httpx2.AsyncClient
) -> None:
    window = {"from": "2030-01-01T00:00:00Z", "to": "2030-01-02T00:00:00Z", "office-id": "o", "subject-id": "s"}
    window["meeting-type"] = "VIDEO"
    assert (await http.get("/timetable", params={**window, "latitude": "51.0", "longitude": "3.7"})).status_code == 200
    refused = await http.get("/timetable", params={**window, "latitude": "north", "longitude": "3.7"})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["message"].startswith("query.location.latitude")
    segment = fake.add_lead_segment(code="RV")
    assert (await http.patch(f"/lead-segments/{segment['id']}")).json()["data"]["code"] == "RV"
