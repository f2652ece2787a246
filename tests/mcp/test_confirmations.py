"""Confirmations single-use and bound to the caller (issue 59 point 5, issue 63 point 7).

The issue's probe: one preview of a booking, its confirmation sent 3 times, made 3 appointments.
Here it is sent 3 times at once, through `book_appointment` and the issue's own `call_write_operation`
(createAppointment) in one process (memory), through two server processes' worth of
servers sharing a real redis-server, and over HTTP by two callers with their own JWTs: each time
one appointment, and every repeat answers "already confirmed" with the first call's result.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx2
import jwt
import psycopg
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from pexip_engage_cli import main
from pexip_engage_cli._mcp import audit_hooks, build_server
from pexip_engage_cli._mcp._spent_postgres import PostgresSpent
from pexip_engage_cli._mcp_command import _confirmations_store
from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage

from ..support.loopback import free_port
from ..support.postgres_server import migrated, postgres_server
from ..support.redis_server import redis_server
from ..support.spec import ROOT
from .support import KEY, connected, listening, published_keys, seeded, writes

BOOKING = {
    "external_id": "ONCE-1",
    "subject_id": "s-1",
    "office_id": "o-1",
    "meeting_type": "OFFICE",
    "start": "2030-03-01T09:00:00Z",
    "end": "2030-03-01T10:00:00Z",
    "employee_id": "e-ann",
    "customer_id": "c-1",
}


def _booked(fake: FakePexipEngage) -> list[str]:
    return [id for id, item in fake.appointments.items() if item.get("externalId") == "ONCE-1"]


def _text(answer: Any) -> str:
    return str(answer.content[0].text)


def _statuses(answers: list[Any]) -> list[str]:
    assert not any(answer.is_error for answer in answers), [_text(answer) for answer in answers]
    return sorted(answer.structured_content["status"] for answer in answers)


async def test_a_confirmation_sent_three_times_at_once_books_once() -> None:
    fake = seeded()
    async with connected(fake, "2026-07-28", writes()) as client:
        preview = await client.call_tool("book_appointment", BOOKING)
        confirmed = {**BOOKING, "confirmation": preview.structured_content["confirmation"]}
        answers = await asyncio.gather(*(client.call_tool("book_appointment", confirmed) for _ in range(3)))
        later = await client.call_tool("book_appointment", confirmed)
    assert _statuses([*answers, later]) == ["already_confirmed"] * 3 + ["done"]
    assert len(_booked(fake)) == 1
    assert {answer.structured_content["appointment"]["id"] for answer in [*answers, later]} == set(_booked(fake))
    assert len(fake.calls_to("createAppointment")) == 1


async def test_a_generic_create_confirmed_three_times_at_once_books_once() -> None:
    """The issue's own probe: `call_write_operation` (createAppointment, with an externalId) previewed
    once, its confirmation sent 3 times at once: one appointment, the repeats "already confirmed"
    with the first call's result."""
    fake = seeded()
    body = {
        "externalId": "ONCE-1",
        "subjectId": "s-1",
        "officeId": "o-1",
        "meetingType": "OFFICE",
        "start": "2030-03-01T09:00:00Z",
        "end": "2030-03-01T10:00:00Z",
        "appointmentParticipants": [
            {"role": "PRIMARY", "participantId": "e-ann", "type": "EMPLOYEE"},
            {"role": "PRIMARY", "participantId": "c-1", "type": "CUSTOMER"},
        ],
    }
    create = {"operation_id": "createAppointment", "body": body}
    async with connected(fake, "2026-07-28", writes(allow_write_operations=True)) as client:
        preview = await client.call_tool("call_write_operation", create)
        assert preview.structured_content["status"] == "confirm", _text(preview)
        confirmed = {**create, "confirmation": preview.structured_content["confirmation"]}
        answers = await asyncio.gather(*(client.call_tool("call_write_operation", confirmed) for _ in range(3)))
    assert _statuses(answers) == ["already_confirmed", "already_confirmed", "done"]
    assert len(_booked(fake)) == 1
    assert {answer.structured_content["appointment"]["id"] for answer in answers} == set(_booked(fake))
    assert len(fake.calls_to("createAppointment")) == 1


async def test_two_previews_give_two_confirmations_each_spent_once() -> None:
    fake = seeded()
    async with connected(fake, "legacy", writes()) as client:
        move = {"id": "a-2", "start": "2030-03-02T09:00:00Z", "end": "2030-03-02T10:00:00Z"}
        tokens = [(await client.call_tool("reschedule_appointment", move)).structured_content["confirmation"]]
        tokens.append((await client.call_tool("reschedule_appointment", move)).structured_content["confirmation"])
        assert tokens[0] != tokens[1]
        answers = [await client.call_tool("reschedule_appointment", {**move, "confirmation": t}) for t in tokens * 2]
    assert _statuses(answers) == ["already_confirmed", "already_confirmed", "done", "done"]
    assert len(fake.calls_to("rescheduleAppointment")) == 2


