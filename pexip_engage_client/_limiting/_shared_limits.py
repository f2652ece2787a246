"""Where a governor shares its limits (`SharedStore`), chosen by the URL: `RedisLimits` for a Redis URL,
`PostgresLimits` for a PostgreSQL one; and how their being out of reach is told (the one failure log).

Imported by a governor that shares, at its first request: a program that shares nothing never loads a backend.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from .._base.loggers import logger
from .._base.shared_urls import is_postgres_url
from .._shared.failures import Backoff, FailureLog, Telling
from . import _postgres_limits, _redis_limits
from ._limits import Limits


class SharedLimitsStore:
    """`SharedStore`: the shared limits at a Redis or PostgreSQL URL (checked when the governor was made)."""

    def limits(self, url: str, *, key: str, max_in_flight: int, per_minute: int) -> Limits:
        """The limits kept at `url` under `key`: `max_in_flight` calls at once, `per_minute` starts a minute."""
        made = _postgres_limits.PostgresLimits if is_postgres_url(url) else _redis_limits.RedisLimits
        return made(url, key=key, max_in_flight=max_in_flight, per_minute=per_minute)

    def out_of_reach(self, wait: float, clock: Callable[[], float]) -> FailureLog:
        """The failure log of the shared limits out of reach: the local limits kept `wait` seconds after each failure,
        a warning at the first failure, each later one and their return at INFO."""
        telling = Telling(
            logger,
            "The shared limits cannot be reached ({error}); this process keeps the same limits by itself until"
            " they can (other processes sharing them are not counted meanwhile)",
            again="The shared limits can be reached again, after {seconds:.1f} s",
            counted="The shared limits cannot be reached again ({error}); keeping the local ones",
            levels=(logging.WARNING, logging.INFO, logging.INFO),
        )
        return FailureLog(telling, backoff=Backoff(wait, wait), interval=0.0, clock=clock)


STORE = SharedLimitsStore()
