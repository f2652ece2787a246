"""The Python API of the generated client, read from its source: for `api.md` and `make api-diff`.

The generated layer is read with `ast`, never imported, so a client generated at another git
revision (in a temporary folder, outside any package) can be read the same way. What it reads:

- namespaces: the attributes of the `Resources` class (`engage.<tag>`) and, for each, the public
  async methods of the resource class it returns (parameters with annotations, defaults and kinds,
  and the return annotation);
- models: classes under `models/` decorated with attrs' `define`, and their fields (annotation,
  required or not);
- enums: `Enum` subclasses under `models/` and their members' values.

    python -m scripts.generate.api_surface markdown [--generated DIR] [--output api.md]
    python -m scripts.generate.api_surface json [--generated DIR]
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "pexip_engage_client" / "_generated"

# Decorators that make a class an attrs model in the generated code.
_ATTRS_DECORATORS = frozenset({"define", "_attrs_define", "frozen", "mutable"})
_ENUM_BASES = frozenset({"Enum", "StrEnum", "IntEnum"})
# Present on every model (fields the server sent that the spec does not define): not part of a diff.
_IMPLICIT_FIELDS = frozenset({"additional_properties"})


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # "positional" (positional or keyword), "keyword" (keyword only) or "variadic" (**name)
    annotation: str
    required: bool
    default: str | None = None


@dataclass(frozen=True)
class Method:
    parameters: tuple[Parameter, ...]
    returns: str
    asynchronous: bool = True  # `async def` (awaited) rather than `def` (list operations return AsyncPages)


@dataclass(frozen=True)
class Namespace:
    resource_class: str
    methods: dict[str, Method]


@dataclass(frozen=True)
class ModelField:
    annotation: str
    required: bool
    default: str | None = None


@dataclass
class Surface:
    """Everything a caller of the generated client can depend on, by name."""

    namespaces: dict[str, Namespace] = field(default_factory=dict)
    models: dict[str, dict[str, ModelField]] = field(default_factory=dict)
    enums: dict[str, list[str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Surface:
        namespaces = {
            name: Namespace(
                ns["resource_class"],
                {
                    method: Method(
                        tuple(Parameter(**p) for p in spec["parameters"]), spec["returns"], spec["asynchronous"]
                    )
                    for method, spec in ns["methods"].items()
                },
            )
            for name, ns in data["namespaces"].items()
        }
        models = {
            name: {field_name: ModelField(**spec) for field_name, spec in fields.items()}
            for name, fields in data["models"].items()
        }
        return cls(namespaces, models, {name: list(values) for name, values in data["enums"].items()})


def _async_sources(generated: Path) -> list[Path]:
    """The generated package's modules, without the sync twins (api/_sync/), which define the same class names."""
    return [path for path in sorted(generated.rglob("*.py")) if "_sync" not in path.relative_to(generated).parts]


def read_surface(generated: Path) -> Surface:
    """The API of the generated package in `generated` (the `_generated` folder)."""
    if not (generated / "api" / "__init__.py").is_file():
        raise FileNotFoundError(f"{generated} does not look like a generated client (no api/__init__.py)")
    classes: dict[str, ast.ClassDef] = {}
    model_classes: set[str] = set()  # those defined under models/: what `pexip_engage_client.models` offers
    for path in _async_sources(generated):
        in_models = path.relative_to(generated).parts[0] == "models"
        for node in ast.parse(path.read_text(encoding="utf-8"), str(path)).body:
            if isinstance(node, ast.ClassDef):
                classes.setdefault(node.name, node)
                if in_models:
                    model_classes.add(node.name)
    surface = Surface()
    resources = classes.get("Resources")
    if resources is None:
        raise ValueError(f"{generated}: no Resources class, so no namespaces to read")
    for attribute, resource_class in _resource_attributes(resources):
        resource = classes.get(resource_class)
        if resource is None:
            raise ValueError(f"{generated}: Resources.{attribute} names {resource_class}, which is not defined")
        surface.namespaces[attribute] = Namespace(resource_class, _methods(resource))
    for name, definition in sorted(classes.items()):
        if name not in model_classes:
            continue
        if _is_model(definition):
            surface.models[name] = _fields(definition)
        elif _is_enum(definition):
            surface.enums[name] = _members(definition)
    return surface


