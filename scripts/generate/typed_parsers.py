"""Write `_generated/typed/`: the typed decoding (msgspec), as ordinary code.

    python -m scripts.generate.typed_parsers GENERATED_DIR [--runtime RUNTIME_DIR]

Run by `make generate` (and `make check-generated`) after the generator. It imports the freshly
generated package (beside the hand-written `_runtime` it imports, and `_base` under that, in a
temporary folder), finds the response models its operation modules name (their `RETURNS`
constants), and writes a package with one module per model those responses hold, named as the
model's own module:

- the model's msgspec `Struct`, mirroring it: the same fields under their JSON names
  (`JSON_NAMES`), unknown fields forbidden, enums and nested models typed (each nested model's
  Struct imported from its module), so that msgspec decodes and checks the body in C;
- for a response model, `MODEL`, `WIRE` (its Struct) and `parse(content)`: bytes to the attrs model
  (`_set_aside.py` may pass another `decode` into like Structs), with the conversion of every model
  nested in it written out inline (loops for lists) rather than a function per nested model: the
  documented appointment holds about 30 models, and a call per model was the larger part of the
  conversion's cost. Models are built by assigning their slots, as `__init__` would.

A module per model, as the models have, so that the first response imports only the models it
holds (`_decode.typed_parser` imports a response model's module when first asked for it).

The typed form is deliberately stricter than the models: anything it does not accept (a field or
enum value the spec does not list, a value of another type, a timestamp `fromisoformat` refuses)
raises, and the caller falls back to the lenient path (`json` decoding, then `from_dict`), which
keeps unknown fields and values. Both paths build equal models; tests/client/test_fast_decode.py checks.
A model whose fields this cannot type (a map of models, a literal, a union of several types) gets
no Struct: it is read leniently, alone (no entry in `PARSERS`) or as a field of another model.

The output is formatted by the pinned ruff, with the generator's settings, so it is the same byte
for byte wherever it is generated.
"""

from __future__ import annotations

import argparse
import datetime
import enum
import importlib
import pkgutil
import re
import subprocess
import sys
import tempfile
import types
import typing
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parents[2]
# The hand-written runtime the generated code imports: by default the one beside GENERATED_DIR (a
# vendored copy's own), else this project's.
RUNTIME = ROOT / "pexip_engage_client" / "_runtime"
# What the runtime stands on, beside it in the package: the ground floor and the errors.
UNDER_THE_RUNTIME = ("_base", "_errors.py")
OUTPUT_NAME = "typed"  # the package written into the generated one
HEADER = "# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/)."
# The name the generated package is imported under while it is read.
PACKAGE = "typed_parsers_source"


class UntypeableError(Exception):
    """A field type the typed form cannot express; the model is decoded leniently."""


@contextmanager
def imported_generated(generated: Path, runtime: Path = RUNTIME) -> Iterator[types.ModuleType]:
    """The generated package at `generated`, imported beside the runtime (`runtime`) it imports."""
    with tempfile.TemporaryDirectory() as folder:
        package = Path(folder) / PACKAGE
        package.mkdir()
        (package / "__init__.py").write_text("")
        (package / "_runtime").symlink_to(runtime.resolve(), target_is_directory=True)
        for name in UNDER_THE_RUNTIME:  # beside that runtime (a vendored copy's own), else this project's
            beside = runtime.resolve().parent / name
            (package / name).symlink_to(beside if beside.exists() else RUNTIME.parent / name)
        (package / "_generated").symlink_to(generated.resolve(), target_is_directory=True)
        sys.path.insert(0, folder)
        dont_write_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
        try:
            yield importlib.import_module(f"{PACKAGE}._generated")
        finally:
            sys.dont_write_bytecode = dont_write_bytecode
            sys.path.remove(folder)
            for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
                del sys.modules[name]


