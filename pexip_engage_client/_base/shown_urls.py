"""An http(s) URL as a message may name it: no credentials, no query value, or nothing when it cannot be read.

The client refuses an API root or an auth server root with credentials in it, and such a refusal
names the URL; a proxy URL may carry the proxy's credentials (`http://user:secret@proxy:3128`); a
webhook receiver's URL carries its secret as `?key=`. Wherever one of them is named (errors, the
command line's output) it is `shown_url`'s: the userinfo as `<redacted>@`, every query value as
`<redacted>`, and the whole URL as unreadable where a password may have spilled into another part
of it (`redis_urls.redacted_url`'s rules: a `#`, an `@` outside the authority, a malformed port).
Redis and PostgreSQL URLs keep `redacted_url`, which shows what their clients read as no secret.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .redis_urls import REDACTED, UNREADABLE, redacted_url, secret_values


def shown_url(url: str) -> str:
    """`url` with its userinfo and query values redacted, or `UNREADABLE`."""
    if redacted_url(url) == UNREADABLE:
        return UNREADABLE
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{REDACTED}@{netloc.rpartition('@')[2]}"
    query = "&".join(f"{pair.partition('=')[0]}={REDACTED}" for pair in parts.query.split("&") if pair)
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")


def holds_secret(url: str) -> bool:
    """Whether showing `url` as it is could show a secret: then no library's message quoting it is shown."""
    return bool(secret_values(url)) or shown_url(url) != url
