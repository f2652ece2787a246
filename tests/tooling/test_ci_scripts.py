"""The CI templates' steps, run as shell on a temporary git repository (issue 70).

github-actions.yml and gitlab-ci.yml run examples/ci/*.sh (tests/tooling/test_ci_examples.py checks
that they do). Here a copy of this project is a git repository of its own; a spec change adds an
operation pair with new models, and each template's steps run on it as the runner would run them:

- a fork's pull request that changed the spec without regenerating fails on the drift
  (`check-drift.sh`), against the committed tree;
- a pull request from the same repository gets every generated file committed, the new ones
  included (`commit-generated.sh`): a fresh clone of the result imports the new operation;
- the scheduled job fetches the spec from a URL, commits it and the regenerated client on a new
  branch and writes the api-diff report for the pull request's body (`spec-update.sh`).

The copy shares this checkout's .venv and node_modules (symlinked, timestamps kept, so that make
installs nothing into them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ..support.spec import ROOT

SCRIPTS = ROOT / "examples" / "ci"
# make must not think the shared venv is out of date (its targets would reinstall it from the copy).
MAKE = "make -o .venv/.installed -o .venv/.created"
NEW_OPERATIONS = {
    "get": {
        "operationId": "getAppointmentNotes",
        "tags": ["appointments"],
        "summary": "Get an appointment's notes",
        "parameters": [{"$ref": "#/components/parameters/Id"}],
        "responses": {
            "200": {
                "description": "Successful operation",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NoteList"}}},
            }
        },
    },
    "post": {
        "operationId": "createAppointmentNote",
        "tags": ["appointments"],
        "summary": "Add a note to an appointment",
        "parameters": [{"$ref": "#/components/parameters/Id"}],
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NoteInput"}}},
        },
        "responses": {
            "201": {
                "description": "Created",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NoteResponse"}}},
            }
        },
    },
}
NEW_SCHEMAS = {
    "Note": {
        "type": "object",
        "required": ["id", "text"],
        "properties": {"id": {"type": "string"}, "text": {"type": "string"}},
    },
    "NoteInput": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}},
    "NoteResponse": {
        "type": "object",
        "required": ["data"],
        "properties": {"data": {"$ref": "#/components/schemas/Note"}},
    },
    "NoteList": {
        "type": "object",
        "required": ["data"],
        "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Note"}}},
    },
}
IMPORT_THE_NEW_OPERATION = """
import asyncio
from pexip_engage_client import PexipEngage, SyncPexipEngage, models
from pexip_engage_client.testing import FakePexipEngage

fake = FakePexipEngage()
fake.add_appointment(id="a1")

async def main():
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        made = await engage.appointments.create_appointment_note("a1", body={"text": "Called back"})
        assert isinstance(made, models.Note), type(made)
with SyncPexipEngage("acme", token="t", transport=fake) as engage:
    assert callable(engage.appointments.get_appointment_notes)
asyncio.run(main())
print("imported")
"""


def with_notes(spec_text: str) -> str:
    document = yaml.safe_load(spec_text)
    document["paths"]["/appointments/{id}/notes"] = NEW_OPERATIONS
    document["components"]["schemas"].update(NEW_SCHEMAS)
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


def run(repo: Path, *command: str, env: dict[str, str] | None = None, check: bool = True) -> str:
    done = subprocess.run(
        command,
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
        env={**os.environ, "MAKE": MAKE, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})},
    )
    if check:
        assert done.returncode == 0, f"{command}: {done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done.stdout + done.stderr if check else str(done.returncode) + "\n" + done.stdout + done.stderr


def git(repo: Path, *arguments: str) -> str:
    return run(repo, "git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *arguments)


def project_copy(into: Path) -> Path:
    """This project's tracked files (timestamps kept), as a git repository with one commit."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    for shared in (".venv", "node_modules"):
        (into / shared).symlink_to(ROOT / shared)
    git(into, "init", "--quiet", "--initial-branch=main")
    (into / ".git" / "info" / "exclude").write_text(".venv\n")  # .gitignore's `.venv/` matches no symlink
    git(into, "add", "-A")
    git(into, "commit", "--quiet", "-m", "base")
    return into


