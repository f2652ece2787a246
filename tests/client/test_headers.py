"""Header names and values are checked before anything is sent, whichever sender sends.

A name must be an RFC 9110 token and a value visible ASCII with inner spaces or tabs. What fails is
a `ValueError` naming the header, raised before the first attempt: never retried, never reported
as a connection error.
"""

from __future__ import annotations

from typing import Any

import pytest

from pexip_engage_client import PexipEngage

from ..senders.test_faults import APPOINTMENT, SENDERS
from ..support.clients import TOKEN, answer, client_for
from ..support.faultserver import Fault, fault_server
from ..support.spec import documented_example

pytestmark = pytest.mark.usefixtures("sleeps")

GET_OK = answer(200, documented_example("Appointment"))


@pytest.mark.parametrize(
    "name",
    [
        "Authorization:Bearer other",  # a second Authorization line, if it went out as written
        "Host: evil.example",
        "X-A\r\nX-B",
        "X-A\n",
        "X-A\0",
        "X A",
        "X-A:",
        "",
        "Ärger",
        "X-(comment)",
    ],
)
async def test_a_header_name_that_is_not_a_token_is_refused_before_sending(name: str, sleeps: list[float]) -> None:
    engage, recorder = client_for(GET_OK)
    async with engage:
        with pytest.raises(ValueError, match="is not a valid HTTP field name") as caught:
            await engage.appointments.get_appointment_by_id("1", extra_headers={name: "x"})
    assert repr(name) in str(caught.value)
    assert recorder.requests == []
    assert sleeps == []


@pytest.mark.parametrize(
    "name",
    [
        "Authorization",
        "authorization",
        "AUTHORIZATION",
        "aUtHoRiZaTiOn",
        "Host",
        "content-length",
        "Content-Type",
        "X-Correlation-Id",
        "x-correlation-id",
        "Transfer-Encoding",
        "Connection",
        "TE",
        "Upgrade",
        "Expect",
    ],
)
async def test_headers_the_client_owns_cannot_be_set_in_any_spelling(name: str) -> None:
    engage, recorder = client_for(GET_OK)
    async with engage:
        with pytest.raises(ValueError, match=f"extra_headers cannot set {name}"):
            await engage.appointments.get_appointment_by_id("1", extra_headers={name: "x"})
    assert recorder.requests == []


@pytest.mark.parametrize(
    "value",
    [
        "s3cr3t\r\nInjected: 1",
        "s3cr3t\n",
        "s3cr3t\r",
        "s3cr3t\0",
        "s3cr3t\x01",
        "s3cr3t\x7f",
        "s3cr3t\u00e9",
        "s3cr3t\u2028",
        " s3cr3t",
        "s3cr3t\t",
    ],
)
async def test_a_header_value_with_control_or_non_ascii_characters_is_refused(value: str, sleeps: list[float]) -> None:
    engage, recorder = client_for(GET_OK)
    async with engage:
        with pytest.raises(ValueError, match="header X-Note is not a valid HTTP field value") as caught:
            await engage.appointments.get_appointment_by_id("1", extra_headers={"X-Note": value})
    assert "s3cr3t" not in str(caught.value)  # a value may be a secret: never echoed
    assert recorder.requests == []
    assert sleeps == []


@pytest.mark.parametrize("value", [None, 5, b"bytes", ["a"]])
async def test_a_header_value_that_is_not_a_string_is_refused(value: Any) -> None:
    engage, recorder = client_for(GET_OK)
    async with engage:
        with pytest.raises(ValueError, match="header X-Note must be a string"):
            await engage.appointments.get_appointment_by_id("1", extra_headers={"X-Note": value})
    assert recorder.requests == []


async def test_extra_headers_must_be_a_mapping() -> None:
    engage, recorder = client_for(GET_OK)
    async with engage:
        with pytest.raises(ValueError, match="extra_headers must be a mapping"):
            await engage.appointments.get_appointment_by_id("1", extra_headers=[("X-A", "1")])  # type: ignore[arg-type]
    assert recorder.requests == []


async def test_operation_header_values_are_checked_too() -> None:
    engage, recorder = client_for(GET_OK)
    async with engage:
        with pytest.raises(ValueError, match="header Accept-Language is not a valid HTTP field value"):
            await engage.appointments.get_appointment_by_id("1", accept_language="nl\r\nAuthorization: Bearer x")
        with pytest.raises(ValueError, match="header Accept-Language must be a string"):
            await engage.appointments.get_appointment_by_id("1", accept_language=5)  # type: ignore[arg-type]
    assert recorder.requests == []


async def test_valid_values_pass_unchanged() -> None:
    engage, recorder = client_for(GET_OK)
    headers = {"X-Empty": "", "X-Inner-Space": "a b\tc", "X-Symbols": "!#$%&'*+-.^_`|~\"(),/:;<=>?@[\\]{}"}
    async with engage:
        await engage.appointments.get_appointment_by_id("1", extra_headers=headers)
    for name, value in headers.items():
        assert recorder.last.headers[name] == value


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_nothing_reaches_the_wire_for_a_smuggled_header_on_either_sender(sender: str) -> None:
    with fault_server(Fault(body=APPOINTMENT)) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender]()) as engage:
            for headers in ({"Authorization:Bearer other": "x"}, {"Host": "other"}, {"X-A": "1\r\nHost: other"}):
                with pytest.raises(ValueError, match=r"field name|cannot set Host|field value"):
                    await engage.appointments.get_appointment_by_id("1", extra_headers=headers)
            await engage.appointments.get_appointment_by_id("1")
    assert len(server.requests) == 1  # only the valid call
    assert server.heads[0].count(b"\r\nAuthorization:") == 1


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_an_extra_header_replaces_the_clients_own_in_any_spelling_on_either_sender(sender: str) -> None:
    with fault_server(Fault(body=APPOINTMENT)) as server:
        async with PexipEngage(
            "acme", token=TOKEN, base_url=server.url, accept_language="nl", **SENDERS[sender]()
        ) as engage:
            await engage.appointments.get_appointment_by_id(
                "1", extra_headers={"accept": "application/json; q=1", "user-agent": "mine/1", "ACCEPT-LANGUAGE": "fr"}
            )
    head = server.heads[0].decode("latin-1").lower()
    lines = head.split("\r\n")[1:]
    for name, value in {"accept": "application/json; q=1", "user-agent": "mine/1", "accept-language": "fr"}.items():
        assert [line for line in lines if line.startswith(name + ":")] == [f"{name}: {value}"]


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_per_call_accept_language_is_checked_as_the_clients_own_on_either_sender(sender: str) -> None:
    with pytest.raises(ValueError, match=r"^accept_language must be a language tag or a non-empty list of them"):
        PexipEngage("acme", token=TOKEN, accept_language="")
    with fault_server(Fault(body=APPOINTMENT)) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender]()) as engage:
            for empty in ("", " ", "\t"):
                with pytest.raises(ValueError, match=r"^accept_language must be a language tag or a non-empty list"):
                    await engage.appointments.get_appointment_by_id("1", accept_language=empty)
            await engage.appointments.get_appointment_by_id("1", accept_language=" nl ")  # trimmed, as the client's
    assert len(server.requests) == 1
    assert server.headers[0]["accept-language"] == "nl"
