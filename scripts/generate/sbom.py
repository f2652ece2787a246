"""The wheel's SBOM: its runtime dependencies as pyproject.toml declares them, in CycloneDX 1.6 JSON.

    python -m scripts.generate.sbom [--check]

Written to `sbom/pexip-engage-client.cdx.json` (committed, so that the sdist carries it and a wheel
built from the sdist gets the same file) and put into the wheel's `.dist-info/sboms/` by hatchling
(`sbom-files` in pyproject.toml; PEP 770). `make package` writes it before building; `--check`
fails when the committed file and pyproject.toml disagree (tests/tooling/test_release.py).

A library's wheel pins nothing, so each dependency is listed by the range it accepts (`versionRange`,
in the `vers` notation CycloneDX uses) with its environment marker, and each extra's dependencies
with `scope: optional` and the extra's name. No timestamp, no random serial number: the same
pyproject.toml gives the same bytes, as a reproducible build needs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "sbom" / "pexip-engage-client.cdx.json"


def vers(requirement: Requirement) -> str | None:
    """The requirement's version range in `vers` form (`vers:pypi/>=2.16.0|<3`), None when it has none."""
    # `vers` lists constraints by version, lowest first.
    constraints = [str(spec) for spec in sorted(requirement.specifier, key=lambda spec: Version(spec.version))]
    return f"vers:pypi/{'|'.join(constraints)}" if constraints else None


def component(requirement: Requirement, extra: str | None) -> dict[str, Any]:
    name = requirement.name.lower().replace("_", "-")
    entry: dict[str, Any] = {"type": "library", "bom-ref": f"pkg:pypi/{name}", "name": name}
    if (version_range := vers(requirement)) is not None:
        entry["versionRange"] = version_range
    entry["purl"] = f"pkg:pypi/{name}"
    entry["scope"] = "required" if extra is None else "optional"
    properties = []
    if extra is not None:
        properties.append({"name": "python:extra", "value": extra})
    if requirement.marker is not None:
        properties.append({"name": "python:environment-marker", "value": str(requirement.marker)})
    if properties:
        entry["properties"] = properties
    return entry


def bom(pyproject: dict[str, Any], version: str) -> dict[str, Any]:
    """The CycloneDX document for the project of `pyproject` at `version`."""
    project = pyproject["project"]
    ours = f"pkg:pypi/{project['name']}@{version}"
    declared = [(Requirement(text), None) for text in project.get("dependencies", [])]
    for extra, texts in sorted(project.get("optional-dependencies", {}).items()):
        declared += [(Requirement(text), extra) for text in texts]
    components = [component(requirement, extra) for requirement, extra in declared]
    # One entry per name: a package both required and in an extra is listed as required.
    unique: dict[str, dict[str, Any]] = {}
    for entry in components:
        unique.setdefault(entry["bom-ref"], entry)
    required = sorted(ref for ref, entry in unique.items() if entry["scope"] == "required")
    return {
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {
            "tools": {"components": [{"type": "application", "name": "scripts/generate/sbom.py"}]},
            "component": {
                "type": "library",
                "bom-ref": ours,
                "name": project["name"],
                "version": version,
                "purl": ours,
                "licenses": [{"expression": project["license"]}],
            },
        },
        "components": sorted(unique.values(), key=lambda entry: entry["bom-ref"]),
        "dependencies": [{"ref": ours, "dependsOn": required}],
    }


def package_version() -> str:
    """The version, from the one place it is written (`_version.py`, which pyproject.toml reads)."""
    source = (ROOT / "pexip_engage_client" / "_version.py").read_text(encoding="utf-8")
    found = re.search(r'^VERSION = "([^"]+)"$', source, re.MULTILINE)
    if found is None:
        raise SystemExit('sbom: pexip_engage_client/_version.py has no line VERSION = "..."')
    return found.group(1)


def render() -> str:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return json.dumps(bom(pyproject, package_version()), indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail when the committed SBOM is stale")
    text = render()
    if parser.parse_args(argv).check:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text:
            print(f"sbom: {OUTPUT.relative_to(ROOT)} is stale; run 'python -m scripts.generate.sbom'", file=sys.stderr)
            return 1
        return 0
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
