"""docs/mutation.md and the reviewed list of equivalents agree: a merge that drops an entry or its reason
(it happened twice while scoring modules in parallel: every later `make mutation` stopped on a KeyError)
fails here, in seconds, not hours into the weekly run."""

from __future__ import annotations

import re
import tomllib
from collections import Counter

from scripts.checks import mutation

ROW = re.compile(
    r"^\| `(?P<module>[^`]+)` \| (?P<total>\d+) \| (?P<aside>\d+) \| (?P<checked>\d+) \| (?P<killed>\d+) \|"
)


def _listed() -> list[dict[str, str]]:
    listed: list[dict[str, str]] = tomllib.loads(mutation.EQUIVALENTS.read_text("utf-8"))["equivalent"]
    return listed


def _module_of(mutant: str) -> str:
    return mutant.split(".x", maxsplit=1)[0].replace(".", "/") + ".py"


def test_every_equivalent_names_one_mutant_of_a_scored_module_once_with_its_reason() -> None:
    listed = _listed()
    scored = {module.path for module in mutation.MODULES}
    assert [entry for entry in listed if set(entry) != {"mutant", "reason"} or not entry["reason"].strip()] == []
    assert [name for name, count in Counter(entry["mutant"] for entry in listed).items() if count > 1] == []
    assert {_module_of(entry["mutant"]) for entry in listed} - scored == set()


def test_each_row_sets_aside_the_equivalents_listed_for_its_module() -> None:
    rows = [ROW.match(line) for line in mutation.PAGE.read_text("utf-8").splitlines()]
    found = {row["module"]: row for row in rows if row}
    assert found, "docs/mutation.md has no table"
    assert set(found) <= {module.path for module in mutation.MODULES}
    per_module = Counter(_module_of(entry["mutant"]) for entry in _listed())
    for module, row in found.items():
        assert int(row["aside"]) == per_module[module], module
        assert int(row["total"]) - int(row["aside"]) == int(row["checked"]), module
