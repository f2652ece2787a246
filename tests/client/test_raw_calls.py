"""Raw calls (`engage.get/post/...`) and the `extra_query`/`extra_body` options: the same pipeline, the same checks."""

from __future__ import annotations

import decimal
import json
import re
from typing import Any

import httpx2
import pytest

from pexip_engage_client import PexipEngage, errors, models

from ..senders.test_faults import APPOINTMENT, SENDERS
from ..support.clients import TOKEN, answer, client_for, without_walks_limit
from ..support.faultserver import Fault, fault_server
from ..support.spec import documented_example

SEGMENT = {"data": {"id": "1", "code": "c", "createdAt": "2022-08-17T19:05:21Z", "updatedAt": "2022-08-17T19:05:21Z"}}


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_raw_get_goes_through_the_pipeline_on_either_sender(sender: str) -> None:
    with fault_server(Fault(body=b'{"flags": [1, 2]}')) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender]()) as engage:
            data = await engage.get(
                "/feature-flags",
                params={"scope": "web", "id": ["a", "b"]},
                headers={"X-Debug": "1"},
                correlation_id="raw-1",
            )
    assert data == {"flags": [1, 2]}
    assert server.requests == [("GET", "/enterprises/acme/feature-flags?scope=web&id=a&id=b")]
    [headers] = server.headers
    assert headers["authorization"] == f"Bearer {TOKEN}"
    assert headers["x-correlation-id"] == "raw-1"
    assert headers["x-debug"] == "1"


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_raw_call_is_retried_by_the_same_idempotency_rules(sleeps: list[float], sender: str) -> None:
    script = [Fault(status=503), Fault(body=APPOINTMENT), Fault(status=503), Fault(body=APPOINTMENT)]
    with fault_server(*script) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender]()) as engage:
            # The whole body is read as cast_to: the API's answers are envelopes, {"data": ...}.
            response = await engage.put("/appointments/1", json={"x": 1}, cast_to=models.AppointmentResponse)
            with pytest.raises(errors.ServerError) as caught:  # a POST may have been processed: not sent twice
                await engage.post("/appointments", json={"x": 1})
    assert isinstance(response.data, models.Appointment)
    assert response.data.id == documented_example("Appointment")["data"]["id"]
    assert [method for method, _ in server.requests] == ["PUT", "PUT", "POST"]
    assert len(sleeps) == 1
    assert caught.value.url.endswith("/enterprises/acme/appointments")


async def test_a_raw_body_is_sent_as_json_and_an_empty_answer_is_none() -> None:
    engage, recorder = client_for(lambda request: httpx2.Response(204))
    async with engage:
        assert await engage.patch("/things/1", json={"a": [1, None], "b": "\u00e9"}) is None
        assert await engage.delete("/things/1") is None
    patch, delete = recorder.requests
    assert json.loads(patch.content) == {"a": [1, None], "b": "\u00e9"}
    assert patch.headers["Content-Type"] == "application/json"
    assert delete.content == b""
    assert "Content-Type" not in delete.headers


async def test_an_unreadable_answer_to_a_raw_call_is_the_usual_error() -> None:
    engage, _ = client_for(lambda request: httpx2.Response(200, content=b"<html>"))
    async with engage:
        with pytest.raises(errors.UnexpectedResponseError, match="not JSON"):
            await engage.get("/x")
        with pytest.raises(errors.UnexpectedResponseError):
            await engage.get("/x", cast_to=models.Appointment)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("appointments", "path must start with '/'"),
        ("/a b", "path may hold only URL path characters"),
        ("/a?x=1", "path may hold only URL path characters"),
        ("/caf\u00e9", "path may hold only URL path characters"),
        ("/a/../../other-enterprise", "must not be empty, '.' or '..'"),
        (None, "path must be a string"),
    ],
)
async def test_a_raw_path_is_checked_before_sending(path: Any, message: str) -> None:
    engage, recorder = client_for(answer(200, {}))
    async with engage:
        with pytest.raises(ValueError, match=re.escape(message)):
            await engage.get(path)
    assert recorder.requests == []