def response_models(generated: types.ModuleType) -> list[type]:
    """The models the operation modules read successful bodies as (their `RETURNS`), by name."""
    returns_class = importlib.import_module(f"{PACKAGE}._runtime").Returns
    api = importlib.import_module(f"{generated.__name__}.api")
    found: set[type] = set()
    for tag in pkgutil.iter_modules(api.__path__):
        if tag.name == "_sync":
            continue  # the sync twins of the resources: the same operations
        package = importlib.import_module(f"{api.__name__}.{tag.name}")
        for operation in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{operation.name}")
            found.update(value.model for value in vars(module).values() if isinstance(value, returns_class))
    return sorted(found, key=lambda model: model.__name__)


def fields(model: type) -> list[tuple[str, Any]]:
    """Each field's name and type hint, in the constructor's order, but additional_properties."""
    hints = typing.get_type_hints(model)
    return [(field.name, hints[field.name]) for field in attrs.fields(model) if field.name != "additional_properties"]


def members(hint: Any, unset: type) -> tuple[Any, bool, bool]:
    """A field's value type, and whether it is nullable (None) and optional (UNSET when absent)."""
    if not (isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union):
        return hint, False, False
    values = [member for member in typing.get_args(hint) if member is not type(None) and member is not unset]
    if len(values) != 1:
        raise UntypeableError(hint)
    return values[0], type(None) in typing.get_args(hint), unset in typing.get_args(hint)


def converted(hint: Any) -> bool:
    """Whether a wire value of this (non-union) type needs converting, or is the model's value as it is."""
    if isinstance(hint, type) and attrs.has(hint):
        return True
    if typing.get_origin(hint) is list:
        return converted(typing.get_args(hint)[0])
    return hint is datetime.datetime or hint is datetime.date


def plain(model: type) -> bool:
    """Whether `model.__init__` only assigns its arguments (no validator, converter or hook to run)."""
    return (
        # attrs installs its own __setattr__ for frozen fields or on-setattr hooks
        model.__setattr__ is object.__setattr__  # type: ignore[comparison-overlap]
        and not hasattr(model, "__attrs_pre_init__")
        and not hasattr(model, "__attrs_post_init__")
        and all(field.validator is None and field.converter is None for field in attrs.fields(model))
    )


