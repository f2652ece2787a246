"""The client's loggers and their TRACE level, by the names docs/observability.md gives them, and how a line names a
request's path (`logged_path`).

Here so that the command line's `--debug` uses them rather than naming them again.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

logger = logging.getLogger("pexip_engage_client")
TRACE = 5  # each exchange's head, redacted, below DEBUG as httpx's TRACE (the command line's `--debug`)
exchanges_logger = logger.getChild("exchanges")
LOGGED_PATH_LIMIT = 200  # the most of a path and query a line repeats: an id may be anything a caller gave


def logged_path(url: str, *, query: str | None = None) -> str:
    """A request's path (and `query`, already masked) as every log line names it, cut with its length said."""
    text = urlsplit(url).path + (f"?{query}" if query else "")
    if len(text) <= LOGGED_PATH_LIMIT:
        return text
    return f"{text[:LOGGED_PATH_LIMIT]}... ({len(text):,} characters)"
