"""The URLs of shared state: which backend one names (Redis or PostgreSQL), and a PostgreSQL one split and checked as
libpq reads it, with the client's `schema`.

It knows no backend: the configuration checks a governor's URL with it when the governor is made
(`_configuration/_config.py`: `check_shared_url`), and the backends (`_shared/`) read the URLs it
passed. psycopg is used only when installed, and a message never quotes a URL that may hold a password.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

from .redaction import POSTGRES_SCHEMES, UNREADABLE, redacted_url, secret_values

# Redis's URL schemes, redis-py's: TCP, TLS and a unix socket (`unix:///path/to/redis.sock`).
REDIS_SCHEMES = ("redis", "rediss", "unix")
DEFAULT_SCHEMA = "pexip_engage"
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def is_postgres_url(url: object) -> bool:
    return isinstance(url, str) and urlsplit(url).scheme.lower() in POSTGRES_SCHEMES


def split_url(url: str, schema: str | None = None) -> tuple[str, str]:
    """The URL libpq reads (without `schema`, which it would refuse) and the schema's name (`schema`, else the
    URL's, else the default), checked: `ValueError` for a schema, a port or a URL libpq could not read."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = checked_schema(
        next((value for name, value in query if name == "schema"), DEFAULT_SCHEMA) if schema is None else schema
    )
    # The rest of the query as written (decoding and encoding again would change what libpq reads),
    # and the URL written out rather than by urlunsplit, which drops the empty authority of postgresql:///db.
    rest = "&".join(pair for pair in parts.query.split("&") if pair and unquote(pair.partition("=")[0]) != "schema")
    conninfo = f"{parts.scheme}://{parts.netloc}{parts.path}" + (f"?{rest}" if rest else "")
    _check_readable(url, conninfo)
    _check_ports(url, parts.netloc, query)
    return conninfo, schema


def checked_schema(schema: str) -> str:
    """`schema` when it is a schema name the client makes; `ValueError` starting `schema:` otherwise."""
    if not _IDENTIFIER.fullmatch(schema):
        raise ValueError(
            f"schema: {schema!r} is not a schema name the client makes"
            " (lowercase letters, digits and _, not starting with a digit, at most 63)"
        )
    return schema


def _check_readable(url: str, conninfo: str) -> None:
    """`ValueError`, never quoting the URL, when libpq could not read it: now, not at connect, whose message
    would quote what it could not read (a password, whole)."""
    if redacted_url(url) == UNREADABLE:
        raise ValueError(f"the PostgreSQL URL cannot be used: {UNREADABLE} (percent-encode '#', '/', '?' and '@')")
    try:
        import psycopg  # noqa: PLC0415 - the extra; without it the caller's require_psycopg says so
        from psycopg.conninfo import conninfo_to_dict  # noqa: PLC0415
    except ImportError:
        return
    try:
        conninfo_to_dict(conninfo)
    except psycopg.Error as error:
        raise ValueError(
            f"the PostgreSQL URL {redacted_url(url)} cannot be read by libpq: {described_error(error, url)}"
        ) from None


def _check_ports(url: str, netloc: str, query: list[tuple[str, str]]) -> None:
    """`ValueError` starting `port:` when a port (one per host, or `?port=`) is not from 1 to 65535: refused
    now, as redis-py refuses it, not after a pool's timeout."""
    hosts = netloc.rpartition("@")[2]
    written = [host.rpartition("]")[2].partition(":")[2] for host in hosts.split(",")]
    written += [port for name, value in query if name == "port" for port in value.split(",")]
    for port in written:
        if port and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
            raise ValueError(
                f"port: the PostgreSQL URL {redacted_url(url)} names a port that is not a number from 1 to 65535"
            )


def described_error(error: BaseException, url: str) -> str:
    """A psycopg error as it may be shown: its class, its SQLSTATE, and its text only when that holds
    none of `url`'s passwords (libpq quotes a value it could not read whole: 'invalid
    percent-encoded token: "se%zzcret"'), nor when the URL cannot be read (its password may be anywhere)."""
    shown = type(error).__name__
    state = getattr(error, "sqlstate", None)
    if state:
        shown += f" (SQLSTATE {state})"
    text = " ".join(str(error).split())
    if not text or redacted_url(url) == UNREADABLE or any(secret in text for secret in secret_values(url)):
        return shown
    return f"{shown}: {text}"
