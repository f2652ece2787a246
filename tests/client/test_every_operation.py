"""Every operation in openapi.yaml, called through the facade: the request goes out at the spec's
method and path under /enterprises/<enterprise>, and the documented examples parse.

The calls are those of the contract tests; here they run in process, without the mock server.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from pexip_engage_client import PexipEngage, errors

from ..conftest import SPEC, TOKEN, operation_example
from ..contract.test_contract import OPERATIONS

SPEC_OPERATIONS = {
    operation["operationId"]: (method.upper(), path, operation)
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
}


def success_example(path: str, method: str, operation: dict[str, Any]) -> tuple[int, Any]:
    """The documented example of the operation's success response, if the documentation has one."""
    for status, response in operation["responses"].items():
        if status.startswith("2"):
            examples = response.get("content", {}).get("application/json", {}).get("examples")
            return int(status), operation_example(path, method.lower(), status) if examples else None
    raise AssertionError("no success response")


def path_pattern(path: str) -> re.Pattern[str]:
    return re.compile("/enterprises/acme" + re.sub(r"\{[^}]+\}", "[^/]+", path))


@pytest.mark.parametrize("operation_id", sorted(SPEC_OPERATIONS))
async def test_operation_request_and_documented_example(operation_id: str) -> None:
    method, path, operation = SPEC_OPERATIONS[operation_id]
    status, example = success_example(path, method, operation)
    seen: list[httpx.Request] = []

    def respond(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if example is None and status != 204:
            return httpx.Response(500, json={"errors": []})  # no documented example: only the request is checked
        return httpx.Response(status, json=example) if example is not None else httpx.Response(204)

    call, result_type = OPERATIONS[operation_id]
    async with PexipEngage("acme", token=TOKEN, transport=httpx.MockTransport(respond), max_retries=0) as engage:
        if example is None and status != 204:
            with pytest.raises(errors.ServerError):
                await call(engage)
        else:
            result = await call(engage)
            assert isinstance(result, result_type)

    [request] = seen
    assert request.method == method
    assert path_pattern(path).fullmatch(request.url.path), request.url.path
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["X-Correlation-Id"]
    has_body = "requestBody" in operation
    assert (request.headers.get("Content-Type") == "application/json") is has_body