async def test_a_repeat_of_a_failed_first_call_says_so_and_sends_nothing() -> None:
    fake = seeded()
    async with connected(fake, "legacy", writes()) as client:
        preview = await client.call_tool("accept_appointment", {"id": "nope"})
        confirmed = {"id": "nope", "confirmation": preview.structured_content["confirmation"]}
        first = await client.call_tool("accept_appointment", confirmed)
        again = await client.call_tool("accept_appointment", confirmed)
    assert first.is_error
    assert again.is_error
    assert "already confirmed: nothing more was sent; the first call failed: Engage answered HTTP 404" in (_text(again))
    assert len(fake.calls_to("acceptAppointment")) == 1


@pytest.mark.slow  # waits out the store's connect timeout (5 s for PostgreSQL, 2 s for Redis): left out of `make check`
@pytest.mark.parametrize("scheme", ["redis", "postgresql"])
async def test_when_the_shared_store_cannot_be_reached_nothing_is_sent(scheme: str) -> None:
    fake = seeded()
    url = f"{scheme}://127.0.0.1:{free_port()}/0"
    options = writes(confirmations_store=url)
    async with connected(fake, "legacy", options) as client:
        preview = await client.call_tool("book_appointment", BOOKING)
        confirmed = {**BOOKING, "confirmation": preview.structured_content["confirmation"]}
        refused = await client.call_tool("book_appointment", confirmed)
    assert refused.is_error
    assert "nothing was sent: the store of spent confirmations could not be reached" in _text(refused)
    assert _booked(fake) == []


async def _confirmed_six_times_through_two_servers(fake: FakePexipEngage, store: str) -> list[Any]:
    """One booking previewed, its confirmation sent 6 times at once through two servers sharing `store`."""
    options = writes(confirmations_store=store)
    async with (
        PexipEngage("acme", token="t", transport=fake, event_hooks=audit_hooks()) as one,
        PexipEngage("acme", token="t", transport=fake, event_hooks=audit_hooks()) as two,
        Client(build_server(one, options), mode="legacy") as first,
        Client(build_server(two, options), mode="2026-07-28") as second,
    ):
        preview = await first.call_tool("book_appointment", BOOKING)
        confirmed = {**BOOKING, "confirmation": preview.structured_content["confirmation"]}
        return await asyncio.gather(
            *(client.call_tool("book_appointment", confirmed) for client in (first, second) * 3)
        )


@pytest.mark.end_to_end
async def test_servers_sharing_redis_agree_a_confirmation_is_spent(tmp_path: Path) -> None:
    fake = seeded()
    with redis_server(tmp_path) as url:
        answers = await _confirmed_six_times_through_two_servers(fake, url)
    assert _statuses(answers) == ["already_confirmed"] * 5 + ["done"]
    assert len(_booked(fake)) == 1


# --- Over HTTP: two callers, each with its own JWT -------------------------------------------------

ISSUER, AUDIENCE = "https://id.example.test/realms/agents", "pexip-engage-mcp"
SIGNING = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _token(subject: str) -> str:
    claims = {"iss": ISSUER, "aud": AUDIENCE, "exp": int(time.time()) + 300, "sub": subject, "scope": "read book"}
    return jwt.encode(claims, SIGNING, algorithm="RS256", headers={"kid": "k1"})


@contextmanager
def _mcp_over_http(tmp_path: Path, fake: FakePexipEngage, root: str, *auth: str) -> Iterator[str]:
    """`pexip-engage mcp --http --allow-writes` in its own process in front of `fake` (served at `root`),
    with the callers' authentication `auth`; its URL, once it listens."""
    fake.add_client("agent", "agent-secret")
    key_file = tmp_path / "key"
    key_file.write_bytes(KEY)
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PEXIP_ENGAGE_")}
    environment |= {
        "PYTHONPATH": str(ROOT),
        "PEXIP_ENGAGE_ENTERPRISE": "acme",
        "PEXIP_ENGAGE_BASE_URL": root,
        "PEXIP_ENGAGE_AUTH_URL": root,
        "PEXIP_ENGAGE_CLIENT_ID": "agent",
        "PEXIP_ENGAGE_CLIENT_SECRET": "agent-secret",
    }
    arguments = [
        "mcp",
        "--http",
        "--port",
        str(port),
        *auth,
        "--allow-writes",
        "--allow-unconfirmed-writes",
        "--confirmation-key-file",
        str(key_file),
    ]
    log = tmp_path / "server.log"
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "pexip_engage_client", *arguments],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        listening(port, server, log)
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[tuple[FakePexipEngage, str]]:
    """`pexip-engage mcp --http` whose callers bring JWTs of an identity provider's (`_token`)."""
    fake = seeded()
    with fake.serve() as root, published_keys(SIGNING.public_key()) as jwks:
        auth = ["--jwt-issuer", ISSUER, "--jwt-audience", AUDIENCE, "--jwt-jwks-url", jwks]
        with _mcp_over_http(tmp_path, fake, root, *auth) as url:
            yield fake, url


