"""An in-memory fake of the Pexip Engage API, served as an httpx transport.

It answers like the documentation says the API does, in the documented wire format (camelCase
JSON, `{"data": ...}` envelopes, `{"errors": [...]}` bodies), and keeps state between calls. It is
deliberately small: a route table of regular expressions, one handler per operation.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

import httpx

Json = dict[str, Any]
Handler = Callable[[httpx.Request, "re.Match[str]"], Awaitable[httpx.Response]]

# States from which an appointment may be accepted (the documentation lists no such table; these are
# the states in which an answer is still awaited).
ACCEPTABLE_STATES = ("ALTERNATIVE_DATE_REQUESTED", "INCOMING_REQUEST", "OUTGOING_INVITE")
MEETING_TYPES = ("OFFICE", "ON_LOCATION", "PHONE", "VIDEO")


class FakeAPIError(Exception):
    """Raised inside a handler to answer with the documented error body."""

    def __init__(self, status: int, code: str, message: str, arguments: Json | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.arguments = status, code, message, arguments

    def response(self) -> httpx.Response:
        item: Json = {
            "message": self.message,
            "code": self.code,
            "type": _ERROR_TYPES.get(self.status, "ERROR"),
            "statusCode": str(self.status),
        }
        if self.status == 422:
            item["arguments"] = self.arguments
        return httpx.Response(self.status, json={"errors": [item]})


_ERROR_TYPES = {400: "BAD_REQUEST", 401: "UNAUTHORIZED", 404: "NOT_FOUND", 422: "BUSINESS_VALIDATION"}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class FakeClient:
    """An OAuth client the fake's token endpoint knows."""

    client_id: str
    client_secret: str
    scopes: frozenset[str] | None
    expires_in: int

    def __repr__(self) -> str:
        return f"FakeClient(client_id={self.client_id!r}, client_secret=<redacted>)"


