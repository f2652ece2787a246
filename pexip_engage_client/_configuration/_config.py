"""Where the API lives and what may be sent to it: hosts per environment and argument checks.

Everything here raises `ValueError` for bad input, before any request is made."""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Sequence
from typing import Literal, get_args
from urllib.parse import urlsplit

from .._base.arguments import ArgumentError
from .._base.lazy_httpx import httpx2
from .._runtime.options import validate_header_value

Environment = Literal["production", "staging", "development"]

# Each environment's domain: the API at `api.` and the OAuth 2.0 servers, one Keycloak realm per enterprise, at
# `auth.` (staging's follows the documented pattern).
_DOMAINS = {
    "production": "pexipengage.com",
    "staging": "staging.pexipengage.com",
    "development": "development.pexipengage.com",
}


# An enterprise identifier becomes one path segment, never '.' or '..'.
_ENTERPRISE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,127}")


def validate_enterprise(enterprise: object) -> str:
    """Return `enterprise` if it is a safe single path segment, else raise `ValueError`."""
    if not isinstance(enterprise, str) or not _ENTERPRISE.fullmatch(enterprise):
        raise ValueError(f"enterprise must be an identifier of letters, digits, '.', '-' and '_' (got {enterprise!r})")
    return enterprise


def enterprise_url(enterprise: str, environment: str, base_url: str | None) -> str:
    """The URL every operation path is relative to: `<api root>/enterprises/<enterprise>/`."""
    below = f"/enterprises/{validate_enterprise(enterprise)}/"
    return _below_root("base_url", base_url or _root("api", environment), below)


def token_url(enterprise: str, environment: str, auth_url: str | None) -> str:
    """The enterprise realm's token endpoint: `<auth root>/realms/<enterprise>/protocol/openid-connect/token`."""
    below = f"/realms/{validate_enterprise(enterprise)}/protocol/openid-connect/token"
    return _below_root("auth_url", auth_url or _root("auth", environment), below)


def _root(server: str, environment: str) -> str:
    """The environment's `https://api.<domain>` (`server` "api") or `https://auth.<domain>`."""
    if environment not in _DOMAINS:
        choices = ", ".join(get_args(Environment))
        raise ValueError(f"environment must be one of {choices} (got {environment!r})")
    return f"https://{server}.{_DOMAINS[environment]}"


# A root URL as httpx2 writes one back, read here so that making a client does not run httpx2
# (`_base/lazy_httpx.py`); any other goes to httpx2.URL. tests/client/test_config.py checks both agree.
_PLAIN_ROOT = re.compile(
    r"(https?)://([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::([1-9][0-9]{0,4}))?((?:/[A-Za-z0-9._~!$&'()*+,;=:@-]*)*)"
)
_IPV4_STYLE = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _below_root(name: str, url: str, below: str) -> str:
    """`url`, checked as a root (`_checked_root`), with `below` after its path (less a trailing slash)."""
    plain = _PLAIN_ROOT.fullmatch(url)
    if plain is not None and _plainly_read(*plain.groups()):
        scheme, host, port, path = plain.groups()
        _check_plain_http(name, url, scheme, host)
        return f"{scheme}://{host}{'' if port is None else ':' + port}{path.rstrip('/')}{below}"
    root = _checked_root(name, url)
    return str(root.copy_with(path=root.path.rstrip("/") + below))


def _plainly_read(scheme: str, host: str, port: str | None, path: str) -> bool:
    """Whether httpx2 writes the root back as it is: no port to drop, no dot segment to resolve, no bad address."""
    if port is not None and (int(port) == _DEFAULT_PORTS[scheme] or int(port) > 65535):
        return False
    if any(segment in (".", "..") for segment in path.split("/")):
        return False
    if _IPV4_STYLE.fullmatch(host):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return False
    return True


def _checked_root(name: str, url: str) -> httpx2.URL:
    try:
        root = httpx2.URL(url)
        reason = None
    except httpx2.InvalidURL as exc:
        from .._base.redaction import holds_secret  # noqa: PLC0415 - loaded by a refusal only

        # httpx2's reason quotes the part it could not read, which may be a password.
        reason = _shown(url) if holds_secret(url) else str(exc)
    if reason is not None:  # raised out of the except block: httpx2's error is not kept as its __context__
        raise ArgumentError.of(name, f"is not a valid URL: {reason}")
    if root.scheme not in ("https", "http") or not root.host:
        raise ArgumentError.of(name, f"must be an absolute http(s) URL (got {_shown(url)!r})")
    _check_plain_http(name, url, root.scheme, root.host)
    if root.query or root.fragment or root.userinfo:
        raise ArgumentError.of(name, "must not carry a query, a fragment or credentials")
    return root


