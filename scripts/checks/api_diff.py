"""What a spec change does to callers: the Python API generated at a git revision against now.

    python -m scripts.checks.api_diff BASE [--head REF] [--generated DIR] [--repo DIR] [--format text|markdown]

BASE's `openapi.yaml`, `generator-config.yaml` and `templates/` are generated into a temporary
folder with the pinned generator; the result is compared with the working tree's generated client
(or with the one generated at `--head`). Each difference is printed and classified:

- **breaking** for code that calls the client: a namespace, method, parameter, model, field, enum
  or enum value removed; a new required parameter or model field; a parameter made required, made
  keyword-only or moved; a parameter or field type narrowed (a type it accepted before is gone);
  a method's return type changed;
- **compatible** otherwise: additions, optional parameters and fields, fields no longer required
  (code that reads one must then expect `UNSET`), types widened.

The business error codes (`ErrorCode`'s members, from the spec's `x-business-error-codes`) are
compared too: a code removed breaks code that names its member, a code added is compatible. Enum
values added and removed are the models' enums' (above).

The command line's commands (`pexip-engage`, see `scripts/generate/cli_commands.py`) are compared too, and
their changes listed after the Python API's: a command, option or choice removed, or an option
made required, breaks the scripts that run them.

`--format markdown` prints the same report as a section ready for CHANGELOG.md (`### API changes`,
then the breaking and the compatible changes as lists), for a pull request's body or a release.

The exit status is 1 when any change is breaking, 0 otherwise, 2 when the comparison could not run.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..generate.api_surface import GENERATED, ROOT, Method, ModelField, Parameter, Surface, read_surface
from ..generate.cli_commands import build_table, compare_tables, read_spec
from ..generate.error_codes import business_error_codes

# What generation at a revision needs from it.
_GENERATION_INPUTS = ("openapi.yaml", "generator-config.yaml", "templates")


@dataclass(frozen=True)
class Change:
    breaking: bool
    where: str
    what: str

    def __str__(self) -> str:
        return f"{'BREAKING  ' if self.breaking else 'compatible'}  {self.where}: {self.what}"


def compare(old: Surface, new: Surface) -> list[Change]:
    """Every difference between two surfaces, breaking ones first."""
    changes = [*_namespace_changes(old, new), *_model_changes(old, new), *_enum_changes(old, new)]
    return sorted(changes, key=lambda change: not change.breaking)


def _namespace_changes(old: Surface, new: Surface) -> Iterator[Change]:
    for name in old.namespaces.keys() - new.namespaces.keys():
        yield Change(True, f"engage.{name}", "namespace removed")
    for name in new.namespaces.keys() - old.namespaces.keys():
        yield Change(False, f"engage.{name}", "namespace added")
    for name in sorted(old.namespaces.keys() & new.namespaces.keys()):
        old_methods, new_methods = old.namespaces[name].methods, new.namespaces[name].methods
        for method in sorted(old_methods.keys() - new_methods.keys()):
            yield Change(True, f"engage.{name}.{method}", "method removed")
        for method in sorted(new_methods.keys() - old_methods.keys()):
            yield Change(False, f"engage.{name}.{method}", "method added")
        for method in sorted(old_methods.keys() & new_methods.keys()):
            yield from _method_changes(f"engage.{name}.{method}", old_methods[method], new_methods[method])


def _method_changes(where: str, old: Method, new: Method) -> Iterator[Change]:
    if old.returns != new.returns:
        yield Change(True, where, f"returns {new.returns} instead of {old.returns}")
    if old.asynchronous != new.asynchronous:
        yield Change(True, where, "is now awaited" if new.asynchronous else "is no longer awaited")
    old_parameters = {parameter.name: parameter for parameter in old.parameters}
    new_parameters = {parameter.name: parameter for parameter in new.parameters}
    for name in old_parameters.keys() - new_parameters.keys():
        yield Change(True, where, f"parameter `{name}` removed")
    for name in new_parameters.keys() - old_parameters.keys():
        parameter = new_parameters[name]
        if parameter.required:
            yield Change(True, where, f"new required parameter `{name}: {parameter.annotation}`")
        else:
            yield Change(False, where, f"new optional parameter `{name}: {parameter.annotation}`")
    for name in [parameter.name for parameter in old.parameters if parameter.name in new_parameters]:
        yield from _parameter_changes(where, old_parameters[name], new_parameters[name])
    old_order = [p.name for p in old.parameters if p.kind == "positional" and p.name in new_parameters]
    new_order = [p.name for p in new.parameters if p.kind == "positional" and p.name in old_parameters]
    if old_order != new_order and sorted(old_order) == sorted(new_order):
        yield Change(True, where, f"positional parameters reordered: ({', '.join(new_order)})")


def _parameter_changes(where: str, old: Parameter, new: Parameter) -> Iterator[Change]:
    subject = f"parameter `{old.name}`"
    if new.required and not old.required:
        yield Change(True, where, f"{subject} is now required")
    elif old.required and not new.required:
        yield Change(False, where, f"{subject} is now optional")
    if old.kind == "positional" and new.kind == "keyword":
        yield Change(True, where, f"{subject} is now keyword-only")
    elif old.kind != new.kind:
        yield Change(False, where, f"{subject} is now {new.kind}")
    yield from _type_changes(where, subject, old.annotation, new.annotation)


def _type_changes(where: str, subject: str, old: str, new: str) -> Iterator[Change]:
    """A type that lost members refuses what it accepted (narrowed); one that only gained, widened.

    `Unset` (the absent marker) comes and goes with required-ness, which is reported on its own.
    """
    old_members, new_members = _members(old) - {"Unset"}, _members(new) - {"Unset"}
    removed, added = old_members - new_members, new_members - old_members
    if removed:
        yield Change(True, where, f"{subject} type narrowed: {old} -> {new}")
    elif added:
        yield Change(False, where, f"{subject} type widened: {old} -> {new}")


def _members(annotation: str) -> frozenset[str]:
    """The members of a top-level union (`A | B[C | D] | None` -> A, B[C | D], None)."""
    members: list[str] = []
    current: list[str] = []
    depth = 0
    for character in annotation:
        depth += {"[": 1, "(": 1, "]": -1, ")": -1}.get(character, 0)
        if character == "|" and depth == 0:
            members.append("".join(current).strip())
            current = []
        else:
            current.append(character)
    members.append("".join(current).strip())
    return frozenset(members)


def _model_changes(old: Surface, new: Surface) -> Iterator[Change]:
    for name in sorted(old.models.keys() - new.models.keys()):
        yield Change(True, f"models.{name}", "model removed")
    for name in sorted(new.models.keys() - old.models.keys()):
        yield Change(False, f"models.{name}", "model added")
    for name in sorted(old.models.keys() & new.models.keys()):
        yield from _field_changes(f"models.{name}", old.models[name], new.models[name])


def _field_changes(where: str, old: dict[str, ModelField], new: dict[str, ModelField]) -> Iterator[Change]:
    for name in sorted(old.keys() - new.keys()):
        yield Change(True, where, f"field `{name}` removed")
    for name in sorted(new.keys() - old.keys()):
        if new[name].required:
            yield Change(True, where, f"new required field `{name}: {new[name].annotation}`")
        else:
            yield Change(False, where, f"new optional field `{name}: {new[name].annotation}`")
    for name in sorted(old.keys() & new.keys()):
        subject = f"field `{name}`"
        if new[name].required and not old[name].required:
            yield Change(True, where, f"{subject} is now required")
        elif old[name].required and not new[name].required:
            # What a spec overlay does to a field an answer left out: code that builds the model
            # may now leave it out; code that reads it must expect `UNSET`.
            yield Change(False, where, f"{subject} is no longer required (may be absent: `UNSET`)")
        yield from _type_changes(where, subject, old[name].annotation, new[name].annotation)


def _enum_changes(old: Surface, new: Surface) -> Iterator[Change]:
    for name in sorted(old.enums.keys() - new.enums.keys()):
        yield Change(True, f"models.{name}", "enum removed")
    for name in sorted(new.enums.keys() - old.enums.keys()):
        yield Change(False, f"models.{name}", "enum added")
    for name in sorted(old.enums.keys() & new.enums.keys()):
        for value in sorted(set(old.enums[name]) - set(new.enums[name])):
            yield Change(True, f"models.{name}", f"value `{value}` removed")
        for value in sorted(set(new.enums[name]) - set(old.enums[name])):
            yield Change(False, f"models.{name}", f"value `{value}` added")


def error_code_changes(old_spec: Any, new_spec: Any) -> list[Change]:
    """Codes the spec's `x-business-error-codes` lost (breaking: `ErrorCode.X` is gone) and gained."""
    old, new = set(business_error_codes(old_spec)), set(business_error_codes(new_spec))
    return [
        *(Change(True, f"ErrorCode.{code}", "business error code removed") for code in sorted(old - new)),
        *(Change(False, f"ErrorCode.{code}", "business error code added") for code in sorted(new - old)),
    ]


