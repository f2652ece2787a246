"""Fixtures of the webhook tests: the three stores, the Redis one against a real redis-server."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from pexip_engage_client.webhooks import WebhookStore
from pexip_engage_client.webhooks._stores import store_from_url

from ..support.redis_server import redis_server


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


def store_url(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if kind == "memory":
        return "memory://"
    if kind == "sqlite":
        return f"sqlite:///{tmp_path}/events.db"
    # Each test its own keys in the session's Redis.
    return f"{request.getfixturevalue('redis_url')}?prefix=test-{uuid.uuid4().hex}"


@pytest.fixture(params=["memory", "sqlite", "redis"])
def any_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return store_url(request.param, tmp_path, request)


@pytest.fixture
async def store(any_store_url: str) -> AsyncIterator[WebhookStore]:
    opened = store_from_url(any_store_url)
    await opened.open()
    yield opened
    await opened.close()
