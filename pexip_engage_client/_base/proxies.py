"""Whether the environment sets a proxy, and which, by one rule (curl's reading of `HTTP_PROXY`, `HTTPS_PROXY`,
`ALL_PROXY`; docs/choosing-the-sender.md): the senders' routes, the client and the command line all ask it."""

import os
from collections.abc import Mapping


def proxy_configured() -> bool:
    """Whether a request may go through a proxy: the one-shot sender, which connects directly, is refused then."""
    variables = environment_proxies()  # read once for both schemes
    return bool(proxy_for("http", variables) or proxy_for("https", variables))


def proxy_for(scheme: str, variables: Mapping[str, str] | None = None) -> str | None:
    """The proxy `variables` (the environment's by default) configure for `scheme`: its own, else ALL_PROXY's.

    The one answer to "is a proxy configured" (`proxy_configured`; a plain-http client loads no CA
    bundle without one), so that it never differs from the mounts the requests take.
    """
    variables = environment_proxies() if variables is None else variables
    return variables.get(scheme) or variables.get("all")


def environment_proxies() -> dict[str, str]:
    """The `*_proxy` variables by scheme, as urllib reads them (lower case first, empty unset, no `HTTP_PROXY` in CGI).

    Without such a variable, {} without loading urllib.request (18 ms of a command line call).
    """
    if not any(name[-6:].lower() == "_proxy" for name in os.environ):
        return {}
    import urllib.request  # noqa: PLC0415

    return urllib.request.getproxies_environment()