async def test_raw_input_that_cannot_be_sent_is_refused_naming_it() -> None:
    engage, recorder = client_for(answer(200, {}))
    async with engage:
        with pytest.raises(ValueError, match=re.escape("body.amount is a Decimal, which is not JSON")):
            await engage.post("/x", json={"amount": decimal.Decimal(1)})
        with pytest.raises(ValueError, match="query parameter when must be text or a number"):
            await engage.get("/x", params={"when": object()})
        with pytest.raises(ValueError, match="extra_headers cannot set Authorization"):
            await engage.get("/x", headers={"Authorization": "Bearer other"})
        with pytest.raises(ValueError, match="headers or the extra_headers option, not both"):
            await engage.get("/x", headers={"A": "1"}, extra_headers={"B": "2"})
        with pytest.raises(TypeError, match=r"cast_to must be a model of pexip_engage_client\.models"):
            await engage.get("/x", cast_to=dict)
        with pytest.raises(ValueError, match="unknown request option 'retries'"):
            await engage.get("/x", retries=1)  # type: ignore[call-arg]
    assert recorder.requests == []


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_extra_query_is_added_to_an_operation_on_either_sender(sender: str) -> None:
    # A query parameter the spec does not know of yet, beside the operation's own.
    empty_page = {"data": [], "meta": {"offset": 0, "limit": 25, "totalCount": 0}}
    with fault_server(Fault(body=json.dumps(empty_page).encode())) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender]()) as engage:
            await engage.employees.get_employees(status=["ACTIVE"], extra_query={"sort": "name", "tag": ["a", "b"]})
    assert without_walks_limit(server.requests) == [
        ("GET", "/enterprises/acme/employees?status=ACTIVE&offset=0&sort=name&tag=a&tag=b")
    ]


async def test_extra_body_adds_fields_and_may_be_the_whole_body() -> None:
    engage, recorder = client_for(answer(200, SEGMENT))
    async with engage:
        await engage.lead_segments.update_lead_segment_by_id(
            "1", body={"code": "X"}, extra_body={"futureField": {"on": True}}
        )
        await engage.lead_segments.update_lead_segment_by_id("1", extra_body={"code": "Y"})  # no body given
    first, second = recorder.requests
    assert json.loads(first.content) == {"code": "X", "futureField": {"on": True}}
    assert json.loads(second.content) == {"code": "Y"}
    assert second.headers["Content-Type"] == "application/json"


async def test_extra_query_and_extra_body_never_replace_what_the_call_sets() -> None:
    engage, recorder = client_for(answer(200, SEGMENT))
    async with engage:
        with pytest.raises(ValueError, match="extra_query cannot set query parameter subject-id: the call sets it"):
            await engage.appointments.get_appointments(subject_id=["s"], extra_query={"subject-id": "t"})
        with pytest.raises(ValueError, match="extra_body cannot set body field code: the call sets it"):
            await engage.lead_segments.update_lead_segment_by_id("1", body={"code": "X"}, extra_body={"code": "Y"})
        with pytest.raises(ValueError, match=re.escape("body.when is a set, which is not JSON")):
            await engage.lead_segments.update_lead_segment_by_id("1", extra_body={"when": {1}})
        with pytest.raises(ValueError, match="query parameter at must be text or a number"):
            await engage.appointments.get_appointments(extra_query={"at": b"x"})
        with pytest.raises(ValueError, match="extra_query must be a mapping"):
            await engage.appointments.get_appointments(extra_query=[("a", 1)])  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="extra_body names must be strings"):
            await engage.lead_segments.update_lead_segment_by_id("1", extra_body={1: "x"})  # type: ignore[dict-item]
        with pytest.raises(ValueError, match="extra_body adds fields to a JSON object; this call's body is list"):
            await engage.post("/x", json=[1], extra_body={"a": 1})
    assert recorder.requests == []
