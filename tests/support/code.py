"""The repository's code as the tooling tests read it, made once per test process: several suites
scan the same files (their syntax trees) and the generated client's API surface."""

from __future__ import annotations

import ast
import functools

from scripts.generate.api_surface import GENERATED, Surface, read_surface


@functools.cache
def parsed(source: str) -> ast.Module:
    """`ast.parse(source)`, shared: never change the tree."""
    return ast.parse(source)


@functools.cache
def generated_surface() -> Surface:
    """`read_surface` of the committed generated client, shared: never change it."""
    return read_surface(GENERATED)
