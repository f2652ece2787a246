"""The command table written by `make generate` (`_generated/cli_commands.json`), read once per run.

Reading it costs far less than importing the generated layer: `pexip-engage --help` and a group's
help never import the client at all.
"""

import os
import sys

# Annotations only: importing typing (or `__future__`) would cost `--help` a noticeable part of its start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NotRequired, TypedDict

    class ParameterSpec(TypedDict):
        name: str
        python: str
        positional: bool
        required: bool
        help: str
        type: str
        array: bool
        enum: list[Any] | None
        checks: dict[str, Any]  # the schema's bounds and format, checked before sending (`_checks.py`)

    class BodySpec(TypedDict):
        required: bool
        help: str

    class CommandSpec(TypedDict):
        method: str
        operation: str
        http: str
        summary: str
        description: str
        pages: bool
        parameters: list[ParameterSpec]
        body: BodySpec | None
        # `ensure NAME` only: the namespace of its ensure method, and the create it makes safe to retry
        namespace: NotRequired[str]
        ensures: NotRequired[str]
        # an operation openapi.yaml infers (`x-inferred`): `spec check --probe-inferred` asks a tenant about it
        inferred: NotRequired[bool]

    class GroupSpec(TypedDict):
        namespace: str
        help: str
        commands: dict[str, CommandSpec]


TABLE_NAME = "cli_commands.json"
# The top-level `--help`, written beside the table by `make generate` to be printed as it is (docs/cli.md, "Start-up").
HELP_NAME = "cli_help.txt"


def generated_path(name: str) -> str:
    """The path of a file the command line reads from the client's `_generated/`."""
    return os.path.join(client_directory(), "_generated", name)


def client_directory() -> str:
    """The folder of pexip_engage_client, found without importing it (many times this program's start-up):
    beside this package, else where the import system's finders find it, asked without `importlib.util` (and
    its contextlib, collections, functools: a third of what `--version` costs)."""
    beside = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "pexip_engage_client")
    if os.path.isdir(beside):
        return beside
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        spec = find_spec("pexip_engage_client", None) if find_spec is not None else None
        if spec is not None and spec.submodule_search_locations:
            return str(next(iter(spec.submodule_search_locations)))
    raise ModuleNotFoundError("No module named 'pexip_engage_client'", name="pexip_engage_client")


def client_version() -> str:
    """`pexip_engage_client.__version__` (what `--version` prints), read from its `_version.py` as a file: importing
    the package would load the whole client, and that file alone imports only `os`. Compiled and run here rather
    than loaded through `importlib`: its machinery and `types` would add some 6% to `--version`'s start-up."""
    path = os.path.join(client_directory(), "_version.py")
    with open(path, encoding="utf-8") as file:
        code = compile(file.read(), path, "exec")
    namespace: dict[str, Any] = {"__file__": path, "__name__": "_pexip_engage_client_version"}
    exec(code, namespace)  # noqa: S102 - the package's own file, as an import would run it
    return str(namespace["installed_version"]())


def option_name(python: str) -> str:
    """The option of a generated command's Python argument: `from_` -> `--from`, `external_id` -> `--external-id`."""
    return "--" + python.strip("_").replace("_", "-")


def load() -> "dict[str, GroupSpec]":  # quoted: no `__future__` import, a module of its own
    """The generated groups, by command-line name (the spec's tags)."""
    import json  # noqa: PLC0415 - not at import: `--help` reads the help file without it

    with open(generated_path(TABLE_NAME), encoding="utf-8") as file:
        groups: dict[str, GroupSpec] = json.load(file)["groups"]
    return groups
