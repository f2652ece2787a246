"""Every sender behaves the same: each test here runs through httpx2 (the default), the one-shot
sender and a caller's httpx client (the legacy path, the `httpx` extra).

Real servers on 127.0.0.1 (`faultserver.py`, over TLS where it matters, with certificates from a
CA made for the test run); sizes are scaled down with a small `max_response_size` so that the
bounds show in seconds and a few MiB, and memory is measured with tracemalloc.
"""

from __future__ import annotations

import asyncio
import collections
import gzip
import json
import random
import shutil
import ssl
import subprocess
import time
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import httpx
import httpx2
import pytest
import trustme

from pexip_engage_client import Governor, PexipEngage, SyncPexipEngage, errors
from pexip_engage_client._senders._tls import ssl_context

from ..support.clients import TOKEN
from ..support.faultserver import Fault, fault_server
from ..support.leaks import secret_leaks
from ..support.loopback import free_port
from ..support.spec import documented_example

pytestmark = pytest.mark.usefixtures("sleeps")

APPOINTMENT = json.dumps(documented_example("Appointment")).encode()
OK_GET = Fault(body=APPOINTMENT)
TOKEN_OK = Fault(body=b'{"access_token": "tok-1", "expires_in": 300}')
SENDERS = ["httpx2", "httpx", "one-shot"]
SYNC_SENDERS = ["httpx2"]  # SyncPexipEngage's (tests/client/_sync/, converted from tests/client/)
MiB = 1024 * 1024
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy and no CA from the environment."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


@pytest.fixture(params=SENDERS)
def backend(request: pytest.FixtureRequest, plain_environment: None) -> str:
    """A sender's name."""
    sender = str(request.param)
    marker = request.node.get_closest_marker("own_pool")
    if sender == "httpx" and marker is not None:
        pytest.skip(f"a caller's httpx client is configured by the caller: {marker.args[0]}")
    marker = request.node.get_closest_marker("not_one_shot")
    if sender == "one-shot" and marker is not None:
        pytest.skip(f"the one-shot sender {marker.args[0]}")
    return sender


@asynccontextmanager
async def client(backend: str, root: str, **kwargs: Any) -> AsyncIterator[PexipEngage]:
    kwargs.setdefault("token", TOKEN)
    if backend == "httpx":  # a caller's httpx client, configured as a caller would (the legacy path)
        verify = kwargs.pop("verify", None)
        tls: Any = True if verify is None else verify if isinstance(verify, ssl.SSLContext) else ssl_context(verify)
        connections = kwargs.get("max_connections", 100)
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        async with (
            httpx.AsyncClient(verify=tls, limits=limits) as legacy,
            PexipEngage("acme", base_url=root, http_client=legacy, **kwargs) as engage,
        ):
            yield engage
        return
    async with PexipEngage("acme", base_url=root, http_backend=backend, **kwargs) as engage:  # type: ignore[arg-type]
        yield engage


async def get(engage: PexipEngage, **options: Any) -> Any:
    return await engage.appointments.get_appointment_by_id("1", **options)


# --- TLS ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def server_tls(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    return context


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


async def test_an_untrusted_certificate_fails_at_once_and_says_so(
    backend: str, server_tls: ssl.SSLContext, sleeps: list[float]
) -> None:
    with fault_server(OK_GET, tls=server_tls) as server:
        async with client(backend, server.url, max_retries=2) as engage:
            with pytest.raises(errors.APIConnectionError) as caught:
                await get(engage)
    assert "TLSCertificateError" in str(caught.value)
    assert "certificate" in str(caught.value).lower()
    assert sleeps == []  # not retried: it cannot succeed
    assert server.requests == []