class Writer:
    """The module's source: the Structs, the parsers, and the names they import."""

    def __init__(self, unset: type) -> None:
        self.unset = unset
        self.structs: dict[type, str | None] = {}  # model -> its Struct's name; None: no typed form
        self.modules: dict[str, tuple[set[str], list[str]]] = {}  # module name -> its imports and body
        self.imports: set[str] = set()  # the import lines of the module being written
        self.lines: list[str] = []  # the current parser's body
        self.locals = 0

    def name(self, cls: type) -> str:
        """The name under which the module being written refers to a generated class (imported)."""
        self.imports.add(f"from ..models.{module_of(cls)} import {cls.__name__}")
        return cls.__name__

    # The Structs: msgspec's form of each model, checked in C while decoding.

    def struct(self, model: type) -> str | None:
        """The name of `model`'s Struct, written when first asked for; None when it has no typed form."""
        if model not in self.structs:
            self.structs[model] = None  # a model that contains itself is decoded leniently where it recurs
            with suppress(UntypeableError):
                self.structs[model] = self.define_struct(model)
        return self.structs[model]

    def define_struct(self, model: type) -> str:
        json_names: tuple[str, ...] | None = getattr(model, "JSON_NAMES", None)
        if json_names is None or not attrs.has(model):
            raise UntypeableError(model)
        model_fields = fields(model)
        if typing.get_type_hints(model).get("additional_properties") != dict[str, Any] or len(model_fields) != len(
            json_names
        ):
            raise UntypeableError(model)  # typed extra fields are the model's content: decode leniently
        body: list[str] = []
        outer, self.imports = self.imports, set()  # nested models' Structs are written first
        imports = self.imports
        for name, hint in model_fields:
            value_hint, nullable, optional = members(hint, self.unset)
            wire_type = self.wire_type(value_hint) + (" | None" if nullable else "")
            # An absent optional field is UNSET, as from_dict makes it (whatever the attrs default).
            body.append(f"    {name}: {wire_type}{' = ABSENT' if optional else ''}")
        self.imports = outer
        renamed = {name: json_name for (name, _), json_name in zip(model_fields, json_names, strict=True)}
        struct_name = f"{model.__name__}Wire"
        self.modules[module_of(model)] = (
            imports,
            [
                "",
                "",
                f"class {struct_name}(",
                f"    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={renamed!r}",
                "):",
                f'    """The typed form of `{model.__name__}`."""',
                "",
                *body,
            ],
        )
        return struct_name

    def wire_type(self, hint: Any) -> str:
        """The Struct type for a value (not a union)."""
        if hint in (str, int, bool) or hint is Any:
            return "Any" if hint is Any else str(hint.__name__)
        if hint is float:
            return "int | float"  # from_dict keeps an integer as it came
        if hint is datetime.datetime or hint is datetime.date:
            return "str"  # parsed by the converter, as from_dict parses it
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            if not all(isinstance(member.value, str) for member in hint):
                raise UntypeableError(hint)
            return self.name(hint)
        if typing.get_origin(hint) is list:
            (item,) = typing.get_args(hint)
            return f"list[{self.wire_type(item)}]"
        if isinstance(hint, type) and attrs.has(hint):
            return self.struct_type(hint)
        raise UntypeableError(hint)

    def struct_type(self, model: type) -> str:
        """The Struct type for a nested model: its Struct (imported), or plain JSON without one."""
        struct = self.struct(model)
        if struct is None:
            return "dict[str, Any]"  # no typed form: plain JSON, read leniently
        self.imports.add(f"from .{module_of(model)} import {struct}")
        return struct

    # The parsers: code that builds the models from a decoded Struct.

    def parser(self, model: type, struct: str) -> None:
        """Add to `model`'s module `parse(content)`: decode into `struct`, then build `model`."""
        self.imports, _ = self.modules[module_of(model)]
        self.lines, self.locals = [], 0
        result = self.value(model, "s", 1)
        # A model of models without fields reads nothing of the Struct, but the body is still checked.
        used = re.search(r"\bs\b", "\n".join([*self.lines, result])) is not None
        self.modules[module_of(model)][1].extend(
            [
                "",
                "",
                f"_decode: Callable[[bytes], Any] = msgspec.json.Decoder({struct}).decode",
                f"MODEL = {self.name(model)}",
                f"WIRE = {struct}",
                "",
                "",
                f"def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> {model.__name__}:",
                f"    {'s = ' if used else ''}decode(content)",
                *self.lines,
                f"    return {result}",
            ]
        )

    def line(self, depth: int, text: str) -> None:
        self.lines.append("    " * depth + text)

    def local(self) -> str:
        self.locals += 1
        return f"v{self.locals}"

    def field(self, hint: Any, source: str, depth: int) -> str:
        """Write the conversion of a field's wire value (`source`); return an expression for the result."""
        value_hint, nullable, optional = members(hint, self.unset)
        if not (nullable or optional) or not converted(value_hint):
            return self.value(value_hint, source, depth)
        # None, and UNSET (the Struct's value for an absent field), pass through unconverted.
        local = self.local()
        self.line(depth, f"{local} = {source}")
        tests = ((f"{local} is not None", nullable), (f"{local} is not UNSET", optional))
        passed = [test for test, wanted in tests if wanted]
        self.line(depth, f"if {' and '.join(passed)}:")
        self.line(depth + 1, f"{local} = {self.value(value_hint, local, depth + 1)}")
        return local

    def value(self, hint: Any, source: str, depth: int) -> str:
        """Write the conversion of a wire value (not a union); return an expression for the result."""
        if not converted(hint):
            return source
        if hint is datetime.datetime or hint is datetime.date:
            # Parsed by the function from_dict uses, so that both paths agree on every string.
            return f"parse_{hint.__name__}({source})"
        if typing.get_origin(hint) is list:
            items, item = self.local(), self.local()
            self.line(depth, f"{items}: list[Any] = []")
            self.line(depth, f"for {item} in {source}:")
            self.line(depth + 1, f"{items}.append({self.value(typing.get_args(hint)[0], item, depth + 1)})")
            return items
        if self.struct(hint) is None:
            # A nested model with no typed form: decoded as plain JSON, then read leniently.
            return f"{self.name(hint)}.from_dict({source})"
        return self.model(hint, source, depth)

    def model(self, model: type, source: str, depth: int) -> str:
        model_fields = fields(model)
        if model_fields and not source.isidentifier():  # an attribute: read it once
            wire = self.local()
            self.line(depth, f"{wire} = {source}")
            source = wire
        model_name = self.name(model)
        built = self.local()
        if plain(model):
            # Slots assigned directly: the same as what __init__ does, without the call into it.
            self.line(depth, f"{built} = new({model_name})")
            for name, hint in model_fields:
                self.line(depth, f"{built}.{name} = {self.field(hint, f'{source}.{name}', depth)}")
            self.line(depth, f"{built}.additional_properties = {{}}")  # the Struct forbids unknown fields
        else:
            arguments = [self.field(hint, f"{source}.{name}", depth) for name, hint in model_fields]
            self.line(depth, f"{built} = {model_name}({', '.join([*arguments, '{}'])})")
        return built


