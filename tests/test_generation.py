"""A new operation in openapi.yaml reaches the facade after generation, with no hand-written edit."""

from __future__ import annotations

import importlib
import inspect
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from pexip_engage_client._auth import BearerAuth
from pexip_engage_client._request import RequestSender
from pexip_engage_client._retry import RetryPolicy
from pexip_engage_client._wire import HttpxSender

from .conftest import ROOT, SPEC

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
    """The generated package for openapi.yaml plus one more operation, imported from a temp folder."""
    work = tmp_path_factory.mktemp("regen")
    spec = dict(SPEC)
    spec["paths"] = {**SPEC["paths"], "/lead-segments/{id}": {**SPEC["paths"]["/lead-segments/{id}"], **NEW_OPERATION}}
    (work / "openapi.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    package = work / "regen_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    # The hand-written module the generated resource methods check path parameters with.
    (package / "_config.py").write_text((ROOT / "pexip_engage_client" / "_config.py").read_text())
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(
        [
            str(bin_dir / "openapi-python-client"), "generate",
            "--path", str(work / "openapi.yaml"),
            "--config", str(ROOT / "generator-config.yaml"),
            "--custom-template-path", str(ROOT / "templates"),
            "--meta", "none", "--overwrite",
            "--output-path", str(package / "_generated"),
        ],
        check=True, capture_output=True, env=env,
    )  # fmt: skip
    sys.path.insert(0, str(work))
    try:
        yield importlib.import_module("regen_pkg._generated.api")
    finally:
        sys.path.remove(str(work))
        for name in [name for name in sys.modules if name.startswith("regen_pkg")]:
            del sys.modules[name]


def test_the_new_operation_is_a_typed_method_of_its_tag(regenerated: Any) -> None:
    resource_class = importlib.import_module(regenerated.__name__ + ".lead_segments").LeadSegmentsResource
    method = resource_class.get_lead_segment_by_id
    signature = inspect.signature(method)
    assert list(signature.parameters) == ["self", "id", "options"]
    assert signature.return_annotation is regenerated_models(regenerated).LeadSegment
    assert "Get a lead segment" in (method.__doc__ or "")


async def test_the_new_operation_is_callable_through_the_facade_pipeline(regenerated: Any) -> None:
    seen: list[httpx.Request] = []

    def respond(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
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

    sender = HttpxSender(httpx.AsyncClient(transport=httpx.MockTransport(respond)), owns_client=True)
    pipeline = RequestSender(
        sender, BearerAuth("gen-token"), base_url="https://api.pexipengage.com/enterprises/acme/",
        timeout=httpx.Timeout(5.0), max_retries=0, accept_language=None, retry_policy=RetryPolicy(),
    )  # fmt: skip
    resources = regenerated.Resources(pipeline)
    segment = await resources.lead_segments.get_lead_segment_by_id("7", correlation_id="gen-1")
    await sender.aclose()

    assert segment.code == "RV"
    assert str(seen[0].url) == "https://api.pexipengage.com/enterprises/acme/lead-segments/7"
    assert seen[0].headers["X-Correlation-Id"] == "gen-1"


def regenerated_models(api_module: Any) -> Any:
    """The models package generated beside `api_module`."""
    return importlib.import_module(api_module.__name__.rsplit(".", 1)[0] + ".models")
