"""A WSGI app that books by `ensure_appointment`, with a module-level client: what `gunicorn --preload` forks.

Each request ensures the appointment whose external id is the query string, against the served
fake at ENGAGE_URL, and answers `200 <outcome> <pid>`, or `500 <error>` when the ensure raised.
No Redis is configured: the workers of this host take turns through lock files
(PEXIP_ENGAGE_LOCK_DIR). Self-contained (no test imports), so another checkout's client can run it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from pexip_engage_client import SyncPexipEngage, errors

BODY: dict[str, Any] = {
    "start": "2026-03-01T10:00:00Z",
    "end": "2026-03-01T10:30:00Z",
    "subjectId": "subject-9",
    "officeId": "office-3",
    "meetingType": "VIDEO",
    "appointmentParticipants": [
        {"role": "PRIMARY", "participantId": "employee-1", "type": "EMPLOYEE"},
        {"role": "PRIMARY", "participantId": "customer-1", "type": "CUSTOMER"},
    ],
}

engage = SyncPexipEngage("acme", token="test", base_url=os.environ["ENGAGE_URL"])
engage.appointments.get_appointments(limit=1)  # a pooled connection, in the master


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    external_id = environ["QUERY_STRING"]
    try:
        ensured = engage.appointments.ensure_appointment({**BODY, "externalId": external_id})
    except errors.PexipEngageError as error:
        start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
        return [f"{type(error).__name__}: {error}".encode()]
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [f"{ensured.outcome} {os.getpid()}".encode()]
