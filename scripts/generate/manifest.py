"""What the generated layer was written from, and what was written: `_generated/SOURCES.sha256`.

    python -m scripts.generate.manifest --check

`layer.py` writes the manifest last: the sha256 of each input of the generation (the spec, the
generator's configuration and templates, the generation scripts, the generator's version) and of each
file it wrote. `--check` compares both with the tree in a fraction of a second, so `make check` catches
a generated file edited by hand, or a spec, template or script changed without `make generate`, where
regenerating the layer (`make check-generated`, in `make test`) takes twenty seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NAME = "SOURCES.sha256"
GENERATED = ROOT / "pexip_engage_client" / "_generated"
# The scripts `layer.py` runs: a change to one may change what it writes.
STEPS = (
    "layer",
    "client",
    "error_codes",
    "inferred_operations",
    "typed_parsers",
    "async_to_sync",
    "cli_commands",
    "page_sizes",
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sources(spec: Path) -> dict[str, str]:
    sources = {"spec": _digest(spec), "generator-config.yaml": _digest(ROOT / "generator-config.yaml")}
    for template in sorted((ROOT / "templates").rglob("*")):
        if template.is_file():
            sources[template.relative_to(ROOT).as_posix()] = _digest(template)
    for step in STEPS:
        sources[f"scripts/generate/{step}.py"] = _digest(ROOT / "scripts" / "generate" / f"{step}.py")
    sources["openapi-python-client"] = hashlib.sha256(version("openapi-python-client").encode()).hexdigest()
    return sources


def _written(output: Path) -> dict[str, str]:
    return {
        path.relative_to(output).as_posix(): _digest(path)
        for path in sorted(output.rglob("*"))
        if path.is_file() and path.name != NAME and "__pycache__" not in path.parts
    }


def _lines(sources: dict[str, str], written: dict[str, str]) -> str:
    rows = [f"source {digest} {name}" for name, digest in sources.items()]
    rows += [f"file {digest} {name}" for name, digest in written.items()]
    return "\n".join(rows) + "\n"


def write(spec: Path, output: Path) -> None:
    """Record what `output` was just written from (`spec` and this checkout's generation inputs)."""
    (output / NAME).write_text(_lines(_sources(spec), _written(output)), encoding="utf-8")


def _read(manifest: Path) -> tuple[dict[str, str], dict[str, str]]:
    recorded: dict[str, dict[str, str]] = {"source": {}, "file": {}}
    for row in manifest.read_text(encoding="utf-8").splitlines():
        kind, digest, name = row.split(" ", 2)
        recorded[kind][name] = digest
    return recorded["source"], recorded["file"]


def differences(spec: Path = ROOT / "openapi.yaml", output: Path = GENERATED) -> list[str]:
    """What differs from the manifest, one line each; empty when the layer is what its inputs make."""
    manifest = output / NAME
    if not manifest.is_file():
        return [f"{os.path.relpath(manifest, ROOT)} is missing: run `make generate` and commit the result"]
    sources, files = _read(manifest)
    problems = [
        f"{'openapi.yaml' if name == 'spec' else name} changed since `make generate` ran: run it and commit the result"
        for name, digest in _sources(spec).items()
        if sources.get(name) != digest
    ]
    written = _written(output)
    where = os.path.relpath(output, ROOT)
    for name in sorted(files.keys() | written.keys()):
        if name not in written:
            problems.append(f"{where}/{name} is gone: run `make generate` and commit the result")
        elif name not in files:
            problems.append(f"{where}/{name} is not what `make generate` writes: remove it, or run `make generate`")
        elif files[name] != written[name]:
            problems.append(f"{where}/{name} differs from what `make generate` wrote: never edit it by hand")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", required=True, help="compare the layer with its manifest")
    parser.parse_args(argv)
    problems = differences()
    for problem in problems:
        print(f"check-generated: {problem}", file=sys.stderr)
    if not problems:
        print(f"check-generated: {GENERATED.relative_to(ROOT)} is what its manifest says make generate wrote")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