def markdown(base: str, head: str, changes: list[Change], command_changes: list[Change]) -> str:
    """The report as a CHANGELOG.md section: breaking changes first, each a list item."""
    lines = [f"### API changes ({base} -> {head})", ""]
    groups = [
        ("Breaking", [change for change in changes if change.breaking]),
        ("Compatible", [change for change in changes if not change.breaking]),
        ("Command line, breaking", [change for change in command_changes if change.breaking]),
        ("Command line, compatible", [change for change in command_changes if not change.breaking]),
    ]
    for title, group in groups:
        if group:
            lines += [f"#### {title}", "", *(f"- `{change.where}`: {change.what}" for change in group), ""]
    if not changes and not command_changes:
        lines += ["No change to the Python API or the command line.", ""]
    return "\n".join(lines)


def generate_at(revision: str, repo: Path, into: Path) -> Path:
    """The client generated from `revision`'s spec and templates; returns its `_generated` folder."""
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", revision, *_GENERATION_INPUTS],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        message = archive.stderr.decode(errors="replace").strip()
        raise RuntimeError(f"cannot read {', '.join(_GENERATION_INPUTS)} at {revision}: {message}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    output = into / "_generated"
    tools = Path(sys.executable).parent  # the generator and the ruff its post-hooks run, both pinned
    run = subprocess.run(
        [
            str(tools / "openapi-python-client"),
            "generate",
            "--path",
            str(into / "openapi.yaml"),
            "--config",
            str(into / "generator-config.yaml"),
            "--custom-template-path",
            str(into / "templates"),
            "--meta",
            "none",
            "--overwrite",
            "--output-path",
            str(output),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    if run.returncode != 0:
        raise RuntimeError(f"generating the client at {revision} failed:\n{run.stdout}{run.stderr}")
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="the git revision to compare against (a branch, tag or commit)")
    parser.add_argument("--head", help="compare with the client generated at this revision, not the working tree")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the git repository (default: this one)")
    parser.add_argument("--generated", type=Path, help="the working tree's _generated folder")
    parser.add_argument(
        "--format", choices=("text", "markdown"), default="text", help="markdown: a section for CHANGELOG.md"
    )
    arguments = parser.parse_args(argv)
    current = arguments.generated or (
        GENERATED if arguments.repo == ROOT else arguments.repo / "pexip_engage_client" / "_generated"
    )
    try:
        with tempfile.TemporaryDirectory(prefix="api-diff-") as temporary:
            old = read_surface(generate_at(arguments.base, arguments.repo, Path(temporary) / "base"))
            old_spec = read_spec(Path(temporary) / "base" / "openapi.yaml")
            if arguments.head:
                new = read_surface(generate_at(arguments.head, arguments.repo, Path(temporary) / "head"))
                new_spec = read_spec(Path(temporary) / "head" / "openapi.yaml")
            else:
                new = read_surface(current)
                new_spec = read_spec(arguments.repo / "openapi.yaml")
            # The command line's commands (pexip-engage), made from the same spec and methods.
            command_changes = [
                Change(*change) for change in compare_tables(build_table(old_spec, old), build_table(new_spec, new))
            ]
    except (RuntimeError, OSError, ValueError) as exc:
        print(f"api-diff: {exc}", file=sys.stderr)
        return 2
    changes = sorted([*compare(old, new), *error_code_changes(old_spec, new_spec)], key=lambda c: not c.breaking)
    head = arguments.head or "the working tree"
    breaking = sum(change.breaking for change in changes) + sum(change.breaking for change in command_changes)
    if arguments.format == "markdown":
        print(markdown(arguments.base, head, changes, command_changes), end="")
        return 1 if breaking else 0
    print(f"api-diff: the Python API generated at {arguments.base} -> {head}")
    for change in changes:
        print(change)
    for change in command_changes:
        print(change)
    breaking_commands = sum(change.breaking for change in command_changes)
    if command_changes:
        print(f"{breaking_commands} breaking, {len(command_changes) - breaking_commands} compatible command change(s)")
    breaking_api = sum(change.breaking for change in changes)
    print(f"{breaking_api} breaking, {len(changes) - breaking_api} compatible change(s)")
    return 1 if breaking else 0


if __name__ == "__main__":
    sys.exit(main())
