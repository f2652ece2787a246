"""The URL of a webhook store of each kind for one test: `memory://`, a SQLite file, its own keys in Redis,
or its own schema in PostgreSQL."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from .postgres_server import migrated


def store_url(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if kind == "memory":
        return "memory://"
    if kind == "sqlite":
        return f"sqlite:///{tmp_path}/events.db"
    if kind == "postgres":  # each test its own schema in the session's PostgreSQL
        return migrated(f"{request.getfixturevalue('postgres_url')}?schema=test_{uuid.uuid4().hex}")
    # Each test its own keys in the session's Redis.
    return f"{request.getfixturevalue('redis_url')}?prefix=test-{uuid.uuid4().hex}"
