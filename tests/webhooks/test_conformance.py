"""One conformance suite for every way the receiver is served: its ASGI face under uvicorn, its WSGI
face under gunicorn (gthread), and each framework recipe of examples/ under its real server. Each
is sent the same deliveries and must answer each with the same status, body and headers as the
ASGI face, and store the same events (nothing on a refusal); a store that cannot be opened is a 503
everywhere. Then what a WSGI process stored is handled by a receiver in another process."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx2
import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

from ..support.loopback import free_port, wait_until_listening
from ..support.spec import ROOT

# Real servers in processes of their own; FastAPI is not installed at the dependency floors.
pytestmark = [pytest.mark.end_to_end, pytest.mark.slow, pytest.mark.main_python_only]

KEY = "conformance-key-s3cr3t"
LIMIT = 1024 * 1024  # the receivers' default max_body_size
GUNICORN = [sys.executable, "-m", "gunicorn", "-k", "gthread", "--threads", "4", "-w", "1"]
UVICORN = [sys.executable, "-m", "uvicorn", "--no-access-log", "--log-level", "warning"]


@dataclass(frozen=True)
class Face:
    server: str  # "gunicorn" or "uvicorn"
    app: str  # module:attribute, from tests/webhooks/_faces.py or examples/
    path: str
    routes_methods: bool = False  # the framework answers a method it is not routed for itself


FACES = {
    "asgi": Face("uvicorn", "tests.webhooks._faces:asgi", "/engage-webhooks"),
    "wsgi": Face("gunicorn", "tests.webhooks._faces:wsgi", "/engage-webhooks"),
    "django-wsgi-view": Face("gunicorn", "webhook_django:application", "/engage-webhooks", routes_methods=True),
    "django-async-view": Face("uvicorn", "webhook_django:asgi", "/engage-webhooks-async", routes_methods=True),
    "flask": Face("gunicorn", "webhook_flask:app", "/engage-webhooks", routes_methods=True),
    "fastapi-router": Face("uvicorn", "webhook_fastapi:app", "/engage-webhooks", routes_methods=True),
    "starlette-route": Face("uvicorn", "webhook_starlette:app", "/engage-webhooks"),
}


def _future() -> str:
    return (datetime.now(UTC) + timedelta(days=2)).isoformat()


def _new_type() -> bytes:
    event = json.loads(appointment_event({"id": "appointment-3"}, event_id="new-type"))
    event["data"]["eventType"] = "TELEPORT"  # a type this client does not know yet
    return json.dumps(event).encode()


def _unknown_entity() -> bytes:
    event = json.loads(appointment_event({"id": "appointment-9"}, event_id="unknown-entity"))
    return json.dumps({**event, "entity": "Invoice", "data": {"invoice": {"id": "i-1"}}}).encode()


GOOD = appointment_event({"id": "appointment-1", "updatedAt": "2026-01-01T10:00:00Z"}, "ACCEPT", event_id="good")
JSON = {"Content-Type": "application/json"}
# name: (method, key, headers, body)
CASES: dict[str, tuple[str, str | None, dict[str, str], bytes]] = {
    "good delivery": ("POST", KEY, JSON, GOOD),
    "duplicate": ("POST", KEY, JSON, GOOD),
    "json with charset": (
        "POST",
        KEY,
        {"Content-Type": "application/json; charset=utf-8"},
        appointment_event({"id": "appointment-2"}, event_id="charset"),
    ),
    "unknown event type": ("POST", KEY, JSON, _new_type()),
    "unknown entity": ("POST", KEY, JSON, _unknown_entity()),
    "bad key": ("POST", "not-the-key", JSON, appointment_event({"id": "a-4"}, event_id="bad-key")),
    "missing key": ("POST", None, JSON, appointment_event({"id": "a-5"}, event_id="no-key")),
    "wrong content type": (
        "POST",
        KEY,
        {"Content-Type": "text/plain"},
        appointment_event({"id": "a-6"}, event_id="text"),
    ),
    "no content type": ("POST", KEY, {}, appointment_event({"id": "a-7"}, event_id="untyped")),
    "oversize": ("POST", KEY, JSON, b" " * (LIMIT + 1)),
    "malformed json": ("POST", KEY, JSON, b'{"id": "broken",'),
    "not an event": ("POST", KEY, JSON, b'{"id": "x"}'),
    "updatedAt from the future": (
        "POST",
        KEY,
        JSON,
        appointment_event({"id": "a-8", "updatedAt": _future()}, event_id="future"),
    ),
    "not a POST": ("GET", KEY, {}, b""),
}
STORED = {"good", "charset", "new-type", "unknown-entity"}
# Headers the server or framework adds on its own; every other header is the receiver's answer.
TRANSPORT = {
    "date",
    "server",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "vary",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "cross-origin-opener-policy",
}


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...]


def served(face: Face, store: str, work: Path, lifespan: bool = True) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "ENGAGE_WEBHOOK_STORE": store,
        "ENGAGE_WEBHOOK_KEY": KEY,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "examples")]),
    }
    if face.server == "gunicorn":
        command = [*GUNICORN, "-b", f"127.0.0.1:{port}", face.app]
    else:
        # Without a lifespan, a store that cannot open fails the first delivery; with one, uvicorn's start.
        command = [*UVICORN, "--port", str(port), "--lifespan", "auto" if lifespan else "off", face.app]
    log = (work / f"server-{port}.log").open("wb")
    process = subprocess.Popen(command, env=env, cwd=work, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_listening(port, process, f"{face.server} serving {face.app}")
        yield f"http://127.0.0.1:{port}{face.path}"
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


def send(client: httpx2.Client, url: str, case: str) -> Reply:
    method, key, headers, body = CASES[case]
    params = {} if key is None else {"key": key}
    response = client.request(method, url, params=params, headers=headers, content=body)
    kept = tuple(sorted((name, value) for name, value in response.headers.items() if name not in TRANSPORT))
    return Reply(response.status_code, response.content, kept)


def stored_events(database: Path) -> dict[str, bytes]:
    with closing(sqlite3.connect(database)) as db, db:
        return {row[0]: bytes(row[1]) for row in db.execute("SELECT id, body FROM events")}


@dataclass(frozen=True)
class Run:
    replies: dict[str, Reply]
    store_down: Reply
    stored: dict[str, bytes]
    database: Path


_RUNS: dict[str, Run] = {}


def run(name: str, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Every case sent to the face (once per test session), and a delivery to it with a store that cannot open."""
    if name not in _RUNS:
        work = tmp_path_factory.mktemp(name)
        database = work / "events.db"
        # One client for the run (each of its own would load the certificate store again), a connection per
        # case as before: a refusal may close its connection, and no case depends on another's.
        with httpx2.Client(timeout=30, limits=httpx2.Limits(max_keepalive_connections=0)) as client:
            with served_once(FACES[name], f"sqlite:///{database}", work) as url:
                replies = {case: send(client, url, case) for case in CASES}
            (work / "file").write_text("a file, where the store's folder should be")
            with served_once(FACES[name], f"sqlite:///{work}/file/events.db", work, lifespan=False) as url:
                down = send(client, url, "good delivery")
        _RUNS[name] = Run(replies, down, stored_events(database), database)
    return _RUNS[name]