def _check_plain_http(name: str, url: str, scheme: str, host: str) -> None:
    if scheme == "http" and not _is_loopback(host):
        raise ArgumentError.of(
            name,
            f"must use https; plain http is only allowed for loopback hosts such as 127.0.0.1 or localhost "
            f"(got {_shown(url)!r})",
        )


def _shown(url: str) -> str:
    """`url` as a refusal names it: without credentials or query values (`_base/redaction.py`)."""
    from .._base.redaction import redacted_url  # noqa: PLC0415 - loaded by a refusal only, not by every client

    return redacted_url(url, every_value=True)


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate_operation_header(name: str, value: object) -> str:
    """A header an operation sets from its arguments; a per-call `accept_language` as the client's own."""
    if name == "Accept-Language" and isinstance(value, str):
        value = accept_language_header(value)
    return validate_header_value(name, value)


def accept_language_header(languages: str | Sequence[str] | None) -> str | None:
    """The `Accept-Language` value for one tag or several in order of preference ("nl, en")."""
    if languages is None:
        return None
    # Anything but text or a sequence of it (a number, bytes) is refused below, not iterated.
    tags = [languages] if isinstance(languages, str) else list(languages) if isinstance(languages, Sequence) else []
    if not tags or not all(isinstance(tag, str) and tag.strip() for tag in tags):
        raise ValueError(f"accept_language must be a language tag or a non-empty list of them (got {languages!r})")
    return validate_header_value("Accept-Language", ", ".join(tag.strip() for tag in tags))


def validate_relative_path(url: str) -> str:
    """Refuse operation paths whose segments could climb out of the enterprise ('', '.', '..')."""
    for segment in url.lstrip("/").split("/"):
        if segment.replace("%2E", ".").replace("%2e", ".") in ("", ".", ".."):
            raise ValueError(f"path parameters must not be empty, '.' or '..' (request path {url!r})")
    return url


# The setting that makes every governor given no `shared` share its limits (docs/limits.md).
LIMITS_VARIABLE = "PEXIP_ENGAGE_LIMITS"


def shared_limits_from_environment() -> str | None:
    """The Redis or PostgreSQL URL of `PEXIP_ENGAGE_LIMITS`, or None when unset or empty; a `ValueError`
    (never holding the value) for another.
    """
    value = os.environ.get(LIMITS_VARIABLE, "").strip()
    if not value:
        return None
    check_shared_url(LIMITS_VARIABLE, value)
    return value


def check_shared_url(name: str, url: str) -> Literal["redis", "postgres"]:
    """Which backend `url` names (Redis or PostgreSQL); raise `ValueError` naming `name` unless it reads as one, showing
    at most its scheme or the URL redacted."""
    from .._base.shared_urls import REDIS_SCHEMES, is_postgres_url, split_url  # noqa: PLC0415 - for those who share

    try:
        parts = urlsplit(url)
        if not is_postgres_url(url):  # libpq's authority may name several hosts: no one port
            parts.port  # noqa: B018 - read for its ValueError on a malformed authority
        readable = True
    except ValueError:  # its message quotes the port as written, which may be part of a password
        readable = False
    if not readable:  # raised out of the except block: the original is not kept as its __context__
        raise ValueError(
            f"{name} is not a readable Redis or PostgreSQL URL"
            " (a password holding '#', '/' or '?' must be percent-encoded)"
        )
    if is_postgres_url(url):
        try:
            split_url(url)
        except ValueError as error:
            raise ValueError(f"{name}: {error}") from None
        return "postgres"
    if parts.scheme not in REDIS_SCHEMES:
        scheme = parts.scheme if parts.scheme.isalnum() else "none"
        raise ValueError(
            f"{name} must be a Redis URL (redis://, rediss:// or unix://) or a PostgreSQL one"
            f" (postgresql:// or postgres://), not one with scheme {scheme!r}"
        )
    if parts.scheme != "unix" and not parts.hostname:
        raise ValueError(f"{name} must name the Redis host, as in redis://localhost:6379/0")
    return "redis"


def strict_responses_requested(given: bool | None) -> bool:
    """`strict_responses`, or when it is left out whether `PEXIP_ENGAGE_STRICT_RESPONSES` says so."""
    if given is not None:
        if not isinstance(given, bool):
            raise ArgumentError.of(
                "strict_responses", f"must be True or False (got {type(given).__name__}: {given!r:.100})"
            )
        return given
    return os.environ.get("PEXIP_ENGAGE_STRICT_RESPONSES", "").strip().lower() in ("1", "true", "yes", "on")
