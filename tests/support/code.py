"""The repository's code as the tooling tests read it, made once per test process: several suites
scan the same files (their syntax trees) and the generated client's API surface."""

from __future__ import annotations

import ast
import functools

import pytest

from scripts.generate.api_surface import GENERATED, Surface, read_surface

# The modules that scan the repository's syntax trees (`parsed`) carry this as their `pytestmark`:
# pytest-xdist (`--dist loadgroup`) is to run them in one worker, which parses each file once
# instead of each worker parsing it again. With pytest 9.2 the group has no effect (pytest-xdist
# 3.8's worker rewrites a test's private `_nodeid`, which pytest no longer reads: pytest-xdist issue
# 1386), so for now each worker parses the files its tests scan; nothing may depend on the group.
SHARES_SYNTAX_TREES = pytest.mark.xdist_group("syntax_trees")


@functools.cache
def parsed(source: str) -> ast.Module:
    """`ast.parse(source)`, shared: never change the tree."""
    return ast.parse(source)


@functools.cache
def walked(tree: ast.AST) -> tuple[ast.AST, ...]:
    """Every node of a tree `parsed` made, in `ast.walk`'s order, listed once: the suites walk each tree
    several times, and `ast.walk` is most of their time (about 4 million nodes visited per run)."""
    return tuple(ast.walk(tree))


@functools.cache
def generated_surface() -> Surface:
    """`read_surface` of the committed generated client, shared: never change it."""
    return read_surface(GENERATED)
