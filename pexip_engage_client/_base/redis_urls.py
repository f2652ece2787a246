"""A Redis or PostgreSQL URL as it may be shown (repr, logs, errors): every form their clients read, with no password.

redis-py takes the password in the authority (`redis://:secret@host`, `redis://user:secret@host`)
or as a query parameter (`redis://host/0?password=secret`, `unix:///run/redis.sock?password=secret`).
libpq alike (`postgresql://user:secret@host/db`, `postgresql://host/db?password=secret`, and the key
of a client certificate as `sslpassword`), with several hosts in one authority
(`postgresql://user:secret@h1:5432,h2:5432/db`). A password holding `#`, `/` or `?` that was not
percent-encoded makes the URL read differently from what was meant: part of the password lands in
the path, the query or the fragment, where no rule would know to hide it. Such a URL is shown as
unreadable, never in part; so is anything that is not a URL at all (a libpq `key=value` string).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit

T = TypeVar("T")

REDACTED = "<redacted>"
UNREADABLE = "<a URL that cannot be read; not shown, as it may hold a password>"
_SECRET_PARAMETERS = ("password", "sslpassword")
_SEVERAL_HOSTS = ("postgresql", "postgres")  # whose authority may name several hosts: no single port


def redacted_url(url: str) -> str:
    """`url` (Redis or PostgreSQL) with every password (in the authority or the query) replaced by `<redacted>`."""
    try:
        parts = urlsplit(url)
        if parts.scheme.lower() not in _SEVERAL_HOSTS:
            parts.port  # noqa: B018 - read for its ValueError on a malformed authority
    except ValueError:
        return UNREADABLE
    # Neither has a fragment, and an '@' outside the authority is a password that spilled over.
    if not parts.scheme or "://" not in url or parts.fragment or "@" in parts.path + parts.query or "#" in url:
        return UNREADABLE
    netloc = parts.netloc
    if parts.password is not None:
        host = netloc.rpartition("@")[2]
        netloc = f"{parts.username or ''}:{REDACTED}@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode(
            [(key, REDACTED if key.lower() in _SECRET_PARAMETERS else value) for key, value in pairs], safe="<>"
        )
    # Written out rather than by urlunsplit, which drops the empty authority of unix:///path.
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")


def redacted_redis_url(url: str) -> str:
    """`redacted_url`, by the name the Redis parts have always called it."""
    return redacted_url(url)


def redis_from_url(make: Callable[..., T], url: str, **options: Any) -> T:
    """`make(url, **options)`, a redis-py `from_url`, whose `ValueError` is told again without the URL.

    redis-py reads the URL with `urlsplit`, whose messages quote what they could not read: for
    `redis://:pw#x@host` that is "Port could not be cast to integer value as 'pw'", the password.
    A URL that cannot be shown is refused before redis-py sees it: it reads some of them
    (`unix://:pw#x@/path`) as another URL than the one meant, with part of the password lost.
    """
    if redacted_redis_url(url) == UNREADABLE:
        raise ValueError(unusable_redis_url(url))
    try:
        return make(url, **options)
    except ValueError as error:
        raise ValueError(unusable_redis_url(url, error)) from None


def unusable_redis_url(url: str, error: BaseException | None = None) -> str:
    """Why `url` cannot be used, never with a password: the URL redacted, and redis-py's reason
    only when the URL could be read and the reason holds none of its secrets."""
    shown = redacted_redis_url(url)
    if shown == UNREADABLE:
        return f"the Redis URL cannot be used: {UNREADABLE} (percent-encode a password's '#', '/', '?' and '@')"
    reason = str(error or "redis-py refused it")
    parts = urlsplit(url)
    secrets = [parts.password, *(value for key, value in parse_qsl(parts.query) if key.lower() == "password")]
    return f"the Redis URL {shown} cannot be used: " + ("redis-py refused it" if any(secrets) else reason)