def module_of(cls: type) -> str:
    """The name of the generated module that defines `cls` (appointment_response)."""
    return cls.__module__.rsplit(".", 1)[1]


PACKAGE_SOURCE = f'''{HEADER}
"""The typed decoding (msgspec, a dependency): response bytes straight into the models.

Written by scripts/generate/typed_parsers.py (see there why it looks as it does), one module per model with
a typed form: its Struct, and for a response model `MODEL` and `parse(content)`, which `_decode.py`
imports with the first response of that model. Imported only with msgspec installed.
"""

import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ..types import UNSET

_M = TypeVar("_M")

if TYPE_CHECKING:

    def new(cls: type[_M], /) -> _M: ...
else:
    new = object.__new__

# The default of an optional field, typed so that it may stand for any field's type.
ABSENT: Any = UNSET
parse_datetime = datetime.datetime.fromisoformat
parse_date = datetime.date.fromisoformat

__all__ = ["ABSENT", "UNSET", "new", "parse_date", "parse_datetime"]
'''


def modules(generated: types.ModuleType) -> dict[str, str]:
    """The typed package's modules (file name -> source) for the imported generated package."""
    writer = Writer(importlib.import_module(f"{PACKAGE}._runtime").Unset)
    for model in response_models(generated):
        struct = writer.struct(model)
        if struct is not None:
            writer.parser(model, struct)
    sources = {"__init__.py": PACKAGE_SOURCE}
    for name, (imports, body) in sorted(writer.modules.items()):
        sources[f"{name}.py"] = "\n".join(
            [
                HEADER,
                f'"""The typed form of `{name}` (see `__init__.py`)."""',
                "",
                "from collections.abc import Callable",
                "from typing import Any",
                "",
                "import msgspec",
                "",
                *sorted(imports),
                "from . import ABSENT, UNSET, new, parse_date, parse_datetime",
                *body,
                "",
            ]
        )
    return sources


def formatted(source: str) -> str:
    """`source` as the generator's post-hooks format its output (generator-config.yaml)."""
    settings = ["--isolated", "--target-version", "py311", "--line-length", "120", "--no-cache", "--quiet"]
    fixed = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *settings, "--select", "F401,I", "--fix-only", "-"],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return subprocess.run(
        [sys.executable, "-m", "ruff", "format", *settings, "-"],
        input=fixed,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def runtime_for(generated: Path) -> Path:
    """The `_runtime` beside a generated folder (a vendored copy's), else this project's."""
    beside = generated.resolve().parent / "_runtime"
    return beside if (beside / "__init__.py").is_file() else RUNTIME


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("generated", type=Path, help="the generated package's folder (pexip_engage_client/_generated)")
    parser.add_argument("--runtime", type=Path, help="the _runtime it imports (default: the one beside it, else ours)")
    arguments = parser.parse_args(argv)
    generated_dir = arguments.generated
    runtime = arguments.runtime or runtime_for(generated_dir)
    with imported_generated(generated_dir, runtime) as generated:
        sources = modules(generated)
    folder = generated_dir / OUTPUT_NAME
    folder.mkdir()
    for name, source in sources.items():
        (folder / name).write_text(formatted(source), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
