"""A page's console transcript, run for real: each `$ pexip-engage ...` of a `<!-- transcript -->` block against
the fake served on loopback, what it prints compared with what the page shows (ids and correlation ids, which
differ each run, matched up by position; the port is the page's 8080). docs/cli.md and docs/provisioning.md
have one each; `rewrite` writes a page's output from a run.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

from pexip_engage_cli import main
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

TRANSCRIPT = re.compile(r"<!-- transcript -->\n```console\n(.*?)```\n", re.S)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
PORT = re.compile(r"127\.0\.0\.1:\d+")
# How a transcript points the command line at the fake, after the line that starts it.
EXPORT = "$ export PEXIP_ENGAGE_ENTERPRISE=acme PEXIP_ENGAGE_BASE_URL=http://127.0.0.1:8080 PEXIP_ENGAGE_TOKEN=anything"
STARTED = "Fake Pexip Engage API on http://127.0.0.1:8080/enterprises/acme"


def set_up(serving: str) -> tuple[str, ...]:
    """A transcript's first lines: `$ <serving> &` starting the fake, and pointing the command line at it
    (run by the test itself, on a fake of its own seeded as `serving` says)."""
    return (f"$ {serving} &", STARTED, EXPORT)


def transcript_of(page: Path) -> str:
    found = TRANSCRIPT.search(page.read_text(encoding="utf-8"))
    assert found is not None, f"{page.name} has no <!-- transcript --> console block"
    return found.group(1)


def steps(transcript: str, setup: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """Each `$ command` after the set-up, with the output the page shows for it."""
    lines = transcript.splitlines()
    assert tuple(lines[: len(setup)]) == setup
    command: str | None = None
    output: list[str] = []
    for line in lines[len(setup) :]:
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


def check(page: Path, setup: tuple[str, ...]) -> None:
    """Run the page's transcript (the fake already served, the environment pointing at it): each command
    prints what the page shows."""
    ids, code = Ids(), 0
    for command, shown in steps(transcript_of(page), setup):
        printed, code = run(ids.in_run(command), code)
        assert ids.match(shown, printed) == printed, command


def rewrite(page: Path, setup: tuple[str, ...], fake: FakePexipEngage) -> None:
    """Run the page's commands against `fake`, served, and write what they print into the page."""
    text = page.read_text(encoding="utf-8")
    found = TRANSCRIPT.search(text)
    if found is None:
        raise SystemExit(f"{page} has no <!-- transcript --> console block")
    lines = [*setup]
    with serve(fake) as root:
        os.environ.update(PEXIP_ENGAGE_ENTERPRISE="acme", PEXIP_ENGAGE_BASE_URL=root, PEXIP_ENGAGE_TOKEN="anything")
        ids, code = Ids(), 0
        for command, shown in steps(found.group(1), setup):
            in_run = ids.in_run(command)
            printed, code = run(in_run, code)
            ids.match(shown, printed)
            lines += [f"$ {in_run}", *printed.splitlines()]
    transcript = "\n".join(lines) + "\n"
    page.write_text(text[: found.start(1)] + transcript + text[found.end(1) :], encoding="utf-8")
    print(f"{page}: transcript rewritten", file=sys.stderr)
