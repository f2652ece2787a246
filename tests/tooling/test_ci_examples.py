"""The CI examples under examples/ci stay runnable: valid YAML, triggered by the spec, calling only
make targets that exist, and testing every Python the package claims."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from pexip_engage_cli import _app

from ..support.spec import ROOT

EXAMPLES = ROOT / "examples" / "ci"


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text()
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.MULTILINE))


def commands(node: Any) -> list[str]:
    """Every shell command in a workflow (`run:` in GitHub Actions, `script:` lines in GitLab)."""
    if isinstance(node, dict):
        found = []
        for key, value in node.items():
            if key in {"run", "script", "before_script"}:
                found += [value] if isinstance(value, str) else [str(line) for line in value]
            else:
                found += commands(value)
        return found
    if isinstance(node, list):
        return [command for item in node for command in commands(item)]
    return []


SCRIPTS = ("commit-generated.sh", "check-drift.sh", "spec-update.sh")


def make_targets_in(text: str) -> set[str]:
    return set(re.findall(r"(?:\bmake|\$MAKE) (?:--\S+ )*([a-z-]+)", text))


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_examples_call_existing_make_targets_and_the_shared_scripts(name: str) -> None:
    workflow = yaml.safe_load((EXAMPLES / name).read_text())
    lines = "\n".join(commands(workflow))
    used = make_targets_in(lines)
    for script in SCRIPTS:  # the steps are these scripts, which tests/tooling/test_ci_scripts.py runs
        assert f"examples/ci/{script}" in lines, script
        used |= make_targets_in((EXAMPLES / script).read_text())
    assert {"generate", "check-generated", "test", "api-diff"} <= used
    assert used <= makefile_targets()
    assert "FORMAT=markdown" in lines


def test_github_workflow_runs_on_spec_changes_with_every_claimed_python() -> None:
    workflow = yaml.safe_load((EXAMPLES / "github-actions.yml").read_text())
    # YAML 1.1 reads the key `on` as True.
    trigger = workflow.get("on", workflow.get(True))
    assert "openapi.yaml" in trigger["pull_request"]["paths"]
    assert "schedule" in trigger  # the spec-update job
    job = workflow["jobs"]["regenerate-test-diff"]
    versions = next(step["with"]["python-version"] for step in job["steps"] if "setup-python" in step.get("uses", ""))
    claimed = re.findall(r'"Programming Language :: Python :: (3\.\d+)"', (ROOT / "pyproject.toml").read_text())
    assert sorted(versions.split()) == sorted(claimed)


def test_gitlab_job_runs_on_spec_changes() -> None:
    workflow = yaml.safe_load((EXAMPLES / "gitlab-ci.yml").read_text())
    (rule,) = workflow["api-client"]["rules"]
    assert "openapi.yaml" in rule["changes"]
    assert workflow["spec-update"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]


def test_every_example_is_documented_in_contributing() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text()
    for path in sorted(Path(EXAMPLES).iterdir()):
        assert f"examples/ci/{path.name}" in guide


def test_the_nightly_spec_check_runs_on_a_schedule_with_commands_that_exist() -> None:
    """examples/ci/spec-check-nightly.yml: nightly, the sandbox's credentials from the secret store,
    `pexip-engage spec check` as the command line parses it, then make targets that exist."""
    workflow = yaml.safe_load((EXAMPLES / "spec-check-nightly.yml").read_text())
    trigger = workflow.get("on", workflow.get(True))
    assert trigger["schedule"][0]["cron"]
    (job,) = workflow["jobs"].values()
    runs = commands(workflow)
    used = {target for command in runs for target in re.findall(r"\bmake (?:--\S+ )*([a-z-]+)", command)}
    assert {"spec-overlay", "generate", "api-diff"} <= used
    assert used <= makefile_targets()
    environment = next(step["env"] for step in job["steps"] if step.get("id") == "check")
    assert all(value.startswith("${{ secrets.") for name, value in environment.items() if "ENVIRONMENT" not in name)
    run_line = re.compile(r"\s*(\S*/)?pexip-engage spec check ")
    checks = [line for command in runs for line in command.splitlines() if run_line.match(line)]
    assert checks
    for line in checks:
        words = shlex.split(line.split(">")[0])
        argv = words[words.index("spec") :]
        chosen = _app.parse(argv)
        assert (chosen.group, chosen.command) == ("spec", "check")
        assert chosen.options.overlay == "spec-drift.yaml"
    applied = next(command for command in runs if "make spec-overlay" in command)
    assert "OVERLAY=spec-drift.yaml" in applied
