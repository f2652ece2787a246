"""Seed records read from a file: JSON, or YAML (a superset of JSON) when PyYAML is installed.

What `FakeEnterprise.seed_file` and `pexip-engage fake serve --seed FILE` read. Every problem is a
`ValueError` naming the file, so that a command line can say which file is wrong.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def read_records(path: str | os.PathLike[str]) -> Any:
    """The records in the file at `path`: JSON for a `.json` name, else YAML."""
    name = os.fspath(path)
    try:
        text = Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{name}: cannot read it ({type(error).__name__}: {error.args[-1]})") from None
    if name.endswith(".json"):
        try:
            return json.loads(text)
        except ValueError as error:
            raise ValueError(f"{name}: not JSON ({error})") from None
    try:
        import yaml  # noqa: PLC0415 - only a YAML seed needs it
    except ImportError:  # pragma: no cover - the `testing` extra brings it
        raise ValueError(f"{name}: reading YAML needs PyYAML (the `testing` extra); or give a .json file") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValueError(f"{name}: not YAML ({' '.join(str(error).split())})") from None
