"""Fixtures of the shared-limits tests: a real redis-server and PostgreSQL for the session, a fresh key per test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from ..support.postgres_server import PostgresServer, migrated, postgres_server
from ..support.redis_server import redis_server


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["redis", "postgres"])
def shared_url(request: pytest.FixtureRequest) -> str:
    """The URL of each backend of the shared limits: the session's redis-server, or its PostgreSQL."""
    if request.param == "redis":
        return str(request.getfixturevalue("redis_url"))
    server: PostgresServer = request.getfixturevalue("postgres")
    return migrated(server.url + "?schema=limits_tests")


@pytest.fixture
def key() -> str:
    """A key no other test shares, so that each test starts with no holders, budget or pause."""
    return f"test-{uuid.uuid4().hex}"
