"""The command table written by `make generate` (`_generated/cli_commands.json`), read once per run.

Reading it costs far less than importing the generated layer: `pexip-engage --help` and a group's
help never import the client at all.
"""

from __future__ import annotations

import json
from importlib.util import find_spec
from pathlib import Path
from typing import Any, TypedDict


def _table_path() -> Path:
    # Found without importing pexip_engage_client: its import is many times this program's start-up.
    spec = find_spec("pexip_engage_client")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pexip_engage_client is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "_generated" / "cli_commands.json"


class ParameterSpec(TypedDict):
    name: str
    python: str
    positional: bool
    required: bool
    help: str
    type: str
    array: bool
    enum: list[Any] | None


class BodySpec(TypedDict):
    required: bool
    help: str


class CommandSpec(TypedDict):
    method: str
    operation: str
    http: str
    summary: str
    description: str
    pages: bool
    parameters: list[ParameterSpec]
    body: BodySpec | None


class GroupSpec(TypedDict):
    namespace: str
    help: str
    commands: dict[str, CommandSpec]


def load() -> dict[str, GroupSpec]:
    """The generated groups, by command-line name (the spec's tags)."""
    groups: dict[str, GroupSpec] = json.loads(_table_path().read_text(encoding="utf-8"))["groups"]
    return groups
