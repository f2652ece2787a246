"""The served fake's control channel: faults, its clock, a reset and its call log, from another process at `/_fake/...`.

Each request and its answer: docs/testing.md, "Scripting a served fake from another process". It exists only
with a control token (compared in constant time), below neither `/enterprises/` nor `/realms/`, so it cannot
collide with the API; its requests are neither counted by the API's limits nor recorded as calls.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import httpx2

from .._base.arguments import is_number
from .._base.timing import parse_datetime
from ._clock import FakeClock, duration
from ._errors import FakeAPIError

PREFIX = "/_fake"
FAULTS = PREFIX + "/faults"
RESET = PREFIX + "/reset"
CLOCK = PREFIX + "/clock"
CALLS = PREFIX + "/calls"


class Recorded(Protocol):
    """What the call log shows of a recorded call (`_fake.RecordedCall`: the fake imports this module, not back)."""

    @property
    def operation_id(self) -> str | None: ...

    @property
    def request(self) -> httpx2.Request: ...

    @property
    def response(self) -> httpx2.Response | None: ...

    @property
    def fault(self) -> bool: ...

    @property
    def json(self) -> Any: ...


class Controllable(Protocol):
    """What the control channel asks of the fake (`_fake.FakePexipEngage`)."""

    @property
    def fail(self) -> Callable[..., None]: ...  # `fail(operation_id, **fault)`, with fail's keywords

    def scripted_faults(self) -> list[dict[str, Any]]: ...

    def clear_faults(self, operation_id: str | None = None) -> None: ...

    def reset(self) -> None: ...  # back to its seed: `_fake.FakePexipEngage.reset`

    @property
    def clock(self) -> FakeClock: ...

    @property
    def calls(self) -> Sequence[Recorded]: ...

    @property
    def token_requests(self) -> Sequence[httpx2.Request]: ...


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# The members a fault may have (`fail`'s keyword arguments), each with the check of its JSON value.
_MEMBERS: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "status": ("a whole number", _is_whole),
    "code": ("a string", lambda value: isinstance(value, str)),
    "message": ("a string", lambda value: isinstance(value, str)),
    "arguments": ("an object", lambda value: isinstance(value, dict)),
    "retry_after": ("a number or a string", lambda value: is_number(value) or isinstance(value, str)),
    "delay": ("a number of seconds", is_number),
    "disconnect": ("true or false", lambda value: isinstance(value, bool)),
    "commit": ("true or false", lambda value: isinstance(value, bool)),
    "times": ("a whole number", _is_whole),
}


class Control:
    """Answers the control channel's requests for `fake`, to callers holding `token`."""

    def __init__(self, fake: Controllable, token: str) -> None:
        if not isinstance(token, str) or not token.strip():
            raise ValueError("the control token must be a non-empty string")
        self._fake = fake
        self._token = token.encode()

    def __repr__(self) -> str:
        return "Control(token=<redacted>)"

    @staticmethod
    def addresses(path: str) -> bool:
        """Whether a request path is the control channel's (`/_fake` and below)."""
        return path == PREFIX or path.startswith(PREFIX + "/")

    def answer(self, request: httpx2.Request) -> httpx2.Response:
        """The answer to a control request: what it did, or an error in the fake's shape."""
        authorization = request.headers.get("Authorization", "")
        given = authorization[7:].encode() if authorization[:7].lower() == "bearer " else b""
        try:
            if not hmac.compare_digest(given, self._token):
                raise FakeAPIError(401, "UNAUTHORIZED", "The control channel needs the server's control token")
            return self._serve(request)
        except FakeAPIError as error:
            return httpx2.Response(error.status, json=error.body(), headers=error.headers)

    def _serve(self, request: httpx2.Request) -> httpx2.Response:
        path = request.url.path
        if path == RESET:
            _allowed(request, "POST")
            self._fake.reset()
            return httpx2.Response(200, json={"data": {"reset": True, "now": self._fake.clock.iso()}})
        if path == CLOCK:
            _allowed(request, "GET", "POST")
            if request.method == "POST":
                _move(self._fake.clock, request.content)
            return httpx2.Response(200, json={"data": {"now": self._fake.clock.iso(), "real": self._fake.clock.real}})
        if path == CALLS:
            _allowed(request, "GET")
            # Copies, taken at once: the fake's loop thread may record another call meanwhile.
            calls, tokens = list(self._fake.calls), list(self._fake.token_requests)
            return httpx2.Response(200, json={"data": {
                "calls": [_call(call) for call in calls],
                "tokenRequests": [{"method": token.method, "path": token.url.path} for token in tokens],
            }})  # fmt: skip
        if path != FAULTS:
            raise FakeAPIError(404, "NOT_FOUND", f"The control channel has only {FAULTS}, {RESET}, {CLOCK} and {CALLS}")
        if request.method == "GET":
            return httpx2.Response(200, json={"data": self._fake.scripted_faults()})
        if request.method == "POST":
            operation, fault = _fault(request.content)
            try:
                self._fake.fail(operation, **fault)
            except ValueError as error:  # an unknown operation, a status out of range, ...
                raise FakeAPIError(400, "BAD_REQUEST", str(error)) from None
            return httpx2.Response(201, json={"data": {"operation": operation, **fault}})
        if request.method == "DELETE":
            operation = request.url.params.get("operation")
            try:
                self._fake.clear_faults(operation)
            except ValueError as error:
                raise FakeAPIError(400, "BAD_REQUEST", str(error)) from None
            return httpx2.Response(204)
        raise FakeAPIError(
            405,
            "METHOD_NOT_ALLOWED",
            f"{request.method} is not allowed here; allowed: GET, POST, DELETE",
            headers={"Allow": "GET, POST, DELETE"},
        )


