"""The command line's command table, written from the spec and the generated client by `make generate`.

    python -m scripts.generate.cli_commands GENERATED_DIR [--spec openapi.yaml]

`pexip-engage` offers one command per operation, grouped by tag. Which commands exist, what they
call and what they take is decided here, at generation time, and written to
`GENERATED_DIR/cli_commands.json`, so that the command line reads a small file when it starts
instead of importing the generated layer or parsing the whole spec:

- the groups are the spec's tags (`lead-segments`), each naming the facade attribute that holds
  its operations (read from the generated `Resources` class, never derived by a naming rule);
- a command is a generated method (`get-appointment-by-id` calls `get_appointment_by_id`), with
  the HTTP method and path, the summary and whether it returns pages;
- its parameters are the method's own (names, required, path or option), with the spec's
  description as help, its type and its enum values as choices; `body` says whether a body is
  taken and whether it is required.

A spec parameter is matched to its Python parameter by name with case and punctuation ignored
(`external-id` and `external_id`); one that matches nothing stops generation, loudly, rather
than leaving a command that cannot send what the operation needs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from pexip_engage_cli._app import top_help
from pexip_engage_cli._table import HELP_NAME
from pexip_engage_cli._table import TABLE_NAME as OUTPUT_NAME
from pexip_engage_client.testing._spec import resolve

from .api_surface import GENERATED, ROOT, Surface, read_surface

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# What the facade method takes beyond the spec's parameters: per-call settings, not command options.
_OPTIONS_PARAMETER = "options"
# The command group of the client's `ensure_*` methods, and their names' prefix.
ENSURE_GROUP = "ensure"
_ENSURE_PREFIX = "ensure_"
# An ensure method's own setting beyond the body: an option of `pexip-engage ensure ...`.
_RECONCILE_WITHIN: dict[str, Any] = {
    "name": "reconcile_within",
    "python": "reconcile_within",
    "in": "client",
    "positional": False,
    "required": False,
    "help": "seconds to look for what a create made when its answer was lost (default 10)",
    "type": "number",
    "array": False,
    "enum": None,
    "checks": {"exclusiveMinimum": 0},
}


# The schema keywords the command line checks itself before sending (each value, or each element of a
# repeated option), so that a documented bound is a usage error naming the option, not a server 400.
_CHECKS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "format")


def _normalized(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def kebab(name: str) -> str:
    """`get_appointment_by_id` -> `get-appointment-by-id`."""
    return name.strip("_").replace("_", "-")


def _schema_facts(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The type, element type and enum values of a parameter's schema, for the command line's parsing."""
    schema = resolve(schema, spec)
    for key in ("oneOf", "anyOf"):  # a nullable type: the member that is not null
        members = [member for member in schema.get(key, []) if resolve(member, spec).get("type") != "null"]
        if len(members) == 1:
            schema = resolve(members[0], spec)
    kind = schema.get("type", "object")
    if isinstance(kind, list):  # ["string", "null"]
        kind = next((k for k in kind if k != "null"), "string")
    if kind == "array":
        item = _schema_facts(spec, schema.get("items", {}))
        return {"type": item["type"], "array": True, "enum": item["enum"], "checks": item["checks"]}
    enum = schema.get("enum")
    return {
        "type": kind,
        "array": False,
        "enum": [value for value in enum if value is not None] if enum else None,
        "checks": {key: schema[key] for key in _CHECKS if key in schema},
    }


def _help(text: str | None) -> str:
    """One paragraph: the command line's help wraps it itself."""
    return " ".join((text or "").split())


