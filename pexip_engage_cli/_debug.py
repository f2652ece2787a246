"""`--debug`: each HTTP exchange printed to stderr, with what the one redaction rule hides redacted.

A listener of the client's event stream (`pexip_engage_client/_telemetry/`): for each attempt, the
token request's too, the method, the URL and the headers the client sends (Authorization and what
else `_base/redaction.py` hides shown as `<redacted>`), then the status, the time to the answer,
the correlation id and the answer's headers. Bodies are not printed: a token request's body holds
the client secret, a token response the access token.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from http import HTTPStatus
from typing import TYPE_CHECKING

from pexip_engage_client._base.redaction import redacted_header, redacted_url
from pexip_engage_client._logging import log_to_stderr
from pexip_engage_client._telemetry._hooks import LISTENERS, Consumer

if TYPE_CHECKING:
    from pexip_engage_client._senders._base import OutgoingRequest, ReceivedResponse
    from pexip_engage_client._telemetry._events import RequestEvent, ResponseEvent
    from pexip_engage_client._telemetry._hooks import Exchange


class DebugLines(Consumer):
    """Prints each exchange of this process's calls to stderr (as it is now: a test's, a redirect)."""

    @staticmethod
    def _print(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    def sent(self, call: Exchange, event: RequestEvent, request: OutgoingRequest) -> None:
        self._print(f"> {request.method} {redacted_url(request.url)}")
        for name, value in request.headers.items():
            self._print(f"> {name.lower()}: {redacted_header(name, value)}")

    def answered(
        self, call: Exchange, event: ResponseEvent, request: OutgoingRequest, answer: ReceivedResponse
    ) -> None:
        status = answer.status_code
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:  # a status the standard library does not name
            phrase = ""
        self._print(
            f"< {status} {phrase} in {event.elapsed * 1000:.1f} ms (correlation id {event.correlation_id or '-'})"
        )
        for name, value in answer.headers.items():
            self._print(f"< {name.lower()}: {redacted_header(name, value)}")

    def unanswered(
        self, call: Exchange, event: RequestEvent, request: OutgoingRequest, error: BaseException, elapsed: float
    ) -> None:
        self._print(
            f"! {type(error).__name__} after {elapsed * 1000:.1f} ms (correlation id {event.correlation_id or '-'})"
        )


@contextlib.contextmanager
def printed() -> Iterator[None]:
    """`--debug` for a command: each exchange of its calls printed, and the client's own log at INFO (each retry)."""
    log_to_stderr(logging.INFO, "* %(message)s", unless_handled=False)  # each retry, its reason and its wait
    listener = DebugLines()
    LISTENERS.append(listener)
    try:
        yield
    finally:
        LISTENERS.remove(listener)
