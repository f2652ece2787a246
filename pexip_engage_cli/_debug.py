"""`--debug`: each HTTP exchange and each retry printed to stderr, from the client's own log.

What is printed and hidden: docs/cli.md, "--debug". Exchanges are logged at `TRACE` on the
`pexip_engage_client.exchanges` logger (below DEBUG: printed only where asked for), each retry at
INFO, printed after `* `.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator

from pexip_engage_client._base.loggers import TRACE, exchanges_logger, logger


class _CurrentStderr(logging.Handler):
    """Prints to `sys.stderr` as it is when a line is printed, not as it was when the log was enabled.

    A `StreamHandler()` keeps the stream it was made with: when `main()` runs in-process (a test's
    captured stderr, a redirect), a later line would go to a stream closed since.
    """

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
            sys.stderr.write((text if record.levelno < logging.DEBUG else f"* {text}") + "\n")
        except Exception:  # logging's own rule: a failed line never breaks the caller
            self.handleError(record)


@contextlib.contextmanager
def printed() -> Iterator[None]:
    """`--debug` for one command: the client's log at INFO on stderr, its exchanges at TRACE."""
    if not logger.handlers:
        logger.addHandler(_CurrentStderr())
    logger.setLevel(logging.INFO)
    level = exchanges_logger.level
    exchanges_logger.setLevel(TRACE)
    try:
        yield
    finally:
        exchanges_logger.setLevel(level)
