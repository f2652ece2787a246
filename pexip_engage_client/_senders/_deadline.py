"""Every attempt ends by its deadline: `timeout.connect + timeout.read` from when its exchange begins.

A server that drips bytes cannot extend it (the read timeout alone restarts with every byte).
Past it, the attempt raises `BodyTooSlow` once the status has arrived, and otherwise a
read timeout, which the retry rules treat as any other.

The deadline measures the server, not the client's own queue: the wait for a turn (`_gate.Gate`)
never counts. The aiohttp sender starts it when its connector takes the attempt's turn, from where
aiohttp costs little; the httpx2 sender on its own pool starts it when httpcore2 reports that the
exchange began (a connection being opened, or the request being written), because httpcore2's work
to assign a connection is the client's own cost, which grows under load (that wait is bounded by
httpx2's pool timeout instead).

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
from typing import TYPE_CHECKING, Any

from ._base import AnyTimeout, BodyTooSlow, attempt_seconds

if TYPE_CHECKING:
    import httpx2

    from ._base import OutgoingRequest
else:
    from .._base.lazy_httpx import httpx2  # executed on first use

# A queue is compacted (its finished attempts dropped) when it grows past this length, or past
# twice what the last compaction left: finished attempts stay queued behind a slow one until it ends.
_COMPACT_ABOVE = 256


class AttemptDeadline:
    """The deadline of one attempt: `with` around the attempt, `start()` when its exchange begins.

    Until `start()` the attempt may wait as long as it takes (for a place, in a queue). On leaving,
    a cancellation that came from the deadline alone becomes `BodyTooSlow` once
    `status` is set, else `httpx2.ReadTimeout`; any other cancellation is left as it is.
    """

    __slots__ = ("_cancelling", "_deadlines", "_request", "_task", "seconds", "status", "watched", "when")

    when: float  # on the event loop's clock, set by start()
    _cancelling: int  # the task's cancellation count when start() was called

    def __init__(self, deadlines: Deadlines, request: OutgoingRequest) -> None:
        self._deadlines = deadlines
        self._request = request
        self._task: asyncio.Task[object] | None = None  # set from start() to the end of the attempt
        last = deadlines.last_timeout  # calls nearly always use the client's own timeout
        self.seconds = (
            last[1] if last is not None and last[0] is request.timeout else deadlines.seconds(request.timeout)
        )
        self.watched = False  # started, and neither over nor expired: what its queue still watches
        self.status: int | None = None  # the response's status, once its head has arrived

    def start(self, loop: asyncio.AbstractEventLoop, task: asyncio.Task[Any] | None = None) -> None:
        """The attempt's exchange begins: its time starts now, for `task` (by default the current task of `loop`).

        Past the deadline, `task` is cancelled: it must be the one inside this `with` block, also
        when the exchange runs in another task that reports its beginning.
        """
        if self._task is None:  # a resend on another connection keeps the attempt's deadline
            if task is None:
                task = _current_task(loop)
                if task is None:
                    raise RuntimeError("an attempt deadline is started from a task")
            self._task = task
            self._cancelling = task.cancelling()
            self.watched = True
            self._deadlines.watch(self, loop)

    def expire(self) -> None:
        """The time is up (called by `Deadlines`): cancel the attempt's task."""
        self.watched = False
        if self._task is not None:
            self._task.cancel()

    # A plain context manager, not an async one: leaving it never waits, and an `async with` would
    # make two coroutines per attempt.
    def __enter__(self) -> AttemptDeadline:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        task = self._task
        if task is None:  # never started
            return
        self._task = None
        if self.watched:  # over in time
            self.watched = False
            self._deadlines.unwatch(self)
            return
        # The deadline cancelled the task: take that cancellation back, and if no other one came
        # meanwhile, report the deadline instead of the cancellation.
        if task.uncancel() <= self._cancelling and exc_type is asyncio.CancelledError:
            if self.status is not None:
                raise BodyTooSlow(self._request, self.status, self.seconds) from None
            raise no_answer_in_time(self.seconds) from None


class Deadlines:
    """The running attempts' deadlines of one sender, with one timer per distinct duration."""

    __slots__ = ("_compact_above", "_queues", "_timers", "last_timeout")

    def __init__(self) -> None:
        self._queues: collections.defaultdict[float, collections.deque[AttemptDeadline]] = collections.defaultdict(
            collections.deque
        )
        self._timers: dict[float, asyncio.TimerHandle] = {}
        self._compact_above = _COMPACT_ABOVE
        # The last timeout and its seconds: calls nearly always use the client's own.
        self.last_timeout: tuple[AnyTimeout, float] | None = None

    def attempt(self, request: OutgoingRequest) -> AttemptDeadline:
        return AttemptDeadline(self, request)

    def seconds(self, timeout: AnyTimeout) -> float:
        """An attempt's seconds under `timeout`, remembered for the next attempt."""
        self.last_timeout = (timeout, attempt_seconds(timeout))
        return self.last_timeout[1]

    def watch(self, deadline: AttemptDeadline, loop: asyncio.AbstractEventLoop) -> None:
        seconds = deadline.seconds
        deadline.when = loop.time() + seconds
        queue = self._queues[seconds]
        queue.append(deadline)  # started later, so it ends no earlier than any queued before it
        if len(queue) > self._compact_above:
            self._compact(seconds)
        if seconds not in self._timers:
            self._timers[seconds] = loop.call_at(queue[0].when, self._expire_due, seconds, loop)

    def unwatch(self, deadline: AttemptDeadline) -> None:
        """An attempt ended in time: drop it, with any other ended one, from the front of its queue."""
        queue = self._queues[deadline.seconds]
        while queue and not queue[0].watched:
            queue.popleft()

    def _compact(self, seconds: float) -> None:
        """Drop the attempts that ended behind a slow one still running."""
        queue = self._queues[seconds] = collections.deque(queued for queued in self._queues[seconds] if queued.watched)
        self._compact_above = max(_COMPACT_ABOVE, 2 * len(queue))

    def _expire_due(self, seconds: float, loop: asyncio.AbstractEventLoop) -> None:
        """The timer of one duration: expire what is due, then wait for the next still running."""
        queue = self._queues[seconds]
        now = loop.time()
        while queue and (not queue[0].watched or queue[0].when <= now):
            deadline = queue.popleft()
            if deadline.watched:
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


def no_answer_in_time(seconds: float) -> httpx2.ReadTimeout:
    """No response head within the attempt's deadline: a read timeout, retried as any other."""
    return httpx2.ReadTimeout(f"no answer within the attempt's deadline ({seconds:g} s)")
