"""The store failure log: a first line per kind at once, then one counted line per interval, and
one when the kind works again; no traceback above DEBUG."""

from __future__ import annotations

import logging

import pytest

from pexip_engage_client.webhooks._failures import store_failures

LOGGER = "pexip_engage_client.webhooks"
LAST = "(the last: ConnectionError: refused)"


def test_failures_are_counted_per_kind_and_interval(caplog: pytest.LogCaptureFixture) -> None:
    now = [0.0]
    log = store_failures(logging.getLogger(LOGGER), interval=60.0, clock=lambda: now[0])
    with caplog.at_level(logging.INFO, LOGGER):
        for second in range(150):  # two failures of one kind a second for 150 s, one of another at 10 s
            now[0] = float(second)
            log.failed(ConnectionError("refused"), "storing an event")
            log.failed(ConnectionError("refused"), "storing an event")
            if second == 10:
                log.failed(TimeoutError("slow"), "reading due events")
        log.worked("storing an event")
        log.flush()
    lines = [record.getMessage() for record in caplog.records]
    assert [record for record in caplog.records if record.exc_info] == []
    assert lines == [
        "the webhook store failed storing an event (ConnectionError: refused); further failures of this kind"
        " are counted, one line every 60 s",
        "the webhook store failed reading due events (TimeoutError: slow); further failures of this kind"
        " are counted, one line every 60 s",
        f"the webhook store failed storing an event 120 more times in the last 60.0 s {LAST}",
        f"the webhook store failed storing an event 120 more times in the last 60.0 s {LAST}",
        # 300 failures: the first line, then 120 + 120 + 59 counted
        f"the webhook store failed storing an event 59 more times in the last 29.0 s {LAST}",
        "the webhook store works again for storing an event",
    ]
