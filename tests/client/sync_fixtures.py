"""The fixtures the converted tests use, for the sync client: they replace those of tests/conftest.py.

`scripts/generate/async_to_sync.py --tests` writes this module into tests/client/_sync/ as its
`conftest.py` (a conftest replaces fixtures only from inside its folder), where pytest finds it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from pexip_engage_client import SyncPexipEngage
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The sync client's backoff sleeps, recorded instead of waited; the governor's waits on the same clock."""
    recorded: list[float] = []
    skipped = 0.0

    def now() -> float:
        return time.monotonic() + skipped

    def skip(seconds: float) -> None:
        nonlocal skipped
        skipped += max(seconds, 0.0)

    def record(seconds: float) -> None:
        nonlocal skipped
        recorded.append(seconds)
        skipped += max(seconds, 0.0)

    monkeypatch.setattr("pexip_engage_client._pipeline._sync._request._sleep", record)
    monkeypatch.setattr("pexip_engage_client._limiting._sync._limits.now", now)
    monkeypatch.setattr("pexip_engage_client._limiting._sync._limits.sleep", skip)
    return recorded


@pytest.fixture
def engage(fake: FakePexipEngage) -> Iterator[SyncPexipEngage]:
    with SyncPexipEngage("acme", token=TOKEN, transport=fake) as client:
        yield client


@pytest.fixture(autouse=True)
def _fresh_governors(fresh_default_governors: None) -> None:
    """Every test here with the process's default governors new (tests/conftest.py says why)."""
