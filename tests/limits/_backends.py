"""The shared limits' class for a URL: `RedisLimits` for redis://, `PostgresLimits` for postgresql://."""

from __future__ import annotations

from typing import Any

from pexip_engage_client._base.shared_urls import is_postgres_url
from pexip_engage_client._limiting._postgres_limits import PostgresLimits
from pexip_engage_client._limiting._redis_limits import RedisLimits
from pexip_engage_client._limiting._sync._postgres_limits import PostgresLimits as PostgresLimitsSync
from pexip_engage_client._limiting._sync._redis_limits import RedisLimits as RedisLimitsSync


def shared_limits(url: str, **options: Any) -> RedisLimits:
    """The async limits on `url`'s backend (`PostgresLimits` is a `RedisLimits` on other storage)."""
    return (PostgresLimits if is_postgres_url(url) else RedisLimits)(url, **options)


def shared_limits_sync(url: str, **options: Any) -> RedisLimitsSync:
    return (PostgresLimitsSync if is_postgres_url(url) else RedisLimitsSync)(url, **options)
