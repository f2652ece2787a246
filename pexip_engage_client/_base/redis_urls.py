"""A Redis or PostgreSQL URL as it may be shown (repr, logs, errors): every form their clients read, with no password.

redis-py takes the password in the authority (`redis://:secret@host`, `redis://user:secret@host`)
or as a query parameter (`redis://host/0?password=secret`, `unix:///run/redis.sock?password=secret`).
libpq alike (`postgresql://user:secret@host/db`, `postgresql://host/db?password=secret`, and the key
of a client certificate as `sslpassword`), with several hosts in one authority
(`postgresql://user:secret@h1:5432,h2:5432/db`). A password holding `#`, `/` or `?` that was not
percent-encoded makes the URL read differently from what was meant: part of the password lands in
the path, the query or the fragment, where no rule would know to hide it. Such a URL is shown as
unreadable, never in part; so is anything that is not a URL at all (a libpq `key=value` string), and
a PostgreSQL authority with two `@` (libpq ends the password at the first, redis-py at the last).

Both clients percent-decode a query parameter's name before reading it (`pass%77ord=` is
`password=`): a name is a password's once decoded (as often as it takes), in any case, and so is a
name whose percent-encoding is malformed (`pass%7word=`: what it was meant to name cannot be told).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import SplitResult, unquote, unquote_plus, urlencode, urlsplit

T = TypeVar("T")

REDACTED = "<redacted>"
UNREADABLE = "<a URL that cannot be read; not shown, as it may hold a password>"
_SECRET_PARAMETERS = ("password", "sslpassword")
_SEVERAL_HOSTS = ("postgresql", "postgres")  # whose authority may name several hosts: no single port
_MALFORMED_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def is_secret_parameter(name: str) -> bool:
    """Whether a query parameter's name, as written, may name a password: once percent-decoded (as
    often as it changes, with `+` read as a space or not), in any case; or malformed (`%7w`)."""
    if _MALFORMED_ESCAPE.search(name):
        return True
    forms = {name}
    for _ in range(8):  # a name encoded over and over is no parameter anyone means: still looked at
        decoded = {unquote(form) for form in forms} | {unquote_plus(form) for form in forms}
        if decoded <= forms:
            break
        forms |= decoded
    return any(secret in form.lower() for form in forms for secret in _SECRET_PARAMETERS)


def _query_pairs(query: str) -> list[tuple[str, str, str]]:
    """The query's pairs as written (name, value) and the name as read, empty pairs left out."""
    pairs = []
    for pair in query.split("&"):
        if pair:
            name, _, value = pair.partition("=")
            pairs.append((name, value, unquote_plus(name)))
    return pairs


def secret_values(url: str) -> set[str]:
    """Every password `url` holds (authority and query), as written and percent-decoded: what no
    message may hold. Empty when there is none."""
    try:
        parts = urlsplit(url)
        written = [parts.password or ""]
    except ValueError:
        parts, written = None, []
    if parts is not None and parts.scheme.lower() in _SEVERAL_HOSTS and "@" in parts.netloc:
        # libpq ends the userinfo at the first '@', Python at the last: both readings.
        userinfo = parts.netloc.partition("@")[0]
        written += [userinfo.partition(":")[2], parts.netloc.rpartition("@")[0].partition(":")[2]]
    query = parts.query if parts is not None else url.partition("?")[2]
    written += [value for name, value, _ in _query_pairs(query) if is_secret_parameter(name)]
    return {form for value in written if value for form in (value, unquote(value), unquote_plus(value))}


def redacted_url(url: str) -> str:
    """`url` (Redis or PostgreSQL) with every password (in the authority or the query) replaced by `<redacted>`."""
    parts = _showable(url)
    if parts is None:
        return UNREADABLE
    netloc = parts.netloc
    if parts.password is not None:
        netloc = f"{parts.username or ''}:{REDACTED}@{netloc.rpartition('@')[2]}"
    query = _redacted_query(parts.query)
    # Written out rather than by urlunsplit, which drops the empty authority of unix:///path.
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")


def _showable(url: str) -> SplitResult | None:
    """`url`'s parts, or None when no part of it can be shown without risking a password's."""
    try:
        parts = urlsplit(url)
        if parts.scheme.lower() not in _SEVERAL_HOSTS:
            parts.port  # noqa: B018 - read for its ValueError on a malformed authority
    except ValueError:
        return None
    # Neither has a fragment, and an '@' outside the authority is a password that spilled over.
    if not parts.scheme or "://" not in url or parts.fragment or "@" in parts.path + parts.query or "#" in url:
        return None
    if parts.scheme.lower() in _SEVERAL_HOSTS and parts.netloc.count("@") > 1:
        return None  # libpq's password ends at the first '@': the rest of it would be a host
    return parts


def _redacted_query(query: str) -> str:
    if not query:
        return ""
    pairs = [
        (shown_name, REDACTED if is_secret_parameter(name) else unquote_plus(value))
        for name, value, shown_name in _query_pairs(query)
    ]
    return urlencode(pairs, safe="<>")


def redis_from_url(make: Callable[..., T], url: str, **options: Any) -> T:
    """`make(url, **options)`, a redis-py `from_url`, whose `ValueError` is told again without the URL.

    redis-py reads the URL with `urlsplit`, whose messages quote what they could not read: for
    `redis://:pw#x@host` that is "Port could not be cast to integer value as 'pw'", the password.
    A URL that cannot be shown is refused before redis-py sees it: it reads some of them
    (`unix://:pw#x@/path`) as another URL than the one meant, with part of the password lost.
    """
    if redacted_url(url) == UNREADABLE:
        raise ValueError(unusable_redis_url(url))
    try:
        return make(url, **options)
    except ValueError as error:
        refusal = unusable_redis_url(url, error)
    raise ValueError(refusal)  # out of the except block: redis-py's error is not kept as its __context__


def unusable_redis_url(url: str, error: BaseException | None = None) -> str:
    """Why `url` cannot be used, never with a password: the URL redacted, and redis-py's reason
    only when the URL could be read and the reason holds none of its secrets."""
    shown = redacted_url(url)
    if shown == UNREADABLE:
        return f"the Redis URL cannot be used: {UNREADABLE} (percent-encode a password's '#', '/', '?' and '@')"
    reason = str(error or "redis-py refused it")
    return f"the Redis URL {shown} cannot be used: " + ("redis-py refused it" if secret_values(url) else reason)
