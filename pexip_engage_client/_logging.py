"""The `pexip_engage_client` logger, and `PEXIP_ENGAGE_LOG` to switch it on without code.

Log lines name the method, path, status, elapsed time, correlation id and retries. They never hold
the token, the Authorization header or a body.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TextIO

logger = logging.getLogger("pexip_engage_client")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}


class _StderrUnlessHandled(logging.StreamHandler[TextIO]):
    """Prints to stderr only the records that no handler of the application will print.

    `PEXIP_ENGAGE_LOG` must work in a script that configured no logging, without printing every
    line twice in an application that did (`logging.basicConfig()` puts a handler on the root
    logger, which this logger's records reach as well).
    """

    def __init__(self) -> None:
        logging.Handler.__init__(self)  # not StreamHandler's: the stream is looked up when printing

    @property
    def stream(self) -> TextIO:
        return sys.stderr  # as it is now (pytest's capsys, a redirect), not as it was at import

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass  # StreamHandler.setStream would set it; there is nothing to keep

    def emit(self, record: logging.LogRecord) -> None:
        if not _printed_by_ancestors(record):
            super().emit(record)


def _printed_by_ancestors(record: logging.LogRecord) -> bool:
    """Whether a handler of a parent logger (the root, usually) will handle this record."""
    current: logging.Logger | None = logger
    while current is not None and current.propagate:
        current = current.parent
        if current is not None and any(record.levelno >= handler.level for handler in current.handlers):
            return True
    return False


def configure_from_environment() -> None:
    """With `PEXIP_ENGAGE_LOG=debug|info|warning`, log at that level to stderr."""
    level = _LEVELS.get(os.environ.get("PEXIP_ENGAGE_LOG", "").strip().lower())
    if level is None or logger.handlers:
        return
    handler = _StderrUnlessHandled()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
