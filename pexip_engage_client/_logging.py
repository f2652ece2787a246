"""The `pexip_engage_client` logger, and `PEXIP_ENGAGE_LOG` to switch it on without code.

Log lines name the method, path, status, elapsed time, correlation id and retries. They never hold
the token, the Authorization header or a body.
"""

from __future__ import annotations

import logging
import os

logger = logging.getLogger("pexip_engage_client")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}


def configure_from_environment() -> None:
    """With `PEXIP_ENGAGE_LOG=debug|info|warning`, log at that level to stderr."""
    level = _LEVELS.get(os.environ.get("PEXIP_ENGAGE_LOG", "").strip().lower())
    if level is None or logger.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
