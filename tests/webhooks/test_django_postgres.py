"""The Django recipe of docs/deploying.md in a real Django project on a real PostgreSQL.

The project's settings.py holds the recipe (examples/django_postgres_settings.py's sections)
under its `DATABASES` (ENGINE django.db.backends.postgresql), pointed at the test's PostgreSQL by
its Unix socket's folder (HOST '/...'), and over TCP with a password holding '@', '/' and '#'
(trust authentication takes any). In a fresh interpreter, as `manage.py` runs: Django connects
with its settings, and the URL the recipe built reaches the same database and server, by the same
way (a socket has no server address), for the webhook store, the shared limits and a turn; the
password is never printed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..support.postgres_server import PostgresServer, postgres_server
from ..support.spec import ROOT

# Starts PostgreSQL and a Django process: left out of `make check`.
pytestmark = [pytest.mark.end_to_end, pytest.mark.main_python_only]

PASSWORD = "p@ss/w#rd-s3cr3t"

_SETTINGS = """
    import json
    import os
    from pathlib import Path

    SECRET_KEY = "test-only"
    INSTALLED_APPS = ["django.contrib.contenttypes"]
    DATABASES = {{"default": {{"ENGINE": "django.db.backends.postgresql", **json.loads(os.environ["TEST_DATABASE"])}}}}
    USE_TZ = True

    {recipe}
    {settings}
"""

_CHECK = """
    import asyncio
    import json
    import os
    import sys

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    import psycopg

    from pexip_engage_client import Governor
    from pexip_engage_client._base.shared_urls import split_url
    from pexip_engage_client._limiting._postgres_limits import PostgresLimits
    from pexip_engage_client._leasing._shared_leases import leases_at
    from pexip_engage_client.webhooks import WebhookReceiver

    WHERE = "SELECT current_database(), current_user, inet_server_addr()::text, current_setting('port')"
    with connection.cursor() as cursor:
        cursor.execute(WHERE)
        by_django = list(cursor.fetchone())
    url = settings.PEXIP_ENGAGE_POSTGRES
    conninfo, schema = split_url(url)
    with psycopg.connect(conninfo) as db:
        by_url = list(db.execute(WHERE).fetchone())
    # The deploy step beside `manage.py migrate` (docs/deploying.md): `pexip-engage postgres migrate`, its function.
    from pexip_engage_cli._postgres_migrate import migrate_schema
    migrate_schema(conninfo, schema)


    async def shared_parts() -> str:
        receiver = WebhookReceiver(url, secret="k")
        await receiver.store.open()
        await receiver.store.close()
        limits = PostgresLimits(url, key="django-recipe", max_in_flight=1, per_minute=60)  # each part its own tables
        await limits.release(await limits.acquire())
        await limits.aclose()
        leases = leases_at(url, user="the test")
        try:
            held = await leases.take("django-recipe", "token", 5)
        finally:
            await leases.aclose()
        return type(held).__name__


    Governor(shared=os.environ["PEXIP_ENGAGE_LIMITS"])  # the recipe set it: a URL the governor takes
    taken = asyncio.run(shared_parts())
    with psycopg.connect(conninfo) as db:
        tables = sorted(row[0] for row in db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,)
        ))
    print(json.dumps({"django": by_django, "url": by_url, "schema": schema, "taken": taken, "tables": tables}))
"""


def _section(name: str) -> str:
    text = (ROOT / "examples" / "django_postgres_settings.py").read_text()
    body = text.split(f"# --8<-- [start:{name}]\n", 1)[1].split(f"# --8<-- [end:{name}]", 1)[0]
    return textwrap.dedent(body)


def _run_project(tmp_path: Path, database: dict[str, Any]) -> dict[str, Any]:
    (tmp_path / "mysite").mkdir(exist_ok=True)
    (tmp_path / "mysite" / "__init__.py").write_text("")
    settings = textwrap.dedent(_SETTINGS).format(recipe=_section("url"), settings=_section("settings"))
    (tmp_path / "mysite" / "settings.py").write_text(settings)
    (tmp_path / "check.py").write_text(textwrap.dedent(_CHECK))
    env = {key: value for key, value in os.environ.items() if not key.startswith("PEXIP_ENGAGE_")}
    env |= {"PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}", "TEST_DATABASE": json.dumps(database)}
    done = subprocess.run(
        [sys.executable, "check.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert PASSWORD not in done.stdout + done.stderr
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    with postgres_server() as running:
        yield running


def test_a_host_that_is_a_socket_folder_is_reached_by_that_socket(server: PostgresServer, tmp_path: Path) -> None:
    database = {"NAME": "postgres", "USER": "postgres", "HOST": str(server.folder), "PORT": str(server.port)}
    result = _run_project(tmp_path, database)
    assert result["django"] == result["url"] == ["postgres", "postgres", None, str(server.port)]  # no address: a socket
    assert result["schema"] == "pexip_engage"
    assert result["taken"] == "Held"
    assert {"webhook_events", "limit_slots", "leases"} <= set(result["tables"])


def test_a_host_and_a_password_holding_at_slash_and_hash_reach_the_same_server(
    server: PostgresServer, tmp_path: Path
) -> None:
    database = {
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": PASSWORD,
        "HOST": "127.0.0.1",
        "PORT": str(server.port),
        "OPTIONS": {"sslmode": "disable", "isolation_level": 1},  # a libpq option, and one of Django's own
    }
    result = _run_project(tmp_path, database)
    assert result["django"] == result["url"] == ["postgres", "postgres", "127.0.0.1/32", str(server.port)]
    assert result["taken"] == "Held"
