"""Redis and PostgreSQL passwords never shown: every URL form redis-py and libpq read, in reprs and log lines."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from pexip_engage_client import Governor
from pexip_engage_client._base.redaction import UNREADABLE, redacted_url
from pexip_engage_client._limiting._redis_limits import RedisLimits
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
    # libpq ends the password at the first '@' (redis-py at the last): the rest would be a host.
    (f"postgresql://app:{SECRET}@x@db/app", UNREADABLE),
    # libpq and redis-py percent-decode a parameter's name: these name the password all the same.
    (f"postgresql://db/app?pass%77ord={SECRET}", "postgresql://db/app?password=<redacted>"),
    (
        f"postgresql://db/app?%70%61ssword={SECRET}&sslmode=require",
        "postgresql://db/app?password=<redacted>&sslmode=require",
    ),
    (f"postgresql://db/app?ssl%70assword={SECRET}", "postgresql://db/app?sslpassword=<redacted>"),
    (f"redis://127.0.0.1/0?pass%77ord={SECRET}", "redis://127.0.0.1/0?password=<redacted>"),
]
# Shown redacted, and refused by libpq (which reads no such parameter): not for the stores below.
_NAMES_LIBPQ_REFUSES = [
    (f"postgresql://db/app?pass%2577ord={SECRET}", "postgresql://db/app?pass%2577ord=<redacted>"),
    # A name whose percent-encoding is malformed: what it was meant to name cannot be told.
    (f"postgresql://db/app?pass%7word={SECRET}", "postgresql://db/app?pass%257word=<redacted>"),
]


@pytest.mark.parametrize(("url", "shown"), _FORMS + _NAMES_LIBPQ_REFUSES)
def test_every_form_is_shown_without_its_password(url: str, shown: str) -> None:
    assert redacted_url(url) == shown
    assert SECRET not in redacted_url(url)


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

    refusals = [
        _refusal(lambda: WebhookReceiver(url, secret="webhook-key")),
        _refusal(lambda: WebhookReceiver(url, secret="webhook-key").wsgi_app()),
        _refusal(lambda: RedisLimits(url, key="acme", max_in_flight=4, per_minute=3000)),
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
    f"postgresql://app:se%zz%41{SECRET}@127.0.0.1:1/app",
    f"postgresql://app:se%41{SECRET}%@127.0.0.1:1/app",
    f"postgresql://app:se%00{SECRET}@127.0.0.1:1/app",
    f"postgresql://127.0.0.1:1/app?password=a%zz{SECRET}",
    f"postgresql://127.0.0.1:1/app?password=a{SECRET}%4",
    # The parameter's name percent-encoded (libpq decodes it): matched once decoded.
    f"postgresql://127.0.0.1:1/app?pass%77ord=se%zz{SECRET}",
    f"postgresql://127.0.0.1:1/app?%70assword=se+{SECRET}%zz",
    f"postgresql://127.0.0.1:1/app?ssl%70assword=se%zz{SECRET}",
    f"postgresql://127.0.0.1:1/app?pass%2577ord=se%zz{SECRET}",
    f"postgres://127.0.0.1:1/app?PASS%57ORD=se%zz{SECRET}",
    # Its name malformed: libpq quotes the name, never the value; the value is hidden all the same.
    f"postgresql://127.0.0.1:1/app?pass%7word=se%zz{SECRET}",
    f"postgresql://127.0.0.1:1/app?pass%7word={SECRET}",
    f"postgresql://app:{SECRET}#x@127.0.0.1:1/app",
    f"postgresql://app:{SECRET}@x@127.0.0.1:1/app",
]


@pytest.mark.parametrize("url", _PG_MALFORMED)
def test_a_postgres_url_libpq_cannot_read_is_refused_at_once_without_its_password(url: str) -> None:
    """The webhook store, the shared limits and the leases refuse it when made, not at their first
    connect (whose error quoted the password into LeaseUnreachableError, EnsureTurnError, the store's)."""
    from pexip_engage_client._leasing._postgres_leases import PostgresLeases

    refusals = [
        _refusal(lambda: WebhookReceiver(url, secret="webhook-key")),
        _refusal(lambda: shared_limits(url, key="acme", max_in_flight=4, per_minute=3000)),
        _refusal(lambda: PostgresLeases(url, "turns")),
    ]
    for message in refusals:
        assert "zz" not in message
        assert SECRET not in message
        assert "PostgreSQL URL" in message


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://app:{SECRET}@127.0.0.1:port/app",
        f"postgresql://app:{SECRET}@h1:5432,h2:x/app",
        f"postgresql://app:{SECRET}@[::1]:99999/app",
        f"postgresql://app:{SECRET}@127.0.0.1:0/app",
        f"postgresql://127.0.0.1/app?port=port&password={SECRET}",
        f"postgres://app:{SECRET}@127.0.0.1/app?port=5432,-1",
    ],
)
def test_a_postgres_port_that_is_not_a_number_is_refused_at_once_naming_the_port(url: str) -> None:
    """Not after a pool's timeout of seconds (libpq reads the port only at connect): at once, as
    redis-py refuses `redis://host:port`, naming the parameter and never the password."""
    from pexip_engage_client._leasing._postgres_leases import PostgresLeases

    refusals = [
        _refusal(lambda: WebhookReceiver(url, secret="webhook-key")),
        _refusal(lambda: shared_limits(url, key="acme", max_in_flight=4, per_minute=3000)),
        _refusal(lambda: PostgresLeases(url, "turns")),
        _refusal(lambda: Governor(shared=url)),
    ]
    for message in refusals:
        assert message.startswith(("port: the PostgreSQL URL ", "shared: port: the PostgreSQL URL ")), message
        assert SECRET not in message


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://app@127.0.0.1:5432/app",
        "postgresql://app@[::1]:5432,[::1]/app",
        "postgresql://app@h1:5432,h2:5433/app?port=",
        "postgresql:///app?host=/run/postgresql&port=5432",
    ],
)
def test_a_postgres_port_that_is_a_number_or_absent_is_accepted(url: str) -> None:
    from pexip_engage_client._base.shared_urls import split_url

    assert split_url(url)[1] == "pexip_engage"
