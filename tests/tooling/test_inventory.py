"""The inventory of the documented pages (docs/inventory.yaml, scripts/checks/inventory.py).

Every operation page is an operation of openapi.yaml or says it is not modelled yet (read from the
spec, never written by hand), every operation of the spec is listed, every topic page names the
places that apply it, and the count of operations the README and docs state is the spec's. With
the copied documentation present (../shared, or $PEXIP_ENGAGE_DOCS), every page file is listed.
"""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from scripts.checks.audit_spec.__main__ import DEFAULT_DOCS, DOCS_ENV
from scripts.checks.audit_spec.pages import pages_dir
from scripts.checks.inventory import (
    COUNTED_IN,
    count_problems,
    count_text,
    coverage,
    load_inventory,
    main,
    problems,
    rewrite_count,
    spec_only,
    spec_operations,
    status,
    table,
)

from ..support.spec import ROOT, SPEC

PAGES = pages_dir(Path(os.environ.get(DOCS_ENV, DEFAULT_DOCS)))
needs_pages = pytest.mark.skipif(
    not PAGES.is_dir(), reason=f"no copied documentation pages at {PAGES} (set {DOCS_ENV})"
)
INVENTORY = load_inventory()


def inventory_copy() -> dict[str, list[dict[str, Any]]]:
    return copy.deepcopy(INVENTORY)


def repo_copy(tmp_path: Path) -> Path:
    """The files the count check reads and the paths the topics name, in a scratch folder."""
    for name in COUNTED_IN:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    for entry in INVENTORY["topics"]:
        for place in entry["applied_in"]:
            (tmp_path / place).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / place).touch()
    return tmp_path


def test_the_inventory_the_spec_and_the_stated_count_agree() -> None:
    assert problems(INVENTORY, SPEC) == []


@pytest.mark.slow
@needs_pages
def test_every_copied_page_is_in_the_inventory() -> None:
    assert problems(INVENTORY, SPEC, pages=PAGES) == []
    assert main(["--check"]) == 0


def test_every_page_kind_is_there() -> None:
    documented = {entry["page"] for entry in INVENTORY["operations"]}
    assert len(documented) == len(INVENTORY["operations"])  # each page once (the count: test_every_copied_page...)
    assert {entry["page"] for entry in INVENTORY["webhook_events"]} == {
        "post-Appointment",
        "post-CallbackRequestCreate",
        "post-CallbackRequestUpdate",
    }
    assert "topic-api-upgrades" in {entry["page"] for entry in INVENTORY["topics"]}


def test_status_is_read_from_the_spec_and_an_added_operation_changes_the_count() -> None:
    # Every documented operation is modelled now: take one out of a copy of the spec, and put it back.
    entry = next(entry for entry in INVENTORY["operations"] if entry["page"] == "createcontext")
    shrunk = copy.deepcopy(SPEC)
    del shrunk["paths"]["/contexts"]["post"]
    before = coverage(INVENTORY, shrunk)

    assert "createcontext" not in spec_operations(shrunk)
    assert status(entry, spec_operations(shrunk)) == "documented, not modelled"
    assert status(entry, spec_operations(SPEC)) == "modelled, truncated"
    assert coverage(INVENTORY, SPEC) == (before[0] + 1, before[1])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [problem] = count_problems("README.md", readme, *coverage(INVENTORY, shrunk))
    assert f"write '{count_text(before[0], before[1])}'" in problem
    [line] = [line for line in table(INVENTORY, shrunk) if line.startswith("createcontext ")]
    assert line.split() == ["createcontext", "createContext", "documented,", "not", "modelled"]


def test_an_operation_the_spec_adds_without_a_page_is_spec_only_not_a_failure() -> None:
    grown = copy.deepcopy(SPEC)
    grown["paths"]["/widgets"] = {"get": {"operationId": "getWidgets", "responses": {}}}
    grown["webhooks"]["widgetEvent"] = {"post": {"operationId": "postWidget", "responses": {}}}
    assert problems(INVENTORY, grown) == problems(INVENTORY, SPEC)  # no edit of the inventory (issue 70)
    before = spec_only(INVENTORY, SPEC)  # none, unless openapi.yaml itself grew since the pages were copied
    added = [operation.operation_id for operation in spec_only(INVENTORY, grown) if operation not in before]
    assert added == ["getWidgets", "postWidget"]
    lines = table(INVENTORY, grown)
    assert [line.split()[2:] for line in lines if "spec-only:" in line and "Widget" in line] == [
        ["getWidgets", "spec-only:", "GET", "/widgets"],
        ["postWidget", "spec-only:", "webhooks.widgetEvent"],
    ]
    assert lines[-1] == f"{len(before) + 2} operation(s) of openapi.yaml documented by no copied page (spec-only)"
    assert coverage(INVENTORY, grown) == coverage(INVENTORY, SPEC)  # the stated count is of documented pages


