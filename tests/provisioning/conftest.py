"""The fixtures of the provisioning tests: a sync client on the fake, beside the async one of tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pexip_engage_client import SyncPexipEngage
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN


@pytest.fixture
def sync_engage(fake: FakePexipEngage, fresh_default_governors: None) -> Iterator[SyncPexipEngage]:
    with SyncPexipEngage("acme", token=TOKEN, transport=fake) as client:
        yield client