class FakePexipEngage(httpx.AsyncBaseTransport):
    """A stateful fake of the API for one or more enterprises; pass it as `transport=`.

    It also plays the OAuth server: register a client with `add_client`, and the fake issues tokens
    at `/realms/<enterprise>/protocol/openid-connect/token` (on any host) and from then on accepts
    only the tokens it issued. Without a registered client it accepts any bearer token.

    Attributes:
        appointments: Stored appointments by id, in wire form.
        lead_segments: Stored lead segments by id, in wire form.
        scheduling_settings: Each lead segment's scheduling settings, in wire form.
        requests: Every API request received, in order, for assertions.
        token_requests: Every token request received, in order.
    """

    def __init__(self, *, enterprise: str | None = None) -> None:
        self.enterprise = enterprise
        self.appointments: dict[str, Json] = {}
        self.lead_segments: dict[str, Json] = {}
        self.scheduling_settings: dict[str, list[Json]] = {}
        self.employees: dict[str, Json] = {}
        self.requests: list[httpx.Request] = []
        self.token_requests: list[httpx.Request] = []
        self.clients: dict[str, FakeClient] = {}
        self._issued: dict[str, float] = {}  # token -> expiry on time.monotonic()'s clock
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = [
            ("POST", re.compile(r"/appointments/_actions/invite"), self._invite),
            ("POST", re.compile(r"/lead-segments"), self._create_lead_segment),
            ("GET", re.compile(r"/lead-segments/(?P<id>[^/]+)"), self._get_lead_segment),
            ("GET", re.compile(r"/employees"), self._list_employees),
            ("GET", re.compile(r"/employees/(?P<id>[^/]+)"), self._get_employee),
            ("GET", re.compile(r"/appointments/(?P<id>[^/]+)"), self._get_appointment),
            ("POST", re.compile(r"/appointments/(?P<id>[^/]+)/_actions/accept"), self._accept),
            ("PATCH", re.compile(r"/lead-segments/(?P<id>[^/]+)"), self._update_lead_segment),
            ("PUT", re.compile(r"/lead-segments/(?P<id>[^/]+)/scheduling-settings"), self._put_scheduling_settings),
        ]

    # --- Seeding state ---------------------------------------------------------------------------

    def add_appointment(self, **fields: Any) -> Json:
        """Store an appointment (wire form) and return it; `fields` override the defaults."""
        now = _now()
        appointment: Json = {
            "id": str(uuid.uuid4()),
            "externalId": None,
            "start": "2030-01-07T09:00:00.000Z",
            "end": "2030-01-07T10:00:00.000Z",
            "subject": {"id": "subject-1"},
            "office": {"id": "office-1"},
            "appointmentParticipants": [
                {
                    "role": "PRIMARY",
                    "participant": {"id": "customer-1"},
                    "type": "CUSTOMER",
                    "videoUrl": None,
                    "videoTestUrl": None,
                },
                {
                    "role": "PRIMARY",
                    "participant": {"id": "employee-1"},
                    "type": "EMPLOYEE",
                    "videoUrl": None,
                    "videoTestUrl": None,
                },
            ],
            "answers": [],
            "callbackRequest": None,
            "listing": None,
            "leadSegment": None,
            "meetingRoom": None,
            "meetingType": "OFFICE",
            "status": "INCOMING_REQUEST",
            "hybrid": False,
            "trailingBufferTime": 0,
            "internalNotes": None,
            "messageForCustomer": None,
            "createdAt": now,
            "createdBy": None,
            "createdByType": "OTHER",
            "createdFrom": "OTHER",
            "updatedAt": now,
            "updatedBy": None,
            "updatedByType": "OTHER",
            "updatedFrom": "OTHER",
            "location": None,
        }
        appointment.update(fields)
        self.appointments[appointment["id"]] = appointment
        return appointment

    def add_lead_segment(self, code: str, description: str | None = None, **fields: Any) -> Json:
        """Store a lead segment (wire form) and return it."""
        now = _now()
        segment: Json = {
            "id": str(uuid.uuid4()),
            "description": description,
            "code": code,
            "createdAt": now,
            "updatedAt": now,
            "deletedAt": None,
        }
        segment.update(fields)
        self.lead_segments[segment["id"]] = segment
        return segment

    def add_employee(self, **fields: Any) -> Json:
        """Store an employee (wire form) and return it; `fields` override the defaults."""
        now = _now()
        number = len(self.employees) + 1
        employee: Json = {
            "id": str(uuid.uuid4()),
            "function": None,
            "communicationEmail": None,
            "externalId": None,
            "username": f"employee{number}",
            "firstName": "Employee",
            "lastName": str(number),
            "email": f"employee{number}@example.com",
            "language": "en",
            "timeZone": "Europe/Brussels",
            "availableRoles": ["AGENT"],
            "status": "ACTIVE",
            "onlinePlanning": True,
            "officeRelations": [],
            "createdAt": now,
            "updatedAt": now,
            "deletedAt": None,
        }
        employee.update(fields)
        self.employees[employee["id"]] = employee
        return employee

    def add_client(
        self, client_id: str, client_secret: str, *, scopes: Iterable[str] | None = None, expires_in: int = 300
    ) -> FakeClient:
        """Register an OAuth client; `scopes` limits what it may ask for (anything, if None)."""
        client = FakeClient(client_id, client_secret, None if scopes is None else frozenset(scopes), expires_in)
        self.clients[client_id] = client
        return client

    def revoke_tokens(self) -> None:
        """Invalidate every token issued so far, as an expiry or a key rotation would."""
        self._issued.clear()

    # --- Transport -------------------------------------------------------------------------------

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        token_route = re.fullmatch(r".*/realms/(?P<enterprise>[^/]+)/protocol/openid-connect/token", request.url.path)
        if token_route is not None and request.method == "POST":
            self.token_requests.append(request)
            response = self._issue_token(request, token_route["enterprise"])
        else:
            self.requests.append(request)
            try:
                response = await self._dispatch(request)
            except FakeAPIError as error:
                response = error.response()
        response.request = request
        return response

    def _issue_token(self, request: httpx.Request, enterprise: str) -> httpx.Response:
        form = {key: values[-1] for key, values in parse_qs(request.content.decode()).items()}
        if self.enterprise is not None and enterprise != self.enterprise:
            return httpx.Response(404, json={"error": "Realm does not exist"})
        if form.get("grant_type") != "client_credentials":
            return httpx.Response(
                400, json={"error": "unsupported_grant_type", "error_description": "Unsupported grant type"}
            )
        client = self.clients.get(form.get("client_id", ""))
        if client is None or form.get("client_secret") != client.client_secret:
            return httpx.Response(
                401, json={"error": "invalid_client", "error_description": "Invalid client credentials"}
            )
        asked = set(form.get("scope", "").split())
        if client.scopes is not None and not asked <= client.scopes:
            return httpx.Response(
                400,
                json={
                    "error": "invalid_scope",
                    "error_description": "Invalid scopes: " + " ".join(sorted(asked - client.scopes)),
                },
            )
        token = f"fake-access-{uuid.uuid4().hex}"
        self._issued[token] = time.monotonic() + client.expires_in
        return httpx.Response(
            200,
            json={
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": client.expires_in,
                "scope": " ".join(sorted(asked)),
            },
        )

    def _check_authorization(self, request: httpx.Request) -> None:
        authorization = request.headers.get("Authorization", "")
        token = authorization.removeprefix("Bearer ")
        if not authorization.startswith("Bearer ") or not token:
            raise FakeAPIError(401, "UNAUTHORIZED", "A bearer token is required")
        if self.clients and self._issued.get(token, 0.0) <= time.monotonic():
            raise FakeAPIError(401, "UNAUTHORIZED", "The access token is invalid or has expired")

    async def _dispatch(self, request: httpx.Request) -> httpx.Response:
        match = re.fullmatch(r"/enterprises/(?P<enterprise>[^/]+)(?P<path>/.*)", request.url.path)
        if match is None or (self.enterprise is not None and match["enterprise"] != self.enterprise):
            raise FakeAPIError(404, "NOT_FOUND", f"No route for {request.url.path}")
        self._check_authorization(request)
        for method, pattern, handler in self._routes:
            route = pattern.fullmatch(match["path"])
            if route is not None and method == request.method:
                return await handler(request, route)
        raise FakeAPIError(404, "NOT_FOUND", f"No route for {request.method} {match['path']}")

    # --- Appointments ----------------------------------------------------------------------------

    async def _invite(self, request: httpx.Request, route: re.Match[str]) -> httpx.Response:
        body = _json_object(request)
        for name in ("subjectId", "officeId", "appointmentParticipants", "meetingType"):
            if name not in body:
                raise FakeAPIError(400, "BAD_REQUEST", f"body must have required property '{name}'")
        if body["meetingType"] not in MEETING_TYPES:
            raise FakeAPIError(400, "BAD_REQUEST", "meetingType must be one of " + ", ".join(MEETING_TYPES))
        participants = body["appointmentParticipants"]
        keys = [(item.get("participantId"), item.get("type")) for item in participants]
        if len(set(keys)) != len(keys):
            raise FakeAPIError(422, "APPOINTMENT_PARTICIPANTS_NOT_UNIQUE", "Participants need to be unique.")
        if body["meetingType"] == "ON_LOCATION" and not body.get("location"):
            raise FakeAPIError(422, "APPOINTMENT_LOCATION_REQUIRED", "An on-location appointment must have a location.")
        appointment = self.add_appointment(
            externalId=body.get("externalId"),
            start=None,
            end=None,
            subject={"id": body["subjectId"]},
            office={"id": body["officeId"]},
            appointmentParticipants=[
                {
                    "role": item["role"],
                    "participant": {"id": item["participantId"]},
                    "type": item["type"],
                    "videoUrl": None,
                    "videoTestUrl": None,
                }
                for item in participants
            ],
            callbackRequest=_reference(body.get("callbackRequestId")),
            listing=_reference(body.get("listingId")),
            leadSegment=_reference(body.get("leadSegmentId")),
            meetingType=body["meetingType"],
            status="OUTGOING_INVITE",
            hybrid=bool(body.get("hybrid")),
            trailingBufferTime=body.get("trailingBufferTime") or 0,
            internalNotes=body.get("internalNotes"),
            messageForCustomer=body.get("message"),
            createdByType="EMPLOYEE",
            createdFrom="OTHER",
            updatedByType="EMPLOYEE",
            updatedFrom="OTHER",
            location=_location(body.get("location")),
        )
        return httpx.Response(201, json={"data": appointment})

    async def _get_appointment(self, request: httpx.Request, route: re.Match[str]) -> httpx.Response:
        return httpx.Response(200, json={"data": self._appointment(route["id"])})

    async def _accept(self, request: httpx.Request, route: re.Match[str]) -> httpx.Response:
        appointment = self._appointment(route["id"])
        if appointment["status"] not in ACCEPTABLE_STATES:
            raise FakeAPIError(
                422,
                "APPOINTMENT_STATUS_INVALID",
                "The operation cannot be performed on the appointment because its status does not allow it.",
                {"allowedStates": list(ACCEPTABLE_STATES)},
            )
        appointment.update(status="ACCEPTED", updatedAt=_now())
        return httpx.Response(200, json={"data": appointment})

    def _appointment(self, appointment_id: str) -> Json:
        return _stored(self.appointments, appointment_id, "Appointment")

    # --- Lead segments ---------------------------------------------------------------------------

    async def _update_lead_segment(self, request: httpx.Request, route: re.Match[str]) -> httpx.Response:
        segment = self._lead_segment(route["id"])
        body = _json_object(request)
        code = body.get("code")
        if "code" in body and not (isinstance(code, str) and 1 <= len(code) <= 255):
            raise FakeAPIError(400, "BAD_REQUEST", "code must be a string of 1 to 255 characters")
        taken = any(other["code"] == code for other in self.lead_segments.values() if other is not segment)
        if "code" in body and taken:
            raise FakeAPIError(422, "LEAD_SEGMENT_CODE_ALREADY_IN_USE", f"The code {code} is already in use.")
        segment.update({key: body[key] for key in ("code", "description") if key in body}, updatedAt=_now())
        return httpx.Response(200, json={"data": segment})

    async def _put_scheduling_settings(self, request: httpx.Request, route: re.Match[str]) -> httpx.Response:
        self._lead_segment(route["id"])
        body = _json(request)
        if not isinstance(body, list) or not all(isinstance(item, dict) for item in body):
            raise FakeAPIError(400, "BAD_REQUEST", "body must be an array of scheduling settings")
        settings = []
        for item in body:
            if item.get("meetingType") not in MEETING_TYPES or not item.get("subjectId"):
                raise FakeAPIError(400, "BAD_REQUEST", "each setting needs a meetingType and a subjectId")
            settings.append({"meetingType": item["meetingType"], "subject": {"id": item["subjectId"]}})
        self.scheduling_settings[route["id"]] = settings
        return httpx.Response(200, json={"data": settings})

    async def _create_lead_segment(self, request: httpx.Request, route: re.Match[str]) -> httpx.Response:
        body = _json_object(request)
        code = body.get("code")
        if not (isinstance(code, str) and 1 <= len(code) <= 255):
            raise FakeAPIError(400, "BAD_REQUEST", "code must be a string of 1 to 255 characters")
        if any(other["code"] == code for other in self.lead_segments.values()):
            raise FakeAPIError(422, "LEAD_SEGMENT_CODE_ALREADY_IN_USE", f"The code {code} is already in use.")
        segment = self.add_lead_segment(code=code, description=body.get("description"))
        return httpx.Response(201, json={"data": segment})

    async def _get_lead_segment(self, request: httpx.Request, route: re.Match[str]) -> httpx.Response:
        return httpx.Response(200, json={"data": self._lead_segment(route["id"])})

    def _lead_segment(self, segment_id: str) -> Json:
        return _stored(self.lead_segments, segment_id, "Lead segment")

    # --- Employees -------------------------------------------------------------------------------

    async def _list_employees(self, request: httpx.Request, route: re.Match[str]) -> httpx.Response:
        filters = {
            "id": "id", "email": "email", "external-id": "externalId", "username": "username", "status": "status",
        }  # fmt: skip
        employees = list(self.employees.values())
        for parameter, field in filters.items():
            wanted = request.url.params.get_list(parameter)
            if wanted:
                employees = [employee for employee in employees if employee.get(field) in wanted]
        roles = request.url.params.get_list("available-role")
        if roles:
            employees = [e for e in employees if set(roles) & set(e.get("availableRoles") or [])]
        return _page(request, employees)

    async def _get_employee(self, request: httpx.Request, route: re.Match[str]) -> httpx.Response:
        return httpx.Response(200, json={"data": _stored(self.employees, route["id"], "Employee")})


