"""The one redaction rule at its edges (`_base/redaction.py`): what each of its parts shows and hides.

The suites that use it (reprs, log lines, refusals, the shared backends' URLs) see it through the
common forms; these pin the forms they do not reach, each one a slip that would show a secret (a
header's first word, a PostgreSQL password as libpq reads it, a username that is a token, a
reason that quotes the URL) or hide what needs no hiding (a scheme, a URL without credentials).
"""

from __future__ import annotations

from typing import Any

import pytest

from pexip_engage_client._base.redaction import (
    REDACTED,
    hidden_name,
    holds_secret,
    redacted_header,
    redacted_url,
    redis_from_url,
    secret_values,
)


# mutmut leaves `hidden_name` alone (it mutates no decorated function, and this one is cached): these
# are its guard, each slip planted in it by hand (no lowering, no stripping of `_`/`-`, fewer decoding
# rounds, no malformed-escape rule, the word rule for data) failing one of them.
@pytest.mark.parametrize(
    "name",
    [
        "access_token",
        "X-Api-Key",
        "sslpassword",
        "Set-Cookie",
        "Authorization",
        "sessionId",
        "pass_word",
        "PASSWORD",
        "pass%77ord",
        "pass%2577ord",
        "pass%25252577ord",
        "%7w",
        "communicationEmail",
        "city",
        "firstName",
        "zipCode",
        "TITLE",
        "customerNumber",
    ],
)
def test_a_name_that_may_name_a_secret_or_a_persons_data_is_hidden(name: str) -> None:
    assert hidden_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "capacity",
        "subtitle",
        "page",
        "limit",
        "db",
        "host",
        "sslmode",
        "externalId",
        "office_id",
        "start",
        "Accept",
        "Content-Type",
        "X-Request-Id",
        "User-Agent",
        "Date",
    ],
)
def test_a_name_that_names_neither_is_shown(name: str) -> None:
    assert not hidden_name(name)


@pytest.mark.parametrize(
    ("name", "value", "shown"),
    [
        ("Authorization", "Bearer abc", f"Bearer {REDACTED}"),
        ("Authorization", "Basic a b", f"Basic {REDACTED}"),  # the scheme is the first word, not all but the last
        ("Authorization", "Bearer", REDACTED),  # a lone word may be the secret itself
        ("X-Api-Key", "s3cret-part1 part2", REDACTED),  # a first word that is no scheme is part of the secret
        ("X-Api-Key", "s3cret", REDACTED),
        ("Accept", "application/json", "application/json"),
        ("Content-Type", "text/plain; charset=utf-8", "text/plain; charset=utf-8"),
    ],
)
def test_a_header_shows_its_scheme_and_never_its_secret(name: str, value: str, shown: str) -> None:
    assert redacted_header(name, value) == shown


@pytest.mark.parametrize(
    ("url", "secrets"),
    [
        ("redis://h/0", set()),
        ("redis://:p+w%2F@h/0", {"p+w%2F", "p+w/", "p w/"}),  # as written, unquoted, and unquoted as a form
        ("redis://:a@b@h/0", {"a@b"}),  # redis-py reads up to the last '@': libpq's reading is PostgreSQL's only
        ("postgresql://app:p1@p2@db/app", {"p1@p2", "p1"}),  # libpq ends the password at the first '@'
        ("postgresql://app:p:q@db/app", {"p:q"}),  # the password is all after the first ':'
        ("POSTGRES://app:p1@p2@db/app", {"p1@p2", "p1"}),
        ("postgresql://db/app?host=/run&password=pw", {"pw"}),
        # urlsplit cannot read it (an unclosed IPv6 host): the query, after the first '?', is still read.
        ("redis://[bad?password=pw?x&db=1", {"pw?x"}),
    ],
)
def test_every_password_a_url_holds_is_a_secret_value(url: str, secrets: set[str]) -> None:
    assert secret_values(url) == secrets


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://user:pw@h/p", f"https://{REDACTED}@h/p"),
        ("https://t0ken@h/p", f"https://{REDACTED}@h/p"),  # a username alone may be a token
        ("https://h/p", "https://h/p"),
        ("https://h/p?a=1&b=2", f"https://h/p?a={REDACTED}&b={REDACTED}"),
    ],
)
def test_a_url_a_refusal_names_shows_no_userinfo_and_no_query_value(url: str, shown: str) -> None:
    assert redacted_url(url, every_value=True) == shown


def test_a_value_holding_an_equals_sign_is_hidden_whole() -> None:
    assert redacted_url("https://h/p?password=a=b&q=1") == f"https://h/p?password={REDACTED}&q=1"


@pytest.mark.parametrize(
    ("url", "holds"),
    [
        ("https://h/p", False),
        ("https://h/p?q=1", True),  # any query value may be one, when a refusal quotes the URL
        ("https://user@h/p", True),
        ("https://h/p?password=<redacted>", True),  # a password spelled like the mark is a password still
    ],
)
def test_a_url_holds_a_secret_when_showing_it_whole_could_show_one(url: str, holds: bool) -> None:
    assert holds_secret(url) is holds


def _made(url: str, **options: Any) -> tuple[str, dict[str, Any]]:
    return url, options


def _refused(url: str, **options: Any) -> None:
    raise ValueError(f"cannot read {url}")


def test_redis_from_url_passes_the_url_and_every_option_on() -> None:
    assert redis_from_url(_made, "redis://h/0", decode_responses=True) == ("redis://h/0", {"decode_responses": True})


def test_a_refused_redis_url_without_a_password_is_told_with_redis_pys_reason() -> None:
    with pytest.raises(ValueError, match=r"^the Redis URL redis://h/x cannot be used: cannot read redis://h/x$"):
        redis_from_url(_refused, "redis://h/x")


def test_a_refused_redis_url_with_a_password_is_told_without_it() -> None:
    with pytest.raises(ValueError, match="cannot be used") as refused:
        redis_from_url(_refused, "redis://:s3cret@h/x")
    assert str(refused.value) == f"the Redis URL redis://:{REDACTED}@h/x cannot be used: redis-py refused it"
