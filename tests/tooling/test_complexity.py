"""The hand-written code stays simple on average: radon's mean cyclomatic complexity, as `make complexity`."""

from __future__ import annotations

from pathlib import Path

from scripts import complexity

# httpx measures 2.71 and anthropic-sdk-python 3.06 the same way; the Makefile's COMPLEXITY_MAX.
BOUND = 3.1


def test_the_mean_complexity_of_the_hand_written_code_is_at_most_the_bound() -> None:
    found = complexity.blocks()
    worst = sorted(found, key=lambda block: -block.complexity)[:10]
    assert complexity.mean(found) <= BOUND, "\n".join(f"{b.complexity} {b.path}:{b.line} {b.name}" for b in worst)


def test_the_scope_is_both_packages_without_the_generated_layer() -> None:
    paths = {block.path for block in complexity.blocks()}
    assert any(path.startswith("pexip_engage_client/") for path in paths)
    assert any(path.startswith("pexip_engage_cli/") for path in paths)
    assert not any(path.startswith("pexip_engage_client/_generated/") for path in paths)
    assert Path(complexity.ROOT, complexity.GENERATED).is_dir()  # the exclusion names a real folder


def test_the_makefile_holds_the_same_bound() -> None:
    assert f"COMPLEXITY_MAX := {BOUND}" in (complexity.ROOT / "Makefile").read_text(encoding="utf-8")
