"""Every room checks its counts and numbers of seconds one way (`_base/arguments.py`): the refusal names the argument
apart from its words (`ArgumentError.argument`, what the command line words by its own names), in the words it had."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from pexip_engage_client import Governor, PexipEngage, RetryPolicy
from pexip_engage_client._base.arguments import ArgumentError
from pexip_engage_client._ensuring._ensure import external_id_of
from pexip_engage_client._ensuring._ensure_identity import KINDS
from pexip_engage_client._limiting._limits import LocalLimits
from pexip_engage_client._runtime import AsyncPages
from pexip_engage_client._scheduling._booking import bodies
from pexip_engage_client._scheduling._candidates import Candidate
from pexip_engage_client.provisioning import apply_plan
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.webhooks import RedisStreamSink, WebhookReceiver


def _latency(seconds: float) -> None:
    FakePexipEngage().latency = seconds


async def _walk(concurrency: int) -> None:
    async def fetch(offset: int) -> Any:
        raise AssertionError("nothing is fetched before the arguments are checked")

    await anext(AsyncPages(fetch, 0).items(concurrency))


REFUSED: dict[str, tuple[Callable[[], object], str]] = {
    "Governor max_in_flight": (lambda: Governor(max_in_flight=0), "max_in_flight must be a positive integer (got 0)"),
    "Governor rate": (
        lambda: Governor(rate=0),
        "rate must be a positive number of requests per second, or None (got 0)",
    ),
    "Governor retry_budget": (
        lambda: Governor(retry_budget=-1),
        "retry_budget must be a number of retries per request, 0 or more (got -1)",
    ),
    "Governor min_retries": (
        lambda: Governor(min_retries=True),
        "min_retries must be an integer, 0 or more (got True)",
    ),
    "RetryPolicy": (
        lambda: RetryPolicy(max_delay=-1),
        "RetryPolicy max_delay must be a finite number of seconds, 0 or more (got -1)",
    ),
    "fake max_recorded_calls": (
        lambda: FakePexipEngage(max_recorded_calls=-1),
        "max_recorded_calls must be 0 or more, not -1",
    ),
    "fake max_in_flight": (
        lambda: FakePexipEngage(max_in_flight=0),
        "max_in_flight must be a positive integer, or None for no limit (got 0)",
    ),
    "fake latency": (lambda: _latency(-1), "latency must be a finite number of seconds, 0 or more (got -1)"),
    "fake per_second": (
        lambda: FakePexipEngage().limit_rate(0),
        "per_second must be a positive number (got 0)",
    ),
    "fake burst": (lambda: FakePexipEngage().limit_rate(5, burst=0), "burst must be at least 1 (got 0)"),
    "receiver lease": (
        lambda: WebhookReceiver(secret="s", lease=-1),
        "lease must be a positive number of seconds, not -1",
    ),
    "client strict_responses": (
        lambda: PexipEngage("acme", token="t", strict_responses="yes"),  # type: ignore[arg-type]
        "strict_responses must be True or False (got str: 'yes')",
    ),
    "stream sink maxlen": (
        lambda: RedisStreamSink(object(), "events", group="workers", maxlen=0),
        "maxlen must be a positive integer or None, not 0",
    ),
}


async def _raw_get(**arguments: Any) -> None:
    async with PexipEngage("acme", token="t", transport=FakePexipEngage()) as engage:
        await engage.get("/employees", **arguments)


REFUSED_WHEN_AWAITED: dict[str, tuple[Callable[[], Awaitable[object]], str]] = {
    "raw call params": (lambda: _raw_get(params=[("a", 1)]), "params must be a mapping of names to values (got list)"),
    "extra_headers": (
        lambda: _raw_get(extra_headers=[("X-A", "1")]),
        "extra_headers must be a mapping of names to values (got list)",
    ),
    "extra_query": (
        lambda: _raw_get(extra_query=[("a", 1)]),
        "extra_query must be a mapping of names to values (got list)",
    ),
    "items concurrency": (lambda: _walk(0), "concurrency must be a positive integer, or None (got 0)"),
    "apply_plan concurrency": (
        lambda: apply_plan(None, None, concurrency=0),  # type: ignore[call-overload]
        "concurrency must be a positive integer (got 0)",
    ),
    "pause seconds": (
        lambda: LocalLimits(max_in_flight=None, per_minute=None).pause(-1),
        "seconds must be a number of seconds, 0 or more (got -1)",
    ),
}


def _named(error: ArgumentError, message: str) -> None:
    assert str(error) == message
    assert message.removeprefix("RetryPolicy ").startswith(f"{error.argument} ")
    assert error.worded(lambda name: f"--{name}") == message.replace(error.argument, f"--{error.argument}", 1)


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_setting_out_of_range_is_refused_naming_it_in_its_words(case: str) -> None:
    make, message = REFUSED[case]
    with pytest.raises(ArgumentError) as caught:
        make()
    _named(caught.value, message)


@pytest.mark.parametrize("case", sorted(REFUSED_WHEN_AWAITED))
async def test_an_argument_out_of_range_is_refused_naming_it_in_its_words(case: str) -> None:
    make, message = REFUSED_WHEN_AWAITED[case]
    with pytest.raises(ArgumentError) as caught:
        await make()
    _named(caught.value, message)


def test_an_ensure_without_an_external_id_names_the_body_path_as_its_argument() -> None:
    """An ensure's refusal of its body is an `ArgumentError` too, in the words it had (issue 77: one way)."""
    with pytest.raises(ArgumentError) as caught:
        external_id_of(KINDS["create_employee"], {"externalId": ""})
    assert caught.value.argument == "body.externalId"
    assert str(caught.value) == (
        "employees.ensure_employee needs body.externalId, a non-empty string: the key by which a create is found "
        "again after a lost answer (got ''); without one, call create_employee instead"
    )


_AT = datetime(2030, 1, 1, 9, tzinfo=UTC)
_SLOT = Candidate(_AT, _AT + timedelta(hours=1), office_id="o1", employee_id="e1")
_EMPLOYEE = {"role": "PRIMARY", "type": "EMPLOYEE", "participantId": "e2"}
REFUSED_BODIES: dict[str, tuple[dict[str, Any], str, str]] = {
    "no externalId": (
        {},
        "body.externalId",
        "body.externalId: book_first needs the key of this booking attempt, a non-empty string: the same "
        "on a retry of the attempt (it finds what an earlier run booked), another for every other attempt",
    ),
    "a start": (
        {"externalId": "x", "start": "2030-01-01T09:00:00Z"},
        "body.start",
        "body.start: book_first sets start and end from each candidate; leave it out",
    ),
    "another office": (
        {"externalId": "x", "officeId": "o2"},
        "body.officeId",
        "body.officeId: 'o2', but a candidate is for 'o1'; leave it out, or propose only 'o2'",
    ),
    "another employee": (
        {"externalId": "x", "appointmentParticipants": [_EMPLOYEE]},
        "body.appointmentParticipants",
        "body.appointmentParticipants: the PRIMARY employee is 'e2', but a candidate is 'e1''s",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED_BODIES))
def test_a_book_first_body_it_cannot_use_names_the_body_path_as_its_argument(case: str) -> None:
    """`book_first`'s refusals of its body are `ArgumentError`s too, in the words they had (issue 77: one way)."""
    body, argument, message = REFUSED_BODIES[case]
    with pytest.raises(ArgumentError) as caught:
        bodies(body, [_SLOT])
    assert caught.value.argument == argument
    assert str(caught.value) == message
