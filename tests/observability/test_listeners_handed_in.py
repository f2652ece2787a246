"""The calls' event stream is handed what listens by the facade, made only once something may listen.

`_telemetry/_stream.py`, in the request core, never imports the listeners (`_listening`): the facade hands its
`Telemetry` a callable that makes them.
"""

from __future__ import annotations

import logging

import pytest

from pexip_engage_client import EventHooks, PexipEngage
from pexip_engage_client._listening._listeners import Listeners
from pexip_engage_client._telemetry._stream import Telemetry
from pexip_engage_client.testing import FakePexipEngage


class Counted:
    """A maker of listeners that counts what it made."""

    def __init__(self) -> None:
        self.made: list[Listeners] = []

    def __call__(self) -> Listeners:
        self.made.append(Listeners(None, None, None, None, "acme", hook_kinds=()))
        return self.made[-1]


def test_with_event_hooks_the_listeners_are_made_with_the_client() -> None:
    counted = Counted()
    telemetry = Telemetry(counted, now=True, traced=False)
    assert len(counted.made) == 1
    assert telemetry.listeners() is counted.made[0]


def test_given_a_provider_the_listeners_are_made_by_the_first_call_and_kept() -> None:
    counted = Counted()
    telemetry = Telemetry(counted, now=False, traced=True)
    assert counted.made == []
    assert telemetry.listeners() is telemetry.listeners() is counted.made[0]


async def test_a_logger_enabled_after_the_client_was_made_hears_its_next_call(caplog: pytest.LogCaptureFixture) -> None:
    async with PexipEngage("acme", token="test", transport=FakePexipEngage()) as engage:
        with caplog.at_level(logging.DEBUG, logger="pexip_engage_client"):
            await engage.employees.get_employees()
    assert any("GET /enterprises/acme/employees" in record.getMessage() for record in caplog.records), caplog.text


async def test_the_event_hooks_hear_each_call_through_the_listeners_the_facade_made() -> None:
    told: list[object] = []
    hooks: EventHooks = {"request": [told.append], "response": [told.append]}
    async with PexipEngage("acme", token="test", transport=FakePexipEngage(), event_hooks=hooks) as engage:
        await engage.employees.get_employees()
    assert [type(event).__name__ for event in told] == ["RequestEvent", "ResponseEvent"]
    assert type(engage._telemetry.listeners()).__module__ == "pexip_engage_client._listening._listeners"
