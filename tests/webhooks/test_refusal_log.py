"""A refused delivery leaves a line in the receiver's log: once per cause and source, at WARNING, with
the event id when the body held one, never the secret or the key sent; the rest counted (issue 62).

Real deliveries over HTTP: the ASGI face under uvicorn and the WSGI face under the standard
library's WSGI server, each on a loopback port in this process.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import httpx2
import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import Answer, WebhookReceiver
from pexip_engage_client.webhooks._accepting import RefusalLog

from ..support.loopback import serve

SECRET = "refusals-s3cr3t-key"
TYPO = "refusals-s3cr3t-kez"  # the secret with one typo, as a misconfigured sender has it
LOGGER = "pexip_engage_client.webhooks"
GOOD = appointment_event({"id": "appointment-1"}, "ACCEPT", event_id="event-good")


def _from_the_future(event_id: str) -> bytes:
    ahead = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    return appointment_event({"id": "appointment-2", "updatedAt": ahead}, "ACCEPT", event_id=event_id)


def _refusals(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == LOGGER and "refused" in record.getMessage()]


def _no_secret_in(caplog: pytest.LogCaptureFixture) -> None:
    for record in caplog.records:
        shown = record.getMessage() + repr(record.args)
        assert SECRET not in shown
        assert TYPO not in shown


def _deliver_the_refusals(root: str, path: str) -> None:
    """Three deliveries with the wrong key, two bodies too large, two events from the future; one good."""
    with httpx2.Client(timeout=10) as http:
        for _ in range(3):
            assert http.post(f"{root}{path}?key={TYPO}", content=GOOD, headers=JSON).status_code == 401
        for _ in range(2):
            too_large = b"x" * 2048
            assert http.post(f"{root}{path}?key={SECRET}", content=too_large, headers=JSON).status_code == 413
        for number in range(2):
            body = _from_the_future(f"event-ahead-{number}")
            assert http.post(f"{root}{path}?key={SECRET}", content=body, headers=JSON).status_code == 400
        assert http.post(f"{root}{path}?key={SECRET}", content=GOOD, headers=JSON).status_code == 202


JSON = {"Content-Type": "application/json"}


def _assert_logged_once_per_cause(caplog: pytest.LogCaptureFixture) -> None:
    lines = [record.getMessage() for record in _refusals(caplog)]
    assert all(record.levelno == logging.WARNING for record in _refusals(caplog))
    assert len(lines) == 3, lines  # one per cause: the later refusals of each are counted
    key, size, ahead = lines
    assert "401 (wrong or missing key) from 127.0.0.1" in key
    assert "event id unknown" in key  # the body of an unauthenticated delivery is never read
    assert "413 (body too large) from 127.0.0.1" in size
    assert "400 (updatedAt ahead of this clock) from 127.0.0.1" in ahead
    assert "event id 'event-ahead-0'" in ahead
    _no_secret_in(caplog)


def test_the_asgi_face_logs_each_refusal_cause_once_per_source(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    receiver = WebhookReceiver("memory://", secret=SECRET, max_body_size=1024)
    with serve(receiver.asgi_app()) as root:
        _deliver_the_refusals(root, "/engage-webhooks")
    _assert_logged_once_per_cause(caplog)


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No access log: the URL carries the key, as docs/webhooks.md says."""


@contextmanager
def _wsgi_server(app: Any) -> Iterator[str]:
    server: WSGIServer = make_server("127.0.0.1", 0, app, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_the_wsgi_face_logs_each_refusal_cause_once_per_source(
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    receiver = WebhookReceiver(f"sqlite:///{tmp_path / 'events.db'}", secret=SECRET, max_body_size=1024)
    with _wsgi_server(receiver.wsgi_app()) as root:
        _deliver_the_refusals(root, "/engage-webhooks")
    _assert_logged_once_per_cause(caplog)


async def test_receive_logs_a_refusal_under_the_source_it_is_given(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    receiver = WebhookReceiver("memory://", secret=SECRET)
    for source in ("10.0.0.1", "10.0.0.2", "10.0.0.1"):
        assert (await receiver.receive(GOOD, key=TYPO, source=source)).status == 401
    not_json = receiver.receive_sync(b"{", key=SECRET, source="10.0.0.1")
    assert not_json.status == 400
    lines = [record.getMessage() for record in _refusals(caplog)]
    assert len(lines) == 3, lines
    assert "from 10.0.0.1" in lines[0]
    assert "from 10.0.0.2" in lines[1]
    assert "400 (not a webhook event) from 10.0.0.1" in lines[2]
    _no_secret_in(caplog)


def test_refusals_after_the_first_are_counted_and_summed_up_once_the_interval_passed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    now = [0.0]
    log = RefusalLog(logging.getLogger(LOGGER), interval=60.0, clock=lambda: now[0])
    refusal = Answer(401, "no", cause="wrong or missing key")
    for second in range(0, 59):
        now[0] = float(second)
        log.refused(refusal, "10.0.0.1")
    assert len(caplog.records) == 1
    now[0] = 61.0
    log.refused(refusal, "10.0.0.1")
    summary, again = (record.getMessage() for record in caplog.records[1:])
    assert "(wrong or missing key) from 10.0.0.1 58 more times in the last 61.0 s" in summary
    assert again.startswith("a webhook delivery was refused with 401 (wrong or missing key) from 10.0.0.1")


def test_an_answer_without_a_cause_is_not_a_refusal_to_log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    log = RefusalLog(logging.getLogger(LOGGER))
    log.refused(Answer(503, "the event could not be stored; retry later"), "10.0.0.1")
    log.refused(Answer(202, "accepted"), "10.0.0.1")
    assert caplog.records == []


def test_the_causes_remembered_are_bounded(caplog: pytest.LogCaptureFixture) -> None:
    from pexip_engage_client.webhooks import _accepting as _refusals

    caplog.set_level(logging.WARNING, logger=LOGGER)
    log = RefusalLog(logging.getLogger(LOGGER), clock=lambda: 0.0)
    refusal = Answer(401, "no", cause="wrong or missing key")
    for host in range(_refusals.MAX_OPEN + 10):
        log.refused(refusal, f"10.1.{host // 256}.{host % 256}")
    assert len(log._open) == _refusals.MAX_OPEN
    assert len(caplog.records) == _refusals.MAX_OPEN + 10  # each new source logged once
