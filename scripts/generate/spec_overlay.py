"""`make spec-overlay OVERLAY=FILE`: an OpenAPI Overlay applied to openapi.yaml, all of it or nothing.

    python -m scripts.generate.spec_overlay FILE [--spec openapi.yaml]

FILE is YAML or JSON (what `pexip-engage spec check --overlay` or `engage.spec_drift.overlay()`
wrote). Every action is applied (pexip_engage_client/testing/_overlay.py: python-jsonpath's RFC 9535
JSONPath and the Overlay specification's merge rules) to the spec as ruamel.yaml reads it, with its
comments, anchors and quoting. Only when every action applied is the spec written, whole, in one
replacement of the file; otherwise each failed action is named and the file stays as it was (exit 1).

The spec is written back with its own lines wherever the change did not reach: ruamel.yaml writes
a few of the file's flow-style lines differently (`[{id: "123"}]` as `[id: "123"]`, the same YAML),
so only the lines the overlay changed are taken from its output (when it keeps the file's line
count unchanged otherwise, as it does for openapi.yaml; else its whole output is written).
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from pexip_engage_client.testing._overlay import OverlayError, apply_overlay, read_overlay

ROOT = Path(__file__).resolve().parents[2]


def _yaml() -> YAML:
    yaml = YAML()  # round-trip: comments, anchors, key order and flow style kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never folds a long line the file keeps on one
    yaml.indent(mapping=2, sequence=4, offset=2)  # openapi.yaml's own indentation
    return yaml


def _dump(yaml: YAML, document: Any) -> str:
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue()


def overlaid_text(original: str, overlay: dict[str, Any]) -> str:
    """openapi.yaml's text with `overlay` applied; `OverlayError` naming each action that did not apply."""
    # Tried first on the spec as plain data (libyaml's loader where PyYAML has it: a fraction of the
    # round-trip loader's time), so that an overlay that does not apply fails fast.
    apply_overlay(pyyaml.load(original, Loader=getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)), overlay)  # noqa: S506
    yaml = _yaml()
    document = yaml.load(original)
    unchanged = _dump(yaml, document)
    apply_overlay(document, _quoted_as_the_spec_quotes(overlay))
    changed = _dump(yaml, document)
    return _keep_own_lines(original, unchanged, changed)


def _quoted_as_the_spec_quotes(value: Any) -> Any:
    """`value` with each text that YAML would not read back as itself unquoted (`"null"`, `"503"`,
    `"#/components/..."`) double-quoted, as openapi.yaml writes them (ruamel.yaml would single-quote)."""
    if isinstance(value, dict):
        return {_quoted_as_the_spec_quotes(key): _quoted_as_the_spec_quotes(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_quoted_as_the_spec_quotes(item) for item in value]
    if isinstance(value, str) and not _reads_back(value):
        return DoubleQuotedScalarString(value)
    return value


def _reads_back(text: str) -> bool:
    try:
        return bool(pyyaml.safe_load(f"k: {text}") == {"k": text}) and "\n" not in text
    except pyyaml.YAMLError:
        return False


def _keep_own_lines(original: str, unchanged: str, changed: str) -> str:
    """`changed`, with the original's lines wherever the overlay did not change ruamel's output."""
    own, before, after = (
        original.splitlines(keepends=True),
        unchanged.splitlines(keepends=True),
        changed.splitlines(keepends=True),
    )
    if len(own) != len(before):
        return changed
    result: list[str] = []
    for tag, start, end, new_start, new_end in difflib.SequenceMatcher(
        None, before, after, autojunk=False
    ).get_opcodes():
        result += own[start:end] if tag == "equal" else after[new_start:new_end]
    return "".join(result)


def write_whole(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step (a reader sees the old file or the new, never half)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make spec-overlay", description=__doc__.splitlines()[0])
    parser.add_argument("overlay", type=Path, help="the overlay, YAML or JSON")
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml", help="the OpenAPI file to change")
    arguments = parser.parse_args(argv)
    try:
        overlay = read_overlay(arguments.overlay)
        original = arguments.spec.read_text(encoding="utf-8")
        text = overlaid_text(original, overlay)
    except OverlayError as error:
        print(f"spec-overlay: {arguments.spec} left unchanged: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"spec-overlay: {arguments.spec}: {error.strerror or error}", file=sys.stderr)
        return 2
    if text == original:
        print(f"spec-overlay: {arguments.spec} already says what the overlay asks ({len(overlay['actions'])} actions)")
        return 0
    write_whole(arguments.spec, text)
    print(f"spec-overlay: {arguments.spec}: {len(overlay['actions'])} actions applied; now `make generate`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
