"""`make check` catches a stale generated layer through its manifest (scripts/generate/manifest.py):
a generated file edited by hand, added or removed, and an input changed without `make generate`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.generate import manifest

SPEC = manifest.ROOT / "openapi.yaml"


@pytest.fixture
def layer(tmp_path: Path) -> Path:
    """A copy of the committed layer's manifest and two of its files: enough to plant each slip."""
    output = tmp_path / "_generated"
    output.mkdir()
    for name in ("__init__.py", "openapi.json"):
        shutil.copyfile(manifest.GENERATED / name, output / name)
    manifest.write(SPEC, output)
    return output


def test_the_committed_layer_is_what_its_manifest_says() -> None:
    assert manifest.differences() == []


def test_a_layer_as_written_has_no_difference(layer: Path) -> None:
    assert manifest.differences(SPEC, layer) == []


def test_a_file_edited_by_hand_is_named(layer: Path) -> None:
    with (layer / "__init__.py").open("a", encoding="utf-8") as edited:
        edited.write("# a hand edit\n")
    [problem] = manifest.differences(SPEC, layer)
    assert "_generated/__init__.py differs from what `make generate` wrote" in problem


def test_a_file_added_or_removed_is_named(layer: Path) -> None:
    (layer / "extra.py").write_text("", encoding="utf-8")
    (layer / "openapi.json").unlink()
    problems = manifest.differences(SPEC, layer)
    assert any("extra.py is not what `make generate` writes" in problem for problem in problems)
    assert any("openapi.json is gone" in problem for problem in problems)


def test_a_spec_changed_without_make_generate_is_named(layer: Path, tmp_path: Path) -> None:
    changed = tmp_path / "openapi.yaml"
    changed.write_text(SPEC.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    [problem] = manifest.differences(changed, layer)
    assert problem.startswith("openapi.yaml changed since `make generate` ran")
