"""A Redis URL as it may be shown (repr, logs, errors): every form redis-py reads, with no password.

redis-py takes the password in the authority (`redis://:secret@host`, `redis://user:secret@host`)
or as a query parameter (`redis://host/0?password=secret`, `unix:///run/redis.sock?password=secret`).
A password holding `#`, `/` or `?` that was not percent-encoded makes the URL read differently
from what was meant: part of the password lands in the path, the query or the fragment, where no
rule would know to hide it. Such a URL is shown as unreadable, never in part.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

REDACTED = "<redacted>"
UNREADABLE = "<a Redis URL that cannot be read; not shown, as it may hold a password>"


def redacted_redis_url(url: str) -> str:
    """`url` with the password (in the authority or the query) replaced by `<redacted>`."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - read for its ValueError on a malformed authority
    except ValueError:
        return UNREADABLE
    # A Redis URL has no fragment, and an '@' outside the authority is a password that spilled over.
    if parts.fragment or "@" in parts.path + parts.query or "#" in url:
        return UNREADABLE
    netloc = parts.netloc
    if parts.password is not None:
        host = netloc.rpartition("@")[2]
        netloc = f"{parts.username or ''}:{REDACTED}@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(key, REDACTED if key.lower() == "password" else value) for key, value in pairs], safe="<>")
    # Written out rather than by urlunsplit, which drops the empty authority of unix:///path.
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")
