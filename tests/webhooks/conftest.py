"""Fixtures of the webhook tests: the four stores, against a real redis-server and a real PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from pexip_engage_client.webhooks import WebhookStore
from pexip_engage_client.webhooks._stores import store_from_url

from ..support.postgres_server import postgres_server
from ..support.redis_server import redis_server
from ..support.stores import store_url


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_server() as server:
        yield server.url


# Redis's and PostgreSQL's cases use the session's servers: `servers` (tests/support/spawn_guard.py).
@pytest.fixture(
    params=[
        "memory",
        "sqlite",
        pytest.param("redis", marks=pytest.mark.servers),
        pytest.param("postgres", marks=pytest.mark.servers),
    ]
)
def any_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return store_url(request.param, tmp_path, request)


@pytest.fixture
async def store(any_store_url: str) -> AsyncIterator[WebhookStore]:
    opened = store_from_url(any_store_url)
    await opened.open()
    yield opened
    await opened.close()
