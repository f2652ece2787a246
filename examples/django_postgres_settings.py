"""The client's PostgreSQL URL built from a Django project's own `DATABASES`, for a project that runs no Redis.

In your project the function and the lines under it go in settings.py, after `DATABASES`: the
webhook store, the shared limits (`PEXIP_ENGAGE_LIMITS`) and the turns of ensures then use the
project's database, in a schema of their own. Run as a script, it prints the URLs it builds from a
few forms of `DATABASES` (a host name, a Unix socket's folder, the default socket), redacted as the
client shows them; tests/webhooks/test_django_postgres.py runs it in a Django project on a real
PostgreSQL, by a socket and over TCP.
"""

# --8<-- [start:url]
import os
from typing import Any
from urllib.parse import quote

# Django's own keys of OPTIONS; every other one is libpq's (sslmode, sslrootcert, connect_timeout, ...).
DJANGO_ONLY_OPTIONS = {"isolation_level", "server_side_binding", "pool", "assume_role"}


def postgres_url(database: dict[str, Any], schema: str = "pexip_engage") -> str:
    """The `postgresql://` URL of a `DATABASES` entry (ENGINE django.db.backends.postgresql)."""
    user = quote(str(database.get("USER") or ""), safe="")
    password = quote(str(database.get("PASSWORD") or ""), safe="")  # '@', '/', '#' read as they are
    userinfo = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host, port = str(database.get("HOST") or ""), str(database.get("PORT") or "")
    query = {"schema": schema}
    if host.startswith("/"):  # a Unix socket's folder ('/var/run/postgresql'): libpq's ?host=
        authority = ""
        query["host"] = host
        if port:
            query["port"] = port  # names the socket's file (.s.PGSQL.5432)
    else:  # a host name or address; empty: libpq's default socket, as Django's empty HOST is
        authority = (f"[{host}]" if ":" in host else host) + (f":{port}" if port else "")
    options: dict[str, Any] = database.get("OPTIONS") or {}
    query |= {key: str(value) for key, value in options.items() if key not in DJANGO_ONLY_OPTIONS}
    pairs = "&".join(f"{quote(key, safe='')}={quote(value, safe='/')}" for key, value in query.items())
    return f"postgresql://{userinfo}{authority}/{quote(str(database['NAME']), safe='')}?{pairs}"


# --8<-- [end:url]

if __name__ == "__main__":
    from pexip_engage_client._base.redaction import redacted_url

    examples: dict[str, dict[str, Any]] = {
        "a host, and a password holding '@', '/' and '#'": {
            "NAME": "app",
            "USER": "app",
            "PASSWORD": "p@ss/w#rd",
            "HOST": "db.internal",
            "PORT": "5432",
            "OPTIONS": {"sslmode": "require"},
        },
        "a Unix socket's folder": {"NAME": "app", "USER": "app", "HOST": "/var/run/postgresql"},
        "the default socket (HOST empty)": {"NAME": "app", "HOST": ""},
    }
    for name, database in examples.items():
        print(f"{name}: {redacted_url(postgres_url(database))}")

    DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", **examples["a Unix socket's folder"]}}
    # --8<-- [start:settings]
    PEXIP_ENGAGE_POSTGRES = postgres_url(DATABASES["default"])
    # Every client of every worker shares Engage's limits, and ensures take turns, through it.
    os.environ.setdefault("PEXIP_ENGAGE_LIMITS", PEXIP_ENGAGE_POSTGRES)
    # --8<-- [end:settings]
    print(f"PEXIP_ENGAGE_LIMITS: {redacted_url(os.environ['PEXIP_ENGAGE_LIMITS'])}")
