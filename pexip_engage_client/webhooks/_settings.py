"""What the parts of a receiver read of it: its store and settings, read at each use.

Each part is handed the receiver itself as these `Settings`, since a caller may change a setting
before starting it (`run_worker(concurrency=)` does).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .._client import PexipEngage
    from ..spec_drift import SpecDrift
    from ._stores import WebhookStore


class Settings(Protocol):
    """The receiver's store and settings, as its parts read them (`WebhookReceiver` is one)."""

    concurrency: int
    max_body_size: int
    max_attempts: int
    retry_backoff: float
    max_retry_backoff: float
    lease: float
    poll_interval: float
    retention: float
    future_tolerance: float
    handle_stale: bool
    verify_by_fetch: bool
    client: PexipEngage | None
    strict_responses: bool
    spec_drift: SpecDrift

    @property
    def store(self) -> WebhookStore: ...

    @property
    def _store_url(self) -> str | None:
        """The URL the store was built from, if it was (a helper thread builds its own from it)."""
        ...

    @property
    def _queue_size(self) -> int | None: ...
