"""What the generated models, pages and lists call but the runtime does not hold: handed in, loaded on first use.

The display helpers (`_views/`) and local times (`_local_times/`) stand outside the request core: a call shows no
model and reads no local time. The runtime may not import them, not even lazily or by a module's name in a string
(architecture.toml: the core below the facade never imports an `on_demand` room). So it declares here what it needs
(`Views`, `LocalTimes`), and the package root, imported before any of its submodules, hands in a loader of each
(`hand_in`), which imports the room when it is first asked for. An import a thread is running when the process forks
is finished first (`_base/processes.py`), so a child never waits on it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, Generic, Literal, Protocol, TypeVar

T = TypeVar("T")


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


class Handed(Generic[T]):
    """A part the runtime calls, from the loader the package root handed in, loaded by its first use."""

    __slots__ = ("_load", "_loaded", "_what")

    def __init__(self, what: str) -> None:
        self._what = what
        self._load: Callable[[], T] | None = None
        self._loaded: T | None = None

    def hand_in(self, load: Callable[[], T]) -> None:
        """Take the loader of the part; it runs when the part is first asked for."""
        self._load = load

    def __call__(self) -> T:
        """The part, loaded now if it was not (two threads at once both get the one module the import gives)."""
        loaded = self._loaded
        if loaded is None:
            if self._load is None:  # the package root hands it in before any submodule is imported
                raise RuntimeError(f"{self._what} were not handed to the runtime: import pexip_engage_client first")
            loaded = self._loaded = self._load()
        return loaded


views: Handed[Views] = Handed("the display helpers")
local_times: Handed[LocalTimes] = Handed("local times")


def hand_in(*, load_views: Callable[[], Views], load_local_times: Callable[[], LocalTimes]) -> None:
    """The package root's loaders of the display helpers and of local times (each run on its part's first use)."""
    views.hand_in(load_views)
    local_times.hand_in(load_local_times)
