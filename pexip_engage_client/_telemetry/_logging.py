"""The `pexip_engage_client` logger, and `PEXIP_ENGAGE_LOG` to switch it on without code.

What each line holds, and never: docs/observability.md.
"""

from __future__ import annotations

import logging
import os
import sys
from urllib.parse import urlsplit

from .._base.loggers import logger

LOGGED_PATH_LIMIT = 200  # the most of a path and query a line repeats: an id may be anything a caller gave


def logged_path(url: str, *, query: str | None = None) -> str:
    """A request's path (and `query`, already masked) as every log line names it, cut with its length said."""
    text = urlsplit(url).path + (f"?{query}" if query else "")
    if len(text) <= LOGGED_PATH_LIMIT:
        return text
    return f"{text[:LOGGED_PATH_LIMIT]}... ({len(text):,} characters)"


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
