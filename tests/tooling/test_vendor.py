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
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx2
import pytest
import yaml

from scripts.generate import vendor

from ..support.spec import ROOT, read_spec

CALL_THE_NEW_OPERATIONS = """
import asyncio, json
from myproj._vendor.engage import ErrorCode, PexipEngage, SyncPexipEngage
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
    "error_code": ErrorCode.parse("SEGMENT_ARCHIVED") is ErrorCode.SEGMENT_ARCHIVED,
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
    changed["components"]["responses"]["BusinessValidationFailed"]["x-business-error-codes"].append("SEGMENT_ARCHIVED")
    changed["tags"].append({"name": "archived-lead-segments", "description": "Lead segments kept for the record."})
    changed["paths"]["/archived-lead-segments"] = {"post": create}
    changed["paths"]["/archived-lead-segments/{id}"] = {
        **{key: value for key, value in document["paths"]["/lead-segments/{id}"].items() if key == "parameters"},
        "get": read,
    }
    return changed


def vendor_methods(path_item: dict[str, Any]) -> list[str]:
    return [key for key in path_item if key in ("get", "put", "post", "patch", "delete")]


def _vendor(target: Path, spec: Path) -> str:
    ran = subprocess.run(
        [sys.executable, "-m", "scripts.generate.vendor", str(target), "--spec", str(spec)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    return ran.stdout


@pytest.mark.soak  # two generations of the layer
def test_vendor_then_add_an_operation_regenerate_and_call_it_through_the_copy_and_its_fake(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "myproj" / "_vendor").mkdir(parents=True)
    (project / "myproj" / "__init__.py").write_text("")
    (project / "myproj" / "_vendor" / "__init__.py").write_text("")
    target = project / "myproj" / "_vendor" / "engage"
    document = read_spec()
    spec = project / "openapi.yaml"
    spec.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")

    first = _vendor(target, spec)
    assert "vendor: myproj._vendor.engage" in first
    operations = sum(len(vendor_methods(item)) for item in document["paths"].values())  # the spec's, however many
    assert f"{operations} operations, importable" in first
    assert (target / "LICENSE").read_text() == (ROOT / "LICENSE").read_text()
    assert not (target / "_generated" / "api" / "archived_lead_segments").exists()

    spec.write_text(yaml.safe_dump(_with_new_operations(document), sort_keys=False), encoding="utf-8")
    (target / "_client.py").write_text((target / "_client.py").read_text() + "\n# kept: no --update\n")
    second = _vendor(target, spec)
    assert f"{operations + 2} operations, importable" in second
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
        [sys.executable, "-c", CALL_THE_NEW_OPERATIONS],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    outcome = json.loads(ran.stdout)
    assert outcome["module"].startswith("myproj._vendor.engage._generated.models")
    assert (outcome["code"], outcome["same"]) == ("OLD-1", True)
    assert outcome["error_code"] is True  # ErrorCode's members are the vendoring project's spec's
    assert outcome["operations"] == [
        "createArchivedLeadSegment",
        "getArchivedLeadSegmentById",
        "getArchivedLeadSegmentById",
    ]


@pytest.mark.end_to_end
def test_vendor_refuses_this_project_s_own_package_and_a_folder_that_is_no_copy(tmp_path: Path) -> None:
    (tmp_path / "stranger").mkdir()
    (tmp_path / "__init__.py").write_text("")  # a package's folder, so the name is not what is refused
    for target, expected in (
        (ROOT / "pexip_engage_client", "this project's own package"),
        (tmp_path / "stranger", "holds no copy of the package"),
    ):
        ran = subprocess.run(
            [sys.executable, "-m", "scripts.generate.vendor", str(target), "--spec", str(ROOT / "openapi.yaml")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert ran.returncode == 2
        assert expected in ran.stderr


def _vendor_run(target: Path, spec: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts.generate.vendor", str(target), "--spec", str(spec), *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _project(tmp_path: Path) -> Path:
    """`project/myproj/_vendor/`, both folders packages; returns the copy's folder (not made)."""
    vendor = tmp_path / "project" / "myproj" / "_vendor"
    vendor.mkdir(parents=True)
    (vendor.parent / "__init__.py").write_text("")
    (vendor / "__init__.py").write_text("")
    return vendor / "engage"


