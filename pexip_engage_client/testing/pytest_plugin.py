"""The pytest plugin of the `testing` extra: fixtures for a fake Engage, clients on it, and webhooks.

How to load it, each fixture, and replacing one in a conftest: docs/testing.md, "Fixtures". Nothing
is imported until a test asks for a fixture, so a session that uses none does not pay for the fake.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Callable, Iterator
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .. import PexipEngage, SyncPexipEngage
    from ._fake import FakePexipEngage
    from ._webhooks import FakeWebhooks

# The enterprise and token of the clients on the fake (a fake without clients takes any token).
ENTERPRISE = "acme"
TOKEN = "test-token"  # noqa: S105 - the fake's, not a credential

__all__ = [
    "ENTERPRISE",
    "TOKEN",
    "engage_client",
    "engage_fake",
    "engage_fake_url",
    "engage_sync_client",
    "engage_webhooks",
]


@pytest.fixture
def engage_fake() -> FakePexipEngage:
    """A fresh fake Engage API (`FakePexipEngage()`), seeded by the test."""
    from . import FakePexipEngage  # noqa: PLC0415 - the fake loads when a test asks for it

    return FakePexipEngage(enterprise=ENTERPRISE)


@pytest.fixture
def engage_sync_client(engage_fake: FakePexipEngage) -> Iterator[SyncPexipEngage]:
    """A `SyncPexipEngage` on `engage_fake`, closed after the test."""
    from .. import SyncPexipEngage  # noqa: PLC0415

    with SyncPexipEngage(ENTERPRISE, token=TOKEN, transport=engage_fake) as client:
        yield client


@pytest.fixture
def engage_fake_url(engage_fake: FakePexipEngage) -> Iterator[str]:
    """`engage_fake` served on 127.0.0.1 for the test: the root URL a client's `base_url` takes."""
    with engage_fake.serve() as base_url:
        yield base_url


@pytest.fixture
def engage_webhooks(engage_fake: FakePexipEngage) -> Iterator[FakeWebhooks]:
    """A receiver the fake delivers every appointment change to, at a hundredth of Engage's retry timings."""
    from ..webhooks import WebhookReceiver  # noqa: PLC0415
    from ._webhooks import FakeWebhooks  # noqa: PLC0415

    secret = secrets.token_urlsafe(16)
    receiver = WebhookReceiver("memory://", secret=secret)
    # Every delivery on the fake's loop: the receiver lives on one loop, for sync and async tests.
    sender = engage_fake.deliver_webhooks(receiver.asgi_app(), key=secret, time_scale=0.01, on_fake_loop=True)
    wired = FakeWebhooks(receiver, sender, secret)
    yield wired
    sender.run(receiver.stop())
    sender.close()


def _async_client_fixture() -> Any:
    """`engage_client`, made with pytest-asyncio's decorator when it is installed (any of its modes)."""

    async def engage_client(engage_fake: FakePexipEngage) -> AsyncIterator[PexipEngage]:
        """A `PexipEngage` on `engage_fake`, opened for the test and closed after it (needs pytest-asyncio)."""
        from .. import PexipEngage  # noqa: PLC0415

        async with PexipEngage(ENTERPRISE, token=TOKEN, transport=engage_fake) as client:
            yield client

    if find_spec("pytest_asyncio") is None:  # pytest says the async fixture needs a plugin
        return pytest.fixture(engage_client)
    import pytest_asyncio  # noqa: PLC0415 - only where it is installed

    return pytest_asyncio.fixture(engage_client)


engage_client: Callable[..., Any] = _async_client_fixture()
