"""The served fake's control channel (`/_fake/faults`): faults scripted over HTTP, as `fake.fail`
scripts them in process, only when enabled and only with the control token."""

from __future__ import annotations

import time
from collections.abc import Iterator
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
        "operation": "createLeadSegment", "status": 503, "code": "MAINTENANCE", "times": 2, "retry_after": 7,
    }  # fmt: skip
    listed = http.get("/_fake/faults", headers=AUTHORIZED).json()["data"]
    assert [(fault["operation"], fault["times"], fault["status"]) for fault in listed] == [
        ("createLeadSegment", 2, 503)
    ]
    # These two as the wire has them (a client would wait out the Retry-After before its next call).
    for _ in range(2):
        failed = http.post("/enterprises/acme/lead-segments", json={"code": "A"}, headers={"Authorization": "Bearer t"})
        assert (failed.status_code, failed.headers["Retry-After"], failed.json()["errors"][0]["code"]) == (
            503, "7", "MAINTENANCE",
        )  # fmt: skip
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
    assert http.get("/_fake/clock", headers=AUTHORIZED).status_code == 404
    assert http.get("/_fake", headers=AUTHORIZED).status_code == 404
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
