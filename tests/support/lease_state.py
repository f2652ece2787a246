"""A shared backend's lease state as one long in use: an epoch marker older than any lease.

A marker younger than a lease is a new state (a first use, or a lost one) and makes every taker
wait out the rest of a lease before it looks up (`pexip_engage_client/_leasing/_lease.py`). Tests that
are not about that start from a backend in use, as production's is after its first minutes.
"""

from __future__ import annotations

import uuid

import psycopg
from redis import Redis

from pexip_engage_client._base.shared_urls import is_postgres_url, split_url
from pexip_engage_client._leasing._lease import EPOCH_KEY
from pexip_engage_client._leasing._postgres_leases import MIGRATIONS
from pexip_engage_client._shared._sync.postgres import migrate_blocking, quoted

from .postgres_server import migrated

DAY = 24 * 3600.0  # older than any lease


def aged_lease_state(url: str, age: float = DAY) -> None:
    """Give the Redis or PostgreSQL at `url` an epoch marker `age` seconds old (the leases' tables made first)."""
    if is_postgres_url(url):
        conninfo, schema = split_url(url)
        with psycopg.connect(conninfo, autocommit=True) as connection:
            migrate_blocking(connection, schema, MIGRATIONS)
            connection.execute(
                f"INSERT INTO {quoted(schema)}.lease_epoch (epoch, made)"  # noqa: S608 - a checked schema name
                " VALUES ('aged', clock_timestamp() - make_interval(secs => %s))"
                " ON CONFLICT (only_row) DO UPDATE SET epoch = excluded.epoch, made = excluded.made",
                (age,),
            )
        return
    with Redis.from_url(url) as client:
        seconds, microseconds = client.time()  # Redis's clock, which the take script reads
        client.set(EPOCH_KEY, f"aged@{seconds * 1000 + microseconds // 1000 - round(age * 1000)}")


def own_state(url: str) -> str:
    """`url` with a lease state no other test shares: PostgreSQL's in a schema of its own (Redis keeps
    one epoch marker per database: a test that needs its own starts a redis-server)."""
    if not is_postgres_url(url):
        return url
    conninfo, _ = split_url(url)
    return migrated(f"{conninfo}{'&' if '?' in conninfo else '?'}schema=leases_{uuid.uuid4().hex[:12]}")
