"""A URL with credentials is refused, or named, without them: everywhere a URL is named (issue 68, point 7).

Each place that takes a URL (the API and auth roots, a proxy from the environment, a webhook
receiver's URL, the Redis and PostgreSQL URLs of the shared backends, the command line's options and
variables for each) is given URLs that carry the password `s3cret` in every way one can be written or
mistyped (in the userinfo, spilled past an unencoded `#`, read as a port, in the query). The pass:
`s3cret` is in neither the message, the `repr`, nor the `str` or `repr` of anything in the cause chain
of what is raised, nor in the command line's stdout or stderr.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pexip_engage_client import Governor, PexipEngage, SyncPexipEngage
from pexip_engage_client.webhooks import WebhookReceiver

from ..support.cli import Cli

SECRET = "s3cret"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# "{closed}" in a URL below: a port where nothing listens (a connection is refused at once), chosen
# when the test runs (a test's name stays the same from one run to the next).
CLOSED = "{closed}"


def filled(url: str) -> str:
    return url.replace(CLOSED, str(_closed_port()))


# The API and auth roots: refused for their credentials, their scheme, plain http, or as unreadable.
ROOTS = [
    "http://user:s3cret@example.com",
    "https://user:s3cret@example.com",
    "http://user:s3cret@127.0.0.1:{closed}",
    "ftp://user:s3cret@example.com",
    "https://user:s3cret@example.com:99999",
    "https://user:s3cret@example.com:abc",
    "https://user:s3cret#x@example.com",
    "https://user:s3cret@[::1",
    "user:s3cret@example.com",
    "https://s3cret@example.com",
    "https://example.com/?password=s3cret",
]
# A proxy from the environment: credentials are allowed (sent to the proxy only), never shown.
PROXIES = [
    "http://user:s3cret@127.0.0.1:{closed}",
    "http://user:s3cret#x@proxy.example:3128",
    "http://user:s3cret@proxy.example:abc",
    "http://user:s3cret@proxy.example:99999",
    "socks5://user:s3cret@proxy.example:1080",
]
# A webhook receiver's URL: its secret travels as `?key=`, and it may sit behind basic auth.
RECEIVERS = ["http://user:s3cret@127.0.0.1:{closed}/hook", "http://127.0.0.1:{closed}/hook?key=s3cret"]
# The shared backends (Governor(shared=...), the webhook store): malformed, or a scheme not taken.
BACKENDS = [
    "redis://:s3cret#x@127.0.0.1/0",
    "redis://user:s3cret@127.0.0.1:abc/0",
    "postgresql://u:s3cret#x@127.0.0.1/db",
    "postgresql://u:s3cret@127.0.0.1:99999/db",
    "mysql://u:s3cret@127.0.0.1/db",
]


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        yield current
        current = current.__cause__ or current.__context__


def _refusal(action: Callable[[], Any]) -> str:
    """Everything `action` shows of the URL: what it raised, through its cause chain, as str and repr."""
    try:
        action()
    except Exception as error:
        return " ".join(f"{link} {link!r}" for link in _chain(error))
    return ""


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def _call(**options: Any) -> Callable[[], Any]:
    async def call() -> Any:
        async with PexipEngage("acme", max_retries=0, timeout=2, **options) as engage:
            return await engage.get("/employees/e1")

    return lambda: asyncio.run(call())


def _sync_call(**options: Any) -> Callable[[], Any]:
    def call() -> Any:
        with SyncPexipEngage("acme", max_retries=0, timeout=2, **options) as engage:
            return engage.get("/employees/e1")

    return call


@pytest.mark.usefixtures("no_proxy")
@pytest.mark.parametrize("url", ROOTS)
@pytest.mark.parametrize(
    "place",
    [
        pytest.param(lambda url: _call(base_url=url, token="t"), id="PexipEngage(base_url=)"),
        pytest.param(lambda url: _sync_call(base_url=url, token="t"), id="SyncPexipEngage(base_url=)"),
        pytest.param(
            lambda url: _call(base_url="https://api.example.com", auth_url=url, client_id="c", client_secret="cs"),
            id="PexipEngage(auth_url=)",
        ),
        pytest.param(
            lambda url: _sync_call(base_url="https://api.example.com", auth_url=url, client_id="c", client_secret="cs"),
            id="SyncPexipEngage(auth_url=)",
        ),
    ],
)
def test_a_root_with_a_password_is_refused_without_it(url: str, place: Callable[[str], Callable[[], Any]]) -> None:
    shown = _refusal(place(filled(url)))
    assert shown, "refused"
    assert SECRET not in shown


@pytest.mark.usefixtures("no_proxy")
@pytest.mark.parametrize("url", PROXIES)
@pytest.mark.parametrize(
    "place",
    [
        pytest.param(lambda: _call(token="t"), id="PexipEngage"),
        pytest.param(lambda: _sync_call(token="t"), id="SyncPexipEngage"),
        pytest.param(lambda: _call(token="t", http_backend="one-shot"), id="one-shot"),
    ],
)
def test_a_proxy_with_a_password_is_never_shown(
    url: str, place: Callable[[], Callable[[], Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", filled(url))
    shown = _refusal(place())
    assert shown, "the call cannot succeed: no proxy listens"
    assert SECRET not in shown


@pytest.mark.parametrize("url", BACKENDS)
@pytest.mark.parametrize(
    "place",
    [
        pytest.param(lambda url: lambda: Governor(shared=url), id="Governor(shared=)"),
        pytest.param(lambda url: lambda: WebhookReceiver(url, secret="k"), id="WebhookReceiver(store=)"),
    ],
)
def test_a_backend_url_with_a_password_is_refused_without_it(
    url: str, place: Callable[[str], Callable[[], Any]]
) -> None:
    shown = _refusal(place(url))
    assert shown, "refused"
    assert SECRET not in shown


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, no_proxy: None, tmp_path: Any) -> Cli:
    for name in ("PEXIP_ENGAGE_BASE_URL", "PEXIP_ENGAGE_AUTH_URL", "PEXIP_ENGAGE_CLIENT_ID", "PEXIP_ENGAGE_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("PEXIP_ENGAGE_CLIENT_SECRET", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # no profile of the machine's
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", "t")
    return Cli(capsys)


GET = ["api", "GET", "/employees/e1", "--max-retries", "0", "--timeout", "2"]


@pytest.mark.parametrize("url", ROOTS)
@pytest.mark.parametrize("option", ["--base-url", "PEXIP_ENGAGE_BASE_URL", "--auth-url"])
def test_the_command_line_never_prints_a_roots_password(
    url: str, option: str, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = filled(url)
    if option == "--auth-url":
        monkeypatch.delenv("PEXIP_ENGAGE_TOKEN")
        argv = [*GET, "--base-url", "https://api.example.com", "--client-id", "c", "--client-secret", "cs", option, url]
    elif option.startswith("--"):
        argv = [*GET, option, url]
    else:
        monkeypatch.setenv(option, url)
        argv = GET
    run = cli(*argv)
    assert run.code != 0
    assert SECRET not in run.out + run.err


@pytest.mark.parametrize("url", PROXIES)
def test_the_command_line_never_prints_a_proxys_password(url: str, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", filled(url))
    run = cli(*GET, "--base-url", "https://api.example.com")
    assert run.code != 0
    assert SECRET not in run.out + run.err


@pytest.mark.parametrize("url", RECEIVERS)
def test_webhooks_send_never_prints_a_receivers_secret(url: str, cli: Cli) -> None:
    run = cli("webhooks", "send", "--to", filled(url), "--timeout", "2")
    assert run.code != 0
    assert "127.0.0.1" in run.err  # it names the receiver, without the secret
    assert SECRET not in run.out + run.err


@pytest.mark.parametrize("url", [url for url in BACKENDS if url.startswith("postgres")])
def test_postgres_migrate_never_prints_the_password(url: str, cli: Cli) -> None:
    run = cli("postgres", "migrate", "--url", url)
    assert run.code != 0
    assert SECRET not in run.out + run.err


@pytest.mark.parametrize(
    "url", ["https://user:s3cret@agents.example.com/mcp", "https://agents.example.com/mcp?key=s3cret"]
)
def test_the_mcp_servers_public_url_is_refused_with_credentials_and_not_named(url: str) -> None:
    # Published as the resource in the RFC 9728 metadata: a URL with credentials is refused, unnamed.
    import argparse

    from pexip_engage_cli._exit import CommandError
    from pexip_engage_cli._mcp_command import _public_url

    with pytest.raises(CommandError) as caught:
        _public_url(argparse.Namespace(public_url=url, host="127.0.0.1", port=8765))
    assert SECRET not in _refusal(lambda: _public_url(argparse.Namespace(public_url=url, host="h", port=1)))
    assert SECRET not in str(caught.value)
