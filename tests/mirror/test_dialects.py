"""The mirror's tables, declared once per dialect (mirror/_database.py), agree column by column."""

from __future__ import annotations

from pathlib import Path

import pytest

from pexip_engage_client.mirror._database import MIGRATIONS, SQLITE_MIGRATIONS

from ..support.dialects import differences, postgres_columns, sqlite_columns

pytestmark = pytest.mark.servers

# The PostgreSQL types each SQLite type stands for (`Dialect`: times as ISO 8601 text, documents and id
# lists as JSON text, in SQLite).
TYPES = {"TEXT": {"text", "timestamptz", "jsonb", "_text"}, "INTEGER": {"int8"}}


def test_the_mirrors_tables_agree_in_both_dialects(postgres_url: str, tmp_path: Path) -> None:
    sqlite = sqlite_columns(tmp_path / "mirror.db", SQLITE_MIGRATIONS)
    postgres = postgres_columns(postgres_url, MIGRATIONS)
    assert len(sqlite) >= 30  # every table read: appointments alone has 16 columns
    assert differences(sqlite, postgres, TYPES) == []


def test_a_difference_is_seen() -> None:
    sqlite = {("appointments", "id"): ("TEXT", False), ("appointments", "start"): ("TEXT", True)}
    assert differences(sqlite, {("appointments", "id"): ("text", True)}, TYPES) == [
        "appointments.id: nullable in PostgreSQL only",
        "appointments.start: in SQLite only",
    ]
    assert differences(sqlite, {**dict.fromkeys(sqlite, ("int8", False))}, TYPES) == [
        "appointments.id: TEXT in SQLite, int8 in PostgreSQL",
        "appointments.start: nullable in SQLite only",
        "appointments.start: TEXT in SQLite, int8 in PostgreSQL",
    ]
