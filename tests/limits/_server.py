"""A loopback API that enforces Engage's documented limits and records what it saw.

It counts the requests in flight and when each arrived (wall-clock time, comparable with other
processes on the machine), and answers 429 with `Retry-After` beyond `max_in_flight` or beyond
`per_minute` accepted in the last 60 seconds, as the rate-limiting page says Engage does.
"""

from __future__ import annotations

import asyncio
import collections
import json
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager

from ..support.loopback import ASGIApp, Receive, Scope, Send, serve


class LimitedAPI:
    """An ASGI app: `answer` (default: a small JSON body) after `delay` seconds, within the limits."""

    def __init__(
        self,
        *,
        max_in_flight: int | None = None,
        per_minute: int | None = None,
        delay: float = 0.0,
        answer: ASGIApp | None = None,
    ) -> None:
        self.max_in_flight = max_in_flight
        self.per_minute = per_minute
        self.delay = delay
        self.in_flight = 0
        self.most_in_flight = 0
        self.arrivals: list[float] = []  # time.time() of every request, refused or not
        self.accepted: list[float] = []  # time.time() of every request let through
        self.in_flight_at: list[tuple[float, int]] = []  # time.time() of every arrival, and the count it made
        self.statuses: collections.Counter[int] = collections.Counter()
        self._accepted: collections.deque[float] = collections.deque()  # the last 60 s of accepted requests
        self._answer = answer

    def forget(self) -> None:
        """Start the records afresh (what was accepted still counts against the per-minute limit)."""
        self.most_in_flight = self.in_flight
        self.arrivals.clear()
        self.accepted.clear()
        self.in_flight_at.clear()
        self.statuses.clear()

    def reset(self) -> None:
        """Start afresh, the per-minute window too (a benchmark's next case)."""
        self.forget()
        self._accepted.clear()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        now = time.time()
        self.arrivals.append(now)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        self.in_flight_at.append((now, self.in_flight))
        try:
            refusal = self._refusal(now)
            if refusal is not None:
                await _json(send, 429, {"errors": [{"message": "Too many requests", "statusCode": "429"}]}, refusal)
                self.statuses[429] += 1
                return
            self._accepted.append(now)
            self.accepted.append(now)
            await asyncio.sleep(self.delay)
            if self._answer is not None:
                await self._answer(scope, receive, self._counting(send))
            else:
                await _json(send, 200, {"data": {"id": "1"}})
                self.statuses[200] += 1
        finally:
            self.in_flight -= 1

    def _refusal(self, now: float) -> dict[str, str] | None:
        """The Retry-After header of a refusal, or None when the request is within the limits."""
        while self._accepted and self._accepted[0] <= now - 60:
            self._accepted.popleft()
        if self.max_in_flight is not None and self.in_flight > self.max_in_flight:
            return {"retry-after": "1"}
        if self.per_minute is not None and len(self._accepted) >= self.per_minute:
            return {"retry-after": str(max(1, math.ceil(self._accepted[0] + 60 - now)))}
        return None

    def _counting(self, send: Send) -> Send:
        async def counted(message: dict) -> None:  # type: ignore[type-arg]
            if message["type"] == "http.response.start":
                self.statuses[message["status"]] += 1
            await send(message)

        return counted  # type: ignore[return-value]


async def _json(send: Send, status: int, body: object, headers: dict[str, str] | None = None) -> None:
    content = json.dumps(body).encode()
    fields = [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode())]
    fields += [(name.encode(), value.encode()) for name, value in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": fields})
    await send({"type": "http.response.body", "body": content})


@contextmanager
def limited_api(**options: object) -> Iterator[tuple[LimitedAPI, str]]:
    """Serve a `LimitedAPI` on loopback for the block; yields it and its root URL."""
    api = LimitedAPI(**options)  # type: ignore[arg-type]
    with serve(api) as url:
        yield api, url
