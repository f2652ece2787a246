"""Every operation of the spec is a command, and each one runs against the fake API on loopback.

The inputs are those of the fake's own every-operation test: each id in the path names a record
seeded as `x`, each required query parameter and the body get the plainest value the spec allows,
all given as the command line takes them (positional ids, options, `--body` JSON).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from pexip_engage_cli import _table
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing import _schemas as schemas
from pexip_engage_client.testing._resources import collections, normalise_concrete
from pexip_engage_client.testing._spec import spec

from ..fake.test_fake_spec import NOW, _collections_named_by, _parameter_ref
from ..support.cli import Cli
from ..support.spec import SPEC, fields_the_fake_asks_for

OPERATIONS = {
    operation["operationId"]: (path, method)
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
    if method in ("get", "put", "post", "delete", "patch")
}
COMMANDS = {
    command["operation"]: (group_name, command_name, command)
    for group_name, group in _table.load().items()
    for command_name, command in group["commands"].items()
    if "ensures" not in command  # `ensure NAME` calls its create's ensure method (tests/cli/test_ensure_command.py)
}


def test_every_operation_is_one_command() -> None:
    assert OPERATIONS  # every one of openapi.yaml's, however many it has
    assert set(COMMANDS) == set(OPERATIONS)
    for operation_id, (_, name, command) in COMMANDS.items():
        path, method = OPERATIONS[operation_id]
        assert command["http"] == f"{method.upper()} {path}"
        assert name == command["method"].replace("_", "-")


def _option_values(value: Any) -> list[str]:
    if isinstance(value, list):
        return [text for item in value for text in _option_values(item)]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, dict):
        return [json.dumps(value)]
    return [str(value)]


def command_line(operation_id: str, also: list[str] | None = None) -> list[str]:
    """The command, with every required input the plainest way the spec allows (and the body fields
    `also` names, the plainest way too)."""
    group, name, command = COMMANDS[operation_id]
    path, method = OPERATIONS[operation_id]
    argv = [group, name]
    raw = SPEC["paths"][path][method].get("parameters", [])
    references = {}
    for index, parameter in enumerate(raw):
        resolved = parameter
        if "$ref" in parameter:
            resolved = SPEC["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
        references[resolved["name"]] = _parameter_ref(path, method, index)
    for parameter in command["parameters"]:
        if parameter["positional"]:
            argv.append("x")
        elif parameter["required"]:
            value = schemas.default_value(references[parameter["name"]], NOW)
            for text in _option_values(value):
                argv += ["--" + parameter["python"].strip("_").replace("_", "-"), text]
    if command["body"] is not None and (command["body"]["required"] or also):
        body_ref = schemas.follow(schemas.pointer_to("paths", path, method, "requestBody"))
        body_schema = schemas.follow(f"{body_ref}/content/application~1json/schema")
        body = schemas.default_value(body_schema, NOW)
        fields = schemas.properties(body_schema)
        body.update({name: schemas.default_value(fields[name], NOW) for name in also or ()})
        argv += ["--body", json.dumps(body)]
    return argv


@pytest.mark.slow
@pytest.mark.usefixtures("engage_env")
@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_every_command_runs_against_the_fake(operation_id: str, fake: FakePexipEngage, cli: Cli) -> None:
    path, _ = OPERATIONS[operation_id]
    for collection in _collections_named_by(path):
        if normalise_concrete(collection.strip("/").split("/")) in collections():
            fake.add(collection, id="x")
    argv = command_line(operation_id)
    run = cli(*argv, "--output", "json")
    asked = fields_the_fake_asks_for(run.err)
    if asked:  # the fields the fake needs beyond the plainest body: those its resource holds, and assumes
        argv = command_line(operation_id, also=asked)
        run = cli(*argv, "--output", "json")
    op = spec().by_id[operation_id]
    assert len(fake.calls_to(operation_id)) == (2 if asked else 1), (argv, run.err)
    if run.code == 3:  # a documented business rule refused the plainest input
        assert op.declares(422), run.err
        assert "HTTP 422" in run.err
        assert "correlation id" in run.err
        return
    assert run.code == 0, (argv, run.err)
    # an operation the spec infers is noted on stderr (the first time in this process)
    inferred = "x-inferred" in spec().document["paths"][path][op.method.lower()]
    assert run.err == "" or (inferred and run.err.startswith("pexip-engage: note: ") and run.err.count("\n") == 1)
    if op.success_status != 204:
        document = json.loads(run.out)
        assert isinstance(document, dict | list)
    else:
        assert run.out == ""
    recorded = fake.calls_to(operation_id)[0]
    assert re.fullmatch("/enterprises/acme" + re.sub(r"\{[^}]+\}", "x", path), recorded.request.url.path)
