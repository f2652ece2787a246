"""What the command line writes is safe to open and can be read back: `-o csv` escapes a cell a spreadsheet would
run, `employees plan` reads the CLI's own CSV and JSON exports with no option (and a formula cell as it was), a
terminal's table shows control characters instead of running them, and a plan is saved for its owner only,
never through a planted symbolic link. Against the fake on loopback."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from pexip_engage_client._base.spreadsheet import original, spreadsheet_safe
from pexip_engage_client.testing import FakePexipEngage

from ..support.cli import Cli
from ..support.employees import adviser, as_read, seed_branch

# What a stranger types into a booking form's name field.
FORMULAS = ['=HYPERLINK("http://evil.test","x")', "+1-2", "-2+3", "@SUM(A1)", "'=quoted"]


def _seed_formulas(fake: FakePexipEngage) -> None:
    fake.add_office(id="office-a")
    for index, name in enumerate(FORMULAS):
        fake.add_employee(**as_read(adviser("A", index, "office-a", firstName=name)), status="ACTIVE")


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "'=x", "''@x", "'plain", "plain", ""])
def test_a_cell_no_spreadsheet_runs_reads_back_as_it_was(text: str) -> None:
    cell = spreadsheet_safe(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert original(cell) == text
    assert (cell == text) == (not text.lstrip("'").startswith(("=", "+", "-", "@", "\t", "\r")))


@pytest.mark.usefixtures("engage_env")
def test_the_csv_export_escapes_formulas_and_plans_back_with_no_option(
    fake: FakePexipEngage, cli: Cli, tmp_path: Path
) -> None:
    _seed_formulas(fake)
    export = cli("employees", "get-employees", "--all", "-o", "csv")
    assert export.code == 0, export.err
    rows = list(csv.DictReader(io.StringIO(export.out)))
    names = sorted(row["firstName"] for row in rows)
    assert names == sorted("'" + name for name in FORMULAS)  # each shown as text by a spreadsheet
    assert all(row["availableRoles"] == '["AGENT"]' for row in rows)
    raw = cli("employees", "get-employees", "--all", "-o", "csv", "--csv-raw")
    assert sorted(row["firstName"] for row in csv.DictReader(io.StringIO(raw.out))) == sorted(FORMULAS)

    path = tmp_path / "export.csv"
    path.write_text(export.out, encoding="utf-8")
    planned = cli("employees", "plan", str(path), "--scope", "office:office-a")
    # The export is Engage's own state: its lists, its read-only fields (id, createdAt, ...), its formulas.
    assert (planned.code, planned.err) == (0, ""), planned.out
    assert planned.out.splitlines()[-1] == "No changes."
    assert f"{len(FORMULAS)} unchanged" in planned.out


@pytest.mark.usefixtures("engage_env")
def test_the_json_export_of_engages_employees_plans_with_no_column(
    fake: FakePexipEngage, cli: Cli, tmp_path: Path
) -> None:
    seed_branch(fake, "office-a", 3, "A")
    export = cli("employees", "get-employees", "--all", "-o", "json")
    assert export.code == 0, export.err
    assert {"id", "createdAt", "updatedAt"} <= set(json.loads(export.out)[0])
    path = tmp_path / "export.json"
    path.write_text(export.out, encoding="utf-8")
    planned = cli("employees", "plan", str(path))
    assert (planned.code, planned.out.splitlines()[-1]) == (0, "No changes."), planned.err


@pytest.mark.usefixtures("engage_env")
def test_a_table_shows_control_characters_and_json_keeps_them(fake: FakePexipEngage, cli: Cli) -> None:
    name = "\x1b]0;owned\x07Ann\x9b2J\u202e"
    fake.add_employee(externalId="E-1", email="e1@acme.test", firstName=name, lastName="Lee\r\x1b[2J", status="ACTIVE")
    shown = cli("employees", "get-employees", "-o", "table")
    assert shown.code == 0, shown.err
    assert not any(char in shown.out for char in "\x1b\x07\x9b\r\u202e")
    assert "\\x1b]0;owned\\x07Ann\\x9b2J\\u202e" in shown.out
    as_json = cli("employees", "get-employees", "-o", "json")
    assert json.loads(as_json.out)["data"][0]["firstName"] == name


@pytest.mark.usefixtures("engage_env")
def test_a_plan_is_saved_for_its_owner_only_and_never_through_a_planted_link(
    fake: FakePexipEngage, cli: Cli, tmp_path: Path
) -> None:
    seed_branch(fake, "office-a", 2, "A")
    directory = tmp_path / "directory.json"
    directory.write_text(
        json.dumps([{"externalId": "NEW-1", "email": "new@acme.test", "firstName": "N", "lastName": "Ew"}]),
        encoding="utf-8",
    )
    victim = tmp_path / "victim.txt"
    victim.write_text("the user's own file\n", encoding="utf-8")
    planted = tmp_path / "plan.json"
    planted.symlink_to(victim)
    refused = cli("employees", "plan", str(directory), "--out", str(planted))
    assert refused.code == 1
    assert "symbolic link" in refused.err
    assert victim.read_text(encoding="utf-8") == "the user's own file\n"
    assert planted.is_symlink()

    saved = tmp_path / "saved.json"
    saved.write_text("{}", encoding="utf-8")
    saved.chmod(0o644)  # an earlier file's wider mode is not kept
    assert cli("employees", "plan", str(directory), "--out", str(saved)).code == 2
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert json.loads(saved.read_text(encoding="utf-8"))["creates"][0]["key"] == "NEW-1"
    assert [name for name in os.listdir(tmp_path) if name.startswith(".")] == []  # no temporary file left
