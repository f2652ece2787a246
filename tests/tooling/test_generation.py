"""A new operation in openapi.yaml reaches the facade after generation, with no hand-written edit."""

from __future__ import annotations

import importlib
import inspect
import os
import re
import shutil
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
import yaml

from pexip_engage_client._pipeline._auth import BearerAuth
from pexip_engage_client._pipeline._lifecycle import Lifecycle
from pexip_engage_client._pipeline._request import RequestPipeline
from pexip_engage_client._pipeline._retry import RetryPolicy
from pexip_engage_client._runtime import RequestOptions
from pexip_engage_client._runtime.options import client_settings
from pexip_engage_client._senders._httpx_sender import HttpxSender
from pexip_engage_client.testing._spec import resolve
from scripts.generate.client import with_parameter_descriptions

from ..support.spec import ROOT, SPEC

NEW_OPERATION = {
    "get": {
        "operationId": "getLeadSegmentById",
        "tags": ["lead-segments"],
        "summary": "Get a lead segment",
        "parameters": [
            {"$ref": "#/components/parameters/Id"},
            {"$ref": "#/components/parameters/CorrelationId"},
        ],
        "responses": {
            "200": {
                "description": "Successful operation",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LeadSegmentResponse"}}},
            },
            "404": {"$ref": "#/components/responses/NotFound"},
        },
    }
}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The generated package for openapi.yaml plus one more operation, imported from a temp folder.

    The package holds the generated layer and, beside it, the hand-written runtime it imports (and what
    the runtime stands on: `_base` and the errors).
    """
    work = tmp_path_factory.mktemp("regen")
    spec = dict(SPEC)
    spec["paths"] = {**SPEC["paths"], "/lead-segments/{id}": {**SPEC["paths"]["/lead-segments/{id}"], **NEW_OPERATION}}
    (work / "openapi.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    package = work / "regen_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for part in ("_runtime", "_views", "_local_times.py", "_base", "_errors.py"):  # the runtime, and what it stands on
        source = ROOT / "pexip_engage_client" / part
        shutil.copytree(source, package / part) if source.is_dir() else shutil.copy(source, package / part)
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "scripts.generate.client",
            "--path",
            str(work / "openapi.yaml"),
            "--config",
            str(ROOT / "generator-config.yaml"),
            "--custom-template-path",
            str(ROOT / "templates"),
            "--meta",
            "none",
            "--overwrite",
            "--output-path",
            str(package / "_generated"),
        ],
        check=True,
        capture_output=True,
        env=env,
        cwd=ROOT,
    )
    shutil.copy(ROOT / "pexip_engage_client" / "_generated" / "error_codes.py", package / "_generated")  # the errors'
    sys.path.insert(0, str(work))
    try:
        yield importlib.import_module("regen_pkg._generated.api")
    finally:
        sys.path.remove(str(work))
        for name in [name for name in sys.modules if name.startswith("regen_pkg")]:
            del sys.modules[name]


@pytest.mark.slow
def test_the_new_operation_is_a_typed_method_of_its_tag(regenerated: Any) -> None:
    resource_class = importlib.import_module(regenerated.__name__ + ".lead_segments").LeadSegmentsResource
    method = resource_class.get_lead_segment_by_id
    signature = inspect.signature(method)
    assert list(signature.parameters) == ["self", "id", "options"]
    # The tag module imports its models for type checkers only (they load with the operation): the
    # annotation names the model, and resolves to it among the models.
    models = regenerated_models(regenerated)
    assert signature.return_annotation == "LeadSegment"
    namespace = {name: getattr(models, name) for name in models.__all__}
    assert typing.get_type_hints(method, localns=namespace)["return"] is models.LeadSegment
    assert "Get a lead segment" in (method.__doc__ or "")
    assert "id: Primary identifier of the requested resource" in (method.__doc__ or "")


@pytest.mark.slow  # the regeneration it reads takes seconds (make test runs it)
async def test_the_new_operation_is_callable_through_the_facade_pipeline(regenerated: Any) -> None:
    seen: list[httpx2.Request] = []

    def respond(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(
            200,
            json={
                "data": {
                    "id": "7",
                    "code": "RV",
                    "createdAt": "2022-08-17T19:05:21Z",
                    "updatedAt": "2022-08-17T19:05:21Z",
                }
            },
        )

    sender = HttpxSender(httpx2.AsyncClient(transport=httpx2.MockTransport(respond)), owns_client=True)
    pipeline = RequestPipeline(
        sender,
        BearerAuth("gen-token"),
        lifecycle=Lifecycle(),
        base_url="https://api.pexipengage.com/enterprises/acme/",
        settings=client_settings(httpx2.Timeout(5.0), 0, None, asynchronous=True),
        accept_language=None,
        retry_policy=RetryPolicy(),
    )
    resources = regenerated.Resources(pipeline)
    segment = await resources.lead_segments.get_lead_segment_by_id("7", correlation_id="gen-1")
    await sender.aclose()

    assert segment.code == "RV"
    assert str(seen[0].url) == "https://api.pexipengage.com/enterprises/acme/lead-segments/7"
    assert seen[0].headers["X-Correlation-Id"] == "gen-1"


def regenerated_models(api_module: Any) -> Any:
    """The models package generated beside `api_module`."""
    return importlib.import_module(api_module.__name__.rsplit(".", 1)[0] + ".models")


def snake_case(operation_id: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


def resolved(parameter: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = resolve(parameter, SPEC)
    return found


def operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for item in SPEC["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and "operationId" in operation:
                yield operation["tags"][0], snake_case(operation["operationId"]), operation


@pytest.mark.parametrize(("tag", "name", "operation"), list(operations()), ids=lambda value: str(value)[:40])
def test_each_method_documents_its_parameters_as_openapi_yaml_does(
    tag: str, name: str, operation: dict[str, Any]
) -> None:
    module = importlib.import_module(f"pexip_engage_client._generated.api.{tag.replace('-', '_')}")
    resource = getattr(module, "".join(part.title() for part in tag.split("-")) + "Resource")
    doc = " ".join((getattr(resource, name).__doc__ or "").split())
    for parameter in map(resolved, operation.get("parameters", [])):
        # A parameter whose schema is a bare $ref (getTimetable's meeting-type and location) is documented
        # by the generator with the referenced schema's description only: scripts/generate/client.py says why.
        if (
            parameter["name"] != "X-Correlation-Id"
            and parameter.get("description")
            and "$ref" not in parameter["schema"]
        ):
            python_name = re.sub(r"[^a-z0-9]+", "_", snake_case(parameter["name"]))
            described = " ".join(parameter["description"].split())
            # names that are Python keywords or builtins get a trailing underscore (from_, type_), and a
            # name two places share gets its place (getExternalCalendarEvents' id_path and id_query)
            suffixes = ("", "_", f"_{parameter['in']}")
            assert any(f"{python_name}{suffix}: {described}" in doc for suffix in suffixes)
    if "requestBody" in operation:
        assert "body: The request body: a " in doc
    # every per-call option the method accepts is named where its **options are described
    options = doc.split("**options: Per-call `RequestOptions` (", 1)[1].split(")", 1)[0]
    assert options.split(", ") == list(RequestOptions.__annotations__)


def test_parameter_descriptions_are_copied_into_schemas_only_where_missing() -> None:
    document = {
        "components": {
            "parameters": {
                "Id": {"name": "id", "in": "path", "description": "The id.", "schema": {"type": "string"}},
                "Own": {"name": "own", "in": "query", "description": "P.", "schema": {"description": "S."}},
                "Ref": {"name": "ref", "in": "query", "description": "R.", "schema": {"$ref": "#/x"}},
            }
        },
        "paths": {"/a": {"get": {"parameters": [{"name": "q", "in": "query", "description": "Q.", "schema": {}}]}}},
    }
    prepared = with_parameter_descriptions(document)
    parameters = prepared["components"]["parameters"]
    assert parameters["Id"]["schema"] == {"type": "string", "description": "The id."}
    assert parameters["Own"]["schema"] == {"description": "S."}
    assert parameters["Ref"]["schema"] == {"$ref": "#/x"}
    assert prepared["paths"]["/a"]["get"]["parameters"][0]["schema"] == {"description": "Q."}
