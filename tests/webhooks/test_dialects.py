"""The webhook store's tables, declared once per dialect (`_stores/_sqlite.py`, `_stores/_postgres.py`), agree
column by column: PostgreSQL's carry the prefix `webhook_` (they share the application's schema)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pexip_engage_client.webhooks._stores import _postgres, _sqlite

from ..support.dialects import differences, postgres_columns, sqlite_columns

pytestmark = pytest.mark.servers

# The PostgreSQL types each SQLite type stands for: SQLite keeps instants as seconds (REAL), PostgreSQL on its
# own clock (timestamptz); `updatedAt` as milliseconds (INTEGER) in both.
TYPES = {
    "TEXT": {"text"},
    "INTEGER": {"int8", "int4"},
    "BLOB": {"bytea"},
    "REAL": {"timestamptz", "float8"},
}


def test_the_webhook_stores_tables_agree_in_both_dialects(postgres_url: str, tmp_path: Path) -> None:
    sqlite = sqlite_columns(tmp_path / "events.db", _sqlite.SQLITE_MIGRATIONS)
    postgres = postgres_columns(postgres_url, _postgres.MIGRATIONS)
    assert len(sqlite) >= 20  # every table read: events alone has 12 columns
    assert differences(sqlite, postgres, TYPES, table=lambda name: f"webhook_{name}") == []
