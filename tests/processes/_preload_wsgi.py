"""A WSGI app with a module-level `SyncPexipEngage` used at import: what `gunicorn --preload` forks.

Under `--preload` the master imports this module, so the client is made and sends its first request
there, and every worker is a fork of that master. Each request asks Engage (the served fake at
ENGAGE_URL) for the appointment named in the query string and answers `<appointment id> <pid>`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from pexip_engage_client import SyncPexipEngage, errors

engage = SyncPexipEngage("acme", token="test", base_url=os.environ["ENGAGE_URL"])
engage.appointments.get_appointment_by_id(os.environ["ENGAGE_FIRST_ID"])  # a pooled connection, in the master


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    asked = environ["QUERY_STRING"]
    try:
        body = f"{engage.appointments.get_appointment_by_id(asked).id} {os.getpid()}"
    except errors.PexipEngageError as exc:
        body = f"{type(exc).__name__}: {exc}"
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [body.encode()]