def served_once(face: Face, store: str, work: Path, lifespan: bool = True) -> AbstractContextManager[str]:
    return contextmanager(served)(face, store, work, lifespan)


def test_the_asgi_face_answers_as_documented(tmp_path_factory: pytest.TempPathFactory) -> None:
    reference = run("asgi", tmp_path_factory)
    statuses = {case: reply.status for case, reply in reference.replies.items()}
    assert statuses == {
        "good delivery": 202,
        "duplicate": 200,
        "json with charset": 202,
        "unknown event type": 202,
        "unknown entity": 202,
        "bad key": 401,
        "missing key": 401,
        "wrong content type": 415,
        "no content type": 415,
        "oversize": 413,
        "malformed json": 400,
        "not an event": 400,
        "updatedAt from the future": 400,
        "not a POST": 405,
    }
    assert json.loads(reference.replies["good delivery"].body) == {"status": "accepted"}
    assert ("allow", "POST") in reference.replies["not a POST"].headers
    assert reference.store_down.status == 503
    assert set(reference.stored) == STORED


@pytest.mark.parametrize("name", [name for name in FACES if name != "asgi"])
def test_every_face_answers_and_stores_as_the_asgi_face(name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    reference, face = run("asgi", tmp_path_factory), run(name, tmp_path_factory)
    for case, expected in reference.replies.items():
        got = face.replies[case]
        if case == "not a POST" and FACES[name].routes_methods:
            assert got.status == 405, case  # the framework's own answer, routed for POST only
            continue
        assert got == expected, case
    assert face.store_down == reference.store_down
    assert face.stored == reference.stored
    for reply in [*face.replies.values(), face.store_down]:
        assert KEY.encode() not in reply.body
        assert all(KEY not in value for _, value in reply.headers)


async def test_what_the_wsgi_face_stores_a_receiver_in_another_process_handles(tmp_path: Path) -> None:
    """gunicorn's threads store 40 events, each delivered twice at once; a receiver in this process,
    on the same SQLite file, handles each once, an appointment's events in the order of updatedAt."""
    database = tmp_path / "events.db"
    bodies = [
        appointment_event(
            {"id": f"appointment-{n % 4}", "updatedAt": f"2026-01-01T10:{n:02d}:00Z"}, "RESCHEDULE", event_id=f"e-{n}"
        )
        for n in range(40)
    ]
    with (
        served_once(FACES["wsgi"], f"sqlite:///{database}", tmp_path) as url,
        httpx2.Client(timeout=30) as client,
        ThreadPoolExecutor(8) as pool,
    ):

        def deliver(body: bytes) -> int:
            return client.post(url, params={"key": KEY}, content=body, headers=JSON).status_code

        statuses = list(pool.map(deliver, [*bodies, *bodies]))
    assert sorted(statuses) == [200] * 40 + [202] * 40
    handled: list[tuple[str, str]] = []
    receiver = WebhookReceiver(f"sqlite:///{database}", secret=KEY)

    @receiver.on(AppointmentWebhookEvent)
    async def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        handled.append((event.data.appointment.id, event.id))

    async with receiver:
        async with asyncio.timeout(30):
            await receiver.join()
    assert sorted(event_id for _, event_id in handled) == sorted(f"e-{n}" for n in range(40))
    for subject in range(4):
        ids = [event_id for appointment, event_id in handled if appointment == f"appointment-{subject}"]
        assert ids == [f"e-{n}" for n in range(subject, 40, 4)]
