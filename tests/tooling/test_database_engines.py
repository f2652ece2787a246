"""One engine per database (issue 98, point 1), read from the package's source.

SQLite is opened only by `_shared/sqlite.py`: no other module calls `sqlite3.connect` (by any name it
is imported as), nor runs the statements that begin a transaction or set up a connection. PostgreSQL
is connected to only by `_shared/postgres.py` (and its sync twin), and by `pexip-engage postgres migrate`,
which connects once at deploy as the schema's owner and hands each room's steps to that engine.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

from ..support.code import SHARES_SYNTAX_TREES, parsed, walked

pytestmark = SHARES_SYNTAX_TREES

ROOT = Path(__file__).resolve().parents[2]
SQLITE_ENGINE = "pexip_engage_client/_shared/sqlite.py"
POSTGRES_ENGINES = {
    "pexip_engage_client/_shared/postgres.py",
    "pexip_engage_client/_shared/_sync/postgres.py",
    "pexip_engage_cli/_postgres_migrate.py",  # deploy: one connection as the owner, the engine's `migrate`
}
# What opens a PostgreSQL connection or pool, by the name psycopg gives it.
POSTGRES_OPENERS = {"connect", "ConnectionPool", "AsyncConnectionPool"}
# Statements only an engine runs: a transaction's start and a connection's settings.
ENGINE_STATEMENTS = ("BEGIN IMMEDIATE", "BEGIN DEFERRED", "BEGIN EXCLUSIVE", "PRAGMA ")


@functools.cache
def modules() -> list[tuple[str, ast.Module]]:
    found = []
    for package in ("pexip_engage_client", "pexip_engage_cli"):
        for path in sorted((ROOT / package).rglob("*.py")):
            found.append((path.relative_to(ROOT).as_posix(), parsed(path.read_text(encoding="utf-8"))))
    return found


def sqlite_openings(tree: ast.Module) -> list[str]:
    """Each place the module opens SQLite: `sqlite3.connect(...)` by whatever name sqlite3 or its `connect` has."""
    modules_as = {"sqlite3"}
    connect_as = set()
    for node in walked(tree):
        if isinstance(node, ast.Import):
            modules_as |= {alias.asname or alias.name for alias in node.names if alias.name == "sqlite3"}
        elif isinstance(node, ast.ImportFrom) and node.module == "sqlite3":
            connect_as |= {alias.asname or alias.name for alias in node.names if alias.name == "connect"}
    found = []
    for node in walked(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if (
            isinstance(function, ast.Attribute)
            and function.attr == "connect"
            and ast.unparse(function.value) in modules_as
        ) or (isinstance(function, ast.Name) and function.id in connect_as):
            found.append(f"line {node.lineno}: {ast.unparse(node)[:60]}")
    return found


def engine_statements(tree: ast.Module) -> list[str]:
    """String constants that are statements only an engine runs (`BEGIN IMMEDIATE`, `PRAGMA ...`)."""
    return [
        f"line {node.lineno}: {node.value[:40]!r}"
        for node in walked(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.lstrip().upper().startswith(ENGINE_STATEMENTS)
    ]


def postgres_openings(tree: ast.Module) -> list[str]:
    """Calls of `psycopg.connect`, `psycopg.[Async]Connection.connect` or a psycopg_pool pool, by any name."""
    imported = set()
    for node in walked(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("psycopg", "psycopg_pool"):
            imported |= {alias.asname or alias.name for alias in node.names if alias.name in POSTGRES_OPENERS}
    found = []
    for node in walked(tree):
        if isinstance(node, ast.Call):
            called = ast.unparse(node.func)
            if called in imported or (
                called.startswith(("psycopg.", "psycopg_pool.")) and (called.rpartition(".")[2] in POSTGRES_OPENERS)
            ):
                found.append(f"line {node.lineno}: {called}")
    return found


@pytest.mark.costly  # a scan of the whole package: in make test, not make check's minute
def test_only_the_sqlite_engine_opens_sqlite() -> None:
    opening = {path: sqlite_openings(tree) for path, tree in modules()}
    assert opening[SQLITE_ENGINE], "the engine itself was not seen connecting: the scan reads nothing"
    others = {path: found for path, found in opening.items() if found and path != SQLITE_ENGINE}
    assert others == {}, f"only {SQLITE_ENGINE} opens SQLite (hand it the room's tables instead): {others}"


@pytest.mark.costly  # a scan of every module's calls, 2.8 s of a core: in make test, not make check's minute
def test_only_the_sqlite_engine_begins_transactions_and_sets_up_connections() -> None:
    running = {path: engine_statements(tree) for path, tree in modules()}
    assert running[SQLITE_ENGINE]
    others = {path: found for path, found in running.items() if found and path != SQLITE_ENGINE}
    assert others == {}, f"only {SQLITE_ENGINE} runs these (use `SQLiteFile.run`): {others}"


def test_only_the_postgres_engine_connects_to_postgres() -> None:
    opening = {path: postgres_openings(tree) for path, tree in modules()}
    assert all(opening[path] for path in POSTGRES_ENGINES), {path: opening[path] for path in POSTGRES_ENGINES}
    others = {path: found for path, found in opening.items() if found and path not in POSTGRES_ENGINES}
    assert others == {}, f"only _shared/postgres.py connects to PostgreSQL (a `Pool` with the room's tables): {others}"


@pytest.mark.parametrize(
    "source",
    [
        "import sqlite3\nsqlite3.connect('x.db')\n",
        "import sqlite3 as lite\nlite.connect('x.db')\n",
        "from sqlite3 import connect\nconnect('x.db')\n",
        "from sqlite3 import connect as opened\nopened(':memory:')\n",
    ],
)
def test_the_scan_sees_every_way_of_opening_sqlite(source: str) -> None:
    assert len(sqlite_openings(ast.parse(source))) == 1


@pytest.mark.parametrize(
    "source",
    [
        "import psycopg\npsycopg.connect('')\n",
        "import psycopg\npsycopg.AsyncConnection.connect('')\n",
        "from psycopg_pool import AsyncConnectionPool as P\nP('')\n",
    ],
)
def test_the_scan_sees_every_way_of_connecting_to_postgres(source: str) -> None:
    assert len(postgres_openings(ast.parse(source))) == 1
