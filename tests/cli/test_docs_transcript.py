"""The transcripts of docs/cli.md, docs/provisioning.md and docs/booking.md are real: each command in them is run
against the fake on loopback, and what it prints must be what the page shows (ids and correlation ids, which differ each
run, are matched up by position; the port is the page's 8080).

    PYTHONPATH=. python -m tests.cli.test_docs_transcript   # rewrites the transcripts' output from a run
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pexip_engage_client.testing import FakeClock, FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.spec import ROOT
from ..support.transcript import check, rewrite, set_up

PAGE = ROOT / "docs" / "cli.md"
# The fake's clock, stopped, so that the timestamps it writes are the page's.
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
# The transcript's first lines start the fake and point the command line at it: run by the test itself.
SETUP = set_up("pexip-engage fake serve --port 8080")
# The safe recipe of provisioning: the bank of examples/bank/, branch A planned, applied, planned again.
PROVISIONING = ROOT / "docs" / "provisioning.md"
BANK = "examples/bank/seed.yaml"
PROVISIONING_SETUP = set_up(f"pexip-engage fake serve --port 8080 --seed {BANK}")
# Any adviser at this branch: the Ghent branch of examples/booking.py, its candidates from the command line.
BOOKING = ROOT / "docs" / "booking.md"
GHENT = "examples/ghent.yaml"
BOOKING_SETUP = set_up(f"pexip-engage fake serve --port 8080 --seed {GHENT}")


def seeded(seed: str) -> FakePexipEngage:
    fake = FakePexipEngage(clock=FakeClock(NOW))
    fake.seed_file(ROOT / seed)
    return fake


def bank() -> FakePexipEngage:
    return seeded(BANK)


@contextlib.contextmanager
def served_fake(fake: FakePexipEngage, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with serve(fake) as root:
        monkeypatch.setenv("PEXIP_ENGAGE_ENTERPRISE", "acme")
        monkeypatch.setenv("PEXIP_ENGAGE_BASE_URL", root)
        monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", "anything")
        yield


@pytest.mark.usefixtures("clean_environment")
def test_the_transcript_in_docs_cli_md_is_what_the_commands_print(monkeypatch: pytest.MonkeyPatch) -> None:
    with served_fake(FakePexipEngage(clock=FakeClock(NOW)), monkeypatch):
        check(PAGE, SETUP)


@pytest.mark.usefixtures("clean_environment")
def test_the_provisioning_recipe_in_docs_provisioning_md_is_what_the_commands_print(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Run where the page's reader runs it, beside examples/ (the plan and its lock file in a folder of the test's).
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    with served_fake(bank(), monkeypatch):
        check(PROVISIONING, PROVISIONING_SETUP)


@pytest.mark.usefixtures("clean_environment")
def test_the_branchs_candidates_in_docs_booking_md_are_what_the_command_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    with served_fake(seeded(GHENT), monkeypatch):
        check(BOOKING, BOOKING_SETUP)


if __name__ == "__main__":
    rewrite(PAGE, SETUP, FakePexipEngage(clock=FakeClock(NOW)))
    rewrite(BOOKING, BOOKING_SETUP, seeded(GHENT))
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):  # its plan and lock file there
        (Path(folder) / "examples").symlink_to(ROOT / "examples")
        rewrite(PROVISIONING, PROVISIONING_SETUP, bank())