def _resource_attributes(resources: ast.ClassDef) -> list[tuple[str, str]]:
    """(attribute, resource class) for each namespace property of `Resources`."""
    found = []
    for node in resources.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_") and node.returns is not None:
            returned = node.returns
            name = returned.value if isinstance(returned, ast.Constant) else ast.unparse(returned)
            found.append((node.name, str(name).strip("'\"")))
    return found


def _methods(resource: ast.ClassDef) -> dict[str, Method]:
    methods = {}
    for node in resource.body:
        if isinstance(node, ast.AsyncFunctionDef | ast.FunctionDef) and not node.name.startswith("_"):
            asynchronous = isinstance(node, ast.AsyncFunctionDef)
            methods[node.name] = Method(_parameters(node.args), _annotation(node.returns), asynchronous)
    return methods


def _parameters(args: ast.arguments) -> tuple[Parameter, ...]:
    positional = [*args.posonlyargs, *args.args][1:]  # without self
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    parameters = [
        Parameter(arg.arg, "positional", _annotation(arg.annotation), default is None, _default(default))
        for arg, default in zip(positional, defaults, strict=True)
    ]
    parameters += [
        Parameter(arg.arg, "keyword", _annotation(arg.annotation), default is None, _default(default))
        for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True)
    ]
    if args.kwarg is not None:
        parameters.append(Parameter(args.kwarg.arg, "variadic", _annotation(args.kwarg.annotation), False))
    return tuple(parameters)


def _is_model(node: ast.ClassDef) -> bool:
    return any(_decorator_name(decorator) in _ATTRS_DECORATORS for decorator in node.decorator_list)


def _decorator_name(decorator: ast.expr) -> str:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    if isinstance(target, ast.Attribute):
        return target.attr
    return target.id if isinstance(target, ast.Name) else ""


def _fields(model: ast.ClassDef) -> dict[str, ModelField]:
    fields = {}
    for node in model.body:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)):
            continue
        name = node.target.id
        annotation = _annotation(node.annotation)
        if name.startswith("_") or name in _IMPLICIT_FIELDS or annotation.startswith("ClassVar"):
            continue
        fields[name] = ModelField(annotation, node.value is None, _default(node.value))
    return fields


def _is_enum(node: ast.ClassDef) -> bool:
    return any(ast.unparse(base).rsplit(".", 1)[-1] in _ENUM_BASES for base in node.bases)


def _members(enum: ast.ClassDef) -> list[str]:
    values = []
    for node in enum.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and not node.targets[0].id.startswith("_")
            and isinstance(node.value, ast.Constant)
        ):
            values.append(str(node.value.value))
    return values


def _annotation(node: ast.expr | None) -> str:
    if node is None:
        return ""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):  # a quoted forward reference
        return node.value
    return ast.unparse(node)


def _default(node: ast.expr | None) -> str | None:
    return None if node is None else ast.unparse(node)


# --- api.md -------------------------------------------------------------------------------------

