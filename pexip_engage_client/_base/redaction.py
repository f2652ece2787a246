"""The one redaction rule: what a URL, a header or a body may show (repr, logs, errors, spans, hooks, `--debug`).

A name (a query parameter's, a header's, a body property's) is hidden when it may name a secret or a
person's data (`hidden_name`): its value is shown as a mark, as is a URL's password in the authority
or the query, in http(s), Redis and PostgreSQL URLs (several hosts, `sslpassword`). A URL a password
with an unencoded `#`, `/` or `?` makes read differently, anything not a URL, and a PostgreSQL
authority with two `@` are shown as unreadable, never in part. A URL a refusal names is shown with
every query value and the whole userinfo hidden.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any, TypeVar
from urllib.parse import SplitResult, unquote, unquote_plus, urlencode, urlsplit

T = TypeVar("T")

REDACTED = "<redacted>"
UNREADABLE = "<a URL that cannot be read; not shown, as it may hold a password>"
# What opens something, anywhere in a name (`access_token`, `x-api-key`, `sslpassword`, `set-cookie`).
_SECRET = re.compile(r"token|secret|passw|key|auth|cookie|session|sig|credential|code|headers|video(?:test)?url")
# A person's data or free text a person wrote, word by word in the name's snake_case spelling
# (`communicationEmail` is `communication_email`; `capacity` holds no `city`).
_CUSTOMER_DATA = re.compile(
    r"(?:^|_)(?:e_?mail|phone|mobile|(?:first|last|middle|full|user|display|nick)_?name|company|customer_number"
    r"|street|city|postal_code|zip|address|geolocation|latitude|longitude|notes?|description|message|title"
    r"|answers?|comments?|body|birth)(?:_|$)"
)
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
# PostgreSQL's URL schemes (`postgres.SCHEMES` is this), whose authority may name several hosts: no single port.
# Written here, below the backends' modules, which import this one for their messages: it may import neither.
POSTGRES_SCHEMES = ("postgresql", "postgres")
_MALFORMED_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


@lru_cache(maxsize=512)  # the same few names, on every call that something observes
def hidden_name(name: str) -> bool:
    """Whether `name`'s value is hidden: a secret's or a person's data in any case and percent-decoding
    (as redis-py and libpq decode it), or a name whose percent-encoding is malformed (`%7w`)."""
    if _MALFORMED_ESCAPE.search(name):
        return True
    forms = {name}
    for _ in range(8):  # a name encoded over and over is no parameter anyone means: still looked at
        decoded = {unquote(form) for form in forms} | {unquote_plus(form) for form in forms}
        if decoded <= forms:
            break
        forms |= decoded
    return any(
        _SECRET.search(re.sub(r"[\W_]", "", form.lower()))
        or _CUSTOMER_DATA.search("_".join(word.lower() for word in _WORDS.findall(form)))
        for form in forms
    )


def redacted_header(name: str, value: str) -> str:
    """A header's value as it may be shown: `Bearer <redacted>` for a hidden one with a scheme."""
    if not hidden_name(name):
        return value
    scheme, _, rest = value.partition(" ")
    return f"{scheme} {REDACTED}" if rest and scheme.isalpha() else REDACTED


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
    except ValueError:
        parts = SplitResult("", "", "", url.partition("?")[2], "")
    written = [parts.password or ""]
    if parts.scheme.lower() in POSTGRES_SCHEMES and "@" in parts.netloc:
        # libpq ends the userinfo at the first '@', Python at the last: both readings.
        userinfo = parts.netloc.partition("@")[0]
        written += [userinfo.partition(":")[2], parts.netloc.rpartition("@")[0].partition(":")[2]]
    written += [value for name, value, _ in _query_pairs(parts.query) if hidden_name(name)]
    return {form for value in written if value for form in (value, unquote(value), unquote_plus(value))}