def test_an_operation_whose_method_or_path_differs_from_the_spec_is_named() -> None:
    inventory = inventory_copy()
    entry = next(entry for entry in inventory["operations"] if entry["page"] == "getregions")
    entry["path"] = "/areas"
    event = next(entry for entry in inventory["webhook_events"] if entry["page"] == "post-Appointment")
    event["webhook"] = "appointmentChanged"
    assert problems(inventory, SPEC) == [
        "page getregions documents GET /areas, openapi.yaml has getRegions as GET /regions",
        "page post-Appointment documents POST appointmentChanged, openapi.yaml has postAppointment as "
        "POST appointmentEvent",
    ]


def test_a_listed_page_that_names_another_operation_or_a_bad_copy_is_named() -> None:
    inventory = inventory_copy()
    inventory["operations"][0].update(operation="getAppointment", copy="partial")
    inventory["operations"].append(dict(inventory["operations"][1]))
    page = inventory["operations"][1]["page"]
    found = problems(inventory, SPEC)
    assert f"page {inventory['operations'][0]['page']} does not document getAppointment" in found[0]
    assert "copy must be one of complete, truncated, not 'partial'" in found[1]
    assert f"page {page} is listed twice" in found


def test_a_topic_naming_a_place_that_does_not_exist_is_named(tmp_path: Path) -> None:
    inventory = inventory_copy()
    inventory["topics"][0]["applied_in"].append("pexip_engage_client/_gone.py")
    inventory["topics"].append({"page": "pagination", "applies": "", "applied_in": []})
    assert problems(inventory, SPEC, root=repo_copy(tmp_path)) == [
        f"topic page {inventory['topics'][0]['page']}: pexip_engage_client/_gone.py does not exist",
        "topic page pagination: topic pages are named topic-...",
        "topic page pagination: say what applies it (applies) and where (applied_in)",
    ]


def test_page_files_not_listed_and_listed_pages_without_a_file_are_named(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    names = [entry["page"] for kind in INVENTORY.values() for entry in kind]
    for name in [*names[1:], "topic-sandbox"]:
        (pages / f"{name}.txt").write_text("copied text\n", encoding="utf-8")
    assert problems(INVENTORY, SPEC, pages=pages) == [
        "page topic-sandbox is not in the inventory",
        f"page {names[0]} is listed but has no copy in {pages}",
    ]


def test_a_stated_count_the_spec_does_not_back_is_named_and_rewritten(tmp_path: Path) -> None:
    root = repo_copy(tmp_path)
    modelled, documented = coverage(INVENTORY, SPEC)
    readme = root / "README.md"
    readme.write_text(rewrite_count(readme.read_text(encoding="utf-8"), modelled + 1, documented), encoding="utf-8")
    index = root / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("operations in the public reference", "calls"))

    found = problems(INVENTORY, SPEC, root=root)
    assert found == [
        f"README.md: says '{count_text(modelled + 1, documented)}', openapi.yaml models {modelled} of the "
        f"{documented} documented operations: write '{count_text(modelled, documented)}' "
        "(python -m scripts.checks.inventory --write)",
        f"docs/index.md: states no operation count ('{count_text(modelled, documented)}')",
    ]
    fixed = rewrite_count(readme.read_text(encoding="utf-8"), modelled, documented)
    assert count_problems("README.md", fixed, modelled, documented) == []


def test_the_count_reads_as_a_sentence_whichever_way_it_goes() -> None:
    assert count_text(52, 68) == "52 of the 68 operations in the public reference"
    assert count_text(68, 68) == "all 68 operations in the public reference"
    text = "All 52 operations in the public reference; it covers 52 of the 68 operations in the public reference."
    assert rewrite_count(text, 68, 68) == (
        "All 68 operations in the public reference; it covers all 68 operations in the public reference."
    )
