"""`server.json`: the MCP Registry's entry for `pexip-engage mcp`, valid and in step with the server.

The registry publishes its schema at the `$schema` URL below (MCP Registry, modelcontextprotocol/registry,
docs/reference/server-json); it cannot be fetched here (no internet), so `REGISTRY_RULES` states, in
our own words, what that schema documents for the fields this file uses: the required fields, the
name's reverse-DNS pattern, the description's 100 characters, a version that is no range, a
package's required fields and transports, an environment variable's name, an icon's source.
"""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema

import pexip_engage_client
from pexip_engage_cli._mcp._server import DESCRIPTION, TITLE, WEBSITE_URL
from pexip_engage_cli._mcp._tools import ICONS
from pexip_engage_cli._settings import _VARIABLES as SETTINGS_VARIABLES

from ..support.spec import ROOT

SCHEMA_URL = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json"
_TEXT = {"type": "string", "minLength": 1}
_INPUT_PROPERTIES: dict[str, Any] = {
    "description": {"type": "string"},
    "isRequired": {"type": "boolean"},
    "isSecret": {"type": "boolean"},
    "format": {"enum": ["string", "number", "boolean", "filepath"]},
    "value": {"type": "string"},
    "default": {"type": "string"},
    "placeholder": {"type": "string"},
    "choices": {"type": "array", "items": {"type": "string"}},
}
REGISTRY_RULES: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["name", "description", "version"],
    "properties": {
        "$schema": {"const": SCHEMA_URL},
        "name": {"type": "string", "pattern": "^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$", "minLength": 3, "maxLength": 200},
        "title": {"type": "string", "minLength": 1, "maxLength": 100},
        "description": {"type": "string", "minLength": 1, "maxLength": 100},
        "version": {"type": "string", "maxLength": 255, "not": {"pattern": r"^[\^~<>=]|\.[x*]$|\.x\.|\*"}},
        "websiteUrl": {"type": "string", "pattern": "^https://"},
        "icons": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["src"],
                "properties": {
                    "src": {"type": "string", "pattern": "^(https://|data:)"},
                    "mimeType": _TEXT,
                    "sizes": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "packages": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["registryType", "identifier", "transport"],
                "properties": {
                    "registryType": {"enum": ["npm", "pypi", "oci", "nuget", "mcpb"]},
                    "registryBaseUrl": {"type": "string", "pattern": "^https://"},
                    "identifier": _TEXT,
                    "version": {"type": "string", "minLength": 1, "not": {"const": "latest"}},
                    "transport": {
                        "type": "object",
                        "required": ["type"],
                        "properties": {"type": {"enum": ["stdio", "streamable-http", "sse"]}},
                    },
                    "packageArguments": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["type"],
                            "properties": {
                                **_INPUT_PROPERTIES,
                                "type": {"enum": ["positional", "named"]},
                            },
                        },
                    },
                    "environmentVariables": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["name"],
                            "properties": {**_INPUT_PROPERTIES, "name": _TEXT},
                        },
                    },
                },
            },
        },
    },
}


def _server_json() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((ROOT / "server.json").read_text(encoding="utf-8"))
    return document


def test_server_json_keeps_the_registry_s_documented_rules() -> None:
    jsonschema.Draft7Validator.check_schema(REGISTRY_RULES)
    errors = sorted(jsonschema.Draft7Validator(REGISTRY_RULES).iter_errors(_server_json()), key=str)
    assert not errors, [f"{list(error.absolute_path)}: {error.message}" for error in errors]


def test_the_rules_refuse_what_the_registry_refuses() -> None:
    good = _server_json()
    validator = jsonschema.Draft7Validator(REGISTRY_RULES)
    for broken in (
        {**good, "name": "no-namespace"},
        {**good, "description": "x" * 101},
        {k: v for k, v in good.items() if k != "version"},
        {**good, "version": "^1.2.3"},
        {**good, "packages": [{**good["packages"][0], "version": "latest"}]},
        {**good, "packages": [{**good["packages"][0], "transport": {"type": "carrier-pigeon"}}]},
    ):
        assert not validator.is_valid(broken), broken


def test_server_json_says_what_the_server_says() -> None:
    document = _server_json()
    version = pexip_engage_client.__version__
    assert (document["title"], document["description"], document["websiteUrl"]) == (TITLE, DESCRIPTION, WEBSITE_URL)
    assert document["version"] == version
    assert [icon["src"] for icon in document["icons"]] == [icon.src for icon in ICONS]
    (package,) = document["packages"]
    assert (package["identifier"], package["version"]) == ("pexip-engage-client", version)
    assert [argument["value"] for argument in package["packageArguments"]] == ["mcp"]
    known = set(SETTINGS_VARIABLES.values()) | {"PEXIP_ENGAGE_CLIENT_SECRET"}
    named = {variable["name"] for variable in package["environmentVariables"]}
    assert named <= known, named - known
    assert re.fullmatch(r"[a-z0-9.-]+/pexip-engage", document["name"])
