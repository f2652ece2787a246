"""Fixtures of the claim's tests: a real redis-server and PostgreSQL for the session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..support.postgres_server import postgres_server
from ..support.redis_server import redis_server


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_server() as server:
        yield server.url
