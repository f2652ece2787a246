"""Fixtures of the shared-limits tests: a real redis-server for the session, a fresh key per test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from ..support.redis_server import redis_server


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def key() -> str:
    """A key no other test shares, so that each test starts with no holders, budget or pause."""
    return f"test-{uuid.uuid4().hex}"
