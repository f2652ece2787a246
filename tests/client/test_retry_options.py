"""The retry policy is given where every other setting is, and `retry_after` means one thing
wherever it appears: the seconds an answer's `Retry-After` asked for."""

from __future__ import annotations

import httpx2
import pytest

from pexip_engage_client import Governor, PexipEngage, RetryEvent, RetryPolicy, errors
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN


async def test_the_constructor_takes_the_retry_policy(sleeps: list[float]) -> None:
    fake = FakePexipEngage()
    segment = fake.add_lead_segment(code="R")
    fake.fail("getLeadSegmentById", status=429, retry_after=120)
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:  # the default: at most 60 s
        with pytest.raises(errors.RateLimitError) as refused:
            await engage.lead_segments.get_lead_segment_by_id(segment["id"])
    assert refused.value.retry_after == 120.0
    assert sleeps == []
    fake.fail("getLeadSegmentById", status=429, retry_after=120)
    policy = RetryPolicy(max_retry_after=300, initial_delay=0.25, jitter=0)
    # Its own governor: the process's default one is paused for the 120 s the first answer asked
    # for, longer than a call's time, and would refuse at once (tests/client/test_governor.py).
    async with PexipEngage("acme", token=TOKEN, transport=fake, retry=policy, governor=Governor()) as engage:
        assert (await engage.lead_segments.get_lead_segment_by_id(segment["id"])).id == segment["id"]
        fake.fail("getLeadSegmentById", status=503)  # no Retry-After: the policy's own backoff
        await engage.lead_segments.get_lead_segment_by_id(segment["id"])
    assert sleeps == [120.0, 0.25]


def test_the_constructor_refuses_what_is_not_a_retry_policy() -> None:
    with pytest.raises(ValueError, match="retry must be a RetryPolicy"):
        PexipEngage("acme", token=TOKEN, retry={"max_retry_after": 300})  # type: ignore[arg-type]


async def test_a_retry_event_says_the_seconds_retry_after_asked_for_or_none_for_a_backoff(
    sleeps: list[float],
) -> None:
    statuses = iter([(429, {"Retry-After": "3"}), (503, {}), (200, {})])

    def respond(request: httpx2.Request) -> httpx2.Response:
        status, headers = next(statuses)
        return httpx2.Response(status, headers=headers, json={"data": []} if status == 200 else None)

    events: list[RetryEvent] = []

    async def on_retry(event: RetryEvent) -> None:
        events.append(event)

    async with PexipEngage(
        "acme",
        token=TOKEN,
        transport=httpx2.MockTransport(respond),
        max_retries=2,
        retry=RetryPolicy(initial_delay=0.5, jitter=0),
        event_hooks={"retry": [on_retry]},
    ) as engage:
        await engage.get("/regions")
    assert [(event.retry_after, event.wait) for event in events] == [(3.0, 3.0), (None, 1.0)]
    assert sleeps == [3.0, 1.0]


# --- the policy's own rules (each a slip `make mutation` found the quick tests passing) ---------


@pytest.mark.parametrize("name", ["initial_delay", "max_delay", "max_retry_after", "jitter"])
@pytest.mark.parametrize("value", [-1, float("nan"), float("inf"), "1", True])
def test_a_retry_policy_refuses_a_value_by_its_name(name: str, value: object) -> None:
    with pytest.raises(ValueError, match=r"^RetryPolicy ") as refused:
        RetryPolicy(**{name: value})  # type: ignore[arg-type]
    assert str(refused.value) == f"RetryPolicy {name} must be a finite number of seconds, 0 or more (got {value!r})"
    assert getattr(refused.value, "argument", None) == name


def test_a_retry_policy_takes_zero_and_a_jitter_of_one_but_no_more() -> None:
    assert RetryPolicy(initial_delay=0, max_delay=0, max_retry_after=0, jitter=0).backoff(3) == 0
    assert RetryPolicy(jitter=1).jitter == 1
    with pytest.raises(ValueError, match=r"^RetryPolicy jitter must be between 0 and 1 \(got 1\.5\)$"):
        RetryPolicy(jitter=1.5)


def test_the_backoff_takes_its_jitter_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("random.random", lambda: 0.5)
    policy = RetryPolicy(initial_delay=1, max_delay=4, jitter=0.5)
    assert [policy.backoff(n) for n in (1, 2, 3, 4)] == [0.75, 1.5, 3.0, 3.0]


def test_a_retry_after_now_or_past_is_no_wait() -> None:
    from pexip_engage_client._base.timing import retry_after_seconds

    assert retry_after_seconds(httpx2.Headers({"Retry-After": "0"})) == 0.0
    assert retry_after_seconds(httpx2.Headers({"Retry-After": "-5"})) == 0.0
    assert retry_after_seconds(httpx2.Headers({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0.0
    assert retry_after_seconds(httpx2.Headers({"Retry-After": "2.5"})) == 2.5


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_an_untrusted_certificate_is_never_retried(method: str) -> None:
    from pexip_engage_client._pipeline._retry import may_retry_error
    from pexip_engage_client._senders._failures import TLSCertificateError

    assert may_retry_error(method, TLSCertificateError("certificate verify failed")) is False
    assert may_retry_error(method, httpx2.ConnectError("refused")) is True
