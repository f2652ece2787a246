"""Run openapi-python-client with the parameters' descriptions where the generator reads them.

openapi.yaml describes each parameter on the parameter itself, as OpenAPI intends, but
openapi-python-client 0.29.1 documents a parameter only with its schema's `description` and drops
the parameter's own (upstream issue 1411), which would leave the operation methods' `Args:` empty.
So this copies each parameter's description into its schema (where the schema has none and is not
a bare `$ref`, whose description the generator takes from the referenced schema, even under
`allOf`) in a temporary copy of the document, and runs the generator on that copy with the
other arguments unchanged. Nothing else in the document changes.

    python -m scripts.generate.client --path openapi.yaml [other `openapi-python-client generate` arguments]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml


def with_parameter_descriptions(document: dict[str, Any]) -> dict[str, Any]:
    """`document` with each described parameter's description also on its schema (changed in place)."""
    parameters = list(document.get("components", {}).get("parameters", {}).values())
    for path_item in document.get("paths", {}).values():
        parameters += path_item.get("parameters", [])
        parameters += [
            parameter
            for operation in path_item.values()
            if isinstance(operation, dict)
            for parameter in operation.get("parameters", [])
        ]
    for parameter in parameters:
        schema = parameter.get("schema")
        if "description" in parameter and isinstance(schema, dict) and not {"$ref", "description"} & schema.keys():
            parameter["schema"] = {**schema, "description": parameter["description"]}
    return document


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--path", type=Path, required=True, help="the OpenAPI document (openapi.yaml)")
    known, rest = parser.parse_known_args(argv)
    document = with_parameter_descriptions(yaml.safe_load(known.path.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory() as folder:
        prepared = Path(folder) / known.path.name
        prepared.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
        command = [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(prepared), *rest]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
