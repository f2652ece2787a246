"""`make vendor`: a copy of the package in another project, regenerated from that project's spec.

Vendors into a temporary project as `myproj._vendor.engage`, adds two operations to the spec (a
new tag: a create and a read), regenerates with the one command, and calls the new operations
through the vendored client and the vendored fake, in a fresh interpreter that imports the copy by
its own name: the generated code, its sync twins, the typed parsers and the spec the fake reads
must all have followed.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..support.spec import ROOT

CALL_THE_NEW_OPERATIONS = """
import asyncio, json
from myproj._vendor.engage import PexipEngage, SyncPexipEngage
from myproj._vendor.engage.testing import FakePexipEngage

fake = FakePexipEngage()

async def main():
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        made = await engage.archived_lead_segments.create_archived_lead_segment(body={"code": "OLD-1"})
        read = await engage.archived_lead_segments.get_archived_lead_segment_by_id(made.id)
    with SyncPexipEngage("acme", token="t", transport=fake) as engage:
        again = engage.archived_lead_segments.get_archived_lead_segment_by_id(made.id)
    return made, read, again

made, read, again = asyncio.run(main())
print(json.dumps({
    "module": type(read).__module__, "code": read.code, "same": made.id == read.id == again.id,
    "operations": [call.operation_id for call in fake.calls],
}))
"""


def _with_new_operations(document: dict[str, Any]) -> dict[str, Any]:
    """The spec with a new tag whose create and read mirror the lead segments'."""
    changed = copy.deepcopy(document)
    create = copy.deepcopy(document["paths"]["/lead-segments"]["post"])
    read = copy.deepcopy(document["paths"]["/lead-segments/{id}"]["get"])
    create.update(operationId="createArchivedLeadSegment", tags=["archived-lead-segments"])
    read.update(operationId="getArchivedLeadSegmentById", tags=["archived-lead-segments"])
    create.pop("x-business-error-codes", None)
    changed["tags"].append({"name": "archived-lead-segments", "description": "Lead segments kept for the record."})
    changed["paths"]["/archived-lead-segments"] = {"post": create}
    changed["paths"]["/archived-lead-segments/{id}"] = {
        **{key: value for key, value in document["paths"]["/lead-segments/{id}"].items() if key == "parameters"},
        "get": read,
    }
    return changed


def _vendor(target: Path, spec: Path) -> str:
    ran = subprocess.run(
        [sys.executable, "-m", "scripts.generate.vendor", str(target), "--spec", str(spec)],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr[-3000:]
    return ran.stdout


@pytest.mark.slow  # two generations of the layer: 18 s here, 35 s with the machine busy
def test_vendor_then_add_an_operation_regenerate_and_call_it_through_the_copy_and_its_fake(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "myproj" / "_vendor").mkdir(parents=True)
    (project / "myproj" / "__init__.py").write_text("")
    (project / "myproj" / "_vendor" / "__init__.py").write_text("")
    target = project / "myproj" / "_vendor" / "engage"
    document = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    spec = project / "openapi.yaml"
    spec.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")

    first = _vendor(target, spec)
    assert "vendor: myproj._vendor.engage" in first
    assert "68 operations, importable" in first
    assert (target / "LICENSE").read_text() == (ROOT / "LICENSE").read_text()
    assert not (target / "_generated" / "api" / "archived_lead_segments").exists()

    spec.write_text(yaml.safe_dump(_with_new_operations(document), sort_keys=False), encoding="utf-8")
    (target / "_client.py").write_text((target / "_client.py").read_text() + "\n# kept: no --update\n")
    second = _vendor(target, spec)
    assert "70 operations, importable" in second
    assert (target / "_client.py").read_text().endswith("# kept: no --update\n")  # hand-written files left as they are
    generated = target / "_generated"
    assert (generated / "api" / "_sync" / "archived_lead_segments.py").is_file()  # its sync twin
    assert "createArchivedLeadSegment" in (generated / "openapi.json").read_text()  # what the fake reads
    table = json.loads((generated / "cli_commands.json").read_text())
    assert "archived-lead-segments" in table["groups"]
    # The typed parsers, written against the copy's own runtime: the new operations read the lead
    # segment's response model, so the same modules as this project's.
    ours = ROOT / "pexip_engage_client" / "_generated" / "typed"
    assert sorted(path.name for path in (generated / "typed").glob("*.py")) == sorted(p.name for p in ours.glob("*.py"))
    assert not list(project.glob("myproj/_vendor/tmp*"))  # the temporary layer was moved in, nothing left

    ran = subprocess.run(
        [sys.executable, "-c", CALL_THE_NEW_OPERATIONS], cwd=project, capture_output=True, text=True, check=False,
        timeout=120,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr[-3000:]
    outcome = json.loads(ran.stdout)
    assert outcome["module"].startswith("myproj._vendor.engage._generated.models")
    assert (outcome["code"], outcome["same"]) == ("OLD-1", True)
    assert outcome["operations"] == [
        "createArchivedLeadSegment", "getArchivedLeadSegmentById", "getArchivedLeadSegmentById",
    ]  # fmt: skip


def test_vendor_refuses_this_project_s_own_package_and_a_folder_that_is_no_copy(tmp_path: Path) -> None:
    (tmp_path / "stranger").mkdir()
    for target, expected in (
        (ROOT / "pexip_engage_client", "this project's own package"),
        (tmp_path / "stranger", "holds no copy of the package"),
    ):
        ran = subprocess.run(
            [sys.executable, "-m", "scripts.generate.vendor", str(target), "--spec", str(ROOT / "openapi.yaml")],
            cwd=ROOT, capture_output=True, text=True, check=False, timeout=60,
        )  # fmt: skip
        assert ran.returncode == 2
        assert expected in ran.stderr
