"""Opt-in logging of the bodies each call sends and receives, with customer data masked.

What is logged and masked (by `_base/redaction.py`, `format: email`, and any key the spec does not
define): docs/observability.md#logging-the-bodies. Token requests never pass through here.
"""

from __future__ import annotations

import json
import logging
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .._base._refs import packaged_spec_text
from .._base.loggers import logger
from .._base.redaction import hidden_name, redacted_url
from ._logging import described, logged_path

if TYPE_CHECKING:
    from .._senders._base import OutgoingRequest, ReceivedResponse

bodies_logger = logger.getChild("bodies")

MASK = "<masked>"
MAX_LOGGED_CHARACTERS = 4000  # then cut: a page of a hundred appointments would fill a screen


def log_body(request: OutgoingRequest, answer: ReceivedResponse | None = None) -> None:
    """The request's record, or its answer's, masked; nothing is decoded unless it would be printed."""
    if not bodies_logger.isEnabledFor(logging.DEBUG):
        return
    if answer is None:
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


@cache
def spec_names() -> frozenset[str]:
    """Every property name the spec's schemas define."""
    return frozenset(name for name, _ in _spec_properties())


@cache
def masked_names() -> frozenset[str]:
    """The property names whose values are customer data or secrets, by name or by `format: email`."""
    return frozenset(
        name for name, schema in _spec_properties() if hidden_name(name) or schema.get("format") == "email"
    )


@cache
def _spec_properties() -> tuple[tuple[str, Any], ...]:
    """(name, schema) of every property of every schema of the spec the client was generated from."""
    found: list[tuple[str, Any]] = []

    def collect(node: dict[str, Any]) -> dict[str, Any]:  # each JSON object, innermost first
        properties = node.get("properties")
        if isinstance(properties, dict):
            found.extend((name, schema) for name, schema in properties.items() if isinstance(schema, dict))
        return node

    json.loads(packaged_spec_text(), object_hook=collect)  # its own decoding: only the properties are kept
    return tuple(found)
