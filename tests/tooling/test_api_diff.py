"""api.md and `make api-diff`: the generated Python API read from source, and its changes classified.

The end-to-end tests generate clients from crafted spec pairs (two operations of openapi.yaml,
then the same with one change each) in a throwaway git repository, as a team's CI would.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.checks.api_diff import Change, compare, error_code_changes, main, markdown
from scripts.generate.api_surface import (
    Method,
    ModelField,
    Namespace,
    Parameter,
    Surface,
    render_markdown,
)

from ..support.code import generated_surface
from ..support.spec import ROOT, read_spec

# --- classification, on surfaces built by hand ---------------------------------------------------

OPTIONS = Parameter("options", "variadic", "Unpack[RequestOptions]", required=False)


def surface(
    parameters: tuple[Parameter, ...] = (),
    returns: str = "Appointment",
    fields: dict[str, ModelField] | None = None,
    values: tuple[str, ...] = ("ACCEPTED", "CANCELLED"),
) -> Surface:
    return Surface(
        namespaces={
            "appointments": Namespace(
                "AppointmentsResource", {"get_appointment_by_id": Method((*parameters, OPTIONS), returns)}
            )
        },
        models={"Appointment": fields if fields is not None else {"id": ModelField("str", required=True)}},
        enums={"AppointmentStatus": list(values)},
    )


ID = Parameter("id", "positional", "str", required=True)
LANGUAGE = Parameter("accept_language", "keyword", "str | Unset", required=False, default="UNSET")
WHERE = "engage.appointments.get_appointment_by_id"


def only_change(old: Surface, new: Surface) -> Change:
    changes = compare(old, new)
    assert len(changes) == 1, changes
    return changes[0]


def test_identical_surfaces_have_no_changes() -> None:
    assert compare(surface((ID,)), surface((ID,))) == []


@pytest.mark.parametrize(
    ("old", "new", "breaking", "what"),
    [
        (surface((ID, LANGUAGE)), surface((ID,)), True, "parameter `accept_language` removed"),
        (
            surface((ID,)),
            surface((ID, Parameter("channel", "keyword", "str", required=True))),
            True,
            "new required parameter `channel: str`",
        ),
        (surface((ID,)), surface((ID, LANGUAGE)), False, "new optional parameter `accept_language: str | Unset`"),
        (
            surface((ID, LANGUAGE)),
            surface((ID, Parameter("accept_language", "keyword", "str", required=True))),
            True,
            "parameter `accept_language` is now required",
        ),
        (
            surface((Parameter("id", "positional", "str | int", required=True),)),
            surface((ID,)),
            True,
            "parameter `id` type narrowed: str | int -> str",
        ),
        (
            surface((ID,)),
            surface((Parameter("id", "positional", "str | int", required=True),)),
            False,
            "parameter `id` type widened: str -> str | int",
        ),
        (
            surface((ID,)),
            surface((Parameter("id", "keyword", "str", required=True),)),
            True,
            "parameter `id` is now keyword-only",
        ),
        (surface((ID,)), surface((ID,), returns="Appointment | None"), True, "returns Appointment | None instead of"),
    ],
)
def test_parameter_and_return_changes_are_classified(old: Surface, new: Surface, breaking: bool, what: str) -> None:
    change = only_change(old, new)
    assert (change.breaking, change.where) == (breaking, WHERE)
    assert change.what.startswith(what)


def test_reordered_positional_parameters_break_callers() -> None:
    first, second = Parameter("employee_id", "positional", "str", True), Parameter("id", "positional", "str", True)
    change = only_change(surface((first, second)), surface((second, first)))
    assert change.breaking
    assert change.what == "positional parameters reordered: (id, employee_id)"


@pytest.mark.parametrize(
    ("old_fields", "new_fields", "breaking", "what"),
    [
        (
            {"id": ModelField("str", True), "notes": ModelField("str | Unset", False, "UNSET")},
            {"id": ModelField("str", True)},
            True,
            "field `notes` removed",
        ),
        (
            {"id": ModelField("str", True)},
            {"id": ModelField("str", True), "status": ModelField("AppointmentStatus", True)},
            True,
            "new required field `status: AppointmentStatus`",
        ),
        (
            {"id": ModelField("str", True)},
            {"id": ModelField("str", True), "notes": ModelField("str | Unset", False, "UNSET")},
            False,
            "new optional field `notes: str | Unset`",
        ),
        (
            {"notes": ModelField("None | str | Unset", False, "UNSET")},
            {"notes": ModelField("str | Unset", False, "UNSET")},
            True,
            "field `notes` type narrowed",
        ),
        (
            {"notes": ModelField("str | Unset", False, "UNSET")},
            {"notes": ModelField("None | str | Unset", False, "UNSET")},
            False,
            "field `notes` type widened",
        ),
    ],
)
def test_model_field_changes_are_classified(
    old_fields: dict[str, ModelField], new_fields: dict[str, ModelField], breaking: bool, what: str
) -> None:
    change = only_change(surface(fields=old_fields), surface(fields=new_fields))
    assert (change.breaking, change.where) == (breaking, "models.Appointment")
    assert change.what.startswith(what)


def test_a_field_made_required_is_breaking_for_code_that_builds_the_model() -> None:
    changes = compare(
        surface(fields={"notes": ModelField("str | Unset", False, "UNSET")}),
        surface(fields={"notes": ModelField("str", True)}),
    )
    assert [(c.breaking, c.what) for c in changes] == [(True, "field `notes` is now required")]


def test_a_field_no_longer_required_is_shown_as_a_spec_overlay_makes_it() -> None:
    # An answer left `subject` out: the overlay drops it from `required`, and the regenerated
    # model reads `Subject | Unset`. The type's only new member is `Unset`, so without this line
    # the report would say nothing of a change a reader of the field must handle.
    changes = compare(
        surface(fields={"subject": ModelField("Subject", True)}),
        surface(fields={"subject": ModelField("Subject | Unset", False, "UNSET")}),
    )
    assert [(c.breaking, c.what) for c in changes] == [
        (False, "field `subject` is no longer required (may be absent: `UNSET`)")
    ]


def test_enum_values_removed_break_and_added_do_not() -> None:
    changes = compare(surface(values=("ACCEPTED", "CANCELLED")), surface(values=("ACCEPTED", "NO_SHOW")))
    assert [(c.breaking, c.where, c.what) for c in changes] == [
        (True, "models.AppointmentStatus", "value `CANCELLED` removed"),
        (False, "models.AppointmentStatus", "value `NO_SHOW` added"),
    ]


def test_business_error_codes_removed_break_and_added_do_not() -> None:
    old = {"paths": {"/a": {"post": {"x-business-error-codes": ["GONE", "KEPT"]}}}}
    new = {"components": {"responses": {"Failed": {"x-business-error-codes": ["KEPT", "NEW"]}}}}
    assert error_code_changes(old, new) == [
        Change(True, "ErrorCode.GONE", "business error code removed"),
        Change(False, "ErrorCode.NEW", "business error code added"),
    ]
    assert error_code_changes(old, old) == []


def test_the_markdown_report_is_a_changelog_section_breaking_first() -> None:
    changes = [Change(True, "models.X", "model removed"), Change(False, "ErrorCode.NEW", "business error code added")]
    commands = [Change(False, "pexip-engage x y", "command added")]
    assert markdown("v1.0.0", "HEAD", changes, commands).splitlines() == [
        "### API changes (v1.0.0 -> HEAD)",
        "",
        "#### Breaking",
        "",
        "- `models.X`: model removed",
        "",
        "#### Compatible",
        "",
        "- `ErrorCode.NEW`: business error code added",
        "",
        "#### Command line, compatible",
        "",
        "- `pexip-engage x y`: command added",
    ]
    assert "No change" in markdown("a", "b", [], [])


def test_removed_namespaces_methods_and_models_break_and_breaking_changes_come_first() -> None:
    old = surface((ID,))
    new = Surface(
        namespaces={"appointments": Namespace("AppointmentsResource", {}), "offices": Namespace("OfficesResource", {})},
        models={},
        enums=old.enums,
    )
    assert [str(change) for change in compare(old, new)] == [
        f"BREAKING    {WHERE}: method removed",
        "BREAKING    models.Appointment: model removed",
        "compatible  engage.offices: namespace added",
    ]


def test_the_surface_survives_a_json_round_trip() -> None:
    original = generated_surface()
    assert Surface.from_json(original.to_json()) == original


# --- reading the committed client --------------------------------------------------------------


def test_api_md_lists_every_operation_of_the_spec() -> None:
    """Each operationId of openapi.yaml is a method in api.md, under its tag's namespace; besides
    them only the `ensure_*` methods of creates (docs/safe-writes.md), one per create it names."""
    spec = read_spec()
    read = generated_surface()
    methods = {name for namespace in read.namespaces.values() for name in namespace.methods}
    ensures = {name for name in methods if name.startswith("ensure_")}
    operations = [op for item in spec["paths"].values() for method, op in item.items() if method != "parameters"]
    assert len(methods - ensures) == len(operations)
    assert {"create_" + name.removeprefix("ensure_") for name in ensures} <= methods
    api_md = (ROOT / "api.md").read_text()
    assert api_md == render_markdown(read), "api.md is stale: run `make generate`"
    assert "async def get_appointment_by_id(id: str, *, " in api_md
    assert "def get_employees(*, " in api_md  # a list operation: not awaited, returns AsyncPages


# --- end to end: crafted spec pairs in a throwaway repository -----------------------------------

KEPT_PATHS = ("/lead-segments/{id}", "/appointments/{id}/_actions/accept")


def small_spec() -> dict[str, Any]:
    """Two operations of openapi.yaml with every component they reach, and nothing else."""
    spec = read_spec()
    spec["paths"] = {path: spec["paths"][path] for path in KEPT_PATHS}
    spec.pop("webhooks", None)
    reached: set[tuple[str, str]] = set()
    pending: list[Any] = [spec["paths"]]
    while pending:
        for ref in _refs(pending.pop()):
            kind, name = ref.split("/")[-2:]
            if (kind, name) not in reached:
                reached.add((kind, name))
                pending.append(spec["components"][kind][name])
    for kind, items in spec["components"].items():
        if kind != "securitySchemes":
            spec["components"][kind] = {name: item for name, item in items.items() if (kind, name) in reached}
    return spec


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository whose HEAD holds the small spec, the templates and the generator config."""
    repo = tmp_path_factory.mktemp("api-diff-repo")
    shutil.copytree(ROOT / "templates", repo / "templates")
    shutil.copy(ROOT / "generator-config.yaml", repo)
    (repo / "openapi.yaml").write_text(yaml.safe_dump(small_spec(), sort_keys=False))
    git(repo, "init", "--quiet")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "base")
    return repo