def build_table(spec: dict[str, Any], surface: Surface) -> dict[str, Any]:
    """The command table for `spec` and the client generated from it (its `surface`)."""
    namespaces = {_normalized(name): name for name in surface.namespaces}
    tag_help = {tag["name"]: _help(tag.get("description")) for tag in spec.get("tags", [])}
    groups: dict[str, Any] = {}
    for path, item in spec["paths"].items():
        shared = item.get("parameters", [])
        for http_method, operation in item.items():
            if http_method not in _METHODS:
                continue
            operation_id = operation["operationId"]
            tag = (operation.get("tags") or ["default"])[0]
            namespace = namespaces.get(_normalized(tag))
            if namespace is None:
                raise ValueError(f"{operation_id}: tag {tag!r} has no namespace in the generated client")
            methods = {_normalized(name): name for name in surface.namespaces[namespace].methods}
            method_name = methods.get(_normalized(operation_id))
            if method_name is None:
                raise ValueError(
                    f"{operation_id}: no method engage.{namespace}.<{operation_id}> in the generated client"
                )
            method = surface.namespaces[namespace].methods[method_name]
            python = {_normalized(p.name): p for p in method.parameters if p.kind != "variadic"}
            parameters = []
            for raw in [*shared, *operation.get("parameters", [])]:
                parameter = resolve(raw, spec)
                # The generator suffixes the place to names two places share (`id_path`, `id_query`).
                match = python.get(_normalized(parameter["name"])) or python.get(
                    _normalized(f"{parameter['name']}_{parameter['in']}")
                )
                if match is None:
                    continue  # set by the client itself (X-Correlation-Id), not by the caller
                parameters.append(
                    {
                        "name": parameter["name"],
                        "python": match.name,
                        "in": parameter["in"],
                        "positional": match.kind == "positional",
                        "required": match.required,
                        "help": _help(
                            parameter.get("description") or resolve(parameter["schema"], spec).get("description")
                        ),
                        **_schema_facts(spec, parameter.get("schema", {})),
                    }
                )
            known = {p["python"] for p in parameters} | {"body"}
            missing = [p.name for p in method.parameters if p.kind != "variadic" and p.name not in known]
            if missing:
                raise ValueError(
                    f"{operation_id}: parameters {missing} of engage.{namespace}.{method_name} "
                    "match nothing in the spec"
                )
            body = None
            if "body" in python:
                request_body = resolve(operation["requestBody"], spec)
                body = {"required": python["body"].required, "help": _help(request_body.get("description"))}
            group = groups.setdefault(tag, {"namespace": namespace, "help": tag_help.get(tag, ""), "commands": {}})
            group["commands"][kebab(method_name)] = {
                "method": method_name,
                "operation": operation_id,
                "http": f"{http_method.upper()} {path}",
                # an operation the spec infers says so in the command list (its help: the description)
                "summary": _help(operation.get("summary")) + (" (inferred)" if "x-inferred" in operation else ""),
                "description": _help(operation.get("description")),
                "pages": not method.asynchronous,
                "parameters": parameters,
                "body": body,
                **({"inferred": True} if "x-inferred" in operation else {}),
            }
    ensure = _ensure_group(groups, surface)
    if ensure["commands"]:
        groups[ENSURE_GROUP] = ensure
    for group in groups.values():
        group["commands"] = dict(sorted(group["commands"].items()))
    return {"groups": dict(sorted(groups.items()))}


def _ensure_group(groups: dict[str, Any], surface: Surface) -> dict[str, Any]:
    """`pexip-engage ensure NAME`: one command per `ensure_*` method of the client, beside its create.

    `ensure_appointment` is `ensure appointment`; it takes the body of `appointments
    create-appointment` (the create it makes safe to retry) and calls the ensure method of the same
    namespace. The create's help is told about it, so whoever looks there finds the safe way.
    """
    commands: dict[str, Any] = {}
    for group_name, group in groups.items():
        methods = surface.namespaces[group["namespace"]].methods
        for method_name, method in methods.items():
            if not method_name.startswith(_ENSURE_PREFIX):
                continue
            subject = method_name.removeprefix(_ENSURE_PREFIX)
            create_name = kebab("create_" + subject)
            create = group["commands"].get(create_name)
            if create is None or create["body"] is None:
                raise ValueError(f"engage.{group['namespace']}.{method_name}: no command {group_name} {create_name}")
            name = kebab(subject)
            words = subject.replace("_", " ")
            create["description"] = (
                f"{create['description']} To create once per externalId, safe to retry: `pexip-engage ensure {name}`."
            ).strip()
            parameters = [
                _RECONCILE_WITHIN for parameter in method.parameters if parameter.name == _RECONCILE_WITHIN["python"]
            ]
            commands[name] = {
                **create,
                "method": method_name,
                "namespace": group["namespace"],
                "http": f"{create['http']} after a look-up by externalId,",
                "summary": f"{create['summary']} once per externalId (created, found or reconciled)",
                "description": (
                    f"the way to run `{group_name} {create_name}` that is safe to retry: it creates only when nothing "
                    "has the body's externalId. Prints the outcome (created, found or reconciled) and the "
                    f"{words}; with -o json, "
                    '{"outcome": ..., "externalId": ..., "resource": {...}}. A resource with the external id'
                    " that differs from the body is an error, and nothing is sent. See docs/safe-writes.md."
                ),
                "parameters": parameters,
                "body": {"required": True, "help": create["body"]["help"]},
                "ensures": f"{group_name} {create_name}",
            }
    return {
        "namespace": "",
        "help": "Create once per externalId, safe to retry: each create that has an ensure_* method in the client.",
        "commands": commands,
    }


