"""The probes of every long-running command's port, in process (the real servers: test_health.py): `/livez` while
the loop runs; `/readyz` (and `/healthz`) from what the process can mend itself, its store or database, its
credentials with Engage, its hooks' progress; and nothing a stranger sends without the secret changes either:
refused deliveries are counted and shown, never made unreadiness."""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2
import pytest

from pexip_engage_cli._listen import handles, served
from pexip_engage_cli._mcp_command import http_app
from pexip_engage_client import PexipEngage
from pexip_engage_client._shared import health
from pexip_engage_client._shared.health import with_probes
from pexip_engage_client.mirror import AppointmentMirror
from pexip_engage_client.testing import FakePexipEngage, appointment_event
from pexip_engage_client.webhooks import WebhookReceiver
from pexip_engage_client.webhooks._stores._memory import MemoryStore

from ..support.mirror import SECRET, seed, seed_references
from ..support.waiting import wait_until

NOW = datetime.now(UTC)
JSON = {"content-type": "application/json"}


async def probe(http: httpx2.AsyncClient, path: str) -> tuple[int, dict[str, Any]]:
    answer = await http.get(path)
    return answer.status_code, answer.json()


async def strangers(http: httpx2.AsyncClient, seed: int = 7) -> int:
    """What a stranger sends without the secret: a wrong key, none, and a scan of paths and methods; how many."""
    sent = [await http.post("/?key=wrong", json={"x": 1}), await http.post("/", content=b"{}")]
    scan = random.Random(seed)  # noqa: S311 - a scan repeated as it is, no secret
    for _ in range(40):
        method = scan.choice(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
        path = scan.choice(["/", "/admin", "/.env", "/wp-login.php", "/livez/x", "/readyz/x", "/%2e%2e/"])
        sent.append(await http.request(method, path + scan.choice(["", "?key=", "?key=guess", "?a=b"])))
    assert all(400 <= answer.status_code < 500 for answer in sent)
    return len(sent)


class FlakyStore(MemoryStore):
    """The memory store, unreadable while `down`."""

    down = False

    async def tallies(self) -> Any:
        if self.down:
            raise ConnectionError("the store is down")
        return await super().tallies()


async def test_strangers_leave_a_receiver_ready_and_are_counted_by_cause() -> None:
    receiver = WebhookReceiver(store="memory://", secret=SECRET)
    transport = httpx2.ASGITransport(served(receiver, "memory://"))
    async with httpx2.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        assert await probe(http, "/readyz") == (
            200,
            {
                "status": "ok",
                "waiting": 0,
                "failedEvents": 0,
                "refusedDeliveries": 0,
                "refusedByCause": {},
            },
        )
        sent = await strangers(http)
        ready, healthz, alive = await probe(http, "/readyz"), await probe(http, "/healthz"), await probe(http, "/livez")
        accepted = await http.post(f"/?key={SECRET}", content=appointment_event({"id": "appointment-1"}), headers=JSON)
    await receiver.aclose()
    assert ready == healthz
    assert ready[0] == 200
    assert ready[1]["status"] == "ok"
    assert ready[1]["refusedDeliveries"] == sent == sum(receiver.refused_deliveries.values())
    assert ready[1]["refusedByCause"]["wrong or missing key"] >= 2
    assert alive == (200, {"status": "alive"})
    assert accepted.status_code == 202
    assert SECRET not in json.dumps(ready[1])


async def test_a_receiver_is_unready_while_its_store_cannot_be_read_and_ready_again_after() -> None:
    store = FlakyStore()
    receiver = WebhookReceiver(store=store, secret=SECRET)
    transport = httpx2.ASGITransport(served(receiver, "memory://"))
    async with httpx2.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        store.down = True
        down, alive = await probe(http, "/readyz"), await probe(http, "/livez")
        store.down = False
        again = await probe(http, "/readyz")
    await receiver.aclose()
    assert down == (
        503,
        {
            "status": "failing",
            "refusedDeliveries": 0,
            "refusedByCause": {},
            "failures": ["store unreachable: ConnectionError"],
        },
    )
    assert alive[0] == 200
    assert again[0] == 200


async def test_listen_stores_without_claiming_on_a_store_another_process_may_read(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/events.db"
    assert (handles(url), handles("memory://")) == (False, True)
    receiver = WebhookReceiver(store=url, secret=SECRET, poll_interval=0.05)
    events = [f"event-{number}" for number in range(5)]
    transport = httpx2.ASGITransport(served(receiver, url))
    async with httpx2.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        answers = [
            await http.post(f"/?key={SECRET}", content=appointment_event({"id": "a-1"}, event_id=event), headers=JSON)
            for event in events
        ]
        await asyncio.sleep(0.3)  # six polls: a receiver that claimed would have settled them by now
        statuses = [await receiver.store.status(event) for event in events]
    await receiver.aclose()
    assert [answer.status_code for answer in answers] == [202] * 5
    assert statuses == ["pending"] * 5  # for the process that handles them, never settled as unhandled here


async def test_a_mirror_is_unready_while_a_hook_fails_and_strangers_change_nothing(tmp_path: Path) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    seed(fake, 2, starting=NOW + timedelta(days=2))

    def changed(before: object, after: object) -> None:
        raise RuntimeError("the CRM is down")

    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(f"sqlite:///{tmp_path}/mirror.db", secret=SECRET, client=engage, poll_interval=0.05)
        mirror.on_change(changed)
        async with mirror:
            transport = httpx2.ASGITransport(mirror.asgi_app())
            async with httpx2.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
                await wait_until_async(lambda: _failing(http, "hook 'default' behind by 2 change(s): RuntimeError"))
                sent = await strangers(http)
                behind = await probe(http, "/healthz")
    assert behind == (
        503,
        {
            "status": "failing",
            "lastCatchUp": behind[1]["lastCatchUp"],
            "hooksBehind": {"default": 2},
            "refusedDeliveries": sent,
            "refusedByCause": behind[1]["refusedByCause"],
            "failures": ["hook 'default' behind by 2 change(s): RuntimeError"],
        },
    )


async def test_a_mirror_is_unready_while_its_credentials_are_refused_ready_again_after_and_never_for_strangers(
    tmp_path: Path,
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    seed(fake, 1, starting=NOW + timedelta(days=2))
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        database = f"sqlite:///{tmp_path}/mirror.db"
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=0.5, poll_interval=0.05)
        async with mirror:
            transport = httpx2.ASGITransport(mirror.asgi_app())
            async with httpx2.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
                await wait_until_async(lambda: _status(http, 200))
                sent = await strangers(http)
                ready = await probe(http, "/readyz")
                fake.fail("getAppointments", status=403, times=3)  # withdrawn, then given back
                await wait_until_async(lambda: _failing(http, "credentials refused: PermissionDeniedError (403)"))
                await wait_until_async(lambda: _status(http, 200))
                alive = await probe(http, "/livez")
    assert ready[1]["refusedDeliveries"] == sent
    # Ready, unless a loaded machine made its next catch-up late: a failure of its own, never the strangers'.
    assert all(failure.startswith("catch-up overdue") for failure in ready[1].get("failures", []))
    assert alive[0] == 200


async def _status(http: httpx2.AsyncClient, status: int) -> bool:
    return (await http.get("/readyz")).status_code == status


async def _failing(http: httpx2.AsyncClient, failure: str) -> bool:
    answer = await http.get("/readyz")
    return answer.status_code == 503 and any(line.startswith(failure) for line in answer.json().get("failures", []))


async def wait_until_async(check: Any) -> None:
    """Return once `await check()` holds; TimeoutError after 20 s."""
    async with asyncio.timeout(20):
        while not await check():  # noqa: ASYNC110 - the state of the mirror's tasks, with no event to wait for
            await asyncio.sleep(0.05)


async def test_a_probe_that_cannot_be_made_is_unready_by_the_errors_class_and_any_other_path_is_404() -> None:
    async def broken() -> tuple[bool, dict[str, Any]]:
        raise OSError("/secret/path")

    transport = httpx2.ASGITransport(with_probes(None, broken))
    async with httpx2.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        answers = [await probe(http, "/readyz"), await probe(http, "/livez"), (await http.get("/x")).status_code]
    assert answers == [
        (503, {"status": "failing", "failures": ["readiness unknown: OSError"]}),
        (200, {"status": "alive"}),
        404,
    ]


@pytest.mark.parametrize(
    ("host", "origin", "status"),
    [
        ("evil.example", None, 421),
        ("agents.example.com", "https://evil.example", 403),
        ("agents.example.com", "https://agents.example.com", None),
        ("agents.example.com", None, None),
    ],
)
async def test_mcp_off_loopback_refuses_a_host_or_origin_other_than_its_public_urls(
    host: str, origin: str | None, status: int | None, tmp_path: Path
) -> None:
    from pexip_engage_cli._mcp import ServerOptions, build_server
    from pexip_engage_cli._mcp_command import _http_auth

    token = tmp_path / "token"
    token.write_text("t" * 40)
    options = argparse.Namespace(
        host="0.0.0.0",  # noqa: S104 - the options of a server off loopback, never bound
        port=8123,
        public_url="https://agents.example.com/mcp",
        bearer_token_file=str(token),
        jwt_issuer=None,
        jwt_audience=None,
        jwt_jwks_url=None,
        allow_writes=False,
        allow_write_operations=False,
        tools=None,
        toolsets=None,
    )
    verifier, auth, metadata = _http_auth(options)
    async with PexipEngage("acme", token="t", transport=FakePexipEngage()) as engage:
        server = build_server(engage, ServerOptions(token_verifier=verifier, auth=auth))
        app = http_app(server, options, metadata)
        headers = {"host": host, "authorization": f"Bearer {'t' * 40}", **({"origin": origin} if origin else {})}
        async with (
            server.session_manager.run(),
            httpx2.AsyncClient(transport=httpx2.ASGITransport(app), base_url="http://10.0.0.5:8123") as http,
        ):
            answer = await http.post("/mcp", json={}, headers=headers)
            ready = await probe(http, "/readyz")
            scraped = await http.get("/metrics")  # no bearer token asked, as of the probes
    if status is None:  # past the check: on to the MCP session (which wants a proper request)
        assert answer.status_code not in (403, 421), answer.text
    else:
        assert answer.status_code == status, answer.text
    assert ready[0] == 200
    assert scraped.status_code == 200
    assert "t" * 40 not in scraped.text


READINESS_TAKES = [0.0]  # seconds the bounded port's readiness takes to answer


@pytest.fixture
def bounded_port(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A port served by `health.serve` in a thread of this process (the probes alone), with short bounds: a request
    must arrive within 0.3 s, at most 30 connections, a head of at most 1 KiB."""
    monkeypatch.setenv(health.REQUEST_TIMEOUT_VARIABLE, "0.3")
    monkeypatch.setattr(health, "MAX_CONNECTIONS", 30)
    monkeypatch.setattr(health, "MAX_HEAD", 1024)
    listening = health.listening_socket("127.0.0.1", 0, "the test")
    loop = asyncio.new_event_loop()
    stopping = asyncio.Event()

    async def ready() -> tuple[bool, dict[str, Any]]:
        await asyncio.sleep(READINESS_TAKES[0])
        return health.readiness_answer([], {})

    served = loop.create_task(health.serve(health.with_probes(None, ready), listening, stopping=stopping))
    thread = threading.Thread(target=loop.run_until_complete, args=(served,), daemon=True)
    thread.start()
    try:
        yield listening.getsockname()[1]
    finally:
        loop.call_soon_threadsafe(stopping.set)
        thread.join(timeout=10)
        listening.close()
        loop.close()


def _get(port: int, path: str = "/readyz") -> int:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        return int(connection.recv(1024).split(b" ", 2)[1])


def test_a_port_closes_half_sent_requests_within_its_bound_and_answers_a_whole_one(bounded_port: int) -> None:
    wait_until(lambda: _connects(bounded_port))
    slow = [socket.create_connection(("127.0.0.1", bounded_port), timeout=5) for _ in range(20)]
    for number, stranger in enumerate(slow):  # half a head, or a head and half a body
        stranger.sendall(
            b"GET /readyz HTTP/1.1\r\nHo" if number % 2 else b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n{"
        )
    started = time.monotonic()
    assert _get(bounded_port) == 200
    closed = [_read_to_the_end(stranger) for stranger in slow]  # a timeout (5 s) if the server never closes one
    took = time.monotonic() - started
    for stranger in slow:
        stranger.close()
    assert closed == [b"404", b""] * 10  # the POST answered at once, both closed once the bound passed
    assert took < 3


def test_a_port_bounds_each_request_on_a_kept_connection_and_never_an_answer_that_takes_long(bounded_port: int) -> None:
    wait_until(lambda: _connects(bounded_port))
    with socket.create_connection(("127.0.0.1", bounded_port), timeout=5) as kept:
        kept.sendall(b"GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n")  # a whole request, the connection kept
        answered = b""
        while not answered.endswith(b"0\r\n\r\n"):  # the whole answer: its last chunk ends it
            answered += kept.recv(4096) or pytest.fail(f"closed after {answered!r}")
        kept.sendall(b"GET /readyz HTTP/1.1\r\nHo")  # then half of the next: closed, never answered
        started = time.monotonic()
        assert (answered[:12], _read_to_the_end(kept)) == (b"HTTP/1.1 200", b"")
        assert time.monotonic() - started < 3  # the bound (0.3 s); uvicorn's keep-alive stops at the byte sent
    READINESS_TAKES[0] = 1.0  # past the bound, once the request has arrived whole
    try:
        assert _get(bounded_port) == 200
    finally:
        READINESS_TAKES[0] = 0.0


def test_a_port_answers_503_past_its_connections_and_refuses_a_head_past_its_size(bounded_port: int) -> None:
    wait_until(lambda: _connects(bounded_port))
    held = [socket.create_connection(("127.0.0.1", bounded_port), timeout=5) for _ in range(30)]
    wait_until(lambda: _get(bounded_port) == 503, 5)
    for connection in held:
        connection.close()
    wait_until(lambda: _get(bounded_port) == 200, 5)
    with socket.create_connection(("127.0.0.1", bounded_port), timeout=5) as connection:  # a head without its end
        connection.sendall(b"GET /readyz?" + b"a" * 2000 + b" HTTP/1.1\r\nHost: x\r\n")
        assert _read_to_the_end(connection) == b"400"


def _read_to_the_end(connection: socket.socket) -> bytes:
    """What the server answered on `connection` (its status), once it closed it."""
    answer = b""
    while chunk := connection.recv(4096):
        answer += chunk
    return answer[9:12]


def _connects(port: int) -> bool:
    try:
        return _get(port) == 200
    except OSError:
        return False
