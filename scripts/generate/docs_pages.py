"""The documentation site's operation pages, written from openapi.yaml and the generated client.

One page per tag of the spec (`docs/operations/<tag>.md`) and an index, each operation with its
Python call (the signature as `scripts/generate/api_surface.py` reads it from the generated code, the source
of api.md too), its HTTP method and path, its parameters as the keyword arguments a caller passes
(matched to the generated method's arguments, or to the per-call options) with what each is sent
as, its body and response models, the
errors it documents and the business error codes of its 422. `make docs` runs this before every
build into the git-ignored `docs/operations/`, so the pages cannot fall behind the spec.

    python -m scripts.generate.docs_pages [--output docs/operations]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from pexip_engage_client._runtime.invoker import RequestOptions
from pexip_engage_client.testing._spec import resolve
from scripts.generate.api_surface import GENERATED, Method, Surface, _signature, read_surface, sync_signature

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi.yaml"
OUTPUT = ROOT / "docs" / "operations"
_METHODS = ("get", "put", "post", "delete", "patch")
# The error each documented status raises (pexip_engage_client.errors).
_ERRORS = {
    "400": "BadRequestError",
    "401": "AuthenticationError",
    "403": "PermissionDeniedError",
    "404": "NotFoundError",
    "409": "ConflictError",
    "422": "BusinessValidationError",
    "429": "RateLimitError",
}


def snake_case(name: str) -> str:
    """`getAppointmentById` -> `get_appointment_by_id`, `lead-segments` -> `lead_segments`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).replace("-", "_").lower()


def _schema_text(schema: dict[str, Any]) -> str:
    """A parameter's or field's schema in a few words: `string`, `array of AppointmentStatus`, ..."""
    if "$ref" in schema:
        return _model_link(schema["$ref"].rsplit("/", 1)[-1])
    for key in ("oneOf", "anyOf"):
        if key in schema:
            members = [_schema_text(member) for member in schema[key]]
            return " or ".join(member for member in members if member != "null") + (
                " or null" if "null" in members else ""
            )
    kind = schema.get("type", "any")
    if isinstance(kind, list):
        return " or ".join(kind)
    if kind == "array":
        return f"array of {_schema_text(schema.get('items', {}))}"
    text = f"{kind} ({schema['format']})" if "format" in schema else str(kind)
    if "enum" in schema:
        text += ": " + ", ".join(f"`{value}`" for value in schema["enum"])
    return text


def _model_link(name: str) -> str:
    """A model's name, linked to its reference entry when `pexip_engage_client.models` exports it."""
    if name in _exported_models():
        return f"[`models.{name}`][pexip_engage_client.models.{name}]"
    return f"`{name}`"


def _exported_models() -> frozenset[str]:
    from pexip_engage_client import models  # noqa: PLC0415 (the package is imported only to list its names)

    return frozenset(models.__all__)


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _model(spec: dict[str, Any], holder: dict[str, Any]) -> str | None:
    content = resolve(holder, spec).get("content", {}).get("application/json")
    if content is None:
        return None
    schema = content.get("schema", {})
    if "$ref" in schema:
        return _model_link(schema["$ref"].rsplit("/", 1)[-1])
    return _schema_text(schema)


