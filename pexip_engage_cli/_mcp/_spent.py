"""Confirmations spent once: the first confirmed call claims its token atomically (the one claim,
`_leasing/_claims.py`), later ones get its answer (docs/mcp.md, "Security model").
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, Protocol

from pexip_engage_client._leasing._claims import Claim
from pexip_engage_client._shared._redis import RedisScripts, take

PENDING = "pending"
_PREFIX = "pexip-engage-mcp:confirmation:"


class SpentStoreError(Exception):
    """The store of spent confirmations could not be reached: nothing was sent."""


class Spent(Protocol):
    async def claim(self, key: str, seconds: int) -> bool:
        """True for the first caller of `key` within `seconds`; False for every later one."""

    async def finish(self, key: str, answer: str, seconds: int) -> None:
        """Record the first call's answer, for the repeats."""

    async def first(self, key: str) -> str | None:
        """The first call's answer; PENDING while it runs; None when unknown (expired)."""


class MemorySpent:
    """One process's spent confirmations (a lock makes the claim atomic across threads too)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._claims: dict[str, Claim] = {}

    async def claim(self, key: str, seconds: int) -> bool:
        now = time.monotonic()
        with self._lock:
            self._claims = {k: held for k, held in self._claims.items() if held.running(now)}
            return self._claims.setdefault(key, Claim()).take(PENDING, now, now + seconds)

    async def finish(self, key: str, answer: str, seconds: int) -> None:
        with self._lock:
            self._claims[key] = Claim(answer, time.monotonic() + seconds)

    async def first(self, key: str) -> str | None:
        with self._lock:
            held = self._claims.get(key)
        return None if held is None else held.holder


class ClosedWithLastSession:
    """A shared store whose connections the last MCP session to end closes (`_aclose`); a session that
    starts later reconnects on its next command."""

    _sessions = 0

    @asynccontextmanager
    async def session(self, _server: object = None) -> AsyncIterator[dict[str, Any]]:
        """One MCP session's use (the server's lifespan): the last to end closes the connections."""
        self._sessions += 1
        try:
            yield {}
        finally:
            self._sessions -= 1
            if self._sessions == 0:
                await self._aclose()

    async def _aclose(self) -> None:
        raise NotImplementedError


class RedisSpent(ClosedWithLastSession):
    """Spent confirmations in Redis, shared by every server process that names the same URL."""

    def __init__(self, url: str) -> None:
        """`ValueError` for a URL redis-py cannot read (never quoting it: a password) or without the extra."""
        try:  # the one factory: bounded waits, and a URL's password never in its messages
            self._redis = RedisScripts(url, {}, user="keeping confirmations in Redis")
        except ImportError as exc:
            raise ValueError(str(exc)) from None

    async def _aclose(self) -> None:
        await self._redis.aclose()

    def __repr__(self) -> str:
        return "RedisSpent(...)"  # the URL may hold a password

    async def claim(self, key: str, seconds: int) -> bool:
        return bool(await self._run(lambda client: take(client, _PREFIX + key, PENDING, seconds * 1000)))

    async def finish(self, key: str, answer: str, seconds: int) -> None:
        await self._run(lambda client: client.set(_PREFIX + key, answer, xx=True, ex=seconds))

    async def first(self, key: str) -> str | None:
        value = await self._run(lambda client: client.get(_PREFIX + key))
        return None if value is None else value.decode("utf-8")

    async def _run(self, step: Callable[[Any], Awaitable[Any]]) -> Any:
        """What `step(client)` answers; SpentStoreError naming only the kind of failure."""
        try:
            return await step(self._redis.client)
        except Exception as exc:  # redis-py's errors, and OSError beneath them
            raise SpentStoreError(type(exc).__name__) from None
