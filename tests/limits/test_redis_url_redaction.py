"""Redis and PostgreSQL passwords never shown: every URL form redis-py and libpq read, in reprs and log lines."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from pexip_engage_client._base.redis_urls import UNREADABLE, redacted_redis_url
from pexip_engage_client._redis_limits import RedisLimits
from pexip_engage_client.webhooks import WebhookReceiver

from ._backends import shared_limits

SECRET = "s3cr3t-pw"

_FORMS = [
    (f"redis://:{SECRET}@127.0.0.1:6379/0", "redis://:<redacted>@127.0.0.1:6379/0"),
    (f"redis://user:{SECRET}@127.0.0.1/0", "redis://user:<redacted>@127.0.0.1/0"),
    (f"rediss://user:{SECRET}%2F%23@redis.example:6380/1", "rediss://user:<redacted>@redis.example:6380/1"),
    (f"redis://127.0.0.1:6379/0?password={SECRET}&db=2", "redis://127.0.0.1:6379/0?password=<redacted>&db=2"),
    (f"redis://127.0.0.1/0?PASSWORD={SECRET}", "redis://127.0.0.1/0?PASSWORD=<redacted>"),
    (f"unix:///run/redis.sock?password={SECRET}&db=0", "unix:///run/redis.sock?password=<redacted>&db=0"),
    (f"unix://:{SECRET}@/run/redis.sock", "unix://:<redacted>@/run/redis.sock"),
    ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
    # A password holding '#', '/', '?' or '@' not percent-encoded: it spills out of the authority.
    (f"redis://:{SECRET}#x@127.0.0.1:6379", UNREADABLE),
    (f"redis://:{SECRET}/x@127.0.0.1:6379", UNREADABLE),
    (f"redis://:{SECRET}?x@127.0.0.1:6379", UNREADABLE),
    (f"redis://:{SECRET}@x@127.0.0.1:6379", "redis://:<redacted>@127.0.0.1:6379"),
    (f"redis://:{SECRET}@127.0.0.1:99999", UNREADABLE),
    # PostgreSQL, as libpq reads it: several hosts, the query's password and sslpassword, malformed ones.
    (
        f"postgresql://app:{SECRET}@db:5432/app?sslmode=require",
        "postgresql://app:<redacted>@db:5432/app?sslmode=require",
    ),
    (f"postgres://app:{SECRET}@h1:5432,h2:5433/app", "postgres://app:<redacted>@h1:5432,h2:5433/app"),
    (
        f"postgresql:///app?host=/run/pg&password={SECRET}&sslpassword={SECRET}",
        "postgresql:///app?host=%2Frun%2Fpg&password=<redacted>&sslpassword=<redacted>",
    ),
    (f"postgresql://app:{SECRET}#x@db/app", UNREADABLE),
    (f"postgresql://app:{SECRET}/x@db/app", UNREADABLE),
    (f"host=db password={SECRET}", UNREADABLE),
]


@pytest.mark.parametrize(("url", "shown"), _FORMS)
def test_every_form_is_shown_without_its_password(url: str, shown: str) -> None:
    assert redacted_redis_url(url) == shown
    assert SECRET not in redacted_redis_url(url)


@pytest.mark.parametrize(("url", "shown"), [form for form in _FORMS if form[1] != UNREADABLE])
def test_the_shared_limits_and_the_webhook_store_show_it_redacted(
    url: str, shown: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    limits = shared_limits(url, key="acme", max_in_flight=4, per_minute=3000)
    assert shown in repr(limits)
    receiver = WebhookReceiver(url, secret="webhook-key")
    assert SECRET not in repr(receiver) + repr(receiver.store)
    assert SECRET not in caplog.text


# Malformed in every way redis-py reads a URL with urlsplit: a password spilled into the port, the
# path, the query or the fragment; a port out of range or not a number.
_MALFORMED = [
    f"redis://:{SECRET}#x@127.0.0.1:6379",
    f"redis://user:{SECRET}#x@127.0.0.1",
    f"rediss://:{SECRET}/x@127.0.0.1:6380",
    f"redis://:{SECRET}?x@127.0.0.1",
    f"redis://:{SECRET}@127.0.0.1:99999",
    f"redis://:{SECRET}@127.0.0.1:port",
    f"unix://:{SECRET}#x@/run/redis.sock",
    f"redis://127.0.0.1:{SECRET}/0",
]


def _refusal(make: Callable[[], object]) -> str:
    with pytest.raises(ValueError) as refused:  # noqa: PT011 - which ValueError is what is checked
        make()
    return str(refused.value)


@pytest.mark.parametrize("url", _MALFORMED)
def test_a_malformed_url_is_refused_without_its_password_wherever_it_is_given(url: str) -> None:
    """The webhook receiver's store (`redis://:pw#x@host` quoted the password through urlsplit's
    "Port could not be cast to integer value as 'pw'"), the sync store, the shared limits, the stream sink."""
    from pexip_engage_client.webhooks import RedisStreamSink
    from pexip_engage_client.webhooks._stores._blocking_insert import RedisIntake

    refusals = [
        _refusal(lambda: WebhookReceiver(url, secret="webhook-key")),
        _refusal(lambda: RedisIntake(url, "base")),
        _refusal(lambda: RedisLimits(url, key="acme", max_in_flight=4, per_minute=3000)._connect()),
        _refusal(lambda: RedisStreamSink(url, "events", group="workers")._client.get()),  # noqa: PLW0108 - made inside,
    ]
    for message in refusals:
        assert SECRET not in message
        assert "Redis URL" in message


def test_a_readable_url_that_redis_refuses_says_why_without_the_password() -> None:
    message = _refusal(lambda: WebhookReceiver(f"redis://:{SECRET}@127.0.0.1/0?socket_timeout=soon", secret="k"))
    assert message.startswith("the Redis URL redis://:<redacted>@127.0.0.1/0?socket_timeout=soon cannot be used: ")
    assert SECRET not in message


# What libpq cannot read, it quotes whole at connect ('invalid percent-encoded token: "se%zz..."'):
# a password percent-encoded wrongly, in the authority or the query; or one spilled out of the authority.
_PG_MALFORMED = [
    f"postgresql://app:se%zz{SECRET}@127.0.0.1:1/app",
    f"postgresql://127.0.0.1:1/app?password=a%zz{SECRET}",
    f"postgresql://app:{SECRET}#x@127.0.0.1:1/app",
]


@pytest.mark.parametrize("url", _PG_MALFORMED)
def test_a_postgres_url_libpq_cannot_read_is_refused_at_once_without_its_password(url: str) -> None:
    """The webhook store, the shared limits and the leases refuse it when made, not at their first
    connect (whose error quoted the password into LeaseUnreachableError, EnsureTurnError, the store's)."""
    from pexip_engage_client._base._postgres_leases import PostgresLeases

    refusals = [
        _refusal(lambda: WebhookReceiver(url, secret="webhook-key")),
        _refusal(lambda: shared_limits(url, key="acme", max_in_flight=4, per_minute=3000)),
        _refusal(lambda: PostgresLeases(url, "turns")),
    ]
    for message in refusals:
        assert "zz" not in message
        assert SECRET not in message
        assert "PostgreSQL URL" in message


async def test_a_postgres_that_cannot_be_reached_says_why_without_the_password() -> None:
    from pexip_engage_client._base._lease import LeaseUnreachableError
    from pexip_engage_client._base._postgres_leases import PostgresLeases

    leases = PostgresLeases(f"postgresql://app:{SECRET}@127.0.0.1:1/app?password={SECRET}", "turns")
    with pytest.raises(LeaseUnreachableError) as unreachable:
        await leases.take("k", "token", 5)
    assert "OperationalError: connection failed" in str(unreachable.value)
    assert SECRET not in str(unreachable.value)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (f'invalid percent-encoded token: "{SECRET}"', "ProgrammingError"),
        (f"password {SECRET} refused", "ProgrammingError"),
        ("connection refused", "ProgrammingError: connection refused"),
    ],
)
def test_a_drivers_text_is_shown_only_when_it_holds_no_password(text: str, shown: str) -> None:
    import psycopg

    from pexip_engage_client._base.postgres import described_error

    assert described_error(psycopg.ProgrammingError(text), f"postgresql://app:{SECRET}@db/app") == shown
    assert described_error(psycopg.ProgrammingError(text), f"postgresql://app:{SECRET}#x@db/app") == "ProgrammingError"
