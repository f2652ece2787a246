"""The generated layer, every file of it, from a spec: what `make generate` and `make vendor` write.

    python -m scripts.generate.layer --spec openapi.yaml --output DIR [--runtime RUNTIME_DIR]

In this order, each step by its own script: the generator (`client.py`, with this project's
generator-config.yaml and templates/), `ErrorCode`'s members, the spec's business error codes
(`error_codes.py`, first: the facade imports them, and for the same reason the operations the spec
infers, `inferred_operations.py`), the typed parsers (`typed_parsers.py`, which imports the
generated code beside RUNTIME_DIR: by default the `_runtime` beside DIR, else this project's), the
resource modules' sync twins (`async_to_sync.py --generated`), the spec as JSON (`openapi.json`,
which the fake API reads at run time), the command line's command table (`cli_commands.py`) and
the largest page of each list operation (`page_sizes.py`), and last the manifest of what was
written from what (`manifest.py`). DIR is replaced whole. The one list of
the steps: `make generate`, `make check-generated` and `make vendor` all run it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from . import manifest

ROOT = Path(__file__).resolve().parents[2]


def _run(*arguments: str | Path) -> None:
    # The generator's post-hooks call `ruff` by name: this Python's own, pinned in the dev group.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    command = [sys.executable, "-m", *map(str, arguments)]
    subprocess.run(command, cwd=ROOT, env={**os.environ, "PATH": path}, check=True)


def write_layer(spec: Path, output: Path, runtime: Path | None = None) -> None:
    """Write the generated layer for `spec` into `output` (replaced), against the runtime at `runtime`."""
    spec, output = spec.resolve(), output.resolve()
    if output.name != "_generated":  # it is deleted whole: never a folder of another name by a slip
        raise SystemExit(f"layer: the output folder must be named _generated, not {output.name!r}")
    shutil.rmtree(output, ignore_errors=True)  # the generator's --overwrite leaves files it did not write
    _run(
        "scripts.generate.client",
        "--path",
        spec,
        "--config",
        ROOT / "generator-config.yaml",
        "--custom-template-path",
        ROOT / "templates",
        "--meta",
        "none",
        "--overwrite",
        "--output-path",
        output,
    )
    # Before any step that imports the package: the facade's `ErrorCode` is this module's enum.
    _run("scripts.generate.error_codes", output, "--spec", spec)
    # Likewise: the request pipeline reads which operations are inferred.
    _run("scripts.generate.inferred_operations", output, "--spec", spec)
    runtime_arguments: list[str | Path] = ["--runtime", runtime.resolve()] if runtime else []
    _run("scripts.generate.typed_parsers", output, *runtime_arguments)
    _run("scripts.generate.async_to_sync", "--generated", output)
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    with (output / "openapi.json").open("w", encoding="utf-8") as copy:
        json.dump(document, copy, indent=1, ensure_ascii=False)
    _run("scripts.generate.cli_commands", output, "--spec", spec)
    _run("scripts.generate.page_sizes", output, "--spec", spec)
    manifest.write(spec, output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml", help="the OpenAPI document")
    parser.add_argument("--output", type=Path, required=True, help="the _generated folder to write (replaced)")
    parser.add_argument("--runtime", type=Path, help="the _runtime the generated code imports (default: beside it)")
    arguments = parser.parse_args(argv)
    write_layer(arguments.spec, arguments.output, arguments.runtime)
    return 0


if __name__ == "__main__":
    sys.exit(main())
