"""Answers whose framing RFC 9112 makes ambiguous are refused by every sender, and by the command line.

Each answer below is written byte for byte and served as it is by a loopback server
(`support/rawserver.py`). Each hostile one is built so that a lenient reader (the regex reader the
one-shot sender had before it read through h11) takes it as a 200 whose body names `SMUGGLED`: the
pass is a connection error (`APIConnectionError`, never a bare `ValueError` nor a parsed body), with
nothing of that body in what the caller sees, after one request. The valid framings beside them must
still be read, on every sender.

The senders: httpx2's pool (the default, async and sync), a caller's httpx transport (the legacy
path, async and sync), and the one-shot sender that every command-line call uses.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from pexip_engage_client import PexipEngage, SyncPexipEngage, errors
from pexip_engage_client._senders._heads import MAX_RESPONSE_HEAD
from pexip_engage_client._senders._tls import plain_http_context

from ..support.cli import Cli
from ..support.rawserver import raw_server
from ..support.spec import ROOT

SMUGGLED = b'{"data": {"id": "SMUGGLED"}}'  # what a lenient reader would hand the caller
SAFE = b'{"data": {"id": "e1"}}'


def answer(*lines: str, body: bytes = b"") -> bytes:
    """An answer from its status line and header lines, each ended by CRLF, then the blank line and `body`."""
    return "".join(line + "\r\n" for line in lines).encode("latin-1") + b"\r\n" + body


def chunked(body: bytes, size: str | None = None) -> bytes:
    """`body` as one chunk and the last chunk; `size` as written instead of the plain hex length."""
    return (size or f"{len(body):x}").encode() + b"\r\n" + body + b"\r\n0\r\n\r\n"


OK = "HTTP/1.1 200 OK"
JSON = "Content-Type: application/json"
LENGTH = f"Content-Length: {len(SMUGGLED)}"
BIG = 200 * 1024

# name -> the raw answer. Each is ambiguous under RFC 9112 (section in brackets), or past the one
# head-size limit every sender keeps (`_senders/_heads.py`).
HOSTILE: dict[str, bytes] = {
    # [6.3, 8.6 of RFC 9110] two different lengths: a reader taking the last one reads another body
    "two Content-Lengths": answer(OK, JSON, "Content-Length: 2", LENGTH, body=SMUGGLED),
    "a Content-Length list": answer(OK, JSON, f"Content-Length: {len(SMUGGLED)}, 2", body=SMUGGLED),
    "a signed Content-Length": answer(OK, JSON, f"Content-Length: +{len(SMUGGLED)}", body=SMUGGLED),
    "a 5,000-digit Content-Length": answer(OK, JSON, "Content-Length: " + "1" * 5000, body=SMUGGLED),
    # [6.1] a transfer coding the client does not know, or chunked not alone
    "Transfer-Encoding: chunked, gzip": answer(OK, JSON, "Transfer-Encoding: chunked, gzip", body=chunked(SMUGGLED)),
    "Transfer-Encoding: xchunked": answer(OK, JSON, "Transfer-Encoding: xchunked", body=chunked(SMUGGLED)),
    "Transfer-Encoding: identity with a length": answer(OK, JSON, "Transfer-Encoding: identity", LENGTH, body=SMUGGLED),
    "two Transfer-Encodings": answer(
        OK, JSON, "Transfer-Encoding: chunked", "Transfer-Encoding: chunked", body=chunked(SMUGGLED)
    ),
    # [6.3 item 3] "ought to be handled as an error"
    "Transfer-Encoding beside a Content-Length": answer(
        OK, JSON, "Transfer-Encoding: chunked", LENGTH, body=chunked(SMUGGLED)
    ),
    # [7.1] chunk-size = 1*HEXDIG
    "chunk size 0x1c": answer(OK, JSON, "Transfer-Encoding: chunked", body=chunked(SMUGGLED, "0x1c")),
    "chunk size +1c": answer(OK, JSON, "Transfer-Encoding: chunked", body=chunked(SMUGGLED, "+1c")),
    "chunk size 1_c": answer(OK, JSON, "Transfer-Encoding: chunked", body=chunked(SMUGGLED, "1_c")),
    "chunk size -5": answer(OK, JSON, "Transfer-Encoding: chunked", body=chunked(SMUGGLED, "-5")),
    # [2.2] a bare LF, which a recipient may take as a line end: a header hidden in another's value
    "a bare LF hiding a second Content-Length": answer(OK, JSON, LENGTH, "X-Pad: a\nContent-Length: 2", body=SMUGGLED),
    "a bare LF hiding a Transfer-Encoding": answer(
        OK, JSON, LENGTH, "X-Pad: a\nTransfer-Encoding: chunked", body=SMUGGLED
    ),
    # [5.1] no whitespace between a field name and its colon
    "a space before a colon hiding a length": answer(OK, JSON, LENGTH, "Content-Length : 2", body=SMUGGLED),
    # [RFC 9110 15.2.2] a 101 answers only a request that asked to upgrade
    "an unrequested 101 before a 200": answer(
        "HTTP/1.1 101 Switching Protocols",
        "Upgrade: websocket",
        "Connection: Upgrade",
        "",
        OK,
        JSON,
        LENGTH,
        body=SMUGGLED,
    ),
    # one head-size limit on every sender (`MAX_RESPONSE_HEAD`, about 100 KiB)
    "a 200 KiB header": answer(OK, JSON, "X-Big: " + "a" * BIG, LENGTH, body=SMUGGLED),
    "headers of 101 KiB in all": answer(
        OK,
        JSON,
        *(f"X-Part-{n}: " + "a" * 10_000 for n in range(10)),
        "X-Last: " + "a" * 3_500,
        LENGTH,
        body=SMUGGLED,
    ),
}

# name -> the raw answer: framings that are not ambiguous, which every sender must read as SAFE.
VALID: dict[str, bytes] = {
    "a Content-Length": answer(OK, JSON, f"Content-Length: {len(SAFE)}", body=SAFE),
    "the same Content-Length twice": answer(
        OK, JSON, f"Content-Length: {len(SAFE)}", f"Content-Length: {len(SAFE)}", body=SAFE
    ),
    "delimited by the close": answer(OK, JSON, "Connection: close", body=SAFE),
    "chunked, with an extension and a trailer": answer(
        OK,
        JSON,
        "Transfer-Encoding: Chunked",
        body=b"".join(b"%x;ext=1\r\n%s\r\n" % (len(part), part) for part in (SAFE[:5], SAFE[5:]))
        + b"0\r\nX-T: 1\r\n\r\n",
    ),
    "gzip with a Content-Length": answer(
        OK,
        JSON,
        "Content-Encoding: gzip",
        f"Content-Length: {len(gzip.compress(SAFE, mtime=0))}",
        body=gzip.compress(SAFE, mtime=0),
    ),
    "gzip, chunked": answer(
        OK, JSON, "Content-Encoding: gzip", "Transfer-Encoding: chunked", body=chunked(gzip.compress(SAFE, mtime=0))
    ),
    "100 Continue and 103 Early Hints first": answer(
        "HTTP/1.1 100 Continue",
        "",
        "HTTP/1.1 103 Early Hints",
        "Link: </a.css>; rel=preload",
        "",
        OK,
        JSON,
        f"Content-Length: {len(SAFE)}",
        body=SAFE,
    ),
    "HTTP/1.0, delimited by the close": answer("HTTP/1.0 200 OK", JSON, body=SAFE),
    "headers of 99 KiB in all": answer(
        OK,
        JSON,
        *(f"X-Part-{n}: " + "a" * 10_000 for n in range(9)),
        "X-Last: " + "a" * 10_000,
        f"Content-Length: {len(SAFE)}",
        body=SAFE,
    ),
}


def test_the_corpus_is_where_the_limit_says() -> None:
    # The head-size cases sit on either side of the one limit, counted as `_heads.py` counts.
    def counted(raw: bytes) -> int:
        lines = raw.split(b"\r\n\r\n")[0].split(b"\r\n")[1:]
        return sum(len(line) + 2 for line in lines)

    assert (
        counted(VALID["headers of 99 KiB in all"]) < MAX_RESPONSE_HEAD < counted(HOSTILE["headers of 101 KiB in all"])
    )


def _async(options: Callable[[], dict[str, Any]]) -> Callable[[str], Any]:
    def call(url: str) -> Any:
        async def run() -> Any:
            async with PexipEngage("acme", base_url=url, token="t", max_retries=0, timeout=5, **options()) as engage:
                return await engage.get("/employees/e1")

        return asyncio.run(run())

    return call


def _sync(options: Callable[[], dict[str, Any]]) -> Callable[[str], Any]:
    def call(url: str) -> Any:
        with SyncPexipEngage("acme", base_url=url, token="t", max_retries=0, timeout=5, **options()) as engage:
            return engage.get("/employees/e1")

    return call


# sender -> a call of `GET /employees/e1` through it, against a root URL.
SENDERS: dict[str, Callable[[str], Any]] = {
    "httpx2": _async(dict),
    "httpx (legacy)": _async(lambda: {"transport": httpx.AsyncHTTPTransport(verify=plain_http_context())}),
    "one-shot": _async(lambda: {"http_backend": "one-shot"}),
    "sync httpx2": _sync(dict),
    "sync httpx (legacy)": _sync(lambda: {"transport": httpx.HTTPTransport(verify=plain_http_context())}),
}


def _chain(error: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


# `make check` runs the corpus through the one-shot sender and httpx2's pool, each answer written at
# once; the other senders and the answers written in pieces run with the slow tests (`make test`).
FAST_SENDERS = ("one-shot", "httpx2")
SENDER_PARAMS = [
    pytest.param(name, marks=() if name in FAST_SENDERS else pytest.mark.slow, id=name) for name in sorted(SENDERS)
]


@pytest.fixture(params=[None, pytest.param(1024, marks=pytest.mark.slow)], ids=["whole", "in-1KiB-pieces"])
def piece(request: pytest.FixtureRequest) -> int | None:
    """How the server writes its answer: at once, or a KiB at a time (a head then arrives in pieces)."""
    return request.param  # type: ignore[no-any-return]


@pytest.mark.parametrize("sender", SENDER_PARAMS)
@pytest.mark.parametrize("raw", HOSTILE.values(), ids=HOSTILE.keys())
def test_an_ambiguous_answer_is_a_connection_error_on_every_sender(raw: bytes, sender: str, piece: int | None) -> None:
    with raw_server(raw, piece=piece) as server, pytest.raises(errors.PexipEngageError) as caught:
        SENDERS[sender](server.url)
    error = caught.value
    assert type(error) is errors.APIConnectionError, f"{type(error).__name__}: {error}"
    assert "RemoteProtocolError" in str(error)
    for link in _chain(error):
        assert "SMUGGLED" not in str(link) + repr(link)
        assert not isinstance(link, ValueError | UnicodeError), repr(link)
    assert len(server.requests) == 1  # refused, not retried (max_retries=0) nor resent


@pytest.mark.parametrize("sender", SENDER_PARAMS)
@pytest.mark.parametrize("raw", VALID.values(), ids=VALID.keys())
def test_a_valid_framing_is_read_on_every_sender(raw: bytes, sender: str, piece: int | None) -> None:
    with raw_server(raw, piece=piece) as server:
        assert SENDERS[sender](server.url) == {"data": {"id": "e1"}}
    assert len(server.requests) == 1


_ENVIRONMENT = {"PEXIP_ENGAGE_TOKEN": "t", "PYTHONPATH": str(ROOT)}


def _argv(url: str) -> list[str]:
    """`pexip-engage api` (which prints whatever body it reads): its calls go through the one-shot sender."""
    return [
        "api",
        "GET",
        "/employees/e1",
        "--base-url",
        url,
        "--enterprise",
        "acme",
        "--max-retries",
        "0",
        "--timeout",
        "5",
        "-o",
        "json",
    ]


def _cli(url: str) -> subprocess.Popen[str]:
    environment = {name: value for name, value in os.environ.items() if not name.startswith("PEXIP_ENGAGE_")}
    return subprocess.Popen(
        [sys.executable, "-m", "pexip_engage_cli", *_argv(url)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment | _ENVIRONMENT,
        cwd=ROOT,
    )


def _assert_refused_or_read(outcomes: dict[str, tuple[int, str, str]]) -> None:
    """Each hostile answer: exit code 4 ("no answer (connection failed or timed out)"), nothing of its smuggled
    body, no traceback; each valid one read and printed."""
    for name, (code, out, err) in outcomes.items():
        if name in HOSTILE:
            assert code == 4, (name, code, out, err)
            assert "SMUGGLED" not in out + err, name
            assert "Traceback" not in err, name
        else:
            assert code == 0, (name, code, out, err)
            assert '"e1"' in out, name


def test_the_command_line_refuses_every_ambiguous_answer_and_prints_no_smuggled_body(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # In process (`main(argv)`, as a process runs it), every answer; the test below runs the command in processes.
    for name in [name for name in os.environ if name.startswith("PEXIP_ENGAGE_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", _ENVIRONMENT["PEXIP_ENGAGE_TOKEN"])
    cli = Cli(capsys)
    outcomes = {}
    for name, raw in [*HOSTILE.items(), *VALID.items()]:
        with raw_server(raw) as server:
            run = cli(*_argv(server.url))
        outcomes[name] = (run.code, run.out, run.err)
    _assert_refused_or_read(outcomes)


@pytest.mark.end_to_end
def test_the_command_line_in_processes_of_its_own_refuses_an_ambiguous_answer_and_reads_a_valid_one() -> None:
    picked = {"two Content-Lengths": HOSTILE["two Content-Lengths"], "a Content-Length": VALID["a Content-Length"]}
    outcomes = {}
    with contextlib.ExitStack() as stack:
        runs = {name: _cli(stack.enter_context(raw_server(raw)).url) for name, raw in picked.items()}
        for name, run in runs.items():
            out, err = run.communicate(timeout=120)
            outcomes[name] = (run.returncode, out, err)
    _assert_refused_or_read(outcomes)
