"""`run_worker`: a process that serves no HTTP and handles what web processes stored.

See docs/webhooks.md, "Running handlers in a worker process".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from .._shared.signals import stop_signals_to
from ._arguments import grace_seconds

if TYPE_CHECKING:
    from ._reconciling import ReconcileResult

logger = logging.getLogger("pexip_engage_client.webhooks")


class Worker(Protocol):
    """What `run_worker` needs of a receiver (`WebhookReceiver` is one)."""

    @property
    def concurrency(self) -> int: ...

    @property
    def in_flight(self) -> int: ...

    async def start(self, *, handle: bool = True) -> None: ...

    async def stop(self, *, grace: float = 0.0) -> None: ...


@dataclass(frozen=True)
class ReconcileSchedule:
    """A worker's catching up: `run(start, end)` every `every` seconds, over now + `window`."""

    every: float
    window: tuple[timedelta, timedelta]
    run: Callable[[datetime, datetime], Awaitable[ReconcileResult]]


async def _reconciling(schedule: ReconcileSchedule) -> None:
    """Reconciles now, then every period, until cancelled; a failure is logged, and tried again next period."""
    while True:
        now = datetime.now(UTC)
        start, end = now + schedule.window[0], now + schedule.window[1]
        window = f"{start.isoformat(timespec='seconds')} to {end.isoformat(timespec='seconds')}"
        try:
            result = await schedule.run(start, end)
        except Exception as error:
            logger.warning(
                "webhook worker: reconcile of %s failed (%s: %s); tried again in %g s",
                window,
                type(error).__name__,
                error,
                schedule.every,
            )
        else:
            logger.info(
                "webhook worker: reconciled %s: %d appointments read, %d changes handed over, %d already seen,"
                " %d with their order unknown",
                window,
                result.appointments,
                result.handed_over,
                result.already_seen,
                result.order_unknown,
            )
        await asyncio.sleep(schedule.every)


async def run_worker(
    receiver: Worker, *, grace: float, stop_signals: bool, reconcile: ReconcileSchedule | None = None
) -> None:
    """Handle events until a stop signal (or cancellation, which stops at once without grace)."""
    grace = grace_seconds(grace)
    stopping = asyncio.Event()
    hurry = asyncio.Event()

    def on_signal(signum: int) -> None:
        name = signal.Signals(signum).name
        if stopping.is_set():
            logger.warning("webhook worker: %s again; not waiting for the handlers running", name)
            hurry.set()
            return
        logger.info("webhook worker: %s; no more events are claimed", name)
        stopping.set()

    with stop_signals_to(on_signal, enabled=stop_signals):
        await receiver.start()
        logger.info(
            "webhook worker started (pid %d, %r): up to %d handlers at once",
            os.getpid(),
            receiver,
            receiver.concurrency,
        )
        catching_up = None if reconcile is None else asyncio.create_task(_reconciling(reconcile))
        try:
            await stopping.wait()
        except asyncio.CancelledError:
            await _cancelled(catching_up)
            await receiver.stop()
            raise
        await _cancelled(catching_up)
        logger.info(
            "webhook worker stopping: %d events in handlers, waiting up to %g s for them", receiver.in_flight, grace
        )
        await _stop(receiver, grace, hurry)
    logger.info("webhook worker stopped")


async def _cancelled(task: asyncio.Task[None] | None) -> None:
    """The schedule's task cancelled and awaited: a reconcile in flight ends here, not after the stop."""
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _stop(receiver: Worker, grace: float, hurry: asyncio.Event) -> None:
    """`receiver.stop(grace=grace)`, cut short (to a stop without grace) when `hurry` is set."""
    graceful = asyncio.create_task(receiver.stop(grace=grace))
    hurried = asyncio.create_task(hurry.wait())
    try:
        await asyncio.wait({graceful, hurried}, return_when=asyncio.FIRST_COMPLETED)
    finally:  # also when this call is cancelled: then too the receiver stops at once
        hurried.cancel()
        if not graceful.done():
            graceful.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await graceful
            await receiver.stop()  # the drain was cut short before the receiver stopped: stop it now
    if not graceful.cancelled():
        graceful.result()