def test_an_untrusted_certificate_fails_the_sync_client_at_once_and_says_so(
    plain_environment: None, server_tls: ssl.SSLContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SyncPexipEngage's sender (_senders/_sync/_httpx_sender.py) reports it as the async senders do.
    from pexip_engage_client import SyncPexipEngage

    waits: list[float] = []
    monkeypatch.setattr("pexip_engage_client._pipeline._sync._request._sleep", waits.append)
    with (
        fault_server(OK_GET, tls=server_tls) as server,
        SyncPexipEngage("acme", base_url=server.url, token=TOKEN, max_retries=2) as engage,
        pytest.raises(errors.APIConnectionError) as caught,
    ):
        engage.appointments.get_appointment_by_id("1")
    assert "TLSCertificateError" in str(caught.value)
    assert "certificate" in str(caught.value).lower()
    assert waits == []  # not retried: it cannot succeed
    assert server.requests == []


async def test_verify_takes_a_ca_bundle_path(backend: str, server_tls: ssl.SSLContext, ca_file: Path) -> None:
    with fault_server(OK_GET, tls=server_tls) as server:
        async with client(backend, server.url, verify=str(ca_file)) as engage:
            assert (await get(engage)).id == "123"


async def test_verify_takes_an_ssl_context(backend: str, server_tls: ssl.SSLContext, ca: trustme.CA) -> None:
    context = ssl.create_default_context()
    ca.configure_trust(context)
    with fault_server(OK_GET, tls=server_tls) as server:
        async with client(backend, server.url, verify=context) as engage:
            assert (await get(engage)).id == "123"


async def test_ssl_cert_file_is_trusted_by_both(
    backend: str, server_tls: ssl.SSLContext, ca_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    with fault_server(OK_GET, tls=server_tls) as server:
        async with client(backend, server.url) as engage:
            assert (await get(engage)).id == "123"


@pytest.fixture
def ca_folder(ca_file: Path, tmp_path: Path) -> Path:
    """A folder holding the CA as `openssl rehash` names it: `<subject hash>.0`."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("needs the openssl command to name the certificate")
    folder = tmp_path / "certs"
    folder.mkdir()
    subject_hash = subprocess.run(
        [openssl, "x509", "-hash", "-noout", "-in", str(ca_file)], capture_output=True, text=True, check=True
    ).stdout.strip()
    (folder / f"{subject_hash}.0").write_bytes(ca_file.read_bytes())
    return folder


@pytest.mark.end_to_end
async def test_ssl_cert_dir_is_trusted_by_both(
    backend: str, server_tls: ssl.SSLContext, ca_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_DIR", str(ca_folder))
    with fault_server(OK_GET, tls=server_tls) as server:
        async with client(backend, server.url) as engage:
            assert (await get(engage)).id == "123"


def test_verification_cannot_be_switched_off() -> None:
    with pytest.raises(ValueError, match="cannot be switched off"):
        PexipEngage("acme", token=TOKEN, verify=False)  # type: ignore[arg-type]
    unverified = ssl.create_default_context()
    unverified.check_hostname = False
    unverified.verify_mode = ssl.CERT_NONE
    with pytest.raises(ValueError, match="cannot be switched off"):
        PexipEngage("acme", token=TOKEN, verify=unverified)
    with pytest.raises(ValueError, match="no CA bundle"):
        PexipEngage("acme", token=TOKEN, verify="/nonexistent/ca.pem")
    with pytest.raises(ValueError, match="configure TLS on your transport"):
        PexipEngage("acme", token=TOKEN, verify="/etc", transport=httpx2.AsyncHTTPTransport())


# --- proxies, .netrc, cookies, headers, redirects, attempts -----------------------------------------


@pytest.mark.not_one_shot("connects directly (a proxy variable refuses it: tests/senders/test_one_shot.py)")
@pytest.mark.parametrize("variable", ["HTTP_PROXY", "ALL_PROXY", "http_proxy"])
async def test_proxy_variables_route_both_senders_through_the_proxy(
    backend: str, variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = f"http://127.0.0.1:{free_port()}"  # nothing there: only the proxy can answer
    with fault_server(OK_GET) as proxy:
        monkeypatch.setenv(variable, proxy.url)
        async with client(backend, target) as engage:
            await get(engage)
    assert proxy.requests == [("GET", f"{target}/enterprises/acme/appointments/1")]  # absolute form: proxied


@pytest.mark.not_one_shot("connects directly (a proxy variable refuses it: tests/senders/test_one_shot.py)")
async def test_no_proxy_sends_directly(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
    with fault_server(OK_GET) as server:
        async with client(backend, server.url) as engage:
            await get(engage)
    assert server.requests == [("GET", "/enterprises/acme/appointments/1")]


@pytest.mark.parametrize(("no_proxy", "proxied"), [("127.0.0.1", False), (".invalid,127.0.0.1:1", True), ("*", False)])
def test_the_sync_client_reads_no_proxy_per_host_as_the_async_one(
    no_proxy: str, proxied: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sync sender once asked the settings for a made-up host per scheme, so only `*` sent
    # directly: a listed host, such as the API's own, still went through the proxy.
    with fault_server(OK_GET) as proxy, fault_server(OK_GET) as server:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("NO_PROXY", no_proxy)
        with SyncPexipEngage("acme", token=TOKEN, base_url=server.url, max_retries=0) as engage:
            assert engage.appointments.get_appointment_by_id("1").id == "123"
    through_proxy = [("GET", f"{server.url}/enterprises/acme/appointments/1")]
    assert (proxy.requests, server.requests) == (
        (through_proxy, []) if proxied else ([], [("GET", "/enterprises/acme/appointments/1")])
    )


@pytest.mark.not_one_shot(
    "connects directly, and this test watches through a proxy (it reads no .netrc: it reads no file)"
)
async def test_netrc_is_never_read(backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1 login netrc-user password netrc-password\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("NETRC", str(netrc))
    with fault_server(TOKEN_OK, OK_GET) as proxy, fault_server(OK_GET) as server:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("NO_PROXY", "example.invalid")
        async with client(
            backend, server.url, token=None, client_id="id", client_secret="s3cr3t", auth_url=proxy.url
        ) as e:
            await get(e)
    token_request, api_request = proxy.headers[0], proxy.headers[1]
    assert "authorization" not in token_request  # the credentials travel in the form body only
    assert api_request["authorization"] == "Bearer tok-1"
    assert server.requests == []  # everything went through the proxy


@pytest.mark.own_pool("its cookie jar is the caller's")
async def test_cookies_are_never_kept(backend: str) -> None:
    with fault_server(Fault(body=APPOINTMENT, headers={"Set-Cookie": "session=abc; Path=/"}), OK_GET) as server:
        async with client(backend, server.url) as engage:
            await get(engage)
            await get(engage)
    assert all("cookie" not in headers for headers in server.headers)


async def test_real_world_header_sizes_are_accepted(backend: str) -> None:
    headers = {"X-Large": "a" * 9_000, **{f"X-Header-{n}": "value" for n in range(200)}}
    headers |= {f"X-Filler-{n}": "b" * 8_000 for n in range(7)}  # over 64 KiB of headers in all
    assert sum(len(k) + len(v) + 4 for k, v in headers.items()) > 64 * 1024
    with fault_server(Fault(body=APPOINTMENT, headers=headers)) as server:
        async with client(backend, server.url) as engage:
            response = await engage.appointments.with_raw_response.get_appointment_by_id("1")
    assert response.headers["X-Large"] == "a" * 9_000
    assert response.headers["X-Header-199"] == "value"


async def test_attempts_are_exactly_what_max_retries_says(backend: str) -> None:
    # The server reads the request and closes without answering: no library may resend by itself.
    with fault_server(Fault(close=True)) as server:
        async with client(backend, server.url, max_retries=0) as engage:
            with pytest.raises(errors.APIConnectionError):
                await get(engage)
    assert len(server.requests) == 1


async def redirected_calls_reach_only_the_first_host(**options: Any) -> None:
    """A 307 from the token endpoint, then from the API, both to another host: neither followed."""
    with fault_server(TOKEN_OK, OK_GET) as elsewhere:
        moved = Fault(status=307, body=b"", headers={"Location": f"{elsewhere.url}/steal"})
        with fault_server(moved) as auth, fault_server(moved) as api:
            credentials: dict[str, Any] = {"client_id": "id", "client_secret": "s3cr3t", "auth_url": auth.url}
            async with PexipEngage("acme", base_url=api.url, **credentials, **options) as engage:
                with pytest.raises(errors.AuthenticationError) as caught:
                    await get(engage)
            async with PexipEngage("acme", base_url=api.url, token=TOKEN, **options) as engage:
                with pytest.raises(errors.UnexpectedResponseError):
                    await get(engage)
    assert caught.value.status_code == 307
    assert len(auth.requests) == 1
    assert len(api.requests) == 1
    assert elsewhere.requests == []  # neither the client secret nor the token left for another host


async def test_redirects_are_never_followed_so_the_secret_stays_home(backend: str) -> None:
    await redirected_calls_reach_only_the_first_host(http_backend=backend)


async def test_not_even_through_an_http_client_that_follows_redirects() -> None:
    async with httpx2.AsyncClient(follow_redirects=True) as http_client:
        await redirected_calls_reach_only_the_first_host(http_client=http_client)


# --- bounded responses -----------------------------------------------------------------------------


@contextmanager
def peak_memory() -> Iterator[list[int]]:
    """The peak of Python allocations inside the block, in bytes (one-element list, filled at exit)."""
    result: list[int] = []
    tracemalloc.start()
    try:
        yield result
    finally:
        result.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()


GZIP_BOMB = gzip.compress(bytes(64 * MiB), compresslevel=9)  # about 64 KiB on the wire


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(Fault(body=GZIP_BOMB, headers={"Content-Encoding": "gzip"}), id="gzip bomb"),
        pytest.param(Fault(zeros=64 * MiB), id="large body with a length"),
        pytest.param(Fault(zeros=64 * MiB, chunked=True), id="large chunked body"),
        pytest.param(Fault(endless=True), id="endless chunked body"),
    ],
)
async def test_a_body_past_max_response_size_is_refused_with_bounded_memory(backend: str, fault: Fault) -> None:
    with fault_server(fault) as server:
        async with client(backend, server.url, max_response_size=MiB) as engage:
            with peak_memory() as peak, pytest.raises(errors.ResponseTooLargeError) as caught:
                await asyncio.wait_for(get(engage), 20)
    assert caught.value.status_code == 200
    assert "max_response_size" in caught.value.reason
    assert peak[0] < 8 * MiB  # against 64 MiB (or more) offered
    assert len(server.requests) == 1  # not retried


async def test_a_body_within_the_limit_is_read(backend: str) -> None:
    body = json.dumps({**json.loads(APPOINTMENT), "padding": "x" * 100_000}).encode()
    with fault_server(Fault(body=gzip.compress(body), headers={"Content-Encoding": "gzip"})) as server:
        async with client(backend, server.url, max_response_size=len(body)) as engage:
            assert (await get(engage)).id == "123"


async def test_a_dripping_body_cannot_extend_the_deadline(backend: str) -> None:
    # One byte every 50 ms: the read timeout (0.3 s) never fires, the attempt's deadline (0.6 s) does.
    with fault_server(Fault(body=APPOINTMENT, drip=0.05)) as server:
        async with client(backend, server.url, timeout=0.3) as engage:
            started = time.monotonic()
            with pytest.raises(errors.ResponseTooSlowError) as caught:
                await get(engage)
    assert time.monotonic() - started < 3
    assert caught.value.status_code == 200
    assert "deadline" in caught.value.reason
    assert len(server.requests) == 1  # not retried


async def test_a_body_that_falls_silent_times_out_after_the_read_timeout_and_is_retried(backend: str) -> None:
    # Silent for 3 s after 40 bytes of the body: the read timeout (0.3 s) ends the attempt, well
    # before the deadline (0.6 s) would, and a GET is tried again, as after any read timeout.
    with fault_server(Fault(body=APPOINTMENT, pause=(40, 3.0))) as server:
        async with client(backend, server.url, timeout=0.3, max_retries=1) as engage:
            started = time.monotonic()
            with pytest.raises(errors.APITimeoutError):
                await get(engage)
    assert time.monotonic() - started < 2.5
    assert len(server.requests) == 2


@pytest.mark.not_one_shot("reuses no connection")
async def test_a_short_silence_in_the_body_leaves_the_connection_fit_for_reuse(backend: str) -> None:
    # The read timeout armed for a body still arriving must end with that body: a connection kept
    # for longer than the read timeout afterwards still serves the next call, without a new one.
    with fault_server(Fault(body=APPOINTMENT, pause=(40, 0.1))) as server:
        async with client(backend, server.url, timeout=0.3, max_retries=0) as engage:
            assert (await get(engage)).id == "123"
            await asyncio.sleep(0.6)
            assert (await get(engage)).id == "123"
    assert len(server.requests) == 2
    assert server.connections == 1


def test_max_response_size_and_max_connections_must_be_positive() -> None:
    for argument in ("max_response_size", "max_connections"):
        for value in (0, -1, 1.5, True):
            options: dict[str, Any] = {argument: value}
            with pytest.raises(ValueError, match=argument):
                PexipEngage("acme", token=TOKEN, **options)


# --- load, cancellation, stale connections ---------------------------------------------------------


@pytest.mark.slow
async def test_a_burst_of_calls_completes_and_the_client_still_works(backend: str) -> None:
    # httpx2 alone, with 1,000 calls started at once, ended most of them in PoolTimeout and was stuck
    # after. Here calls queue in the client: the 1 s pool timeout counts only once a call may use the
    # pool, although the last calls wait far longer than that for their turn.
    calls = 1000
    with fault_server(OK_GET) as server:
        # The governor lifted: it bounds each call's wait for its turn by the call's time, and what
        # is tested here is the sender's own queue, whose wait counts against no deadline.
        limits = {"governor": Governor.unlimited()}
        async with client(
            backend, server.url, max_connections=20, timeout=httpx2.Timeout(10, pool=1), **limits
        ) as engage:
            results = await asyncio.wait_for(asyncio.gather(*(get(engage) for _ in range(calls))), 240)
            assert len(results) == calls
            async with asyncio.timeout(5):
                await get(engage)
    assert len(server.requests) == calls + 1


async def test_the_wait_for_a_turn_does_not_count_against_the_attempt_deadline(backend: str) -> None:
    # One place, answers after 0.1 s each, and a read deadline of 0.5 s per attempt (five times an answer, so
    # that a loaded machine does not time one out): the last of eight calls waits 0.7 s for its turn, and must
    # still get its answer.
    with fault_server(Fault(body=APPOINTMENT, delay=0.1)) as server:
        async with client(backend, server.url, max_connections=1, timeout=0.5, max_retries=0) as engage:
            appointments = await asyncio.gather(*(get(engage) for _ in range(8)))  # none timed out
    assert all(appointment == appointments[0] for appointment in appointments)
    assert len(server.requests) == 8


async def test_calls_beyond_max_connections_are_served_in_arrival_order(backend: str) -> None:
    # The task whose call has just ended starts another at once, as a worker loop does; that call
    # arrived last, so it must not take the free connection ahead of the calls already waiting.
    with fault_server(Fault(body=APPOINTMENT, delay=0.05)) as server:
        async with client(backend, server.url, max_connections=1) as engage:

            async def first_then_last() -> None:
                await engage.appointments.get_appointment_by_id("first")
                await engage.appointments.get_appointment_by_id("last")

            worker = asyncio.create_task(first_then_last())
            # The server runs in a thread of its own: poll until the first call holds the only place.
            while not server.requests:  # noqa: ASYNC110
                await asyncio.sleep(0.005)
            waiting = [asyncio.create_task(engage.appointments.get_appointment_by_id(name)) for name in ("b", "c")]
            await asyncio.gather(worker, *waiting)
    assert [path.rsplit("/", 1)[-1] for _, path in server.requests] == ["first", "b", "c", "last"]


@pytest.mark.not_one_shot("keeps no connection alive")
async def test_keep_alive_connections_are_kept_up_to_twenty(backend: str) -> None:
    # 20 idle connections at most (httpx2's default): a burst of 40 leaves 20 for the next, and the
    # governor's 4 in flight never need more; every idle one costs httpcore2's pool a system call a pass.
    with fault_server(OK_GET) as server:
        async with client(backend, server.url, max_connections=40) as engage:
            await asyncio.gather(*(get(engage) for _ in range(40)))
            opened = server.connections
            for _ in range(3):
                for _ in range(4):
                    await asyncio.gather(*(get(engage) for _ in range(4)))
    assert len(server.requests) == 88
    assert opened <= 40
    assert server.connections - opened <= 2  # the later calls reuse what was kept (a few may be replaced)


async def cancel_at_random(engage: PexipEngage, calls: int, rng: random.Random) -> None:
    """Calls, 50 at a time, each cancelled at a random point: by task.cancel(), or by a timeout."""
    in_flight = asyncio.Semaphore(50)

    async def one(number: int) -> None:
        async with in_flight:
            call = asyncio.ensure_future(get(engage))
            if number % 2:
                await asyncio.sleep(rng.uniform(0, 0.01))
                call.cancel()
            else:
                await asyncio.wait([call], timeout=rng.uniform(0, 0.01))
                call.cancel()
            await asyncio.gather(call, return_exceptions=True)

    await asyncio.gather(*(one(number) for number in range(calls)))


@pytest.mark.slow
async def test_cancelled_calls_and_abandoned_page_walks_leave_the_pool_whole(backend: str) -> None:
    page = json.dumps(
        {"data": [documented_example("Employee")["data"]], "meta": {"offset": 0, "limit": 1, "totalCount": 1000}}
    ).encode()
    rng = random.Random(11)  # noqa: S311 - a reproducible test, not cryptography
    with fault_server(Fault(body=APPOINTMENT, delay=0.001)) as server:
        # A small pool shows a leak soon: with 8 places, 8 lost ones stop every call.
        async with client(backend, server.url, max_connections=8, timeout=httpx2.Timeout(5, pool=1)) as engage:
            await cancel_at_random(engage, 2000, rng)
            server.script[:] = [Fault(body=page)]
            for _ in range(200):
                async for _employee in engage.employees.get_employees(limit=1):
                    break  # stops the walk: its prefetches are cancelled
            server.script[:] = [OK_GET]
            async with asyncio.timeout(5):  # the whole pool, at once
                await asyncio.gather(*(get(engage) for _ in range(16)))


@pytest.mark.slow
async def test_writes_reusing_connections_the_server_closed_neither_fail_nor_go_out_twice(backend: str) -> None:
    # The server closes a connection idle for 20 ms. Each POST waits until the server has closed the
    # one the last POST used, then either 5-20 ms more with the event loop running (the loop
    # may then see the close) or not at all, without letting the loop run (only the socket shows it).
    # Neither may carry a POST: the client cannot resend one that fails there. (A server closing a
    # connection just as a POST is written on it is a race no client can win; this test leaves none.)
    rng = random.Random(6)  # noqa: S311 - a reproducible test, not cryptography
    posts = 60
    failures: list[str] = []
    with fault_server(OK_GET, idle_close=0.02) as server:
        async with client(backend, server.url, max_retries=0) as engage:
            for _ in range(posts):
                try:
                    await engage.appointments.accept_appointment("1")
                except errors.APIConnectionError as exc:
                    failures.append(str(exc))
                if rng.random() < 0.5:
                    while server.closed_connections < server.connections:  # noqa: ASYNC110 - a thread's server
                        await asyncio.sleep(0.002)
                    await asyncio.sleep(rng.uniform(0.005, 0.02))
                else:
                    while server.closed_connections < server.connections:
                        time.sleep(0.002)  # noqa: ASYNC251 - on purpose: the event loop must not see the close
    assert failures == []
    assert len(server.requests) == posts  # each POST processed once
    assert server.connections == posts  # each on a new connection: none went out on a closed one


@pytest.mark.not_one_shot("reuses no connection")
async def test_a_write_the_server_read_before_closing_a_reused_connection_is_not_sent_again(backend: str) -> None:
    # The server answers a GET, then reads the POST that reuses the connection and closes it without
    # answering. To the client this looks like a connection closed before the POST arrived; it
    # cannot tell, so it must not send the POST again, and must say that it may have been processed.
    with fault_server(OK_GET, Fault(close=True), OK_GET) as server:
        async with client(backend, server.url, max_retries=2) as engage:
            await get(engage)
            with pytest.raises(errors.APIConnectionError) as caught:
                await engage.appointments.accept_appointment("1")
    assert "it may have been processed" in str(caught.value)
    assert [method for method, _ in server.requests] == ["GET", "POST"]  # the POST exactly once
    assert server.connections == 1  # it went out on the reused connection


@pytest.mark.not_one_shot("reuses no connection")
async def test_a_read_the_server_dropped_on_a_reused_connection_is_sent_again(backend: str) -> None:
    # The same, with a GET: sending it again cannot do it twice, so the sender does, on a new
    # connection, within the attempt (max_retries=0).
    with fault_server(OK_GET, Fault(close=True), OK_GET) as server:
        async with client(backend, server.url, max_retries=0) as engage:
            await get(engage)
            assert (await get(engage)).id == "123"
    assert [method for method, _ in server.requests] == ["GET", "GET", "GET"]
    assert server.connections == 2


@pytest.mark.own_pool("httpcore 1.0's pool loses calls under this load (encode/httpcore#1035): httpx2's is the fix")
@pytest.mark.slow
async def test_a_server_answering_at_once_causes_no_timeout_under_load(backend: str) -> None:
    # 400 calls at once through the default 100 connections, to a server that answers each at once,
    # with a deadline of 2 s per attempt. The httpx2 sender's attempts used to spend that time in
    # httpcore2's pool, whose work grew with its requests and connections:
    # half of them or more ended in APITimeoutError. The deadline leaves room for the server's one
    # thread to answer all 400 on a busy machine (at 0.5 s, a loaded CI run saw 6 of 400 time out).
    with fault_server(OK_GET) as server:
        # The governor lifted (4 in flight and 50 a second would keep the 100 connections idle): the
        # sender's pool under load is what is tested.
        async with client(backend, server.url, timeout=2, max_retries=0, governor=Governor.unlimited()) as engage:
            # Every connection is opened first: the server's one thread accepts them slower than it answers.
            await asyncio.gather(*(get(engage, timeout=30) for _ in range(100)))
            outcomes = await asyncio.wait_for(
                asyncio.gather(*(get(engage) for _ in range(400)), return_exceptions=True), 60
            )
    failures = collections.Counter(type(outcome).__name__ for outcome in outcomes if isinstance(outcome, Exception))
    assert failures == {}
    assert len(server.requests) == 500


async def test_a_request_cancelled_after_the_pool_made_it_a_connection_leaves_that_place_free(
    plain_environment: None,
) -> None:
    # A request waiting in httpcore2's pool is given a connection made for it when another response
    # is closed; cancelled before it runs, it leaves that connection unopened. httpcore 1.0 kept it,
    # neither idle nor closed, and the place was lost for good; httpcore2 2.16 drops it. (The sender
    # also leaves a cancelled caller's exchange to finish in a task of its own: `_shielded`.)
    from pexip_engage_client._senders._httpx_sender import pool_limits

    closing_after = Fault(body=APPOINTMENT, headers={"Connection": "close"})
    transport: Any
    transport = httpx2.AsyncHTTPTransport(
        verify=ssl.create_default_context(), limits=pool_limits(1)
    )  # the sender's pool
    with fault_server(closing_after, OK_GET) as server:
        async with httpx2.AsyncClient(transport=transport, timeout=httpx2.Timeout(5, pool=1)) as http:
            url = f"{server.url}/enterprises/acme/appointments/1"
            first = await http.send(http.build_request("GET", url), stream=True)  # holds the only place
            waiting = asyncio.create_task(http.get(url))
            while not transport._pool._requests[1:]:  # noqa: ASYNC110 - until it waits in the pool
                await asyncio.sleep(0)
            await first.aclose()  # the connection closes; the pool makes a new one for the waiting request
            waiting.cancel()  # before it runs
            await asyncio.gather(waiting, return_exceptions=True)
            assert waiting.cancelled()
            async with asyncio.timeout(5):
                answered = await http.get(url)  # a PoolTimeout if the place was lost
    assert answered.status_code == 200
    assert len(server.requests) == 2  # the cancelled request never went out


async def test_the_default_sender_writes_what_httpxs_own_client_would(plain_environment: None) -> None:
    # What goes out through the sender's own client must be what a caller's httpx2 client writes,
    # given the same User-Agent. Request lines and headers are compared byte for byte, a write
    # with a body and a read, and a read whose headers replace the client's own in another case
    # (the sender builds its own client's requests on that client's headers without `build_request`).
    from pexip_engage_client._senders._base import USER_AGENT

    async def calls(engage: PexipEngage) -> None:
        await engage.post("/appointments/1/_actions/accept", json={"note": "é"}, correlation_id="c-1")
        await engage.get("/appointments/1", params={"q": "a b"}, correlation_id="c-2")
        replacing = {"user-agent": "mine/1", "X-Other": "x"}
        await engage.get("/appointments/1", extra_headers=replacing, correlation_id="c-3")

    with fault_server(OK_GET) as server:
        async with client("httpx2", server.url) as engage:
            await calls(engage)
        async with (
            httpx2.AsyncClient(headers={"User-Agent": USER_AGENT}) as own,
            client("httpx2", server.url, http_client=own) as engage,
        ):
            await calls(engage)
    assert len(server.heads) == 6
    assert server.heads[:3] == server.heads[3:]
    assert b"user-agent: mine/1" in server.heads[2].lower()


# --- secrets -----------------------------------------------------------------------------------------

CLIENT_SECRET = "s3cr3t-client-secret"


async def failed_call(backend: str, fault: Fault, *, through_token_endpoint: bool) -> errors.APIConnectionError:
    """The APIConnectionError of a call whose API request, or token request, meets `fault`."""
    with fault_server(TOKEN_OK if through_token_endpoint else fault) as api, fault_server(fault) as auth:
        credentials = client_credentials if through_token_endpoint else no_credentials
        async with client(backend, api.url, timeout=0.3, max_retries=0, **credentials(auth.url)) as engage:
            with pytest.raises(errors.APIConnectionError) as caught:
                await engage.appointments.accept_appointment("1")
    return caught.value


def client_credentials(auth_root: str) -> dict[str, Any]:
    return {"token": None, "client_id": "my-app", "client_secret": CLIENT_SECRET, "auth_url": auth_root}


def no_credentials(auth_root: str) -> dict[str, Any]:
    return {}  # the client's default: the static TOKEN


SECRET_FAULTS = [
    pytest.param(Fault(reset=True), False, id="reset after the API request was sent"),
    pytest.param(Fault(delay=2), False, id="no answer from the API within the deadline"),
    pytest.param(Fault(reset=True), True, id="reset of the token endpoint"),
    pytest.param(Fault(delay=2), True, id="no answer from the token endpoint within the deadline"),
]


@pytest.mark.parametrize(("fault", "through_token_endpoint"), SECRET_FAULTS)
async def test_no_secret_is_reachable_from_a_failed_call(
    backend: str, fault: Fault, through_token_endpoint: bool
) -> None:
    # Error reporters record every frame's locals in a traceback, and follow the exception's chain
    # and attributes: neither the token nor the client secret may be found there.
    error = await failed_call(backend, fault, through_token_endpoint=through_token_endpoint)
    assert secret_leaks(error, [TOKEN, CLIENT_SECRET]) == []
