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

from urllib.parse import parse_qsl, urlencode, urlsplit

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
