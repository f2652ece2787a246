"""Failures named by their cause: the database's or Redis's own words reach the user, never a password, ending with
one exit code where the server answered and refused the login (6) and another where none answered (4), the same in
every command that uses one (docs/cli.md, "Exit codes"; docs/deploying.md, "When a start is refused")."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import redis
from psycopg_pool import PoolTimeout

from pexip_engage_cli._exit import CONNECTION, FAILURE, REFUSED, failure_code

from ..support.cli import Cli
from ..support.postgres_server import PASSWORD, application_role, migrated, postgres_server
from ..support.redis_server import redis_server
from ..support.spec import ROOT

LIBPQ = 'connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL:  '


def cause(error: BaseException, raised: BaseException) -> BaseException:
    """`raised` as the client raises it: from `error`."""
    raised.__cause__ = error
    return raised


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (psycopg.OperationalError(LIBPQ + 'password authentication failed for user "app"'), REFUSED),
        (psycopg.OperationalError(LIBPQ + 'no pg_hba.conf entry for host "10.0.0.9", user "app"'), REFUSED),
        (psycopg.OperationalError(LIBPQ + 'database "mirror" does not exist'), REFUSED),
        (psycopg.OperationalError(LIBPQ + 'role "app" does not exist'), REFUSED),
        (redis.AuthenticationError("invalid username-password pair or user is disabled."), REFUSED),
        (redis.ResponseError("WRONGPASS invalid username-password pair"), REFUSED),
        (cause(psycopg.OperationalError(LIBPQ + "password authentication failed"), RuntimeError("wrapped")), REFUSED),
        (psycopg.OperationalError("port 1 failed: Connection refused Is the server running on that host?"), CONNECTION),
        (PoolTimeout("couldn't get a connection after 3.00 sec"), CONNECTION),
        (redis.ConnectionError("Error 111 connecting to 127.0.0.1:1. Connection refused."), CONNECTION),
        (ConnectionRefusedError(111, "Connection refused"), CONNECTION),
        (psycopg.errors.UndefinedTable('relation "mirror.appointments" does not exist'), FAILURE),
        (ValueError("something else"), FAILURE),
    ],
)
def test_a_refusal_and_no_answer_have_an_exit_code_each(error: BaseException, code: int) -> None:
    assert failure_code(error) == code


@pytest.fixture
def checking() -> Iterator[str]:
    """A PostgreSQL that checks passwords, migrated: its application's role's URL (a role that may not create)."""
    with postgres_server(passwords=True) as server:
        role = f"{application_role(server)}?schema=app"
        migrated(f"{server.url}?schema=app", role="app")
        yield role


@pytest.mark.end_to_end
@pytest.mark.servers
@pytest.mark.slow
def test_every_command_says_what_postgresql_refused_and_never_a_password(
    checking: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    role = checking
    monkeypatch.setenv("PEXIP_ENGAGE_WEBHOOK_SECRET", "w" * 32)
    for name, value in {
        "ENTERPRISE": "acme",
        "CLIENT_ID": "i",
        "CLIENT_SECRET": "s",
        "BASE_URL": "http://127.0.0.1:9",
    }.items():
        monkeypatch.setenv(f"PEXIP_ENGAGE_{name}", value)  # an API never reached: the database refuses first
    monkeypatch.setenv("PEXIP_ENGAGE_AUTH_URL", "http://127.0.0.1:9/token")
    cli = Cli(capsys)
    wrong = role.replace(f":{PASSWORD}@", ":not-the-password@")
    missing = role.replace("/postgres?", "/nothing_here?")
    unreached = role.replace(role.split("@")[1].split("/")[0], "127.0.0.1:1")
    said: dict[tuple[str, str], tuple[int, str]] = {}
    for name, url in (("wrong", wrong), ("missing", missing), ("unreached", unreached)):
        commands: list[tuple[str, ...]] = [
            ("mirror", "status", "--database", url),
            ("mirror", "check", "--database", url),
            ("mirror", "run", "--database", url, "--port", "0"),
            ("webhooks", "listen", "--port", "0", "--store", url),
            ("limits", "prepare", "--url", url, "--timeout", "1"),
            ("postgres", "migrate", "--url", url),
        ]
        for command in commands:
            run = cli(*command)
            said[name, " ".join(command[:2])] = (run.code, run.err)
        monkeypatch.setenv("WORKER_STORE", url)
        monkeypatch.delitem(sys.modules, "tests.support.worker_receiver", raising=False)  # made again with this URL
        run = cli("webhooks", "worker", "tests.support.worker_receiver:receiver", "--app-dir", str(ROOT))
        said[name, "webhooks worker"] = (run.code, run.err)
    for (name, shown), (code, err) in said.items():
        assert code == (CONNECTION if name == "unreached" else REFUSED), (shown, err)
        expected = {
            "wrong": 'password authentication failed for user "app"',
            "missing": 'database "nothing_here" does not exist',
            "unreached": "Connection refused",
        }[name]
        assert expected in err, (shown, err)
        assert PASSWORD not in err, (shown, err)
        assert "not-the-password" not in err, (shown, err)
    assert "couldn't get a connection" not in str(said)


@pytest.mark.end_to_end
@pytest.mark.servers
@pytest.mark.slow
def test_a_wrong_redis_password_is_said_in_redis_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = Cli(capsys)
    monkeypatch.setenv("PEXIP_ENGAGE_WEBHOOK_SECRET", "w" * 32)
    with redis_server(tmp_path) as url:
        redis.Redis.from_url(url).config_set("requirepass", "r3dis-pass")
        wrong = url.replace("redis://", "redis://:not-the-password@")
        runs = [cli("webhooks", "listen", "--port", "0", "--store", wrong), cli("limits", "prepare", "--url", wrong)]
    for run in runs:
        assert run.code == REFUSED, run.err
        assert "invalid username-password pair" in run.err
        assert "not-the-password" not in run.err
        assert "r3dis-pass" not in run.err
