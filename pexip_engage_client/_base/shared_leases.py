"""The lease backend a shared URL names: `RedisLeases` for redis://, `PostgresLeases` for postgresql://.

The one place that tells them apart, for every part that takes turns across hosts (ensures through
the governor's shared URL, provisioning's apply lock).
"""

from __future__ import annotations

from ._lease import LeaseBackend, RedisLeases
from ._postgres_leases import PostgresLeases
from ._redis import redis_client
from .postgres import is_postgres_url
from .redis_urls import redacted_url


def leases_at(url: str, *, user: str) -> LeaseBackend:
    """The turns kept at `url` (PostgreSQL or Redis); `user` names who asks, for a missing extra's message."""
    if is_postgres_url(url):
        return PostgresLeases(url, f"PostgreSQL {redacted_url(url)}")
    return RedisLeases(redis_client(url, user=user), f"Redis {redacted_url(url)}")
