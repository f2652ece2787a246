"""Fixtures of the availability store's tests: a database of each kind per test, PostgreSQL's migrated by its owner
(as at deploy) and used as the application's role, which may create nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..support.postgres_server import PostgresServer, application_role, migrated, postgres_server


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.end_to_end)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/availability.db"
    server: PostgresServer = request.getfixturevalue("postgres")
    application = application_role(server)
    schema = f"availability_{uuid.uuid4().hex[:12]}"
    migrated(f"{server.url}?schema={schema}", "app")
    return f"{application}?schema={schema}"
