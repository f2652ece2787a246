"""Hand-written commands sit beside the generated ones, in a generated group or a group of their own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pexip_engage_cli import HAND_WRITTEN, HandWritten
from pexip_engage_client.testing import FakePexipEngage

from ..support.cli import Cli


@pytest.fixture
def compare_command(monkeypatch: pytest.MonkeyPatch) -> None:
    command = HandWritten("compare a list of employees with the enterprise's", "tests.cli.handwritten_command")
    monkeypatch.setitem(HAND_WRITTEN, "employees", {**HAND_WRITTEN["employees"], "compare": command})


@pytest.mark.usefixtures("compare_command", "engage_env")
def test_a_hand_written_command_joins_a_generated_group(fake: FakePexipEngage, cli: Cli, tmp_path: Path) -> None:
    listing = cli("employees", "--help")
    assert "\n  compare  " in listing.out
    assert "\n  plan  " in listing.out  # beside the group's other hand-written commands
    assert "get-employees" in listing.out
    fake.add_employee(email="ada@example.com")
    wanted = tmp_path / "wanted.json"
    wanted.write_text(json.dumps(["ada@example.com", "alan@example.com"]))
    run = cli("employees", "compare", str(wanted), "-o", "json")
    assert run.code == 0, run.err
    assert json.loads(run.out) == {"create": ["alan@example.com"], "keep": ["ada@example.com"]}
    generated = cli("employees", "get-employees", "-o", "json")
    assert json.loads(generated.out)["meta"]["totalCount"] == 1
    missing = cli("employees", "compare", str(tmp_path / "absent.json"))
    assert missing.code == 1  # an unexpected failure of the command: one line, no traceback
    assert "Traceback" not in missing.err


@pytest.mark.usefixtures("engage_env")
def test_a_command_with_its_own_error_code_ends_every_failure_with_it(
    monkeypatch: pytest.MonkeyPatch, fake: FakePexipEngage, cli: Cli, tmp_path: Path
) -> None:
    # As `employees plan`, whose 2 means "changes planned": neither a usage error nor an API error may exit 2 or 3.
    command = HandWritten("compare", "tests.cli.handwritten_command", error_code=1)
    monkeypatch.setitem(HAND_WRITTEN, "employees", {"compare": command})
    wanted = tmp_path / "wanted.json"
    wanted.write_text("[]")
    usage = cli("employees", "compare", str(wanted), "--no-such-option")
    assert (usage.code, "unrecognized arguments" in usage.err) == (1, True)
    assert cli("employees", "compare").code == 1  # its argument missing
    fake.fail("getEmployees", status=404)
    refused = cli("employees", "compare", str(wanted))
    assert (refused.code, "HTTP 404" in refused.err) == (1, True)
    assert cli("employees", "compare", str(wanted), "--help").code == 0
    assert cli("employees", "get-employees", "--limit", "many").code == 2  # the group's other commands keep theirs
