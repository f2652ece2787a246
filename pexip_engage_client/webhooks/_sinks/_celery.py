"""`CelerySink`: each event sent as a Celery task by name, with the event id as the task id.

Celery is not imported: the sink calls the application it is given (no extra needed), in a thread
since Celery's calls block.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

from .._arguments import is_name, positive_seconds
from .._forward import ForwardedEvent, wait_until

_DONE, _FAILED = "SUCCESS", ("FAILURE", "REVOKED")


class CeleryApp(Protocol):
    """What `CelerySink` uses of a `celery.Celery` application."""

    def send_task(self, name: str, args: Any = ..., kwargs: Any = ..., **options: Any) -> Any: ...

    def AsyncResult(self, task_id: str) -> Any: ...  # noqa: N802 - Celery's name


class CelerySink:
    """Sends each event as `app.send_task(task, args=[event.to_dict()], task_id=event.event_id)`.

    The task receives one argument, the dict of a `ForwardedEvent` (`ForwardedEvent.from_dict` reads
    it back). `until="processed"` (the default) needs a result backend; what a second forwarding
    does: docs/webhooks.md, "What forwarding guarantees".

    Args:
        app: Your Celery application.
        task: The task's registered name (`"myapp.tasks.appointment_changed"`).
        timeout: Seconds to wait for the task's result before retrying the event.
        options: Passed on to `send_task` (`queue=`, `priority=`, ...).
    """

    def __init__(self, app: CeleryApp, task: str, *, timeout: float = 300.0, **options: Any) -> None:
        if not is_name(task):
            raise ValueError("task must be the Celery task's registered name")
        if "task_id" in options or "args" in options:
            raise ValueError("task_id and args are the sink's own: the event id and the event")
        self.app = app
        self.task = task
        self.timeout: float = positive_seconds("timeout", timeout)
        self._options = options

    def __repr__(self) -> str:
        return f"CelerySink(task={self.task!r})"

    def _state(self, event_id: str) -> str | None:
        """The task's state in the result backend; None when the application has no result backend."""
        backend = getattr(getattr(self.app, "conf", None), "result_backend", None)
        if not backend or backend == "disabled":
            return None
        return str(self.app.AsyncResult(event_id).state)

    async def send(self, event: ForwardedEvent) -> None:
        # Asked each time: a process that stopped after sending left no trace in the event's attempts.
        state = await asyncio.to_thread(self._state, event.event_id)
        if state == _DONE:
            return
        if state in _FAILED:
            await asyncio.to_thread(lambda: self.app.AsyncResult(event.event_id).forget())
        await asyncio.to_thread(
            self.app.send_task, self.task, args=[event.to_dict()], task_id=event.event_id, **self._options
        )

    async def processed(self, event: ForwardedEvent) -> None:
        async def done() -> bool:
            state = await asyncio.to_thread(self._state, event.event_id)
            if state is None:
                raise ValueError(
                    "CelerySink: until='processed' reads the task's result, and the Celery application has no"
                    " result backend (Celery(..., backend=...)); configure one, or forward with until='enqueued'"
                )
            if state in _FAILED:
                raise RuntimeError(f"the Celery task {self.task} failed for event {event.event_id} ({state})")
            return state == _DONE

        await wait_until(done, within=self.timeout, what=f"the Celery task of event {event.event_id}")
