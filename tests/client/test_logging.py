"""What the log says about each decision not to retry, and that PEXIP_ENGAGE_LOG prints each line once."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable

import httpx2
import pytest

from ..client.test_retries import raise_, sequence
from ..support.clients import TOKEN, answer, client_for

pytestmark = pytest.mark.usefixtures("sleeps")

GET = "get_appointment_by_id"
POST = "accept_appointment"


@pytest.mark.parametrize(
    ("respond", "method", "max_retries", "reason"),
    [
        (answer(404, {}), GET, 2, "HTTP 404, not retried: 404 is not a temporary failure"),
        (
            answer(500, {}),
            POST,
            2,
            "HTTP 500, not retried: the POST may have been processed; a POST is retried only "
            "after 429, or 503 with Retry-After",
        ),
        (answer(503, {}), GET, 0, "HTTP 503, not retried: retries are off (max_retries=0)"),
        (answer(503, {}), GET, 1, "HTTP 503, not retried: no retries left (max_retries=1)"),
        (
            raise_(httpx2.ReadError),
            POST,
            2,
            "ReadError, not retried: the POST may have reached the server, and a POST is not sent twice",
        ),
        (
            answer(429, {}, headers={"Retry-After": "120"}),
            GET,
            2,
            "HTTP 429, not retried: Retry-After asks for 120 s, beyond the client's limit of 60 s",
        ),
    ],
)
async def test_each_decision_not_to_retry_gives_a_reason_that_reads_well(
    respond: Callable[[httpx2.Request], httpx2.Response],
    method: str,
    max_retries: int,
    reason: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    engage, _ = client_for(respond, max_retries=max_retries)
    with caplog.at_level(logging.DEBUG, logger="pexip_engage_client"):
        async with engage:
            with pytest.raises(Exception):  # noqa: B017, PT011 - which error is tested elsewhere; the log is tested here
                await getattr(engage.appointments, method)("1", correlation_id="why-not")
    decisions = [record.getMessage() for record in caplog.records if "not retried" in record.getMessage()]
    assert len(decisions) == 1
    assert reason in decisions[0]
    assert decisions[0].endswith("(correlation id why-not)")
    assert "not retried: not retried" not in caplog.text
    assert "retries allowed" not in caplog.text


async def test_retry_lines_count_the_retries(caplog: pytest.LogCaptureFixture) -> None:
    engage, _ = client_for(sequence(answer(503, {}), answer(200, {"data": {}})), max_retries=1)
    with caplog.at_level(logging.INFO, logger="pexip_engage_client"):
        async with engage:
            with pytest.raises(Exception):  # noqa: B017, PT011 - the empty appointment does not parse; not the point
                await engage.appointments.get_appointment_by_id("1")
    assert "HTTP 503; retry 1 of 1 in " in caplog.text


async def test_a_long_path_is_cut_in_every_log_line(caplog: pytest.LogCaptureFixture) -> None:
    # An id may be anything the caller was given (an agent's input, in the MCP server): no line repeats it whole.
    engage, _ = client_for(sequence(answer(503, {}), answer(404, {})), max_retries=1, log_bodies=True)
    with caplog.at_level(logging.DEBUG, logger="pexip_engage_client"):
        async with engage:
            with pytest.raises(Exception):  # noqa: B017, PT011 - the 404's error is tested elsewhere
                await engage.get("/appointments/" + "x" * 5000)  # the generated methods refuse an id this long
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) >= 5  # the answer's DEBUG lines, the retry's INFO, the decision, the bodies
    assert all("x" * 201 not in line and len(line) <= 400 for line in lines), max(map(len, lines))
    assert all(f"... ({len('/enterprises/acme/appointments/') + 5000:,} characters)" in line for line in lines)


SCRIPT = """
import asyncio, logging, sys
from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage
{setup}
async def main():
    fake = FakePexipEngage(); appointment = fake.add_appointment()
    async with PexipEngage("acme", token={token!r}, transport=fake) as engage:
        await engage.appointments.get_appointment_by_id(appointment["id"], correlation_id="printed-once")
asyncio.run(main())
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "setup",
    [
        "",  # the application configured no logging: PEXIP_ENGAGE_LOG's handler prints
        "logging.basicConfig(level=logging.DEBUG)",  # the root's handler prints; PEXIP_ENGAGE_LOG's does not
        "logging.basicConfig(level=logging.DEBUG, stream=sys.stderr, format='APP %(message)s')",
        "logging.getLogger().addHandler(logging.StreamHandler()); logging.getLogger().handlers[0].setLevel('WARNING')",
    ],
    ids=["no logging configured", "basicConfig", "basicConfig with a format", "root handler at WARNING"],
)
def test_pexip_engage_log_prints_each_line_once_whatever_the_application_configured(setup: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(setup=setup, token=TOKEN)],
        env={**os.environ, "PEXIP_ENGAGE_LOG": "debug"},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    lines = [line for line in result.stderr.splitlines() if "printed-once" in line]
    assert len(lines) == 1, result.stderr
    assert "-> 200" in lines[0]
    assert TOKEN not in result.stderr


def test_pexip_engage_log_reaches_caplog_and_prints_nothing_more(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    from pexip_engage_client._base.loggers import logger
    from pexip_engage_client._listening._logging import configure_from_environment

    monkeypatch.setenv("PEXIP_ENGAGE_LOG", "info")
    monkeypatch.setattr(logger, "handlers", [])
    monkeypatch.setattr(logger, "level", logging.NOTSET)
    configure_from_environment()
    assert logger.level == logging.INFO
    with caplog.at_level(logging.INFO):  # pytest's own handler, on the root logger
        logger.info("once %s", "please")
    assert [record.getMessage() for record in caplog.records] == ["once please"]
    assert "once please" not in capsys.readouterr().err
    monkeypatch.setattr(logging.getLogger(), "handlers", [])  # an application with no logging at all
    logger.info("now %s", "here")
    assert capsys.readouterr().err.endswith("INFO pexip_engage_client: now here\n")
