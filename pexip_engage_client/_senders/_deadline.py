"""Every attempt ends by its deadline: `timeout.connect + timeout.read` from when its exchange begins.

What it bounds and raises: docs/errors-and-retries.md#timeouts-and-retries. The sync sender's
(`ThreadDeadline`) is checked as each chunk arrives.
"""

from __future__ import annotations

import asyncio
import time
from types import TracebackType

from .._base.lazy_httpx import httpx2
from .._runtime.options import attempt_seconds
from ._base import BodyTooSlow, OutgoingRequest


class AttemptDeadline:
    """The deadline of one attempt: `async with` around the attempt, `start()` when its exchange begins."""

    __slots__ = ("_request", "_timeout", "_watch", "seconds", "status")

    def __init__(self, request: OutgoingRequest) -> None:
        self._request = request
        self._timeout = asyncio.timeout(None)  # no deadline until start()
        self._watch: asyncio.TimerHandle | None = None  # set by start(): sets the deadline, if the attempt lasts
        self.seconds = attempt_seconds(request.timeout)
        self.status: int | None = None  # the response's status, once its head has arrived

    def start(self) -> None:
        """The exchange begins: its time starts now (a resend on another connection keeps the first start).

        The deadline is set by a timer due after the read timeout, not at once: a deadline later than the read
        timeouts httpx2 sets as it reads would stay in the event loop's timer queue once the attempt is over
        (asyncio takes a cancelled timer out at the queue's front, or all of them once they are more than half of
        over a hundred), and every timer of the loop would cost more. Most attempts end before that timer is due.
        """
        if self._watch is None:
            loop = asyncio.get_running_loop()
            now = loop.time()
            read = self._request.timeout.read or self.seconds  # no more than the deadline: a part of it
            self._watch = loop.call_at(now + read, self._timeout.reschedule, now + self.seconds)

    def check(self) -> None:  # past the deadline, asyncio's timeout has ended the attempt already
        pass

    async def __aenter__(self) -> AttemptDeadline:
        await self._timeout.__aenter__()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._watch is not None:
            self._watch.cancel()
        try:
            await self._timeout.__aexit__(exc_type, exc, traceback)
        except TimeoutError:  # raised by asyncio.timeout only when this deadline passed
            if self.status is not None:
                raise BodyTooSlow(self._request, self.status, self.seconds) from None
            # No response head: a read timeout, retried as any other.
            raise httpx2.ReadTimeout(f"no answer within the attempt's deadline ({self.seconds:g} s)") from None


class ThreadDeadline:
    """`AttemptDeadline` for the sync sender (`with`): past it, `check()` raises `BodyTooSlow`."""

    __slots__ = ("_ends", "_request", "seconds", "status")

    def __init__(self, request: OutgoingRequest) -> None:
        self._request = request
        self._ends: float | None = None
        self.seconds = attempt_seconds(request.timeout)
        self.status: int | None = None

    def start(self) -> None:
        if self._ends is None:
            self._ends = time.monotonic() + self.seconds

    def check(self) -> None:
        if self.status is not None and self._ends is not None and time.monotonic() > self._ends:
            raise BodyTooSlow(self._request, self.status, self.seconds)

    def __enter__(self) -> ThreadDeadline:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None
