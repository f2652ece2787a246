"""Which proxy a request goes through, read once from the environment, the same for the sync and async senders.

`HTTP_PROXY` for http URLs, `HTTPS_PROXY` for https URLs, `ALL_PROXY` for either when the specific
one is unset, and `NO_PROXY` for hosts reached directly (comma-separated: `*`, a host name or IP
address, a domain that covers its subdomains (`example.com` or `.example.com`), or `host:port`);
lower-case names win over upper-case ones, as curl and the standard library read them. Proxies are
`http://` or `https://` URLs (credentials in the URL are sent to the proxy only). `.netrc` is never
read. The one-shot sender connects directly: the client refuses it while a proxy is configured.
"""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar
from urllib.parse import urlsplit

from .._base.redaction import UNREADABLE, redacted_url

_PROXY_SCHEMES = ("http", "https")
_Transport = TypeVar("_Transport")


class ProxySettings:
    """The proxy for each origin, as the environment says; falsy when no proxy is configured."""

    def __init__(self, variables: Mapping[str, str]) -> None:
        self._variables = dict(variables)
        self._proxies: dict[str, str] = {}
        for scheme in _PROXY_SCHEMES:
            proxy = variables.get(scheme) or variables.get("all")
            if proxy:
                self._proxies[scheme] = _checked(scheme, proxy)

    @classmethod
    def from_environment(cls) -> ProxySettings:
        return cls(urllib.request.getproxies_environment())

    def __bool__(self) -> bool:
        return bool(self._proxies)

    def proxy_for(self, url: str) -> str | None:
        """The proxy URL for a request to `url`, or None to connect directly."""
        if not self._proxies:
            return None
        parts = urlsplit(url)
        return self.proxy_for_origin(parts.scheme, parts.netloc)

    def proxy_for_origin(self, scheme: str, netloc: str) -> str | None:
        proxy = self._proxies.get(scheme)
        return None if proxy is None or self._bypassed(netloc) else proxy

    def _bypassed(self, netloc: str) -> bool:
        host_port = netloc.rpartition("@")[2].lower()
        host = host_port.rsplit(":", 1)[0] if not host_port.endswith("]") else host_port
        host = host.strip("[]")
        for listed in self._variables.get("no", "").split(","):
            entry = listed.strip().lower()
            if entry == "*" or (entry and host_port == entry):
                return True
            domain = entry.lstrip(".").strip("[]")
            if domain and (host == domain or host.endswith("." + domain)):
                return True
        return False


class ProxyRoutes(Generic[_Transport]):
    """The transport for each request, sync or async alike: the direct one, or the one through the
    proxy `ProxySettings` names for the request's origin, made when first used."""

    def __init__(self, direct: _Transport, proxies: ProxySettings, through: Callable[[str], _Transport]) -> None:
        self.direct = direct
        self._proxies = proxies
        self._through = through
        self._via: dict[str, _Transport] = {}
        self._making = threading.Lock()  # the sync sender's threads share one router

    def for_origin(self, scheme: str, netloc: str) -> _Transport:
        proxy = self._proxies.proxy_for_origin(scheme, netloc)
        if proxy is None:
            return self.direct
        with self._making:
            if proxy not in self._via:
                self._via[proxy] = self._through(proxy)
            return self._via[proxy]

    def every(self) -> list[_Transport]:
        with self._making:
            return [self.direct, *self._via.values()]


def _checked(scheme: str, proxy: str) -> str:
    if "://" not in proxy:
        proxy = "http://" + proxy  # as curl reads "proxy.example:3128"
    # Refused here, naming the URL without its credentials: the HTTP libraries' own refusals quote
    # the part they could not read, which for a password holding an unencoded '#' is the password.
    shown = redacted_url(proxy, every_value=True)
    try:
        parts = urlsplit(proxy)
        readable = shown != UNREADABLE and bool(parts.hostname)
        parts.port  # noqa: B018 - read for its ValueError on a malformed or out-of-range port
    except ValueError:
        readable = False
    if not readable:
        raise ValueError(
            f"the {scheme} proxy from the environment is not a URL that can be read ({shown}); "
            "percent-encode a password's '#', '/', '?' and '@'"
        )
    if urlsplit(proxy).scheme not in _PROXY_SCHEMES:
        raise ValueError(
            f"the {scheme} proxy from the environment must be an http:// or https:// URL "
            f"(got a {urlsplit(proxy).scheme}:// one); unset it or list the API's hosts in NO_PROXY"
        )
    return proxy
