"""The `employees plan` / `employees apply` command functions: output, saved plans and exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

from pexip_engage_client import PexipEngage
from pexip_engage_client.provisioning import apply_command, plan_command
from pexip_engage_client.testing import FakePexipEngage

from ..conftest import TOKEN
from .conftest import person, seed


def run(command: object, argv: list[str], fake: FakePexipEngage) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = command(  # type: ignore[operator]
        argv, engage_factory=lambda: PexipEngage("acme", token=TOKEN, transport=fake), stdout=out, stderr=err
    )
    return code, out.getvalue(), err.getvalue()


def write(tmp_path: Path, records: list[dict[str, object]]) -> str:
    path = tmp_path / "directory.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return str(path)


def test_plan_exits_0_without_changes_and_2_with_them_then_apply_makes_them(
    fake: FakePexipEngage, tmp_path: Path
) -> None:
    directory = seed(fake, 3)
    assert run(plan_command, [write(tmp_path, directory)], fake)[0] == 0

    saved = tmp_path / "plan.json"
    code, out, err = run(plan_command, [write(tmp_path, [*directory, person(9)]), "--out", str(saved)], fake)
    assert (code, err) == (2, "")
    assert out.startswith("Plan: 1 to create")
    assert "+ EXT-0009" in out
    assert json.loads(saved.read_text())["creates"][0]["key"] == "EXT-0009"

    code, out, err = run(apply_command, [str(saved)], fake)
    assert (code, err) == (0, "")
    assert out.startswith("Applied: 1 created")
    assert run(plan_command, [write(tmp_path, [*directory, person(9)])], fake)[0] == 0


def test_plan_refuses_to_save_a_plan_over_the_threshold_without_force(fake: FakePexipEngage, tmp_path: Path) -> None:
    directory = seed(fake, 10)
    saved = tmp_path / "plan.json"
    code, out, err = run(plan_command, [write(tmp_path, directory[:5]), "--out", str(saved)], fake)
    assert code == 1
    assert "Refused without force" in out
    assert "not saved" in err
    assert not saved.exists()
    code, _, _ = run(plan_command, [write(tmp_path, directory[:5]), "--out", str(saved), "--force"], fake)
    assert code == 2
    assert run(apply_command, [str(saved)], fake)[:1] == (1,)  # apply refuses it as well...
    code, out, _ = run(apply_command, [str(saved), "--force"], fake)
    assert (code, out.startswith("Applied: 0 created, 0 updated, 5 deactivated")) == (0, True)


def test_errors_exit_1_with_a_message(fake: FakePexipEngage, tmp_path: Path) -> None:
    code, out, err = run(plan_command, [str(tmp_path / "missing.csv")], fake)
    assert (code, out) == (1, "")
    assert err.startswith("error: ")
    assert "missing.csv" in err
    assert run(plan_command, [], fake)[2].startswith("error: employees plan: the following arguments are required")
    assert run(plan_command, [write(tmp_path, []), "--missing", "delete"], fake)[0] == 1
    (tmp_path / "plan.json").write_text("[]", encoding="utf-8")
    code, _, err = run(apply_command, [str(tmp_path / "plan.json")], fake)
    assert code == 1
    assert "not a saved plan" in err


def test_apply_exits_1_when_a_change_conflicts_or_fails(fake: FakePexipEngage, tmp_path: Path) -> None:
    seed(fake, 2)
    saved = tmp_path / "plan.json"
    run(plan_command, [write(tmp_path, [person(0, lastName="A"), person(1, lastName="B")]), "--out", str(saved)], fake)
    fake.fail("updateEmployeeById", status=500)
    code, out, _ = run(apply_command, [str(saved), "--progress"], fake)
    assert code == 1
    assert "1 updated" in out
    assert "x EXT-0000  failed:" in out
