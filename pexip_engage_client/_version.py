"""The package version, sent in every request's User-Agent (kept equal to pyproject.toml's by a test)."""

VERSION = "0.1.0"
