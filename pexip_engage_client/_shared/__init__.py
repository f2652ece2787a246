"""The backends (Redis, PostgreSQL, SQLite) and what the rooms above the core share on them, each loaded when used."""
