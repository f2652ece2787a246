"""What the runtime asks of the parts the package root hands it (`handed.py`): read by type checkers, never loaded.

The root's loaders return the rooms themselves (`_views/`, `_local_times/`), and a type checker holds each to these."""

from __future__ import annotations

import datetime
from typing import Any, Literal, Protocol


class Views(Protocol):
    """How a model, a page and a list show themselves (`_views/`)."""

    def model_repr(self, model: object) -> str: ...
    def model_pretty(self, model: object, printer: Any, cycle: bool) -> None: ...
    def model_html(self, model: object) -> str: ...
    def model_json(self, model: Any, indent: int | None = None) -> str: ...
    def model_record(self, model: object) -> dict[str, Any]: ...
    def page_repr(self, name: str, page: Any) -> str: ...
    def page_pretty(self, name: str, page: Any, printer: Any, cycle: bool) -> None: ...
    def page_html(self, name: str, page: Any) -> str: ...
    def list_repr(self, data: list[Any]) -> str: ...
    def list_pretty(self, data: list[Any], printer: Any, cycle: bool) -> None: ...
    def list_html(self, data: list[Any]) -> str: ...


class LocalTimes(Protocol):
    """A model's start or end read in its time zone (`_local_times/`)."""

    def span_edge(
        self,
        date: object,
        start: object,
        end: object,
        zone: object,
        *,
        edge: Literal["start", "end"],
        nonexistent: object,
        ambiguous: object,
        fields: tuple[str, str, str],
        weekday: object = None,
        weekday_field: str = "dayOfWeek",
    ) -> datetime.datetime: ...
