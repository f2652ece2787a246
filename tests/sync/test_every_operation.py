"""Every operation in openapi.yaml, called through PexipEngageSync: the same calls, requests and
documented examples as tests/client/test_every_operation.py checks for PexipEngage.

The calls are the contract tests' table: each is `lambda engage: engage.<tag>.<operation>(...)`,
which returns a coroutine from PexipEngage and the result itself from PexipEngageSync. A list
operation's entry takes its first page with the table's `first_page`, an async helper: here it is
the sync result's own `first_page()`, and the page is the sync `Page`.
"""

from __future__ import annotations

import httpx
import pytest

from pexip_engage_client import PexipEngageSync, errors
from pexip_engage_client._runtime import Page, sync_pagination

from ..client.test_every_operation import SPEC_OPERATIONS, path_pattern, success_example
from ..conftest import TOKEN
from ..contract import test_contract
from ..contract.test_contract import OPERATIONS


@pytest.mark.parametrize("operation_id", sorted(SPEC_OPERATIONS))
def test_operation_request_and_documented_example(operation_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(test_contract, "first_page", lambda pages: pages.first_page())
    method, path, operation = SPEC_OPERATIONS[operation_id]
    status, example = success_example(path, method, operation)
    seen: list[httpx.Request] = []

    def respond(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if example is None and status != 204:
            return httpx.Response(500, json={"errors": []})  # no documented example: only the request is checked
        return httpx.Response(status, json=example) if example is not None else httpx.Response(204)

    call, result_type = OPERATIONS[operation_id]
    result_type = sync_pagination.Page if result_type is Page else result_type
    with PexipEngageSync("acme", token=TOKEN, transport=httpx.MockTransport(respond), max_retries=0) as engage:
        if example is None and status != 204:
            with pytest.raises(errors.ServerError):
                call(engage)  # type: ignore[arg-type]  # the table is typed for PexipEngage; the names are the same
        else:
            result = call(engage)  # type: ignore[arg-type]
            assert isinstance(result, result_type)

    [request] = seen
    assert request.method == method
    assert path_pattern(path).fullmatch(request.url.path), request.url.path
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["X-Correlation-Id"]
    assert (request.headers.get("Content-Type") == "application/json") is ("requestBody" in operation)
