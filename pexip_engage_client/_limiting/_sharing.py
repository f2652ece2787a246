"""What a governor shares its limits through (`SharedStore`): the face of `_shared_limits.py`, which a governor imports
at its first request when it shares, so that the governor's module loads no backend."""

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
    """Where a governor's limits are shared: the limits at a URL, and how their being out of reach is told."""

    def limits(self, url: str, *, key: str, max_in_flight: int, per_minute: int) -> Limits: ...
    def out_of_reach(self, wait: float, clock: Callable[[], float]) -> Failures: ...