def diff_after(repo: Path, change: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """Write the changed spec into the working tree, generate it, and run api-diff against HEAD."""
    spec = small_spec()
    for path, mutate in change.items():
        mutate(_at(spec, path))
    (repo / "openapi.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    output = repo / "work" / "_generated"
    shutil.rmtree(output.parent, ignore_errors=True)
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(repo / "openapi.yaml"),
            "--config",
            str(repo / "generator-config.yaml"),
            "--custom-template-path",
            str(repo / "templates"),
            "--meta",
            "none",
            "--overwrite",
            "--output-path",
            str(output),
        ],
        check=True,
        capture_output=True,
        env={"PATH": f"{bin_dir}:/usr/bin:/bin"},
    )
    status = main(["HEAD", "--repo", str(repo), "--generated", str(output)])
    return status, capsys.readouterr().out.splitlines()


def _at(spec: dict[str, Any], path: str) -> Any:
    node: Any = spec
    for key in path.split("."):
        node = node[key]
    return node


@pytest.mark.slow
def test_breaking_spec_changes_fail_the_diff_and_are_named(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    required_query = {"name": "channel", "in": "query", "required": True, "schema": {"type": "string"}}
    status, lines = diff_after(
        repo,
        {
            "components.schemas.AppointmentStatus.enum": lambda values: values.remove("NO_SHOW"),
            "paths./lead-segments/{id}.get.parameters": lambda parameters: parameters.append(required_query),
        },
        capsys,
    )
    assert status == 1
    assert "BREAKING    models.AppointmentStatus: value `NO_SHOW` removed" in lines
    assert "BREAKING    engage.lead_segments.get_lead_segment_by_id: new required parameter `channel: str`" in lines
    assert lines[-1] == "2 breaking, 0 compatible change(s)"


@pytest.mark.slow
def test_compatible_spec_changes_pass(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = {"type": "string", "description": "Free text."}
    status, lines = diff_after(
        repo,
        {
            "components.schemas.LeadSegment.properties": lambda properties: properties.update(notes=notes),
            "components.schemas.AppointmentStatus.enum": lambda values: values.append("ON_HOLD"),
            "paths./appointments/{id}/_actions/accept.post.x-business-error-codes": lambda codes: codes.append(
                "APPOINTMENT_TOO_FAR_AHEAD"
            ),
        },
        capsys,
    )
    assert status == 0
    assert "compatible  models.LeadSegment: new optional field `notes: str | Unset`" in lines
    assert "compatible  models.AppointmentStatus: value `ON_HOLD` added" in lines
    assert "compatible  ErrorCode.APPOINTMENT_TOO_FAR_AHEAD: business error code added" in lines
    assert lines[-1] == "0 breaking, 3 compatible change(s)"
    # The same report as a CHANGELOG.md section.
    output = repo / "work" / "_generated"
    assert main(["HEAD", "--repo", str(repo), "--generated", str(output), "--format", "markdown"]) == 0
    section = capsys.readouterr().out
    assert section.startswith("### API changes (HEAD -> the working tree)\n\n#### Compatible\n\n")
    assert "- `ErrorCode.APPOINTMENT_TOO_FAR_AHEAD`: business error code added\n" in section
    assert "#### Breaking" not in section


@pytest.mark.end_to_end
def test_an_unknown_base_revision_is_reported_not_raised(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["no-such-ref", "--repo", str(repo), "--generated", str(repo)])
    assert status == 2
    assert "cannot read openapi.yaml" in capsys.readouterr().err


def test_small_spec_is_self_contained() -> None:
    spec = small_spec()
    names = {f"#/components/{kind}/{name}" for kind, items in spec["components"].items() for name in items}
    assert set(_refs(spec)) <= names
    assert copy.deepcopy(spec)["paths"].keys() == set(KEPT_PATHS)