def _stored(store: dict[str, Json], resource_id: str, kind: str) -> Json:
    """The stored resource, or the documented 404."""
    try:
        return store[resource_id]
    except KeyError:
        raise FakeAPIError(404, "NOT_FOUND", f"{kind} {resource_id} not found") from None


def _page(request: httpx.Request, items: list[Json]) -> httpx.Response:
    """One page of `items`, with the documented offset/limit parameters and `meta`."""
    try:
        offset = int(request.url.params.get("offset", 0))
        limit = int(request.url.params.get("limit", 25))
    except ValueError:
        raise FakeAPIError(400, "BAD_REQUEST", "offset and limit must be integers") from None
    if offset < 0 or not 1 <= limit <= 1000:
        raise FakeAPIError(400, "BAD_REQUEST", "offset must be >= 0 and limit between 1 and 1000")
    page = items[offset : offset + limit]
    return httpx.Response(
        200, json={"data": page, "meta": {"offset": offset, "limit": limit, "totalCount": len(items)}}
    )


def _json(request: httpx.Request) -> Any:
    try:
        return json.loads(request.content)
    except ValueError:
        raise FakeAPIError(400, "BAD_REQUEST", "body must be JSON") from None


def _json_object(request: httpx.Request) -> Json:
    body = _json(request)
    if not isinstance(body, dict):
        raise FakeAPIError(400, "BAD_REQUEST", "body must be a JSON object")
    return body


def _reference(identifier: str | None) -> Json | None:
    return None if identifier is None else {"id": identifier}


def _location(location: Json | None) -> Json | None:
    """The stored form of a location sent in a request: the fake 'geocodes' to a fixed point."""
    if not location:
        return None
    translations = location.get("translations", {})

    def first(name: str) -> Json | None:
        values = translations.get(name) or []
        return values[0] if values else None

    return {
        "city": first("city"),
        "state": first("state"),
        "street1": first("street1"),
        "street2": first("street2"),
        "postalCode": location.get("postalCode"),
        "countryCode": location.get("countryCode"),
        "formattedAddress": ", ".join(
            value["value"] for value in (first("street1"), first("city")) if value is not None
        )
        or location.get("countryCode", ""),
        "geolocation": location.get("geolocation") or {"latitude": 0.0, "longitude": 0.0},
        "translations": {"city": [], "state": [], "street1": [], "street2": [], **translations},
    }