def _call(call: Recorded) -> dict[str, Any]:
    """A recorded call as `GET /_fake/calls` lists it: the request as received (no header: they hold its token),
    and how it was answered."""
    request = call.request
    try:
        body = call.json
    except ValueError:  # not JSON: its text, as received
        body = request.content.decode("utf-8", "replace")
    return {
        "method": request.method,
        "path": request.url.path,
        "query": request.url.query.decode("ascii", "replace"),
        "operationId": call.operation_id,
        "body": body,
        "status": None if call.response is None else call.response.status_code,
        "fault": call.fault,
    }


def _allowed(request: httpx2.Request, *methods: str) -> None:
    """A 405 naming the methods allowed, for a request by another."""
    if request.method not in methods:
        allowed = ", ".join(methods)
        raise FakeAPIError(
            405,
            "METHOD_NOT_ALLOWED",
            f"{request.method} is not allowed here; allowed: {allowed}",
            headers={"Allow": allowed},
        )


def _move(clock: FakeClock, content: bytes) -> None:
    """The clock moved as a POST's body says (`advance` or `set`, one of them); a 400 naming what is wrong."""
    body = _json_object(content, 'one of {"advance": "PT1H"} and {"set": "2030-01-07T09:00:00Z"}')
    given = sorted(body)
    if given not in (["advance"], ["set"]):
        got = ", ".join(given) or "none"
        raise FakeAPIError(400, "BAD_REQUEST", f"body: give advance or set, one of them (got {got})")
    try:
        if "advance" in body:
            clock.advance(duration(body["advance"]).total_seconds())
        else:
            clock.set(parse_datetime(body["set"], "body.set"))
    except (ValueError, TypeError) as error:
        name = given[0]
        message = str(error) if str(error).startswith("body.") else f"body.{name}: {error}"
        raise FakeAPIError(400, "BAD_REQUEST", message) from None


def _json_object(content: bytes, expected: str) -> dict[str, Any]:
    """A request body's JSON object; a 400 saying what was `expected` for anything else."""
    try:
        body = json.loads(content)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise FakeAPIError(400, "BAD_REQUEST", f"The body must be a JSON object: {expected}")
    return body


def _fault(content: bytes) -> tuple[str, dict[str, Any]]:
    """The operation and `fail`'s keyword arguments a POST's body gives; a 400 naming each problem."""
    body = _json_object(content, "fail's arguments and `operation`")
    operation = body.pop("operation", None)
    problems = [] if isinstance(operation, str) else ["body.operation: the operationId to fail is required"]
    for name, value in body.items():
        if name not in _MEMBERS:
            problems.append(f"body.{name}: not an argument of a fault (known: operation, {', '.join(_MEMBERS)})")
        elif value is not None and not _MEMBERS[name][1](value):
            problems.append(f"body.{name}: must be {_MEMBERS[name][0]}, not {value!r:.60}")
    if problems:
        raise FakeAPIError(400, "BAD_REQUEST", problems[0], messages=problems)
    return operation, {name: value for name, value in body.items() if value is not None}