def _normalized(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def python_argument(parameter: dict[str, Any], method: Method, operation_id: str) -> str:
    """How a caller passes a spec parameter, as the generated method (or the per-call options) names it.

    `id` for a positional argument, `country_code=` for a keyword one, matched on the name without
    case or punctuation, as the generator derives it; a parameter no method argument takes is one the
    client sets from a per-call option whose name ends its own (`X-Correlation-Id`: `correlation_id=`).
    """
    wanted = _normalized(parameter["name"])
    # The generator suffixes the place to a name two places share (`id_path`, `id_query`).
    placed = _normalized(f"{parameter['name']}_{parameter['in']}")
    for name in (wanted, placed):
        for argument in method.parameters:
            if argument.kind != "variadic" and _normalized(argument.name) == name:
                return f"`{argument.name}`" if argument.kind == "positional" else f"`{argument.name}=`"
    options = [name for name in RequestOptions.__annotations__ if wanted.endswith(_normalized(name))]
    if not options:
        raise ValueError(f"{operation_id}: no argument or per-call option takes the parameter {parameter['name']!r}")
    return f"`{options[0]}=` (per-call option)"


def render_operation(
    spec: dict[str, Any], path: str, method: str, operation: dict[str, Any], call: str, *, python_method: Method
) -> list[str]:
    """One operation's section, under a heading named after its Python method."""
    name = snake_case(operation["operationId"])
    lines = [f"## `{name}`", "", f"**{operation.get('summary', name)}**", ""]
    lines += ["```python", call, "```", ""]
    lines += [f"`{method.upper()} /enterprises/{{enterprise}}{path}` (operationId `{operation['operationId']}`)", ""]
    description = operation.get("description", "").strip()
    if description:
        lines += [description, ""]
    parameters = [resolve(parameter, spec) for parameter in operation.get("parameters", [])]
    if parameters:
        lines += ["| argument | sent as | required | type | description |", "|---|---|---|---|---|"]
        for parameter in parameters:
            argument = python_argument(parameter, python_method, operation["operationId"])
            lines.append(
                f"| {argument} | `{parameter['name']}` ({parameter['in']}) "
                f"| {'yes' if parameter.get('required') else 'no'} "
                f"| {_schema_text(parameter.get('schema', {}))} | {_one_line(parameter.get('description', ''))} |"
            )
        lines.append("")
    if "requestBody" in operation:
        body = resolve(operation["requestBody"], spec)
        required = "required" if body.get("required") else "optional"
        lines += [f"Body ({required}): {_model(spec, body)}", ""]
    answers = []
    for status, response in operation.get("responses", {}).items():
        model = _model(spec, response)
        if status.startswith("2"):
            answers.append(f"- **{status}**: {model if model else 'no body'}")
        else:
            error = _ERRORS.get(status, "ServerError" if status.startswith("5") else "APIError")
            text = _one_line(resolve(response, spec).get("description", ""))
            answers.append(f"- **{status}** ({text}): raises [`errors.{error}`][pexip_engage_client.errors.{error}]")
    lines += ["Responses:", "", *answers, ""]
    codes = operation.get("x-business-error-codes", [])
    if codes:
        lines += ["Business error codes of its 422: " + ", ".join(f"`{code}`" for code in codes), ""]
    return lines


def render_pages(spec: dict[str, Any], surface: Surface) -> dict[str, str]:
    """File name -> Markdown: `index.md` and one page per tag."""
    by_tag: dict[str, list[tuple[str, str, dict[str, Any]]]] = {tag["name"]: [] for tag in spec.get("tags", [])}
    for path, item in spec["paths"].items():
        for method in _METHODS:
            if method in item:
                operation = item[method]
                by_tag.setdefault(operation["tags"][0], []).append((path, method, operation))
    pages: dict[str, str] = {}
    descriptions = {tag["name"]: tag.get("description", "") for tag in spec.get("tags", [])}
    index = [
        "# Operations",
        "",
        "Every operation of the API, one page per group. Each group is an attribute of the client",
        "(`engage.appointments`, ...) and each operation a method named after its operationId in",
        "snake_case; [Calling operations](../calling-operations.md) explains the arguments they share.",
        "These pages are written from `openapi.yaml` when the site is built.",
        "",
        "| group | operations | |",
        "|---|---|---|",
    ]
    for tag, operations in by_tag.items():
        attribute = snake_case(tag)
        namespace = surface.namespaces.get(attribute)
        if namespace is None:
            raise ValueError(f"the generated client has no namespace {attribute} for the tag {tag}")
        lines = [
            f"# `engage.{attribute}`",
            "",
            f"{descriptions.get(tag, '')} The `{tag}` operations of the API, methods of `{namespace.resource_class}`.",
            "",
        ]
        for path, method, operation in sorted(operations, key=lambda entry: snake_case(entry[2]["operationId"])):
            name = snake_case(operation["operationId"])
            python_method: Method | None = namespace.methods.get(name)
            if python_method is None:
                raise ValueError(f"engage.{attribute} has no method {name} for {operation['operationId']}")
            call = (
                f"# engage.{attribute}, PexipEngage\n{_signature(name, python_method)}\n"
                f"# engage.{attribute}, SyncPexipEngage\n{sync_signature(name, python_method)}"
            )
            lines += render_operation(spec, path, method, operation, call, python_method=python_method)
        pages[f"{attribute}.md"] = "\n".join(lines).rstrip() + "\n"
        listed = ", ".join(
            f"[`{snake_case(op['operationId'])}`]({attribute}.md#{snake_case(op['operationId'])})"
            for _, _, op in sorted(operations, key=lambda entry: snake_case(entry[2]["operationId"]))
        )
        index.append(f"| [`engage.{attribute}`]({attribute}.md) | {listed} | {_one_line(descriptions.get(tag, ''))} |")
    pages["index.md"] = "\n".join(index) + "\n"
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the folder to (re)write")
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--generated", type=Path, default=GENERATED)
    arguments = parser.parse_args(argv)
    spec = yaml.safe_load(arguments.spec.read_text(encoding="utf-8"))
    pages = render_pages(spec, read_surface(arguments.generated))
    shutil.rmtree(arguments.output, ignore_errors=True)
    arguments.output.mkdir(parents=True)
    for name, text in pages.items():
        (arguments.output / name).write_text(text, encoding="utf-8")
    print(f"docs_pages: {len(pages) - 1} operation pages in {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
