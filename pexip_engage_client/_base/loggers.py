"""The client's loggers and their TRACE level, by the names docs/observability.md gives them.

Here so that the command line's `--debug` uses them rather than naming them again.
"""

from __future__ import annotations

import logging

logger = logging.getLogger("pexip_engage_client")
TRACE = 5  # each exchange's head, redacted, below DEBUG as httpx's TRACE (the command line's `--debug`)
exchanges_logger = logger.getChild("exchanges")
