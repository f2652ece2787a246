"""Fixtures of the mirror's tests: a real PostgreSQL for the session, and a database of each kind per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ..support.mirror import database_url
from ..support.postgres_server import PostgresServer, postgres_server


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    with postgres_server() as server:
        yield server


@pytest.fixture(scope="session")
def postgres_url(postgres: PostgresServer) -> str:
    return postgres.url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.end_to_end)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The mirror's database: a SQLite file, or a schema of its own in the session's PostgreSQL."""
    return database_url(request.param, tmp_path, request)
