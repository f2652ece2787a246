"""The sync side reads as sync: no `await`, `async with`, `async for` or coroutine in any `_sync/` folder.

scripts/generate/async_to_sync.py says its twins' docstrings and messages for the sync side
(`WORDING`); this scan covers what it writes and what is written by hand beside it. The words may
stay only where they quote the async twin's usage: a line that names the async class in backticks
(`AsyncPages`, `PexipEngage`), or a program the test runs with `asyncio.run`.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from ..support.spec import ROOT

ASYNC_WORDS = re.compile(r"\bawait\b|\basync (with|for|def)\b|\bcoroutine")
# The async twin named on the same line: the words describe its usage, by contrast.
QUOTES_THE_ASYNC_TWIN = re.compile(r"`AsyncPages`|`PexipEngage`|\basync twin\b")
SYNC_FOLDERS = sorted(
    path
    for top in ("pexip_engage_client", "tests")
    for path in (ROOT / top).rglob("_sync")
    if path.is_dir() and "__pycache__" not in path.parts
)


def _async_words(text: str) -> list[str]:
    """Each line of `text` that uses an async word without naming the async twin."""
    return [
        line.strip()
        for line in text.splitlines()
        if ASYNC_WORDS.search(line) and not QUOTES_THE_ASYNC_TWIN.search(line)
    ]


def async_wording(source: str) -> list[str]:
    """What in a module's source reads as async: syntax, and words in strings and comments."""
    tree = ast.parse(source)
    found = [
        f"line {node.lineno}: {type(node).__name__}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Await | ast.AsyncWith | ast.AsyncFor | ast.AsyncFunctionDef)
    ]
    # The parts of an f-string are read together, as the one string they make.
    parts = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    for node in ast.walk(tree):
        if id(node) in parts:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(str(part.value) for part in node.values if isinstance(part, ast.Constant))
        else:
            continue
        if "asyncio.run(" in text:
            continue  # a program the test runs: the async client's usage, quoted whole
        found += [f"line {node.lineno}: {line}" for line in _async_words(text)]
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            found += [f"line {token.start[0]}: {line}" for line in _async_words(token.string)]
    return found


def test_there_are_sync_folders_to_scan() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in SYNC_FOLDERS}
    assert {"pexip_engage_client/_sync", "pexip_engage_client/_runtime/_sync", "tests/client/_sync"} <= names
    assert "pexip_engage_client/_generated/api/_sync" in names


@pytest.mark.parametrize("folder", SYNC_FOLDERS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_no_sync_file_reads_as_async(folder: Path) -> None:
    problems = {
        path.relative_to(ROOT).as_posix(): found
        for path in sorted(folder.glob("*.py"))
        if (found := async_wording(path.read_text(encoding="utf-8")))
    }
    assert problems == {}, "say it for the sync side (WORDING in scripts/generate/async_to_sync.py), then regenerate"


def test_the_scan_sees_async_words_and_lets_quotes_of_the_async_twin_stand() -> None:
    source = '''
"""Read `await call` as `call`."""
# the pages are awaited in an async with block
def f() -> None:
    """Like `async for` on `AsyncPages`."""
    raise ValueError("create a new client to use it in async with")
SCRIPT = "import asyncio\\nasync def main():\\n    await x()\\nasyncio.run(main())"
'''
    found = async_wording(source)
    assert [line.split(":")[0] for line in found] == ["line 2", "line 6", "line 3"]


def test_the_generator_says_async_usage_for_the_sync_side() -> None:
    from scripts.generate.async_to_sync import sync_wording

    example = 'async with PexipEngage("acme") as engage:\n    pages = await engage.x()  # `AsyncPages`'
    assert sync_wording(example) == 'with SyncPexipEngage("acme") as engage:\n    pages = engage.x()  # `SyncPages`'
    assert sync_wording("use it in async with") == "use it in a with block"
    assert sync_wording("`(await pages).meta`, or `async for` every item") == "`pages.meta`, or `for` every item"


def test_make_check_fails_on_a_stale_or_hand_edited_twin() -> None:
    """`make check` (the inner loop) runs the twin check of every kind of twin, not only check-generated."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ncheck: ", 1)[1].split("\n\n", 1)[0]
    for command in ("$(ASYNC_TO_SYNC) --check", "$(ASYNC_TO_SYNC) --tests --check", "--generated $(GENERATED) --check"):
        assert command in recipe


@pytest.mark.end_to_end
def test_the_twin_check_names_a_hand_edited_twin(monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts.generate import async_to_sync

    files = async_to_sync.build(None)
    edited = ROOT / "pexip_engage_client" / "_limiting" / "_sync" / "_limits.py"
    assert files[edited] == edited.read_text(encoding="utf-8")
    # The check reads the committed files: one edited by hand (here, as build() sees it) is stale.
    monkeypatch.setattr(async_to_sync, "build", lambda generated: {**files, edited: files[edited] + "# edited\n"})
    monkeypatch.setattr("sys.argv", ["async_to_sync", "--check"])
    with pytest.raises(SystemExit, match=r"stale: pexip_engage_client/_limiting/_sync/_limits\.py"):
        async_to_sync.main()