@pytest.mark.end_to_end
def test_a_target_whose_folder_is_no_package_is_refused_with_the_name_it_would_get(tmp_path: Path) -> None:
    (tmp_path / "myproj" / "_vendor").mkdir(parents=True)
    (tmp_path / "myproj" / "__init__.py").write_text("")  # _vendor has none
    ran = _vendor_run(tmp_path / "myproj" / "_vendor" / "engage", ROOT / "openapi.yaml")
    assert ran.returncode == 2
    [line] = ran.stderr.splitlines()
    assert "would be imported as `engage`" in line
    assert "TOP_LEVEL=1" in ran.stderr
    assert not (tmp_path / "myproj" / "_vendor" / "engage").exists()


def test_parts_are_chosen_kept_in_the_copy_and_named_back(tmp_path: Path) -> None:
    target = _project(tmp_path)
    assert vendor.choose_parts(None, None, target) == list(vendor.PARTS)  # a new copy: everything
    assert vendor.choose_parts("webhooks", None, target) == ["client", "webhooks"]  # the client always
    with pytest.raises(ValueError, match="no part mcp"):
        vendor.choose_parts("client,mcp", None, target)
    target.mkdir()
    vendor.copy_package(target, ["client"])
    assert not any((target / part).exists() for part in vendor.OPTIONAL_PARTS)
    marker = vendor.read_marker(target)
    assert marker is not None
    assert marker["parts"] == ["client"]
    assert vendor.choose_parts(None, marker, target) == ["client"]  # a later run keeps the choice
    assert vendor.another_release(target, marker) is None
    vendor._sync_parts(target, ["client", "testing", "provisioning"])
    assert [part for part in vendor.OPTIONAL_PARTS if (target / part).is_dir()] == ["testing", "provisioning"]
    assert vendor.read_marker(target) == {
        **marker,
        "parts": ["client", "testing", "provisioning"],
        "fingerprints": {
            part: vendor.fingerprint(vendor.PACKAGE, part) for part in ("client", "testing", "provisioning")
        },
    }


@pytest.mark.end_to_end
def test_a_copy_of_another_release_is_refused_in_one_line_without_update(tmp_path: Path) -> None:
    target = _project(tmp_path)
    target.mkdir()
    vendor.copy_package(target, list(vendor.PARTS))
    # An older release: its runtime lacks what this checkout's generated code imports, and it was
    # vendored before copies kept a record.
    (target / vendor.MARKER).unlink()
    coerce = target / "_runtime" / "coerce.py"
    coerce.write_text(coerce.read_text().replace("def ", "def _older_", 1))
    assert "hand-written files are release" in (vendor.another_release(target, None) or "")
    ran = _vendor_run(target, ROOT / "openapi.yaml")
    assert ran.returncode == 2
    [line] = ran.stderr.splitlines()  # one line, saying what to add
    assert line.startswith("vendor: ")
    assert line.endswith("add UPDATE=1 (--update) to replace it")


@pytest.mark.soak  # two generations of the layer
def test_a_client_only_copy_stays_client_only_and_imports(tmp_path: Path) -> None:
    target = _project(tmp_path)
    first = _vendor_run(target, ROOT / "openapi.yaml", "--parts", "client")
    assert first.returncode == 0, first.stderr[-3000:]
    assert first.stdout.rstrip().endswith("importable (parts: client)")
    assert not any((target / part).exists() for part in vendor.OPTIONAL_PARTS)
    again = _vendor_run(target, ROOT / "openapi.yaml")  # no PARTS: the copy's record decides
    assert again.returncode == 0, again.stderr[-3000:]
    assert again.stdout.rstrip().endswith("(parts: client)")
    assert not (target / "testing").exists()


@pytest.mark.end_to_end  # a server process
def test_the_vendored_fake_is_served_by_python_m_of_the_copy(tmp_path: Path) -> None:
    target = _project(tmp_path)
    target.mkdir()
    vendor.copy_package(target, ["client", "testing"])
    # This project's generated layer stands for a regenerated one (the slow tests above regenerate).
    shutil.copytree(vendor.PACKAGE / "_generated", target / "_generated", ignore=shutil.ignore_patterns("__pycache__"))
    server = subprocess.Popen(
        [sys.executable, "-m", "myproj._vendor.engage.testing", "--port", "0"],
        cwd=tmp_path / "project",
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()  # the fake prints where it listens once it does
        assert first.startswith("Fake Pexip Engage API on http://127.0.0.1:"), server.stderr and server.stderr.read()
        root = first.split(" on ", 1)[1].strip()
        answer = httpx2.get(f"{root}/subjects", headers={"Authorization": "Bearer t"}, timeout=10)
        assert answer.status_code == 200
        assert answer.json()["data"] == []
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_the_mirror_brings_the_webhook_receiver_it_is_built_on(tmp_path: Path) -> None:
    assert vendor.choose_parts("mirror", None, _project(tmp_path)) == ["client", "webhooks", "mirror"]
