"""The served fake's control channel (`/_fake/faults`): faults scripted over HTTP, as `fake.fail`
scripts them in process, only when enabled and only with the control token."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx2
import pytest

from pexip_engage_client import SyncPexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.spec import SPEC

CONTROL_TOKEN = "control-token-that-must-never-print"
AUTHORIZED = {"Authorization": f"Bearer {CONTROL_TOKEN}"}


@pytest.fixture
def served() -> Iterator[tuple[FakePexipEngage, httpx2.Client, SyncPexipEngage]]:
    """A fake served with its control channel open; a plain HTTP client on the server's root; a client
    of the API on it (no retries, so each scripted failure is seen)."""
    fake = FakePexipEngage()
    with (
        fake.serve(control_token=CONTROL_TOKEN) as root,
        httpx2.Client(base_url=root, timeout=10) as http,
        SyncPexipEngage("acme", token=TOKEN, base_url=root, max_retries=0, timeout=10) as engage,
    ):
        yield fake, http, engage


def script(http: httpx2.Client, **fault: Any) -> httpx2.Response:
    return http.post("/_fake/faults", json=fault, headers=AUTHORIZED)


def test_an_operation_fails_n_times_with_the_status_and_code_then_is_served(
    served: tuple[FakePexipEngage, httpx2.Client, SyncPexipEngage],
) -> None:
    fake, http, engage = served
    answer = script(http, operation="createLeadSegment", status=503, code="MAINTENANCE", times=2, retry_after=7)
    assert answer.status_code == 201
    assert answer.json()["data"] == {
        "operation": "createLeadSegment",
        "status": 503,
        "code": "MAINTENANCE",
        "times": 2,
        "retry_after": 7,
    }
    listed = http.get("/_fake/faults", headers=AUTHORIZED).json()["data"]
    assert [(fault["operation"], fault["times"], fault["status"]) for fault in listed] == [
        ("createLeadSegment", 2, 503)
    ]
    # These two as the wire has them (a client would wait out the Retry-After before its next call).
    for _ in range(2):
        failed = http.post("/enterprises/acme/lead-segments", json={"code": "A"}, headers={"Authorization": "Bearer t"})
        assert (failed.status_code, failed.headers["Retry-After"], failed.json()["errors"][0]["code"]) == (
            503,
            "7",
            "MAINTENANCE",
        )
    assert script(http, operation="createLeadSegment", status=500, code="BROKEN").is_success
    with pytest.raises(errors.ServerError) as raised:
        engage.lead_segments.create_lead_segment(body={"code": "A"})
    assert (raised.value.status_code, [item.code for item in raised.value.errors]) == (500, ["BROKEN"])
    assert engage.lead_segments.create_lead_segment(body={"code": "A"}).code == "A"  # the third is served
    assert [segment["code"] for segment in fake.lead_segments.values()] == ["A"]
    assert http.get("/_fake/faults", headers=AUTHORIZED).json()["data"] == []


def test_a_business_code_without_a_status_is_a_422_with_its_arguments(
    served: tuple[FakePexipEngage, httpx2.Client, SyncPexipEngage],
) -> None:
    fake, http, engage = served
    appointment = fake.add_appointment(status="INCOMING_REQUEST")
    arguments = {"allowedStates": ["ACCEPTED"]}
    assert script(
        http, operation="acceptAppointment", code="APPOINTMENT_STATUS_INVALID", arguments=arguments
    ).is_success
    with pytest.raises(errors.BusinessValidationError) as raised:
        engage.appointments.accept_appointment(appointment["id"])
    assert raised.value.status_code == 422
    assert raised.value.errors[0].arguments == arguments


def test_a_disconnect_a_delay_and_a_commit_then_fail(
    served: tuple[FakePexipEngage, httpx2.Client, SyncPexipEngage],
) -> None:
    fake, http, engage = served
    assert script(http, operation="createLeadSegment", disconnect=True).is_success
    with pytest.raises(errors.APIConnectionError):
        engage.lead_segments.create_lead_segment(body={"code": "DROPPED"})
    assert fake.lead_segments == {}  # dropped before it was served

    assert script(http, operation="getEmployees", delay=0.4, status=502).is_success
    started = time.monotonic()
    with pytest.raises(errors.ServerError):  # silent for the delay, then the fault's answer
        engage.employees.get_employees()
    assert time.monotonic() - started >= 0.4

    assert script(http, operation="createLeadSegment", commit=True, status=504).is_success
    with pytest.raises(errors.ServerError):
        engage.lead_segments.create_lead_segment(body={"code": "LANDED"})
    assert [segment["code"] for segment in fake.lead_segments.values()] == ["LANDED"]  # the write landed


def test_delete_clears_every_fault_or_one_operations(
    served: tuple[FakePexipEngage, httpx2.Client, SyncPexipEngage],
) -> None:
    _, http, engage = served
    for operation in ("createLeadSegment", "getEmployees"):
        assert script(http, operation=operation, times=3).is_success
    assert http.delete("/_fake/faults", params={"operation": "getEmployees"}, headers=AUTHORIZED).status_code == 204
    assert [fault["operation"] for fault in http.get("/_fake/faults", headers=AUTHORIZED).json()["data"]] == [
        "createLeadSegment"
    ]
    engage.employees.get_employees()  # no longer failed
    assert http.delete("/_fake/faults", headers=AUTHORIZED).status_code == 204
    assert engage.lead_segments.create_lead_segment(body={"code": "B"}).code == "B"


BAD_FAULTS = {
    "no operation": ({"status": 503}, ["body.operation: the operationId to fail is required"]),
    "an unknown operation": ({"operation": "createUnicorn"}, ["'createUnicorn' is not an operation of the API"]),
    "an unknown member": ({"operation": "getEmployees", "times_": 2}, ["body.times_: not an argument"]),
    "a status as text": ({"operation": "getEmployees", "status": "503"}, ["body.status: must be a whole number"]),
    "a status out of range": ({"operation": "getEmployees", "status": 99}, ["status 99 is not an HTTP status"]),
    "a true for times": ({"operation": "getEmployees", "times": True}, ["body.times: must be a whole number"]),
    "no times": ({"operation": "getEmployees", "times": 0}, ["times must be at least 1"]),
    "a negative delay": ({"operation": "getEmployees", "delay": -1}, ["delay not negative"]),
    "two problems": (
        {"operation": 3, "disconnect": "yes"},
        ["body.operation: the operationId", "body.disconnect: must be true or false"],
    ),
    "not an object": ([], ["The body must be a JSON object"]),
}


@pytest.mark.parametrize(("body", "said"), BAD_FAULTS.values(), ids=BAD_FAULTS.keys())
def test_a_bad_fault_is_a_400_naming_each_problem_and_scripts_nothing(
    served: tuple[FakePexipEngage, httpx2.Client, SyncPexipEngage], body: Any, said: list[str]
) -> None:
    fake, http, _ = served
    answer = http.post("/_fake/faults", json=body, headers=AUTHORIZED)
    assert answer.status_code == 400
    messages = [item["message"] for item in answer.json()["errors"]]
    assert len(messages) == len(said)
    for message, expected in zip(messages, said, strict=True):
        assert expected in message
    assert fake.scripted_faults() == []


def test_without_the_token_nothing_is_scripted_and_the_token_is_never_shown(
    served: tuple[FakePexipEngage, httpx2.Client, SyncPexipEngage],
) -> None:
    fake, http, _ = served
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": CONTROL_TOKEN},
        {"Authorization": "Bearer x"},
    ):
        for method in ("GET", "POST", "DELETE"):
            answer = http.request(method, "/_fake/faults", json={"operation": "getEmployees"}, headers=headers)
            assert answer.status_code == 401, (headers, method)
            assert CONTROL_TOKEN not in answer.text
    assert fake.scripted_faults() == []
    assert CONTROL_TOKEN not in repr(fake) + repr(http)


def test_control_requests_are_neither_counted_nor_recorded_and_other_paths_are_404_or_405(
    served: tuple[FakePexipEngage, httpx2.Client, SyncPexipEngage],
) -> None:
    fake, http, _ = served
    assert http.get("/_fake/clocks", headers=AUTHORIZED).status_code == 404
    assert http.get("/_fake", headers=AUTHORIZED).status_code == 404
    for path, allowed in (("/_fake/reset", "POST"), ("/_fake/clock", "GET, POST"), ("/_fake/calls", "GET")):
        refused = http.delete(path, headers=AUTHORIZED)
        assert (refused.status_code, refused.headers["Allow"]) == (405, allowed)
    wrong_method = http.put("/_fake/faults", headers=AUTHORIZED)
    assert (wrong_method.status_code, wrong_method.headers["Allow"]) == (405, "GET, POST, DELETE")
    for _ in range(3):
        assert script(http, operation="getEmployees").is_success
    assert fake.calls == []
    assert fake.most_in_flight == 0


def test_without_a_control_token_the_channel_does_not_exist() -> None:
    fake = FakePexipEngage()
    with fake.serve() as root, httpx2.Client(base_url=root) as http:
        answer = http.post("/_fake/faults", json={"operation": "getEmployees"}, headers=AUTHORIZED)
        assert answer.status_code == 404  # a path like any unknown one
        assert http.get("/enterprises/acme/employees", headers={"Authorization": "Bearer t"}).status_code == 200
    assert fake.scripted_faults() == []
    with pytest.raises(ValueError, match="control token must be a non-empty string"):
        fake.serve(control_token=" ").__enter__()


def test_no_api_path_can_be_the_control_channels() -> None:
    # Every API path is below /enterprises/<enterprise>, every token path below /realms/: /_fake/ is neither.
    servers = [server["url"] for server in SPEC["servers"]]
    assert servers
    assert all(httpx2.URL(url).path.startswith("/enterprises/") for url in servers)


def test_reset_puts_the_seed_back_drops_faults_and_recorded_calls_and_keeps_tokens(
    served: tuple[FakePexipEngage, httpx2.Client, SyncPexipEngage],
) -> None:
    fake, http, engage = served
    seeded = fake.add_lead_segment(code="SEEDED")
    fake.keep_seed()
    engage.lead_segments.create_lead_segment(body={"code": "NEW"})
    engage.lead_segments.update_lead_segment_by_id(seeded["id"], body={"code": "CHANGED"})
    assert script(http, operation="getLeadSegmentById", status=503).is_success
    before = fake.clock.now()

    answer = http.post("/_fake/reset", headers=AUTHORIZED)
    assert answer.status_code == 200
    assert answer.json()["data"]["reset"] is True
    assert [segment["code"] for segment in fake.lead_segments.values()] == ["SEEDED"]
    assert (fake.calls, fake.requests, fake.scripted_faults()) == ([], [], [])
    assert fake.clock.now() == before  # the clock stays
    assert engage.lead_segments.get_lead_segment_by_id(seeded["id"]).code == "SEEDED"  # served, no fault left
    # Again: the seed is kept as it was, not as the reset left it.
    engage.lead_segments.update_lead_segment_by_id(seeded["id"], body={"code": "CHANGED"})
    assert http.post("/_fake/reset", headers=AUTHORIZED).status_code == 200
    assert [segment["code"] for segment in fake.lead_segments.values()] == ["SEEDED"]
    assert http.post("/_fake/reset", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_the_call_log_lists_each_api_call_and_token_request_as_recorded_until_a_reset() -> None:
    fake = FakePexipEngage()
    fake.add_client("suite", "s3cret-never-listed")
    with (
        fake.serve(control_token=CONTROL_TOKEN) as root,
        httpx2.Client(base_url=root, timeout=10) as http,
        SyncPexipEngage(
            "acme", client_id="suite", client_secret="s3cret-never-listed", base_url=root, auth_url=root, max_retries=0
        ) as engage,
    ):
        assert http.get("/_fake/calls", headers=AUTHORIZED).json() == {"data": {"calls": [], "tokenRequests": []}}
        assert script(http, operation="createLeadSegment", status=503).is_success
        with pytest.raises(errors.ServerError):
            engage.lead_segments.create_lead_segment(body={"code": "VIP"})
        engage.employees.get_employees(email=["ada@example.com"])
        listed = http.get("/_fake/calls", headers=AUTHORIZED)
        assert listed.status_code == 200
        log = listed.json()["data"]
        assert log["calls"] == [
            {
                "method": "POST",
                "path": "/enterprises/acme/lead-segments",
                "query": "",
                "operationId": "createLeadSegment",
                "body": {"code": "VIP"},
                "status": 503,
                "fault": True,
            },
            {
                "method": "GET",
                "path": "/enterprises/acme/employees",
                "query": "email=ada%40example.com&offset=0&limit=1000",
                "operationId": "getEmployees",
                "body": None,
                "status": 200,
                "fault": False,
            },
        ]
        # What `fake.calls` and `fake.token_requests` hold, the same calls in the same order.
        assert [call["operationId"] for call in log["calls"]] == [call.operation_id for call in fake.calls]
        assert log["tokenRequests"] == [{"method": "POST", "path": "/realms/acme/protocol/openid-connect/token"}]
        assert len(fake.token_requests) == 1
        assert "s3cret-never-listed" not in listed.text
        assert http.get("/_fake/calls", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert http.post("/_fake/reset", headers=AUTHORIZED).status_code == 200
        assert http.get("/_fake/calls", headers=AUTHORIZED).json() == {"data": {"calls": [], "tokenRequests": []}}


def test_reset_without_a_kept_seed_empties_the_data() -> None:
    fake = FakePexipEngage()
    fake.add_lead_segment(code="A")
    fake.in_enterprise("acme-staging").add_lead_segment(code="B")
    fake.reset()
    assert fake.in_enterprise("acme-staging").items("/lead-segments") == {}
    assert fake.lead_segments == {}


def test_the_clock_is_advanced_by_an_iso_duration_or_set_and_read(
    served: tuple[FakePexipEngage, httpx2.Client, SyncPexipEngage],
) -> None:
    fake, http, _ = served
    start = fake.clock.now()
    moved = http.post("/_fake/clock", json={"advance": "PT1H30M"}, headers=AUTHORIZED)
    assert moved.status_code == 200
    assert fake.clock.now() - start == timedelta(hours=1, minutes=30)
    assert moved.json()["data"] == {"now": fake.clock.iso(), "real": False}
    http.post("/_fake/clock", json={"advance": "P1DT0.5S"}, headers=AUTHORIZED).raise_for_status()
    assert fake.clock.now() - start == timedelta(days=1, hours=1, minutes=30, seconds=0.5)
    set_to = http.post("/_fake/clock", json={"set": "2030-01-07T09:00:00+01:00"}, headers=AUTHORIZED)
    assert set_to.json()["data"]["now"] == "2030-01-07T08:00:00.000Z"
    assert fake.clock.now() == datetime(2030, 1, 7, 8, tzinfo=UTC)
    assert http.get("/_fake/clock", headers=AUTHORIZED).json()["data"]["now"] == "2030-01-07T08:00:00.000Z"
    assert fake.calls == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"advance": "1 hour"}, "body.advance: '1 hour' is no ISO 8601 duration of weeks, days, hours, minutes"),
        ({"advance": "P1M"}, "body.advance: 'P1M' is no ISO 8601 duration"),  # a month has no fixed length
        ({"advance": "-PT1H"}, "body.advance: '-PT1H' is no ISO 8601 duration"),
        ({"advance": 3600}, "body.advance: 3600 is no ISO 8601 duration"),
        ({"set": "2030-01-07T09:00:00"}, "body.set: give the fake clock a timezone-aware datetime"),
        ({"set": "next monday"}, "body.set must be ISO 8601 date-time text, not 'next monday'"),
        (
            {"advance": "PT1H", "set": "2030-01-07T09:00:00Z"},
            "body: give advance or set, one of them (got advance, set)",
        ),
        ({}, "body: give advance or set, one of them (got none)"),
        ([], "The body must be a JSON object"),
    ],
)
def test_a_bad_clock_body_is_a_400_naming_it_and_moves_nothing(
    served: tuple[FakePexipEngage, httpx2.Client, SyncPexipEngage], body: Any, message: str
) -> None:
    fake, http, _ = served
    before = fake.clock.now()
    answer = http.post("/_fake/clock", json=body, headers=AUTHORIZED)
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["message"].startswith(message)
    assert fake.clock.now() == before
