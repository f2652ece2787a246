"""Middleware: the user's code around each attempt of every call (docs/middleware.md).

Each promise of the seam, against an in-process transport that records what reached it: a middleware
runs once per attempt, inside the retry loop, in the order given; it may change the request, answer
without sending or refuse, and what it raises reaches the caller with nothing sent; it sees every
answer before the retry rules; it never sees the token; the last word before the send
(`AtSend`, the send position) runs after the client's waits. Converted to the sync client (tests/client/_sync/).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx2
import pytest

from pexip_engage_client import AtSend, CallNext, Governor, PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN, answer, client_for
from ..support.spec import documented_example

pytestmark = pytest.mark.usefixtures("sleeps")

APPOINTMENT = documented_example("Appointment")


class RefusedError(Exception):
    """A middleware's own refusal."""


def sequence(*statuses: int) -> Any:
    """Answer the n-th request with the n-th status (the last repeats), the appointment for a 200."""
    answered: list[int] = []

    def respond(request: httpx2.Request) -> httpx2.Response:
        status = statuses[min(len(answered), len(statuses) - 1)]
        answered.append(status)
        return httpx2.Response(status, json=APPOINTMENT if status == 200 else {})

    return respond


async def test_a_middleware_sees_each_attempt_of_a_retried_call_and_its_header_reaches_each() -> None:
    seen: list[tuple[int, str]] = []

    async def tag(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        request.headers["X-Tenant"] = f"blue-{len(seen)}"
        response = await call_next(request)
        seen.append((response.status_code, response.request.headers["X-Tenant"]))
        return response

    engage, recorder = client_for(sequence(503, 503, 200), middleware=[tag])
    async with engage:
        appointment = await engage.appointments.get_appointment_by_id("1", correlation_id="one-call")
    assert appointment.id == "123"
    assert seen == [(503, "blue-0"), (503, "blue-1"), (200, "blue-2")]  # each answer, before the retry rules
    assert [request.headers["X-Tenant"] for request in recorder.requests] == ["blue-0", "blue-1", "blue-2"]
    assert {request.headers["X-Correlation-Id"] for request in recorder.requests} == {"one-call"}


async def test_middleware_run_in_the_order_given_the_first_outermost() -> None:
    order: list[str] = []

    def named(name: str) -> Any:
        async def middleware(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
            order.append(f"{name} in")
            response = await call_next(request)
            order.append(f"{name} out")
            return response

        return middleware

    engage, _ = client_for(answer(200, APPOINTMENT), middleware=[named("first"), named("second")])
    async with engage:
        await engage.appointments.get_appointment_by_id("1", middleware=[named("call's")])
    assert order == ["first in", "second in", "call's in", "call's out", "second out", "first out"]


async def test_a_write_a_middleware_refuses_reaches_the_caller_as_raised_with_nothing_sent() -> None:
    async def read_only(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        if request.method not in ("GET", "HEAD"):
            raise RefusedError(f"read-only: {request.method} {request.url.path}")
        return await call_next(request)

    fake = FakePexipEngage(enterprise="acme")
    fake.add_client("my-app", "s3cret", scopes=["engage:employees:readWrite"])
    employee = fake.add_employee()
    async with PexipEngage("acme", client_id="my-app", client_secret="s3cret", transport=fake) as engage:
        refusing = engage.with_options(middleware=[read_only])
        with pytest.raises(RefusedError, match=r"^read-only: POST /enterprises/acme/employees$"):
            await refusing.employees.create_employee(body={"email": "a@example.com", "firstName": "A", "lastName": "B"})
        assert (fake.calls, fake.token_requests) == ([], [])  # not even a token was asked for
        assert (await refusing.employees.get_employee_by_id(employee["id"])).id == employee["id"]
    assert [call.operation_id for call in fake.calls] == ["getEmployeeById"]


async def test_a_middleware_answers_without_sending_and_the_answer_is_read_as_the_apis() -> None:
    async def cached(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        return httpx2.Response(200, json={"data": {**APPOINTMENT["data"], "id": "from-cache"}}, request=request)

    engage, recorder = client_for(answer(500, {}), middleware=[cached])
    async with engage:
        response = await engage.appointments.with_raw_response.get_appointment_by_id("1")
    assert (response.data.id, response.status_code, recorder.requests) == ("from-cache", 200, [])


async def test_an_error_status_a_middleware_answers_goes_through_the_retry_rules() -> None:
    answered: list[int] = []

    async def flaky(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        if not answered:
            answered.append(503)
            return httpx2.Response(503, json={}, request=request)
        return await call_next(request)

    engage, recorder = client_for(answer(200, APPOINTMENT), middleware=[flaky])
    async with engage:
        assert (await engage.appointments.get_appointment_by_id("1")).id == "123"
    assert len(recorder.requests) == 1  # the first attempt sent nothing: it was answered, and retried


async def test_a_middleware_never_sees_the_token_and_cannot_set_one(caplog: pytest.LogCaptureFixture) -> None:
    logged = logging.getLogger("tests.audit")

    async def audit(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        logged.warning("sending %s %s %s", request.method, request.url, dict(request.headers))
        response = await call_next(request)
        logged.warning("answered %s to %s", response.status_code, dict(response.request.headers))
        return response

    engage, recorder = client_for(answer(200, APPOINTMENT), middleware=[audit])
    with caplog.at_level(logging.WARNING, logger="tests.audit"):
        async with engage:
            await engage.appointments.get_appointment_by_id("1")
    assert recorder.last.headers["Authorization"] == f"Bearer {TOKEN}"  # added after the middleware
    assert len(caplog.records) == 2
    assert TOKEN not in caplog.text
    assert "authorization" not in caplog.text.lower()

    async def impostor(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        request.headers["Authorization"] = "Bearer mine"
        return await call_next(request)

    engage, recorder = client_for(answer(200, APPOINTMENT), middleware=[impostor])
    async with engage:
        with pytest.raises(ValueError, match="cannot set the Authorization header"):
            await engage.appointments.get_appointment_by_id("1")
    assert recorder.requests == []


async def test_a_failed_attempt_reaches_a_middleware_as_httpx2s_error_and_it_may_send_elsewhere() -> None:
    """A fallback base URL: the primary refuses connections, the middleware sends the attempt to the fallback."""

    def respond(request: httpx2.Request) -> httpx2.Response:
        if request.url.host == "api.pexipengage.com":
            raise httpx2.ConnectError("refused", request=request)
        return httpx2.Response(200, json=APPOINTMENT)

    failures: list[str] = []

    async def fallback(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        try:
            return await call_next(request)
        except httpx2.ConnectError as error:
            failures.append(type(error).__name__)
            request.url = request.url.copy_with(host="fallback.example")
            return await call_next(request)

    engage, recorder = client_for(respond, middleware=[fallback], max_retries=0)
    async with engage:
        assert (await engage.appointments.get_appointment_by_id("1")).id == "123"
    assert failures == ["ConnectError"]
    assert [request.url.host for request in recorder.requests] == ["api.pexipengage.com", "fallback.example"]
    assert recorder.last.headers["Host"] == "fallback.example"


async def test_an_error_a_middleware_raises_after_the_answer_reaches_the_caller_as_it_is() -> None:
    async def strict(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        response = await call_next(request)
        if "X-Signature" not in response.headers:
            raise RefusedError("unsigned answer")
        return response

    engage, recorder = client_for(answer(503, {}), middleware=[strict], max_retries=3)
    async with engage:
        with pytest.raises(RefusedError, match=r"^unsigned answer$"):
            await engage.appointments.get_appointment_by_id("1")
    assert len(recorder.requests) == 1  # not retried: the middleware ended the call


async def test_a_middleware_at_the_send_position_refuses_with_nothing_sent() -> None:
    checked: list[str] = []

    async def guard(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        checked.append("checked")
        raise RefusedError("the turn is lost")

    engage, recorder = client_for(answer(200, APPOINTMENT), middleware=[AtSend(guard)])
    async with engage:
        with pytest.raises(RefusedError):
            await engage.appointments.get_appointment_by_id("1")
    assert (checked, recorder.requests) == (["checked"], [])


async def test_a_middleware_at_the_send_position_runs_after_the_token_and_is_never_handed_it() -> None:
    """A plain middleware runs before the attempt asks for its token; one at the send position after it (and after
    the governor's turn: tests/client/test_ensure_check_before_send.py), without the token its write carries."""
    seen: list[tuple[str, int, str | None]] = []
    fake = FakePexipEngage(enterprise="acme")
    fake.add_client("my-app", "s3cret", scopes=["engage:employees:readWrite"])
    employee = fake.add_employee()

    async def plain(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        seen.append(("attempt", len(fake.token_requests), request.headers.get("Authorization")))
        return await call_next(request)

    async def at_send(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        seen.append(("send", len(fake.token_requests), request.headers.get("Authorization")))
        return await call_next(request)

    async with PexipEngage(
        "acme", client_id="my-app", client_secret="s3cret", transport=fake, middleware=[AtSend(at_send), plain]
    ) as engage:
        await engage.employees.get_employee_by_id(employee["id"])
    assert seen == [("attempt", 0, None), ("send", 1, None)]  # the order given is kept within each position
    assert (len(fake.calls), engage.middleware[0]) == (1, AtSend(at_send))  # kept as given


async def test_a_middleware_at_the_send_position_runs_again_before_a_replay_after_401() -> None:
    """A 401 answered to a token the client then renews is replayed inside the same attempt: through it again."""
    checked: list[str] = []

    async def guard(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        checked.append("checked")
        return await call_next(request)

    fake = FakePexipEngage(enterprise="acme")
    fake.add_client("my-app", "s3cret", scopes=["engage:employees:readWrite"])
    employee = fake.add_employee()
    async with PexipEngage(
        "acme", client_id="my-app", client_secret="s3cret", transport=fake, middleware=[AtSend(guard)]
    ) as engage:
        await engage.employees.get_employee_by_id(employee["id"])
        fake.revoke_tokens()  # as a key rotation would: the cached token is answered 401
        await engage.employees.get_employee_by_id(employee["id"])
    assert (checked, len(fake.calls), len(fake.token_requests)) == (["checked"] * 3, 3, 2)  # the 401 is a call


async def test_with_options_replaces_the_middleware_and_leaves_the_clients_own() -> None:
    async def one(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        return await call_next(request)

    async def two(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        return await call_next(request)

    engage, _ = client_for(answer(200, APPOINTMENT), middleware=[one])
    async with engage:
        both = engage.with_options(middleware=[*engage.middleware, two])
        none = engage.with_options(middleware=[])
        assert (engage.middleware, both.middleware, none.middleware) == ((one,), (one, two), ())
        assert engage.with_options(timeout=3).middleware == (one,)


@pytest.mark.parametrize("given", ["tag", [42], ["a string"]])
def test_middleware_that_cannot_be_called_is_refused_naming_the_argument(given: Any) -> None:
    with pytest.raises(ValueError, match=r"^middleware (must be a list of functions|holds)"):
        client_for(answer(200, {}), middleware=given)


async def forgetful(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
    """A middleware that sends, then returns no answer."""
    await call_next(request)
    return None  # type: ignore[return-value]


async def test_a_middleware_that_returns_no_answer_after_sending_says_it_was_sent_and_what_was_answered() -> None:
    engage, recorder = client_for(answer(200, APPOINTMENT), middleware=[forgetful], max_retries=2)
    async with engage:
        with pytest.raises(errors.MiddlewareAnswerError) as raised:
            await engage.appointments.get_appointment_by_id("1", correlation_id="one-call")
    error = raised.value
    assert (error.sent, error.answered, error.returned, error.method) == (True, "HTTP 200", "NoneType", "GET")
    assert str(error).startswith("GET https://")
    assert "was sent and answered HTTP 200, but a middleware returned NoneType" in str(error)
    assert "one-call" in str(error)
    assert len(recorder.requests) == 1  # not retried: what the middleware did is its own


async def test_a_middleware_that_returns_no_answer_after_a_create_is_the_error_of_a_write_that_may_have_landed(
    fake: FakePexipEngage,
) -> None:
    # The kind a caller treats as "may have written": an APIConnectionError whose request was sent (as after a
    # connection lost once the POST was written), never a TypeError a caller would retry on.
    async with PexipEngage("acme", token=TOKEN, transport=fake, middleware=[forgetful]) as engage:
        with pytest.raises(errors.APIConnectionError) as raised:
            await engage.employees.create_employee(body={"email": "a@example.com", "firstName": "A", "lastName": "B"})
    assert isinstance(raised.value, errors.MiddlewareAnswerError)
    assert (raised.value.sent, raised.value.answered) == (True, "HTTP 201")
    assert "the POST may have been processed" in str(raised.value)
    assert len(fake.employees) == 1  # it landed
    assert len(fake.calls_to("createEmployee")) == 1


async def test_a_middleware_at_the_send_position_that_returns_no_answer_after_a_create_says_it_may_have_landed(
    fake: FakePexipEngage,
) -> None:
    async with PexipEngage("acme", token=TOKEN, transport=fake, middleware=[AtSend(forgetful)]) as engage:
        with pytest.raises(errors.APIConnectionError) as raised:
            await engage.employees.create_employee(body={"email": "a@example.com", "firstName": "A", "lastName": "B"})
    assert isinstance(raised.value, errors.MiddlewareAnswerError)
    assert (raised.value.sent, raised.value.answered) == (True, "HTTP 201")
    assert len(fake.calls_to("createEmployee")) == len(fake.employees) == 1  # it landed, once


@pytest.mark.parametrize(
    ("failure", "sent"), [(httpx2.ReadTimeout, True), (httpx2.ConnectError, False)], ids=["written", "never left"]
)
async def test_a_middleware_that_swallows_a_failure_and_returns_no_answer_says_whether_it_was_sent(
    failure: type[httpx2.TransportError], sent: bool
) -> None:
    async def swallowing(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        try:
            return await call_next(request)
        except httpx2.TransportError:
            return None  # type: ignore[return-value]

    def fail(request: httpx2.Request) -> httpx2.Response:
        raise failure("injected", request=request)

    engage, _ = client_for(fail, middleware=[swallowing])
    async with engage:
        if sent:
            with pytest.raises(errors.MiddlewareAnswerError) as raised:
                await engage.employees.create_employee(
                    body={"email": "a@example.com", "firstName": "A", "lastName": "B"}
                )
            assert (raised.value.sent, raised.value.answered) == (True, f"nothing ({failure.__name__})")
        else:
            with pytest.raises(TypeError, match=r"\(got NoneType\); nothing was sent$"):
                await engage.employees.create_employee(
                    body={"email": "a@example.com", "firstName": "A", "lastName": "B"}
                )


async def test_a_middleware_that_returns_no_answer_without_sending_is_a_type_error_saying_nothing_was_sent() -> None:
    async def idle(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        return "an answer"  # type: ignore[return-value]

    engage, recorder = client_for(answer(200, APPOINTMENT), middleware=[idle])
    async with engage:
        with pytest.raises(
            TypeError, match=r"^middleware must return an httpx2.Response \(got str\); nothing was sent$"
        ):
            await engage.appointments.get_appointment_by_id("1")
    assert recorder.requests == []


async def test_a_call_without_middleware_sends_as_before(fake: FakePexipEngage) -> None:
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        assert engage.middleware == ()
        with pytest.raises(errors.NotFoundError):
            await engage.appointments.get_appointment_by_id("nope")


async def test_a_middleware_cannot_send_past_the_governor() -> None:
    """Each `call_next` takes the governor's turn: a middleware that sends twice per attempt, on 8 calls at once,
    still has at most `max_in_flight` requests on their way, and the budget counts both sends."""
    in_flight, most = 0, 0

    async def respond(request: httpx2.Request) -> httpx2.Response:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        return httpx2.Response(200, json=APPOINTMENT)

    async def twice(request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        await call_next(request)
        return await call_next(request)

    governor = Governor(max_in_flight=2, rate=None)
    transport = httpx2.MockTransport(respond)
    async with PexipEngage("acme", token=TOKEN, transport=transport, governor=governor, middleware=[twice]) as engage:
        await asyncio.gather(*(engage.appointments.get_appointment_by_id(str(n)) for n in range(8)))
    assert most == 2
