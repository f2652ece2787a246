"""Verifiable releases: one version, a byte-identical rebuild, the wheel's SBOM, the release workflow.

docs/releasing.md describes each; `make package` does the rebuild and comparison the slow test here does.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

from pexip_engage_client import _version
from scripts.generate import sbom

from ..support.spec import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_is_written_once_in_version_py() -> None:
    assert "version" not in PYPROJECT["project"]
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["hatch"]["version"] == {"path": "pexip_engage_client/_version.py"}
    assert sbom.package_version() == _version.VERSION
    assert re.fullmatch(r"\d+\.\d+\.\d+", _version.VERSION)


def test_the_committed_sbom_is_what_pyproject_declares() -> None:
    assert sbom.main(["--check"]) == 0, "run: python -m scripts.generate.sbom"
    document = json.loads(sbom.OUTPUT.read_text(encoding="utf-8"))
    assert (document["bomFormat"], document["specVersion"]) == ("CycloneDX", "1.6")
    assert document["metadata"]["component"]["version"] == _version.VERSION
    by_name = {component["name"]: component for component in document["components"]}
    runtime = {re.split(r"[<>=!~; \[]", text)[0] for text in PYPROJECT["project"]["dependencies"]}
    assert {name for name, component in by_name.items() if component["scope"] == "required"} == runtime
    assert by_name["httpx2"]["versionRange"] == "vers:pypi/>=2.16.0|<3"
    assert {"name": "python:environment-marker", "value": 'sys_platform == "win32"'} in by_name["tzdata"]["properties"]
    assert {"name": "python:extra", "value": "httpx"} in by_name["httpx"]["properties"]
    (edges,) = document["dependencies"]
    assert sorted(edges["dependsOn"]) == sorted(f"pkg:pypi/{name}" for name in runtime)


def test_a_changed_dependency_makes_the_sbom_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    # The check can fail: a pyproject with one more dependency renders another document.
    changed = {
        **PYPROJECT,
        "project": {**PYPROJECT["project"], "dependencies": [*PYPROJECT["project"]["dependencies"], "idna>=3"]},
    }
    assert json.dumps(sbom.bom(changed, _version.VERSION)) != json.dumps(sbom.bom(PYPROJECT, _version.VERSION))
    assert sbom.bom(PYPROJECT, _version.VERSION) == sbom.bom(PYPROJECT, _version.VERSION)


def test_the_release_workflow_publishes_by_trusted_publishing_with_attestations() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    trigger = workflow.get("on", workflow.get(True))
    assert trigger == {"push": {"tags": ["v*"]}}
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert any(run.strip() == "make package" for run in runs)
    uses = [step.get("uses", "") for step in build["steps"]]
    assert any(use.startswith("actions/attest-build-provenance@") for use in uses)
    assert build["permissions"]["id-token"] == "write"
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"id-token": "write"}  # no token secret: OIDC only
    (step,) = [step for step in publish["steps"] if step.get("uses", "").startswith("pypa/gh-action-pypi-publish@")]
    assert step["with"]["attestations"] is True
    assert "password" not in step["with"]
    assert "secrets." not in (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")


def _build(out: Path, epoch: str) -> dict[str, str]:
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        env={"PATH": str(Path(sys.executable).parent), "SOURCE_DATE_EPOCH": epoch},
    )
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(out.iterdir())}


@pytest.mark.slow
def test_two_builds_are_byte_identical_and_the_wheel_carries_its_sbom_and_version(tmp_path: Path) -> None:
    pytest.importorskip("build", reason="`make package` tools are in the dev group only")
    epoch = "1767225600"  # 2026-01-01: any fixed date; `make package` takes the last commit's
    first, second = _build(tmp_path / "a", epoch), _build(tmp_path / "b", epoch)
    assert sorted(first) == [
        f"pexip_engage_client-{_version.VERSION}-py3-none-any.whl",
        f"pexip_engage_client-{_version.VERSION}.tar.gz",
    ]
    assert first == second
    with zipfile.ZipFile(tmp_path / "a" / f"pexip_engage_client-{_version.VERSION}-py3-none-any.whl") as wheel:
        info = f"pexip_engage_client-{_version.VERSION}.dist-info"
        assert wheel.read(f"{info}/sboms/pexip-engage-client.cdx.json") == sbom.OUTPUT.read_bytes()
        metadata = wheel.read(f"{info}/METADATA").decode()
        assert f"\nVersion: {_version.VERSION}\n" in metadata
        assert {entry.date_time for entry in wheel.infolist()} == {(2026, 1, 1, 0, 0, 0)}
