"""A sender per process: after `fork()`, a child's first request builds a sender of its own.

The client's own sender lives in a `PerProcess` (`_base/processes.py`, docs/deploying.md); a
caller's `http_client` or pooled transport used in a child raises `SenderForkedError`, one that
keeps no socket goes on. `before_send` may refuse each request by raising (`_respx.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from .._base.processes import PerProcess, generation
from ._base import (
    OutgoingRequest,
    ReceivedResponse,
    Sender,
    SyncSender,
)

S = TypeVar("S")


class SenderForkedError(Exception):
    """The sender holds the parent process's connections and cannot be rebuilt in this child."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"this client was given {what} in the parent process, and its connections belong to that "
            "process (a forked child would read the parent's answers): create the client, and what it "
            "is given, in the child (after the fork: gunicorn's post_fork, Celery's worker_process_init)"
        )


class _PerProcess(Generic[S]):
    """What both faces share: the sender for this process (the first built at once, to refuse a wrong setting)."""

    def __init__(
        self,
        build: Callable[[], S],
        *,
        rebuildable: bool = True,
        what: str = "",
        before_send: Callable[[OutgoingRequest], None] | None = None,
    ) -> None:
        self._senders: PerProcess[S] = PerProcess(build)
        self._senders.get()
        self._rebuildable = rebuildable
        self._what = what
        self._before_send = before_send
        self._sent_in: int | None = None  # the process generation that last sent through it

    @property
    def current(self) -> S:
        """This process's sender, built now if this process has none yet."""
        if self._rebuildable:
            return self._senders.get()
        here = generation()
        # A caller's object that an earlier process sent through holds that process's sockets.
        if self._sent_in not in (None, here):
            raise SenderForkedError(self._what)
        self._sent_in = here
        return self._senders.get()


class PerProcessSender(_PerProcess[Sender]):
    """`Sender`, with a sender of its own in each process (see the module's notes)."""

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        if self._before_send is not None:
            self._before_send(request)
        return await self.current.send(request)

    async def aclose(self) -> None:
        sender = self._senders.current()  # the one this process made, if any: never the parent's
        if sender is not None:
            await sender.aclose()


class PerProcessSyncSender(_PerProcess[SyncSender]):
    """`SyncSender`, with a sender of its own in each process (see the module's notes)."""

    def send(self, request: OutgoingRequest) -> ReceivedResponse:
        if self._before_send is not None:
            self._before_send(request)
        return self.current.send(request)

    def close(self) -> None:
        sender = self._senders.current()  # as in `PerProcessSender.aclose`
        if sender is not None:
            sender.close()
