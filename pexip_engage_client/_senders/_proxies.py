"""Which proxy a request goes through, read once from the environment, as httpx2 client `mounts=`.

`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY`, as curl reads them (`_base/proxies.py`).
httpx2's own environment reading is off: it would read `.netrc`, and refuse a proxy quoting its password.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar
from urllib.parse import urlsplit

from .._base.proxies import environment_proxies, proxy_for

_PROXY_SCHEMES = ("http", "https")
_Transport = TypeVar("_Transport")


def proxy_mounts(
    through: Callable[[str], _Transport], variables: Mapping[str, str] | None = None
) -> dict[str, _Transport | None]:
    """httpx2's `mounts=` for the proxies `variables` name (the environment's by default): a transport
    `through` each scheme's proxy, and None (the client's own, direct) for the hosts NO_PROXY lists."""
    variables = environment_proxies() if variables is None else variables
    proxies = {scheme: proxy_for(scheme, variables) for scheme in _PROXY_SCHEMES}
    checked = {scheme: _checked(scheme, proxy) for scheme, proxy in proxies.items() if proxy}
    direct: dict[str, _Transport | None] = {}
    for listed in variables.get("no", "").split(","):
        entry = listed.strip().lower()
        if entry == "*":
            return {}
        host = entry.lstrip(".")
        if host.count(":") > 1 and not host.startswith("["):  # an IPv6 address
            direct[f"all://[{host}]"] = None
        elif host:  # `*` and the name: the name itself and its subdomains (httpx2's pattern)
            direct[f"all://{host if host.startswith('[') else '*' + host}"] = None
    made: dict[str, _Transport] = {}  # one transport per proxy, shared by the schemes it serves
    mounts: dict[str, _Transport | None] = {}
    for scheme, proxy in checked.items():
        if proxy not in made:
            made[proxy] = through(proxy)
        mounts[f"{scheme}://"] = made[proxy]
    return mounts | direct if mounts else {}


def _checked(scheme: str, proxy: str) -> str:
    if "://" not in proxy:
        proxy = "http://" + proxy  # as curl reads "proxy.example:3128"
    from .._base.redaction import UNREADABLE, redacted_url  # noqa: PLC0415 - loaded only when a proxy is set

    # Refused here, redacted: the libraries' own refusals may quote the password.
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
