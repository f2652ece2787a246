"""The client's log: its lines (`LogLines`), the bodies' lines, masked, and `PEXIP_ENGAGE_LOG` to switch it on.

What each line holds, and never: docs/observability.md; what the bodies' lines mask (by `_base/redaction.py`,
`format: email`, and any key the spec does not define): its #logging-the-bodies. Token requests never reach those.
Not in the twinned `_stream.py`: one class for both clients.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Mapping
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .._base.loggers import TRACE, exchanges_logger, logged_path, logger
from ._hooks import Consumer, Exchange

if TYPE_CHECKING:
    from .._senders._base import OutgoingRequest, ReceivedResponse
    from ._events import RequestEvent, ResponseEvent, RetryEvent

bodies_logger = logger.getChild("bodies")
MASK = "<masked>"
MAX_LOGGED_CHARACTERS = 4000  # then cut: a page of a hundred appointments would fill a screen


_STATUSES = frozenset(HTTPStatus)  # those the standard library names


class LogLines(Consumer):
    """The log, the wire log and `--debug`: the lines docs/observability.md lists."""

    def __init__(self, bodies: bool) -> None:
        self.bodies = bodies

    def sent(self, call: Exchange, event: RequestEvent, request: OutgoingRequest) -> None:
        if exchanges_logger.isEnabledFor(TRACE):
            from .._base.redaction import redacted_url  # noqa: PLC0415 - loaded by the first call that logs (1.4 ms)

            _log_head(">", f"{request.method} {redacted_url(request.url)}", request.headers)
        if self.bodies and not event.token_request:
            log_body(request)

    def answered(
        self, call: Exchange, event: ResponseEvent, request: OutgoingRequest, answer: ReceivedResponse
    ) -> None:
        if exchanges_logger.isEnabledFor(TRACE):
            status, correlation_id = event.status_code, event.correlation_id or "-"
            phrase = HTTPStatus(status).phrase if status in _STATUSES else ""
            _log_head(
                "<",
                f"{status} {phrase} in {event.elapsed * 1000:.1f} ms (correlation id {correlation_id})",
                answer.headers,
            )
        if event.token_request:
            return
        logger.debug(
            "%s -> %d in %.1f ms (correlation id %s, retries %d)",
            described(request),
            event.status_code,
            event.elapsed * 1000,
            event.correlation_id,
            call.retries,
        )
        if self.bodies:
            log_body(request, answer)

    def retrying(
        self, call: Exchange, event: RetryEvent, request: OutgoingRequest, answer: ReceivedResponse | None
    ) -> None:
        logger.info(
            "%s: %s; retry %d of %d in %.2fs (correlation id %s)",
            described(request),
            event.reason,
            event.retry,
            event.max_retries,
            event.wait,
            event.correlation_id,
        )

    def unanswered(
        self, call: Exchange, event: RequestEvent, request: OutgoingRequest, error: BaseException, elapsed: float
    ) -> None:
        correlation_id = event.correlation_id or "-"
        exchanges_logger.log(
            TRACE, "! %s after %.1f ms (correlation id %s)", type(error).__name__, elapsed * 1000, correlation_id
        )

    def gave_up(self, call: Exchange, request: OutgoingRequest, failure: str, reason: str) -> None:
        correlation_id = request.headers.get("X-Correlation-Id")
        logger.debug("%s: %s, not retried: %s (correlation id %s)", described(request), failure, reason, correlation_id)


def _log_head(mark: str, first: str, headers: Mapping[str, str]) -> None:
    """One TRACE record: `first`, then each header with what the one redaction rule hides redacted."""
    from .._base.redaction import redacted_header  # noqa: PLC0415

    lines = [first, *(f"{name.lower()}: {redacted_header(name, value)}" for name, value in headers.items())]
    exchanges_logger.log(TRACE, "\n".join(f"{mark} {line}" for line in lines))


def described(request: OutgoingRequest) -> str:
    """ "GET /enterprises/acme/appointments/1": method and path (cut: `logged_path`), as the logs name a request."""
    return f"{request.method} {logged_path(request.url)}"


def log_body(request: OutgoingRequest, answer: ReceivedResponse | None = None) -> None:
    """The request's record, or its answer's, masked; nothing is decoded unless it would be printed."""
    if not bodies_logger.isEnabledFor(logging.DEBUG):
        return
    if answer is None:
        from .._base.redaction import redacted_url  # noqa: PLC0415

        shown = redacted_url(request.url, mark=MASK)  # the query's values by the one rule
        path = logged_path(shown, query=urlsplit(shown).query)
        bodies_logger.debug("> %s %s %s", request.method, path, _shown(request.content))
    else:
        bodies_logger.debug("< %d %s %s", answer.status_code, described(request), _shown(answer.content))


def masked(value: Any) -> Any:
    """A JSON document with the values of customer data, secrets and unknown keys masked."""
    if isinstance(value, dict):
        return {key: MASK if _hidden(key) and item is not None else masked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [masked(item) for item in value]
    return value


def _hidden(key: str) -> bool:
    from .._base.redaction import masked_names, spec_names  # noqa: PLC0415

    return key in masked_names() or key not in spec_names()


def _shown(content: bytes | None) -> str:
    if not content:
        return "(no body)"
    try:
        document = json.loads(content)
    except ValueError:  # not JSON (nor UTF-8): nothing says what it holds
        return f"({len(content)} bytes, not JSON: not shown)"
    text = json.dumps(masked(document), ensure_ascii=False)
    if len(text) > MAX_LOGGED_CHARACTERS:
        return f"{text[:MAX_LOGGED_CHARACTERS]}... ({len(text) - MAX_LOGGED_CHARACTERS} more characters)"
    return text


# `bodies` alone means debug: the bodies are logged at DEBUG (`info,bodies`: the first word wins).
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "bodies": logging.DEBUG}


class _StderrUnlessHandled(logging.Handler):
    """Prints to the current `sys.stderr` only the records no handler of the application will print."""

    def emit(self, record: logging.LogRecord) -> None:
        if _printed_by_ancestors(record):
            return
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # logging's own rule: a failed line never breaks the caller
            self.handleError(record)


def _printed_by_ancestors(record: logging.LogRecord) -> bool:
    current: logging.Logger | None = logger
    while current is not None and current.propagate:
        current = current.parent
        if current is not None and any(record.levelno >= handler.level for handler in current.handlers):
            return True
    return False


def _words() -> list[str]:
    return os.environ.get("PEXIP_ENGAGE_LOG", "").lower().replace(" ", "").split(",")


def bodies_requested(log_bodies: bool | None) -> bool:
    """Whether a client logs bodies: `log_bodies` if given, else `bodies` in `PEXIP_ENGAGE_LOG`."""
    return bool(log_bodies) if log_bodies is not None else "bodies" in _words()


def configure_from_environment() -> None:
    """With `PEXIP_ENGAGE_LOG` set (docs/errors-and-retries.md#logging), log to stderr."""
    level = next((_LEVELS[word] for word in _words() if word in _LEVELS), None)
    if level is None or logger.handlers:
        return
    handler = _StderrUnlessHandled()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