def read_spec(path: Path) -> dict[str, Any]:
    if path.suffix == ".json":
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return loaded
    import yaml  # noqa: PLC0415 - only where the YAML spec is read (generation, api-diff)

    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document


def render(table: dict[str, Any]) -> str:
    return json.dumps(table, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("generated", type=Path, nargs="?", default=GENERATED, help="the _generated folder")
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml", help="the spec it was generated from")
    arguments = parser.parse_args(argv)
    table = build_table(read_spec(arguments.spec), read_surface(arguments.generated))
    (arguments.generated / OUTPUT_NAME).write_text(render(table), encoding="utf-8")
    (arguments.generated / HELP_NAME).write_text(top_help(table["groups"]), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())


def compare_tables(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[bool, str, str]]:
    """How the command line changed, as (breaking, where, what), breaking ones first.

    Breaking for a script that runs the command line: a group, command, option or choice removed; a
    new required option; an option made required; a path argument added, removed or moved.
    """
    changes: list[tuple[bool, str, str]] = []
    old_groups, new_groups = old["groups"], new["groups"]
    for group in sorted(old_groups.keys() | new_groups.keys()):
        old_commands = old_groups.get(group, {}).get("commands", {})
        new_commands = new_groups.get(group, {}).get("commands", {})
        for command in sorted(old_commands.keys() | new_commands.keys()):
            where = f"pexip-engage {group} {command}"
            if command not in new_commands:
                changes.append((True, where, "command removed"))
            elif command not in old_commands:
                changes.append((False, where, "command added"))
            else:
                changes.extend(
                    (b, where, what) for b, what in _command_changes(old_commands[command], new_commands[command])
                )
    return sorted(changes, key=lambda change: not change[0])


def _arguments(command: dict[str, Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    positional = [p["python"].strip("_").upper() for p in command["parameters"] if p["positional"]]
    options = {"--" + kebab(p["python"]): p for p in command["parameters"] if not p["positional"]}
    if command["body"] is not None:
        options["--body"] = {"required": command["body"]["required"], "enum": None}
    if command["pages"]:
        options["--all"] = {"required": False, "enum": None}
    return positional, options


def _command_changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[bool, str]]:
    changes: list[tuple[bool, str]] = []
    old_positional, old_options = _arguments(old)
    new_positional, new_options = _arguments(new)
    if old_positional != new_positional:
        changes.append((True, f"arguments ({' '.join(old_positional)}) are now ({' '.join(new_positional)})"))
    for name in sorted(old_options.keys() - new_options.keys()):
        changes.append((True, f"option {name} removed"))
    for name in sorted(new_options.keys() - old_options.keys()):
        required = new_options[name]["required"]
        changes.append((required, f"new {'required' if required else 'optional'} option {name}"))
    for name in sorted(old_options.keys() & new_options.keys()):
        before, after = old_options[name], new_options[name]
        if after["required"] and not before["required"]:
            changes.append((True, f"option {name} is now required"))
        old_choices, new_choices = set(before["enum"] or ()), set(after["enum"] or ())
        if before["enum"] and after["enum"]:
            changes.extend(
                (True, f"option {name}: choice {value} removed") for value in sorted(old_choices - new_choices)
            )
            changes.extend(
                (False, f"option {name}: choice {value} added") for value in sorted(new_choices - old_choices)
            )
    return changes