_HEADER = """\
# Python API

<!-- Generated from openapi.yaml by `make generate` (scripts/generate/api_surface.py): do not edit by hand. -->

The Python API that `make generate` makes from `openapi.yaml`: every namespace of `PexipEngage`
with its methods' signatures, each followed by the same methods as `SyncPexipEngage` has them,
every model with its fields, every enum with its values. It is
committed beside the generated code, and `make check-generated` fails when it is stale, so a change
to the spec shows up in review as a diff of this file. `make api-diff BASE=<git ref>` classifies
such differences as breaking or not.

Every method also exists on the namespace's `with_raw_response`, returning the whole
`ApiResponse[...]` instead of the payload. Every model also has `additional_properties` (fields the
server sent that the spec does not define), `from_dict`, `to_dict`, `to_json` and `to_record` (a
DataFrame row), and its repr shows only the fields that were set, `id`, `status`, `start` and `end`
first.

What every method shares (the README says more):

- `None` for an optional parameter leaves it out, as `UNSET` does; a required one refuses `None`.
  A wrong type or value raises `ValueError` or `TypeError` naming the parameter or the body path
  (`body.start`); a list parameter takes a list or tuple, never a bare string; a date-time, as a
  parameter or in a body, must carry a timezone offset.
- `**options` are the per-call `RequestOptions`: `correlation_id`, `timeout`, `max_retries`,
  `extra_headers`, and `extra_query` / `extra_body` for what the spec does not describe yet (they
  add, and never replace what the call sets).
- A list operation returns an `AsyncPages`: await it for one page, or `async for` every item; the
  pages fetched ahead ramp up (1, 4, 16, ... up to the window) as the items are consumed. On
  `SyncPexipEngage` it returns a `SyncPages`: the first page, fetched by the call, and a `for` over
  it walks every item.
- Beside the namespaces, the client itself has raw calls for paths the spec lacks,
  `engage.get/post/put/patch/delete(path, *, params=, json=, headers=, cast_to=, **options)`, and
  `engage.with_options(timeout=, max_retries=, retry=RetryPolicy(...))`, a client that shares the
  connections, the token cache and the lifecycle.
"""


def render_markdown(surface: Surface) -> str:
    lines = [_HEADER, "## Namespaces", ""]
    for attribute, namespace in surface.namespaces.items():
        lines += [f"### `engage.{attribute}` ({namespace.resource_class})", "", "```python", "# PexipEngage"]
        lines += [_signature(name, method) for name, method in namespace.methods.items()]
        lines += ["# SyncPexipEngage"]
        lines += [sync_signature(name, method) for name, method in namespace.methods.items()]
        lines += ["```", ""]
    lines += ["## Models", ""]
    for name, fields in surface.models.items():
        lines += [f"### `{name}`", "", "```python"]
        lines += [f"{field_name}: {spec.annotation}" + _default_text(spec) for field_name, spec in fields.items()]
        lines += [] if fields else ["# no fields of its own"]
        lines += ["```", ""]
    lines += ["## Enums", ""]
    for name, values in surface.enums.items():
        lines += [f"- `{name}`: " + ", ".join(f"`{value}`" for value in values)]
    return "\n".join(lines).rstrip() + "\n"


def _signature(name: str, method: Method) -> str:
    parts: list[str] = []
    keyword_marker_written = False
    for parameter in method.parameters:
        if parameter.kind == "keyword" and not keyword_marker_written:
            parts.append("*")
            keyword_marker_written = True
        prefix = "**" if parameter.kind == "variadic" else ""
        text = f"{prefix}{parameter.name}: {parameter.annotation}" if parameter.annotation else prefix + parameter.name
        if parameter.default is not None:
            text += f" = {parameter.default}"
        parts.append(text)
    keyword = "async def" if method.asynchronous else "def"
    return f"{keyword} {name}({', '.join(parts)}) -> {method.returns}"


def sync_signature(name: str, method: Method) -> str:
    """The method as `SyncPexipEngage` has it: the async twin's signature with the converter's renames
    (scripts/generate/async_to_sync.py writes that twin from the same source), no `async`, `SyncPages` for pages."""
    from scripts.generate.async_to_sync import RENAMES  # noqa: PLC0415 - the one table of what the sync side calls things

    text = _signature(name, method).removeprefix("async ")
    return re.sub(r"\b(" + "|".join(map(re.escape, RENAMES)) + r")\b", lambda match: RENAMES[match[1]], text)


def _default_text(spec: ModelField) -> str:
    return "" if spec.default is None else f" = {spec.default}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("format", choices=["markdown", "json"])
    parser.add_argument("--generated", type=Path, default=GENERATED, help="the _generated folder to read")
    parser.add_argument("--output", type=Path, help="write here instead of standard output")
    arguments = parser.parse_args(argv)
    surface = read_surface(arguments.generated)
    text = render_markdown(surface) if arguments.format == "markdown" else json.dumps(surface.to_json(), indent=2)
    if arguments.output is None:
        sys.stdout.write(text)
    else:
        arguments.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
