"""The pieces every sender shares, on their own: body decoding within a bound (httpx2's decoders, `_body.decoded`),
and proxy choice (httpx2's routing, by the mounts `_proxies.proxy_mounts` reads from the environment)."""

from __future__ import annotations

import gzip
import os
import zlib

import httpx2
import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client._senders._body import OverLimit, decoded
from pexip_engage_client._senders._proxies import proxy_mounts

BODY = b'{"data": "' + b"x" * 5000 + b'"}'


def proxy_for(variables: dict[str, str], url: str) -> str | None:
    """The proxy httpx2's client, given `proxy_mounts(variables)`, sends a request to `url` through (None: directly)."""

    def answering(name: str) -> httpx2.MockTransport:
        return httpx2.MockTransport(lambda request: httpx2.Response(200, text=name))

    with httpx2.Client(transport=answering(""), mounts=proxy_mounts(answering, variables)) as client:
        return client.get(url).text or None


# gzip's header holds the time it was written: mtime=0 keeps the parameters' ids the same in every
# process (pytest-xdist's workers must collect the same tests).
@pytest.mark.parametrize(
    ("encoding", "encoded"),
    [
        (None, BODY),
        ("identity", BODY),
        ("gzip", gzip.compress(BODY, mtime=0)),
        ("x-gzip", gzip.compress(BODY, mtime=0)),
        ("deflate", zlib.compress(BODY)),  # zlib-wrapped, as the RFC says
        ("deflate", zlib.compress(BODY, wbits=-zlib.MAX_WBITS)),  # raw, as some servers send it
        ("deflate, gzip", gzip.compress(zlib.compress(BODY), mtime=0)),  # applied in order, undone in reverse
    ],
)
def test_bodies_are_decoded_chunk_by_chunk(encoding: str | None, encoded: bytes) -> None:
    assert decoded(encoded, encoding, len(BODY)) == (BODY, None)


@pytest.mark.parametrize("encoding", [None, "gzip", "deflate"])
def test_one_byte_past_the_limit_is_refused(encoding: str | None) -> None:
    encoded = {None: BODY, "gzip": gzip.compress(BODY), "deflate": zlib.compress(BODY)}[encoding]
    with pytest.raises(OverLimit):
        decoded(encoded, encoding, len(BODY) - 1)


def test_trailing_bytes_after_a_compressed_body_are_bounded_too() -> None:
    with pytest.raises(OverLimit):
        decoded(gzip.compress(b"{}") + bytes(2000), "gzip", 1000)


@pytest.mark.parametrize(
    ("encoding", "encoded"), [("gzip", b"not gzip"), ("br", b"\x1b\x00"), ("gzip", gzip.compress(BODY, mtime=0)[:20])]
)
def test_an_undecodable_body_is_kept_as_received_with_the_reason(encoding: str, encoded: bytes) -> None:
    content, decoding_error = decoded(encoded, encoding, 1000)
    assert content == encoded
    assert decoding_error is not None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://api.pexipengage.com/x", "http://secure-proxy:3128"),
        ("http://127.0.0.1:4010/x", "http://plain-proxy:3128"),
        ("https://internal.example.com/x", None),  # NO_PROXY domain covers subdomains
        ("https://example.com/x", None),
        ("https://notexample.com/x", "http://secure-proxy:3128"),  # a suffix, not a domain
        ("http://10.0.0.1:8080/x", None),  # host:port listed
        ("http://10.0.0.1:9090/x", "http://plain-proxy:3128"),
    ],
)
def test_proxies_follow_the_environment_conventions(url: str, expected: str | None) -> None:
    variables = {"https": "secure-proxy:3128", "all": "http://plain-proxy:3128", "no": " .example.com, 10.0.0.1:8080"}
    assert proxy_for(variables, url) == expected


def test_no_proxy_star_and_no_variables() -> None:
    assert proxy_for({"all": "http://p:1", "no": "*"}, "https://api.pexipengage.com/") is None
    assert proxy_mounts(str, {}) == {}
    assert proxy_for({}, "https://api.pexipengage.com/") is None


def test_a_socks_proxy_is_refused_without_showing_its_credentials() -> None:
    with pytest.raises(ValueError, match="socks5://") as caught:
        proxy_mounts(str, {"all": "socks5://user:hunter2@proxy:1080"})
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize(
    ("environment", "proxied"),
    [
        ({"ALL_PROXY": "http://p:1"}, True),
        ({"https_proxy": "http://p:1", "NO_PROXY": "example.com"}, True),
        ({"FTP_PROXY": "http://p:1", "NO_PROXY": "example.com"}, False),  # no proxy an API request takes
        ({"HTTP_PROXY": "http://p:1", "REQUEST_METHOD": "GET"}, False),  # a CGI's HTTP_PROXY may be a client's header
    ],
)
def test_the_one_shot_sender_is_refused_for_the_proxies_the_mounts_route_through(
    environment: dict[str, str], proxied: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One reading of the environment (`_base/proxies.py`): the one-shot sender, which connects
    directly, is refused exactly when httpx2's sender would send through a proxy."""
    for name in [name for name in os.environ if name.lower().endswith("_proxy")] + ["REQUEST_METHOD"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert bool(proxy_mounts(str)) is proxied
    if proxied:
        with pytest.raises(ValueError, match="one-shot' connects directly, and a proxy is configured"):
            PexipEngage("acme", token="t", http_backend="one-shot")
    else:
        PexipEngage("acme", token="t", http_backend="one-shot")
