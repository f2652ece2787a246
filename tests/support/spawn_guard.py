"""A test that starts another program says so with a marker `make check` leaves out.

`make check` is the inner loop: the tests that start no server, process or browser (pyproject.toml's
markers). A test that starts a program (redis-server, PostgreSQL, node, ruff, git, the command line,
another interpreter) and carries none of `PROGRAM_MARKERS` fails where it starts it, naming the program
and the marker. Without this, such tests crept into `make check` unseen (195 of them, issue 90: 13 s of
a core in their programs alone, beside the session's servers they started). A fork of the test process itself
starts no program, and stays allowed: the fork-safety tests are in-process tests.

Python's audit events see every way a program starts (`subprocess`, asyncio's subprocesses, which use
it, `os.posix_spawn`, `os.exec*`, `os.system`); the hook is installed once per test process and acts only
while a test without the markers runs.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import pytest

# The markers `make check` leaves out (`pytest --quick`, tests/support/quick.py): a test with any of them may start
# programs.
PROGRAM_MARKERS = ("end_to_end", "servers", "slow", "soak", "contract", "schemathesis", "main_python_only")
# Those tests left out, as a `-m` expression (a run without `--quick`, which leaves them out itself).
WITHOUT_PROGRAMS = " and ".join(f"not {marker}" for marker in PROGRAM_MARKERS)

_unmarked: str | None = None  # the node id of the running test, while it has none of PROGRAM_MARKERS


class UnmarkedProgramError(RuntimeError):
    """A test without a `PROGRAM_MARKERS` marker started a program."""


# Where each event has the program's command line: (executable, args, ...), (path, argv, env),
# (path, args, env), (mode, path, args, env) and (command,).
_COMMAND_AT = {"subprocess.Popen": 1, "os.posix_spawn": 1, "os.exec": 1, "os.spawn": 2, "os.system": 0}


def _program(event: str, args: tuple[Any, ...]) -> str:
    """The program's name: the first word of its command line."""
    command = args[_COMMAND_AT[event]]
    first = command if isinstance(command, str | bytes | os.PathLike) else next(iter(command), "?")
    words = os.fsdecode(first).split()
    return os.path.basename(words[0]) if words else "?"


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _unmarked is not None and event in _COMMAND_AT:
        raise UnmarkedProgramError(
            f"{_unmarked} started {_program(event, args)!r}: a test that starts a program carries "
            "`pytest.mark.end_to_end` (`servers` where it uses its suite's redis-server or PostgreSQL; "
            "pyproject.toml), "
            "on the test, its module or the parameter that starts it (tests/support/spawn_guard.py)"
        )


# The session fixtures that start a redis-server or PostgreSQL (one per worker, in tests/limits, tests/webhooks
# and tests/mirror): a test that uses one is marked `servers` without saying so (`mark_server_users`). A test
# that asks for one by name at run time (`request.getfixturevalue`) marks the parameter that does. Not
# `end_to_end`: the mutation runs (scripts/checks/mutation.py) take these as the quick tests they are.
SERVER_FIXTURES = frozenset({"redis_url", "postgres_url", "postgres", "shared_url"})


def mark_server_users(items: list[pytest.Item]) -> None:
    """`servers` on each test that uses a session's redis-server or PostgreSQL, before `-m` selects."""
    for item in items:
        if SERVER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.servers)


def install() -> None:
    """Installed once per test process (tests/conftest.py); an audit hook cannot be removed."""
    sys.addaudithook(_audit)


def running(item: pytest.Item) -> None:
    global _unmarked  # noqa: PLW0603 - the process's running test
    marked = any(item.get_closest_marker(name) is not None for name in PROGRAM_MARKERS)
    _unmarked = None if marked else item.nodeid


def ended() -> None:
    global _unmarked  # noqa: PLW0603 - the process's running test
    _unmarked = None
