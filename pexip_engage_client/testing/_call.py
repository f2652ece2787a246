"""`Call`: one valid request as the fake's handlers and rules see it.

A module of its own so that the handlers (`_api.py`) and the rules they apply (`_rules.py`) both
read it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._resources import Store
from ._spec import Operation


@dataclass
class Call:
    """One valid request, as the handlers see it."""

    op: Operation
    segments: list[str]  # the concrete path below /enterprises/<enterprise>, split
    path: dict[str, str]  # path parameters by name
    query: dict[str, Any]  # query parameters, coerced to their schema types
    body: Any
    store: Store
    now: str  # the fake clock, ISO 8601

    @property
    def concrete(self) -> str:
        return "/" + "/".join(self.segments)

    def parent(self) -> str:
        return "/" + "/".join(self.segments[:-1])
