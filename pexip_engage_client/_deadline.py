"""Every attempt ends by its deadline: `timeout.connect + timeout.read` from when its turn comes.

A server that drips bytes cannot extend it (the read timeout alone restarts with every byte).
Past it, the attempt raises `ResponseTooSlowError` once the status has arrived, and otherwise a
read timeout, which the retry rules treat as any other.

Both senders keep their deadlines in a `Deadlines`, not in a timer each. A timer per attempt
(`asyncio.timeout`, or aiohttp's `total`) is the largest cost of a call after parsing: every
`loop.call_at` puts a handle on the event loop's heap, ordered by a Python `__lt__`, and every
cancelled one is taken off it again later. Attempts of one duration, started in order, also end
their time in that order, so `Deadlines` keeps them in a queue per duration and sets one timer per
queue, for the first attempt still running: a call then costs an append and a flag, and the timer
fires about once per duration, not once per call.
"""

from __future__ import annotations

import asyncio
import collections
from asyncio import current_task as _current_task
from types import TracebackType
from typing import TYPE_CHECKING

from .errors import ResponseTooSlowError

if TYPE_CHECKING:
    import httpx

    from ._wire import OutgoingRequest
else:
    from ._runtime.lazy_httpx import httpx  # executed on first use

# A queue is compacted when it holds this many more finished attempts than running ones (finished
# attempts stay queued behind a slow one until it ends).
_COMPACT_SLACK = 64


def attempt_seconds(timeout: httpx.Timeout) -> float:
    """Seconds one attempt may take, once its turn has come: connect plus read timeouts."""
    return (timeout.connect or 0.0) + (timeout.read or 0.0)


class AttemptDeadline:
    """The deadline of one attempt: `async with` around the attempt, `start()` when its turn comes.

    Until `start()` the attempt may wait as long as it takes (for a place, in a queue). On leaving,
    a cancellation that came from the deadline alone becomes `ResponseTooSlowError` once
    `status` is set, else `httpx.ReadTimeout`; any other cancellation is left as it is.
    """

    __slots__ = ("_cancelling", "_deadlines", "_request", "_task", "expired", "seconds", "status", "when")

    def __init__(self, deadlines: Deadlines, request: OutgoingRequest) -> None:
        self._deadlines = deadlines
        self._request = request
        self._task: asyncio.Task[object] | None = None  # set while started and not yet over
        self._cancelling = 0
        self.seconds = attempt_seconds(request.timeout)
        self.when = 0.0  # on the event loop's clock, once started
        self.expired = False
        self.status: int | None = None  # the response's status, once its head has arrived

    @property
    def running(self) -> bool:
        """Started, and neither over nor expired (what the queue still watches)."""
        return self._task is not None and not self.expired

    def start(self) -> None:
        """The attempt's turn has come: its time starts now."""
        if self._task is None:  # a resend on another connection keeps the attempt's deadline
            task = _current_task()
            if task is None:
                raise RuntimeError("an attempt deadline is started from a task")
            self._task = task
            self._cancelling = task.cancelling()
            self._deadlines.add(self, task.get_loop())

    def expire(self) -> None:
        """Called by `Deadlines` when the time is up: cancel the attempt's task."""
        self.expired = True
        if self._task is not None:
            self._task.cancel()

    async def __aenter__(self) -> AttemptDeadline:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        task = self._task
        if task is None:
            return
        self._task = None
        if not self.expired:
            self._deadlines.ended(self)
            return
        # The deadline cancelled the task: take that cancellation back, and if no other one came
        # meanwhile, report the deadline instead of the cancellation.
        if task.uncancel() <= self._cancelling and exc_type is asyncio.CancelledError:
            if self.status is not None:
                raise too_slow(self._request, self.status, self.seconds) from None
            raise no_answer_in_time(self.seconds) from None


class Deadlines:
    """The running attempts' deadlines of one sender, with one timer per distinct duration."""

    __slots__ = ("_queues", "_running", "_timers")

    def __init__(self) -> None:
        self._queues: dict[float, collections.deque[AttemptDeadline]] = {}
        self._running: dict[float, int] = {}  # started and not yet over, per duration
        self._timers: dict[float, asyncio.TimerHandle] = {}

    def attempt(self, request: OutgoingRequest) -> AttemptDeadline:
        return AttemptDeadline(self, request)

    def add(self, deadline: AttemptDeadline, loop: asyncio.AbstractEventLoop) -> None:
        seconds = deadline.seconds
        deadline.when = loop.time() + seconds
        queue = self._queues.get(seconds)
        if queue is None:
            queue = self._queues[seconds] = collections.deque()
            self._running[seconds] = 0
        queue.append(deadline)  # started later, so it ends no earlier than any queued before it
        self._running[seconds] += 1
        if seconds not in self._timers:
            self._timers[seconds] = loop.call_at(deadline.when, self._expire_due, seconds, loop)

    def ended(self, deadline: AttemptDeadline) -> None:
        """An attempt ended in time: stop watching it (from the queue at once if it is first)."""
        seconds = deadline.seconds
        self._running[seconds] -= 1
        queue = self._queues[seconds]
        while queue and not queue[0].running:
            queue.popleft()
        if len(queue) > 2 * self._running[seconds] + _COMPACT_SLACK:  # finished ones behind a slow one
            self._queues[seconds] = collections.deque(queued for queued in queue if queued.running)

    def _expire_due(self, seconds: float, loop: asyncio.AbstractEventLoop) -> None:
        """The timer of one duration: expire what is due, then wait for the next still running."""
        queue = self._queues[seconds]
        now = loop.time()
        while queue and (not queue[0].running or queue[0].when <= now):
            deadline = queue.popleft()
            if deadline.running:
                self._running[seconds] -= 1
                deadline.expire()
        if queue:
            self._timers[seconds] = loop.call_at(queue[0].when, self._expire_due, seconds, loop)
        else:
            del self._timers[seconds]

    def close(self) -> None:
        """Cancel the timers (a closed sender has no attempt left to watch)."""
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()


def no_answer_in_time(seconds: float) -> httpx.ReadTimeout:
    """No response head within the attempt's deadline: a read timeout, retried as any other."""
    return httpx.ReadTimeout(f"no answer within the attempt's deadline ({seconds:g} s)")


def too_slow(request: OutgoingRequest, status: int, seconds: float) -> ResponseTooSlowError:
    return ResponseTooSlowError(
        f"the body did not arrive within the attempt's deadline ({seconds:g} s: the connect and read timeouts)",
        status_code=status, body=b"", correlation_id=request.headers.get("X-Correlation-Id", ""),
        method=request.method, url=request.url,
    )  # fmt: skip
