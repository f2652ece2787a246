"""docs/cli.md's transcript is real: each command in it is run against the fake on loopback, and what it
prints must be what the page shows (ids and correlation ids, which differ each run, are matched up
by position; the port is the page's 8080).

    PYTHONPATH=. python -m tests.cli.test_docs_transcript   # rewrites the transcript's output from a run
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pexip_engage_cli import main
from pexip_engage_client.testing import FakeClock, FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.spec import ROOT

PAGE = ROOT / "docs" / "cli.md"
TRANSCRIPT = re.compile(r"<!-- transcript -->\n```console\n(.*?)```\n", re.S)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
PORT = re.compile(r"127\.0\.0\.1:\d+")
# The fake's clock, stopped, so that the timestamps it writes are the page's.
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
# The transcript's first lines start the fake and point the command line at it: run by the test itself.
SETUP = (
    "$ pexip-engage fake serve --port 8080 &",
    "Fake Pexip Engage API on http://127.0.0.1:8080/enterprises/acme",
    "$ export PEXIP_ENGAGE_ENTERPRISE=acme PEXIP_ENGAGE_BASE_URL=http://127.0.0.1:8080 PEXIP_ENGAGE_TOKEN=anything",
)


def steps(transcript: str) -> Iterator[tuple[str, str]]:
    """Each `$ command` after the set-up, with the output the page shows for it."""
    lines = transcript.splitlines()
    assert tuple(lines[: len(SETUP)]) == SETUP
    command: str | None = None
    output: list[str] = []
    for line in lines[len(SETUP) :]:
        if line.startswith("$ "):
            if command is not None:
                yield command, "".join(f"{text}\n" for text in output)
            command, output = line[2:], []
        else:
            output.append(line)
    if command is not None:
        yield command, "".join(f"{text}\n" for text in output)


def run(command: str, last_code: int) -> tuple[str, int]:
    """What `command` prints (stdout, then stderr, as a terminal shows them run one after the other)."""
    if command == "echo $?":
        return f"{last_code}\n", last_code
    argv = shlex.split(command)
    assert argv[0] == "pexip-engage"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv[1:])
    return PORT.sub("127.0.0.1:8080", out.getvalue() + err.getvalue()), code


class Ids:
    """The page's ids and the run's, paired in order of appearance."""

    def __init__(self) -> None:
        self.run_of: dict[str, str] = {}

    def in_run(self, text: str) -> str:
        return UUID.sub(lambda found: self.run_of.get(found.group(), found.group()), text)

    def match(self, shown: str, printed: str) -> str:
        """`shown` with its ids replaced by the run's, pairing new ones; compare it with `printed`."""
        for page_id, run_id in zip(UUID.findall(shown), UUID.findall(printed), strict=False):
            self.run_of.setdefault(page_id, run_id)
        return self.in_run(shown)


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch, clean_environment: Path) -> Iterator[None]:
    with serve(FakePexipEngage(clock=FakeClock(NOW))) as root:
        monkeypatch.setenv("PEXIP_ENGAGE_ENTERPRISE", "acme")
        monkeypatch.setenv("PEXIP_ENGAGE_BASE_URL", root)
        monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", "anything")
        yield


@pytest.mark.slow
@pytest.mark.usefixtures("served")
def test_the_transcript_in_docs_cli_md_is_what_the_commands_print() -> None:
    found = TRANSCRIPT.search(PAGE.read_text(encoding="utf-8"))
    assert found is not None, "docs/cli.md has no <!-- transcript --> console block"
    ids, code = Ids(), 0
    for command, shown in steps(found.group(1)):
        printed, code = run(ids.in_run(command), code)
        assert ids.match(shown, printed) == printed, command


def _rewrite() -> None:
    """Run the page's commands and write what they print into the page."""
    text = PAGE.read_text(encoding="utf-8")
    found = TRANSCRIPT.search(text)
    if found is None:
        raise SystemExit("docs/cli.md has no <!-- transcript --> console block")
    lines = [*SETUP]
    with serve(FakePexipEngage(clock=FakeClock(NOW))) as root:
        os.environ.update(PEXIP_ENGAGE_ENTERPRISE="acme", PEXIP_ENGAGE_BASE_URL=root, PEXIP_ENGAGE_TOKEN="anything")
        ids, code = Ids(), 0
        for command, shown in steps(found.group(1)):
            in_run = ids.in_run(command)
            printed, code = run(in_run, code)
            ids.match(shown, printed)
            lines += [f"$ {in_run}", *printed.splitlines()]
    transcript = "\n".join(lines) + "\n"
    PAGE.write_text(text[: found.start(1)] + transcript + text[found.end(1) :], encoding="utf-8")
    print(f"{PAGE}: transcript rewritten", file=sys.stderr)


if __name__ == "__main__":
    _rewrite()
