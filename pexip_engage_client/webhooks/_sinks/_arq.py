"""`ArqSink`: each event enqueued as an arq job, with the event id as the job id (arq's own dedup).

arq is imported when the sink is made.
"""

from __future__ import annotations

from typing import Any, Protocol

from .._arguments import is_name, positive_seconds
from .._forward import ForwardedEvent, wait_until


class ArqPool(Protocol):
    """What `ArqSink` uses of an `arq.connections.ArqRedis` pool (`await arq.create_pool(...)`)."""

    default_queue_name: str

    async def enqueue_job(self, function: str, *args: Any, _job_id: str | None = None, **kwargs: Any) -> Any: ...

    def delete(self, *names: str) -> Any: ...


class ArqSink:
    """Enqueues each event as `pool.enqueue_job(function, event.to_dict(), _job_id=event.event_id)`.

    The job's function receives arq's `ctx` and the dict of a `ForwardedEvent`
    (`ForwardedEvent.from_dict` reads it back). arq's own dedup and what "processed" means:
    docs/webhooks.md, "Handing events to your queue".

    Args:
        pool: Your arq pool.
        function: The name of the worker's function.
        queue_name: The arq queue (default: the pool's).
        timeout: Seconds to wait for the job's result before retrying the event.
    """

    def __init__(self, pool: ArqPool, function: str, *, queue_name: str | None = None, timeout: float = 300.0) -> None:
        try:
            from arq import constants, jobs  # noqa: PLC0415 - loaded only by those who forward to arq
        except ImportError:
            raise ImportError("ArqSink needs arq: pip install arq") from None
        if not is_name(function):
            raise ValueError("function must be the name of the arq worker's function")
        self._jobs = jobs
        self._result_key_prefix = constants.result_key_prefix
        self.pool = pool
        self.function = function
        self.queue_name: str = queue_name or pool.default_queue_name
        self.timeout: float = positive_seconds("timeout", timeout)

    def __repr__(self) -> str:
        return f"ArqSink(function={self.function!r}, queue_name={self.queue_name!r})"

    def _job(self, event_id: str) -> Any:
        return self._jobs.Job(event_id, self.pool, _queue_name=self.queue_name)  # type: ignore[arg-type]

    async def send(self, event: ForwardedEvent) -> None:
        job = await self.pool.enqueue_job(
            self.function, event.to_dict(), _job_id=event.event_id, _queue_name=self.queue_name
        )
        if job is not None:
            return
        # arq knows the id: queued or running (nothing to do), or finished. A failure kept as its
        # result would block the id until it expires: forget it and enqueue again.
        result = await self._job(event.event_id).result_info()
        if result is not None and not result.success:
            await self.pool.delete(self._result_key_prefix + event.event_id)
            await self.pool.enqueue_job(
                self.function, event.to_dict(), _job_id=event.event_id, _queue_name=self.queue_name
            )

    async def processed(self, event: ForwardedEvent) -> None:
        job = self._job(event.event_id)
        not_found = self._jobs.JobStatus.not_found

        async def done() -> bool:
            result = await job.result_info()
            if result is not None:
                if not result.success:
                    problem = f"the arq job {self.function} failed for event {event.event_id}: {result.result!r}"
                    raise RuntimeError(problem)
                return True
            if await job.status() == not_found:
                raise RuntimeError(f"the arq job of event {event.event_id} is gone (expired, or not keeping results)")
            return False

        await wait_until(done, within=self.timeout, what=f"the arq job of event {event.event_id}")