def redacted_url(url: str, *, mark: str = REDACTED, every_value: bool = False) -> str:
    """`url` with every password (in the authority or the query) and hidden query value shown as `mark`.

    `every_value`: the whole userinfo and every query value too, for a URL that a refusal names.
    """
    parts = _showable(url)
    if parts is None:
        return UNREADABLE
    netloc, host = parts.netloc, parts.netloc.rpartition("@")[2]
    if every_value and "@" in netloc:
        netloc = f"{mark}@{host}"
    elif parts.password is not None:
        netloc = f"{parts.username or ''}:{mark}@{host}"
    pairs, query = _query_pairs(parts.query), parts.query
    if every_value:
        query = "&".join(f"{name}={mark}" for name, _, _ in pairs)
    elif any(hidden_name(name) for name, _, _ in pairs):
        shown = [(read, mark if hidden_name(name) else unquote_plus(value)) for name, value, read in pairs]
        query = urlencode(shown, safe="<>:")
    # Written out rather than by urlunsplit, which drops the empty authority of unix:///path.
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")


def holds_secret(url: str) -> bool:
    """Whether showing `url` as it is could show a secret: then no library's message quoting it is shown."""
    return bool(secret_values(url)) or redacted_url(url, every_value=True) != url


def _showable(url: str) -> SplitResult | None:
    """`url`'s parts, or None when no part of it can be shown without risking a password's."""
    try:
        parts = urlsplit(url)
        if parts.scheme.lower() not in POSTGRES_SCHEMES:
            parts.port  # noqa: B018 - read for its ValueError on a malformed authority
    except ValueError:
        return None
    # None has a fragment, and an '@' outside an authority with a ':' is a password that spilled over
    # (an API path may hold one: `/customers/ada@example.com`).
    spilled = "@" in parts.path + parts.query and ":" in parts.netloc
    if not parts.scheme or "://" not in url or spilled or "#" in url:
        return None
    if parts.scheme.lower() in POSTGRES_SCHEMES and parts.netloc.count("@") > 1:
        return None  # libpq's password ends at the first '@': the rest of it would be a host
    return parts


def redis_from_url(make: Callable[..., T], url: str, **options: Any) -> T:
    """`make(url, **options)`, a redis-py `from_url`, whose `ValueError` is told again without the URL.

    `urlsplit`'s messages quote what they could not read (the password, for `redis://:pw#x@host`);
    an unshowable URL is refused before redis-py reads it as another URL than the one meant.
    """
    shown = redacted_url(url)
    if shown == UNREADABLE:
        raise ValueError(
            f"the Redis URL cannot be used: {UNREADABLE} (percent-encode a password's '#', '/', '?' and '@')"
        )
    try:
        return make(url, **options)
    except ValueError as error:
        reason = "redis-py refused it" if secret_values(url) else str(error)  # its reason may quote a secret
    raise ValueError(f"the Redis URL {shown} cannot be used: {reason}")  # out of the except: not its __context__


@cache
def spec_names() -> frozenset[str]:
    """Every property name the spec's schemas define: a body's key outside them is masked (docs/observability.md)."""
    return frozenset(name for name, _ in _spec_properties())


@cache
def masked_names() -> frozenset[str]:
    """The property names whose values are customer data or secrets, by name or by `format: email`."""
    return frozenset(
        name for name, schema in _spec_properties() if hidden_name(name) or schema.get("format") == "email"
    )


@cache
def _spec_properties() -> tuple[tuple[str, Any], ...]:
    """(name, schema) of every property of every schema of the spec the client was generated from."""
    from ._refs import packaged_spec_text  # noqa: PLC0415 - only for a body's names

    found: list[tuple[str, Any]] = []

    def collect(node: dict[str, Any]) -> dict[str, Any]:  # each JSON object, innermost first
        properties = node.get("properties")
        if isinstance(properties, dict):
            found.extend((name, schema) for name, schema in properties.items() if isinstance(schema, dict))
        return node

    json.loads(packaged_spec_text(), object_hook=collect)  # its own decoding: only the properties are kept
    return tuple(found)
