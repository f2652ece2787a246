"""Every operation in openapi.yaml, called through the facade: the request goes out at the spec's
method and path under /enterprises/<enterprise>, and the documented examples parse.

The calls are those of the contract tests; here they run in process, without the mock server.
"""

from __future__ import annotations

import re
from typing import Any

import httpx2
import pytest

from pexip_engage_client import PexipEngage, errors

from ..contract.test_contract import OPERATIONS
from ..support.clients import TOKEN
from ..support.spec import SPEC, operation_example

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


class DocumentedServer:
    """A `MockTransport` handler for one operation: it answers the documented success example and
    keeps the requests it was sent, to check against the spec's method, path and headers."""

    def __init__(self, operation_id: str) -> None:
        self.method, self.path, self.operation = SPEC_OPERATIONS[operation_id]
        self.status, self.example = success_example(self.path, self.method, self.operation)
        self.seen: list[httpx2.Request] = []

    @property
    def answers_an_error(self) -> bool:
        """No documented example to answer with: a 500, so that only the request is checked."""
        return self.example is None and self.status != 204

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.seen.append(request)
        if self.answers_an_error:
            return httpx2.Response(500, json={"errors": []})
        return httpx2.Response(self.status, json=self.example) if self.example is not None else httpx2.Response(204)

    def check_the_request(self) -> None:
        [request] = self.seen
        assert request.method == self.method
        assert path_pattern(self.path).fullmatch(request.url.path), request.url.path
        assert request.headers["Authorization"] == f"Bearer {TOKEN}"
        assert request.headers["X-Correlation-Id"]
        assert (request.headers.get("Content-Type") == "application/json") is ("requestBody" in self.operation)


@pytest.mark.parametrize("operation_id", sorted(SPEC_OPERATIONS))
async def test_operation_request_and_documented_example(operation_id: str) -> None:
    server = DocumentedServer(operation_id)
    call, result_type = OPERATIONS[operation_id]
    async with PexipEngage("acme", token=TOKEN, transport=httpx2.MockTransport(server), max_retries=0) as engage:
        if server.answers_an_error:
            with pytest.raises(errors.ServerError):
                await call(engage)
        else:
            result = await call(engage)
            assert isinstance(result, result_type)
    server.check_the_request()