@pytest.mark.end_to_end
async def test_over_http_a_confirmation_is_the_callers_own_and_spent_once(
    http_server: tuple[FakePexipEngage, str],
) -> None:
    fake, url = http_server
    async with (
        httpx2.AsyncClient(headers={"Authorization": f"Bearer {_token('alice')}"}) as alice_http,
        httpx2.AsyncClient(headers={"Authorization": f"Bearer {_token('bob')}"}) as bob_http,
        Client(streamable_http_client(url, http_client=alice_http), mode="legacy") as alice,
        Client(streamable_http_client(url, http_client=bob_http), mode="legacy") as bob,
    ):
        preview = await alice.call_tool("book_appointment", BOOKING)
        confirmed = {**BOOKING, "confirmation": preview.structured_content["confirmation"]}
        answers = await asyncio.gather(
            *(alice.call_tool("book_appointment", confirmed) for _ in range(3)),
            bob.call_tool("book_appointment", confirmed),
        )
    *mine, theirs = answers
    assert _statuses(mine) == ["already_confirmed", "already_confirmed", "done"]
    assert theirs.is_error
    assert "not issued for these exact arguments (or to another caller)" in _text(theirs)
    assert len(_booked(fake)) == 1


PG = "postgresql://app@db:5432/app"
STORE_VARIABLES = (
    "PEXIP_ENGAGE_LIMITS",
    "PEXIP_ENGAGE_MCP_CONFIRMATIONS_REDIS",
    "PEXIP_ENGAGE_MCP_CONFIRMATIONS_POSTGRES",
)


