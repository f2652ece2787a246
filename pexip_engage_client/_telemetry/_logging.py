"""The `pexip_engage_client` logger, its lines (`LogLines`), and `PEXIP_ENGAGE_LOG` to switch it on without code.

What each line holds, and never: docs/observability.md. Not in the twinned `__init__.py`: one class for both clients.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .._base.loggers import TRACE, exchanges_logger, logger
from ._hooks import Consumer, Exchange

if TYPE_CHECKING:
    from .._senders._base import OutgoingRequest, ReceivedResponse
    from ._events import RequestEvent, ResponseEvent, RetryEvent

LOGGED_PATH_LIMIT = 200  # the most of a path and query a line repeats: an id may be anything a caller gave


def logged_path(url: str, *, query: str | None = None) -> str:
    """A request's path (and `query`, already masked) as every log line names it, cut with its length said."""
    text = urlsplit(url).path + (f"?{query}" if query else "")
    if len(text) <= LOGGED_PATH_LIMIT:
        return text
    return f"{text[:LOGGED_PATH_LIMIT]}... ({len(text):,} characters)"


_STATUSES = frozenset(HTTPStatus)  # those the standard library names


class LogLines(Consumer):
    """The log, the wire log and `--debug`: the lines docs/observability.md lists."""

    def __init__(self, bodies: bool) -> None:
        self.bodies = bodies

    def sent(self, call: Exchange, event: RequestEvent, request: OutgoingRequest) -> None:
        if exchanges_logger.isEnabledFor(TRACE):
            from .._base.redaction import redacted_url  # noqa: PLC0415

            _log_head(">", f"{request.method} {redacted_url(request.url)}", request.headers)
        if self.bodies and not event.token_request:
            from ._wire_log import log_body  # noqa: PLC0415 - loaded by the first call that logs bodies

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
            described(request), event.status_code, event.elapsed * 1000, event.correlation_id, call.retries,
        )  # fmt: skip
        if self.bodies:
            from ._wire_log import log_body  # noqa: PLC0415

            log_body(request, answer)

    def retrying(
        self, call: Exchange, event: RetryEvent, request: OutgoingRequest, answer: ReceivedResponse | None
    ) -> None:
        logger.info(
            "%s: %s; retry %d of %d in %.2fs (correlation id %s)",
            described(request), event.reason, event.retry, event.max_retries, event.wait, event.correlation_id,
        )  # fmt: skip

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
