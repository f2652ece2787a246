"""What a governor shares its limits through, as the request core knows it: a face (`SharedStore`), which the facade
hands the governor from the shared ground (`_shared/limits.py`), loaded only by a governor that shares. Types only: no
module of the core imports this one at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from ._limits import Limits


class Failures(Protocol):
    """A run of failures of the shared limits: `failed` tells one and says how long the local limits are kept before
    the shared ones are asked again; `worked` ends the run (and tells that it ended)."""

    def failed(self, error: BaseException) -> float: ...
    def worked(self) -> None: ...


class SharedStore(Protocol):
    """Where a governor's limits are shared, which the facade hands it from the URL (`_shared/limits.py`, the shared
    ground, loaded only by those who share): the request core knows only this face, never a backend."""

    def limits(self, url: str, *, key: str, max_in_flight: int, per_minute: int) -> Limits: ...
    def out_of_reach(self, wait: float, clock: Callable[[], float]) -> Failures: ...