def imports_the_new_operation(repo: Path, clones: Path) -> None:
    """A fresh clone of what was committed (nothing left in a working tree) calls the new operation."""
    clone = clones / "clone"
    subprocess.run(["git", "clone", "--quiet", str(repo), str(clone)], check=True, capture_output=True)
    ran = subprocess.run(
        [sys.executable, "-c", IMPORT_THE_NEW_OPERATION],
        cwd=clone,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(clone)},
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert ran.stdout.strip() == "imported"


@pytest.mark.soak  # three generations of the layer and two comparisons: minutes on a busy machine
def test_pull_request_steps_fail_a_fork_s_drift_and_commit_every_generated_file(tmp_path: Path) -> None:
    repo = project_copy(tmp_path / "repo")
    spec = repo / "openapi.yaml"
    spec.write_text(with_notes(spec.read_text(encoding="utf-8")), encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "spec: notes")  # as a pull request's author would, no generation

    # A fork's pull request: the committed generated files are stale, and that fails.
    failed = run(repo, str(SCRIPTS / "check-drift.sh"), check=False)
    assert failed.startswith("1\n"), failed[-3000:]
    assert "run 'make generate' and commit the result" in failed

    # The same repository's: regenerated and committed, the new files included.
    output = run(repo, str(SCRIPTS / "commit-generated.sh"))
    assert "commit-generated: committed" in output
    assert git(repo, "status", "--porcelain", "--untracked-files=all").strip() == ""
    committed = git(repo, "show", "--name-status", "--format=", "HEAD").splitlines()
    assert "A\tpexip_engage_client/_generated/api/appointments/create_appointment_note.py" in committed
    assert "A\tpexip_engage_client/_generated/models/note.py" in committed
    assert "M\tapi.md" in committed
    assert run(repo, str(SCRIPTS / "commit-generated.sh")).strip().endswith("nothing to commit")
    imports_the_new_operation(repo, tmp_path)


@pytest.mark.soak  # a generation and an api-diff (which generates the base)
def test_the_scheduled_step_fetches_the_spec_and_commits_it_with_the_client_on_a_branch(tmp_path: Path) -> None:
    repo = project_copy(tmp_path / "repo")
    upstream = tmp_path / "upstream.yaml"
    upstream.write_text((repo / "openapi.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    url = {"SPEC_URL": upstream.as_uri(), "SPEC_UPDATE_BRANCH": "spec-update/test"}

    same = run(repo, str(SCRIPTS / "spec-update.sh"), env=url)
    assert "nothing to do" in same
    assert not (repo / "api-diff.md").exists()

    upstream.write_text(with_notes(upstream.read_text(encoding="utf-8")), encoding="utf-8")
    outputs = tmp_path / "github-output"
    run(repo, str(SCRIPTS / "spec-update.sh"), env={**url, "GITHUB_OUTPUT": str(outputs)})
    assert outputs.read_text().splitlines() == ["changed=true", "branch=spec-update/test", "breaking=false"]
    assert git(repo, "branch", "--show-current").strip() == "spec-update/test"
    assert (repo / "openapi.yaml").read_text(encoding="utf-8") == upstream.read_text(encoding="utf-8")
    assert git(repo, "status", "--porcelain", "--", "openapi.yaml", "pexip_engage_client", "api.md").strip() == ""
    body = (repo / "api-diff.md").read_text(encoding="utf-8")
    assert body.startswith("### API changes (")
    assert "- `engage.appointments.create_appointment_note`: method added" in body
    assert "#### Breaking" not in body
    imports_the_new_operation(repo, tmp_path)