def _without_store_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in STORE_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("flags", "variables", "chosen"),
    [
        (["--confirmations-redis", "redis://a:1/0"], {"PEXIP_ENGAGE_LIMITS": "redis://b:1/0"}, "redis://a:1/0"),
        ([], {"PEXIP_ENGAGE_MCP_CONFIRMATIONS_REDIS": "redis://c:1/0"}, "redis://c:1/0"),
        ([], {"PEXIP_ENGAGE_LIMITS": "redis://b:1/0"}, "redis://b:1/0"),  # replicas sharing limits agree
        (["--confirmations-postgres", PG], {"PEXIP_ENGAGE_LIMITS": "redis://b:1/0"}, PG),
        ([], {"PEXIP_ENGAGE_MCP_CONFIRMATIONS_POSTGRES": PG}, PG),
        ([], {"PEXIP_ENGAGE_LIMITS": PG}, PG),  # a PostgreSQL-only deployment agrees too
        ([], {"PEXIP_ENGAGE_LIMITS": "memory"}, None),
        ([], {}, None),
    ],
)
def test_spent_confirmations_go_where_the_replicas_share_redis_or_postgres(
    flags: list[str], variables: dict[str, str], chosen: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _without_store_variables(monkeypatch)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    given = dict(zip(flags[::2], flags[1::2], strict=True))
    options = argparse.Namespace(
        confirmations_redis=given.get("--confirmations-redis"),
        allow_writes=True,
        http=False,
        confirmations_postgres=given.get("--confirmations-postgres"),
    )
    assert _confirmations_store(options) == chosen


@pytest.mark.parametrize(
    ("flag", "url"), [("--confirmations-postgres", "redis://a:1/0"), ("--confirmations-redis", PG)]
)
def test_each_store_option_takes_its_own_kind_of_url(flag: str, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mcp", "--allow-writes", flag, url, "--enterprise", "acme", "--base-url", "http://127.0.0.1:9"]) == 2
    assert f"{flag} takes a" in capsys.readouterr().err


@pytest.mark.end_to_end
async def test_servers_sharing_postgres_agree_a_confirmation_is_spent() -> None:
    fake = seeded()
    with postgres_server() as server:
        url = migrated(f"{server.url}?schema=engage_mcp")
        answers = await _confirmed_six_times_through_two_servers(fake, url)
        # An expired claim is taken over by the next (its row made to expire on the database's clock).
        store = PostgresSpent(url)
        async with store.session():  # its pool closed before the database stops
            assert await store.claim("k-1", 60)
            assert not await store.claim("k-1", 60)
            with psycopg.connect(server.url) as connection:
                connection.execute(
                    "UPDATE engage_mcp.mcp_confirmations SET expires = clock_timestamp() WHERE key = 'k-1'"
                )
            assert await store.claim("k-1", 60)
            assert await store.first("k-1") == "pending"
        # Every pool closed with its last session: none left reconnecting once the database stops.
        await asyncio.sleep(0)
        assert [task.get_name() for task in asyncio.all_tasks() if "pexip-engage-mcp" in task.get_name()] == []
    assert _statuses(answers) == ["already_confirmed"] * 5 + ["done"]
    assert len(_booked(fake)) == 1


@pytest.mark.end_to_end
@pytest.mark.slow
def test_mcp_on_a_postgres_store_never_migrated_exits_1_at_start_naming_the_schema_and_postgres_migrate() -> None:
    """Read at start, not at the first confirmed write (issue 95): a mistyped ?schema= is refused there, and a
    migrated store lets the server start (it ends with its input)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_TOKEN": "t", "PEXIP_ENGAGE_ENTERPRISE": "acme"}
    with postgres_server() as server:
        good = migrated(f"{server.url.replace('postgres@', 'postgres:pg-s3cr3t@')}?schema=engage_mcp")
        command = [sys.executable, "-m", "pexip_engage_cli", "mcp", "--allow-writes", "--confirmations-postgres"]
        kwargs: dict[str, Any] = {"env": env, "input": "", "capture_output": True, "text": True, "timeout": 60}
        ran = {
            url: subprocess.run([*command, url], check=False, **kwargs)
            for url in (good.replace("engage_mcp", "engage_mpc"), good)
        }
        with psycopg.connect(server.url) as connection:
            made = connection.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'engage_mpc'").fetchone()
    typo, started = ran.values()
    assert typo.returncode == 1
    assert typo.stderr == (
        "pexip-engage: error: pexip-engage mcp: the store of spent confirmations cannot be used:"
        f" SchemaNotMigratedError: schema engage_mpc does not exist in postgresql://postgres:<redacted>@127.0.0.1:"
        f"{server.port}/postgres: the mcp tables are at version none, this release needs version 1: run"
        " `pexip-engage postgres migrate` (as the schema's owner), or check the URL's ?schema=\n"
    )
    assert made is None
    assert started.returncode == 0, started.stderr


@pytest.mark.parametrize(
    ("flags", "variable", "named"),
    [
        (["--confirmations-redis", "redis://:s3cretpw#x@host"], None, "--confirmations-redis"),
        ([], "PEXIP_ENGAGE_MCP_CONFIRMATIONS_REDIS", "PEXIP_ENGAGE_MCP_CONFIRMATIONS_REDIS"),
        ([], "PEXIP_ENGAGE_LIMITS", "PEXIP_ENGAGE_LIMITS"),
    ],
)
def test_an_unreadable_store_url_names_its_source_and_never_its_password(
    flags: list[str],
    variable: str | None,
    named: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The review's probe: redis-py's own message was "Port could not be cast to integer value as 's3cretpw'".
    _without_store_variables(monkeypatch)
    if variable is not None:
        monkeypatch.setenv(variable, "redis://:s3cretpw#x@host")
    code = main(["mcp", "--allow-writes", *flags, "--enterprise", "acme", "--base-url", "http://127.0.0.1:9"])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.startswith(f"pexip-engage: error: {named}: the Redis URL cannot be used")
    assert "s3cretpw" not in out + err


def test_an_http_server_with_writes_and_no_shared_store_names_both_stores(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _without_store_variables(monkeypatch)
    options = argparse.Namespace(confirmations_redis=None, confirmations_postgres=None, allow_writes=True, http=True)
    assert _confirmations_store(options) is None
    warning = capsys.readouterr().err
    assert "--confirmations-redis or --confirmations-postgres" in warning
    assert "postgresql:// PEXIP_ENGAGE_LIMITS" in warning


APPOINTMENT_BODY: dict[str, Any] = {
    "externalId": "ONCE-1",
    "subjectId": "s-1",
    "officeId": "o-1",
    "meetingType": "OFFICE",
    "start": "2030-03-01T09:00:00Z",
    "end": "2030-03-01T10:00:00Z",
    "appointmentParticipants": [
        {"type": "EMPLOYEE", "role": "PRIMARY", "participantId": "e-ann"},
        {"type": "CUSTOMER", "role": "PRIMARY", "participantId": "c-1"},
    ],
}
WRITE_OPERATION: dict[str, Any] = {"operation_id": "createAppointment", "body": APPOINTMENT_BODY}


async def test_a_write_operation_confirmed_again_after_its_spent_store_was_lost_finds_the_first_booking() -> None:
    # Two servers sharing the key, each with a store of its own: as one server whose store was flushed or
    # restarted within the confirmation's 5 minutes. The create goes through ensure_appointment, so the
    # confirmation spent a second time finds the first appointment by its external id.
    fake = seeded()
    async with connected(fake, "legacy", writes(allow_write_operations=True)) as first:
        preview = await first.call_tool("call_write_operation", WRITE_OPERATION)
        confirmed = {**WRITE_OPERATION, "confirmation": preview.structured_content["confirmation"]}
        done = await first.call_tool("call_write_operation", confirmed)
    async with connected(fake, "2026-07-28", writes(allow_write_operations=True)) as after_the_loss:
        again = await after_the_loss.call_tool("call_write_operation", confirmed)
    assert _statuses([done, again]) == ["done", "done"]
    assert len(_booked(fake)) == 1
    assert done.structured_content["appointment"]["id"] == again.structured_content["appointment"]["id"]
    assert len(fake.calls_to("createAppointment")) == 1


async def test_a_write_operation_without_an_external_id_is_sent_as_it_is() -> None:
    fake = seeded()
    body = {key: value for key, value in APPOINTMENT_BODY.items() if key != "externalId"}
    arguments = {**WRITE_OPERATION, "body": body}
    async with connected(fake, "legacy", writes(allow_write_operations=True)) as client:
        preview = await client.call_tool("call_write_operation", arguments)
        done = await client.call_tool(
            "call_write_operation", {**arguments, "confirmation": preview.structured_content["confirmation"]}
        )
    assert _statuses([done]) == ["done"]
    assert len(fake.calls_to("createAppointment")) == 1
    assert fake.calls_to("getAppointments") == []  # no look-up: there is nothing to find it by


def test_every_ensure_method_backs_its_create_in_call_write_operation() -> None:
    from pexip_engage_cli._mcp._catalog import catalog
    from pexip_engage_cli._mcp._writes import ENSURES

    engage = PexipEngage("acme", token="t", transport=FakePexipEngage())
    generated = {
        (namespace, name)
        for namespace in dir(engage)
        if not namespace.startswith("_")
        for name in dir(getattr(engage, namespace, None))
        if name.startswith("ensure_")
    }
    assert set(ENSURES.values()) == generated
    assert all(catalog().get(operation_id).method == "POST" for operation_id in ENSURES)


STATIC_TOKEN = "s" * 40


@pytest.fixture
def static_token_server(tmp_path: Path) -> Iterator[tuple[FakePexipEngage, str]]:
    """`pexip-engage mcp --http` whose callers hold one static token (`--bearer-token-file`)."""
    fake = seeded()
    token_file = tmp_path / "token"
    token_file.write_text(STATIC_TOKEN)
    with fake.serve() as root, _mcp_over_http(tmp_path, fake, root, "--bearer-token-file", str(token_file)) as url:
        yield fake, url


@pytest.mark.end_to_end
async def test_two_sessions_of_one_static_token_race_for_one_confirmation(
    static_token_server: tuple[FakePexipEngage, str],
) -> None:
    # Every holder of the static token is one caller: either session may spend the confirmation, once.
    fake, url = static_token_server
    headers = {"Authorization": f"Bearer {STATIC_TOKEN}"}
    async with (
        httpx2.AsyncClient(headers=headers) as first_http,
        httpx2.AsyncClient(headers=headers) as second_http,
        Client(streamable_http_client(url, http_client=first_http), mode="legacy") as first,
        Client(streamable_http_client(url, http_client=second_http), mode="legacy") as second,
    ):
        preview = await first.call_tool("book_appointment", BOOKING)
        confirmed = {**BOOKING, "confirmation": preview.structured_content["confirmation"]}
        answers = list(
            await asyncio.gather(
                first.call_tool("book_appointment", confirmed), second.call_tool("book_appointment", confirmed)
            )
        )
    assert _statuses(answers) == ["already_confirmed", "done"]
    done, repeat = sorted(answers, key=lambda answer: answer.structured_content["status"] != "done")
    assert repeat.structured_content["appointment"] == done.structured_content["appointment"]
    assert repeat.structured_content["summary"] == f"already confirmed: {done.structured_content['summary']}"
    assert len(_booked(fake)) == 1
