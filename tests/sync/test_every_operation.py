"""Every operation in openapi.yaml, called through SyncPexipEngage: the same calls, requests and
documented examples as tests/client/test_every_operation.py checks for PexipEngage.

The calls are the contract tests' table: each is `lambda engage: engage.<tag>.<operation>(...)`,
which returns a coroutine from PexipEngage and the result itself from SyncPexipEngage. A list
operation's entry takes its first page with the table's `first_page`, an async helper: here it is
the sync result's own `first_page()`, and the page is the sync `Page`.
"""

from __future__ import annotations

import httpx2
import pytest

from pexip_engage_client import SyncPexipEngage, errors
from pexip_engage_client._runtime import Page
from pexip_engage_client._runtime._sync import pagination as sync_pagination

from ..client.test_every_operation import SPEC_OPERATIONS, DocumentedServer
from ..contract import test_contract
from ..contract.test_contract import OPERATIONS
from ..support.clients import TOKEN


@pytest.mark.parametrize("operation_id", sorted(SPEC_OPERATIONS))
def test_operation_request_and_documented_example(operation_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(test_contract, "first_page", lambda pages: pages.first_page())
    server = DocumentedServer(operation_id)
    call, result_type = OPERATIONS[operation_id]
    result_type = sync_pagination.Page if result_type is Page else result_type
    with SyncPexipEngage("acme", token=TOKEN, transport=httpx2.MockTransport(server), max_retries=0) as engage:
        if server.answers_an_error:
            with pytest.raises(errors.ServerError):
                call(engage)  # type: ignore[arg-type]  # the table is typed for PexipEngage; the names are the same
        else:
            result = call(engage)  # type: ignore[arg-type]
            assert isinstance(result, result_type)
    server.check_the_request()
